import ArgumentParser
import Foundation
import PEMSCore

/// Options every command accepts, before or after the command name:
/// `pems [--store PATH] [--config PATH] <command> …`.
struct GlobalOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("The store file (SQLite).", discussion: "Default: the config file's `store`, else ./pems.db.", valueName: "path"))
    var store: String?

    @Option(name: .long, help: ArgumentHelp("Settings file (YAML).", discussion: "Default: ./pems.yaml when it exists, else built-in defaults.", valueName: "path"))
    var config: String?

    /// The effective settings: built-in defaults overlaid with the config file.
    func settings() throws -> Settings {
        if let config { return try SettingsFile.load(path: config) }
        if FileManager.default.fileExists(atPath: "pems.yaml") { return try SettingsFile.load(path: "pems.yaml") }
        return Settings()
    }

    /// The store path: `--store`, else the config's `store`, else ./pems.db.
    func storePath(_ settings: Settings) -> String {
        store ?? settings.store ?? "pems.db"
    }

    /// Opens the store for a command that only reads (`pems runs`, `registry list`): never
    /// migrated, marked, created or written, so it works on a store in a read-only folder and
    /// leaves a store nobody has created yet uncreated (it reads as empty). Takes no lock.
    func openStoreReadOnly(_ settings: Settings) throws -> Store {
        try Store(path: storePath(settings), readOnly: true)
    }

    /// Takes the store's run lock (`<store>.lock`), then opens the store: commands that load,
    /// compute or store results never overlap a job (SPEC §11), so what a job records as the
    /// data it read is what it read. Keep the lock alive for the command's duration. A lock
    /// another run holds throws `StoreLockError.held` (exit 75 through `CommandFailure`).
    /// A file that is not a pems store is refused first, before the lock writes its holder
    /// file beside it.
    func openLockedStore(_ settings: Settings) throws -> (Store, StoreLock) {
        try Store.verify(path: storePath(settings))
        let lock = try StoreLock.acquire(storePath: storePath(settings), command: CommandLine.arguments.joined(separator: " "))
        return (try Store(path: storePath(settings)), lock)
    }
}
