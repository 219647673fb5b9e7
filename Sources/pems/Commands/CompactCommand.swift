import ArgumentParser
import Foundation
import PEMSCore

/// `pems compact` — rewrites the store in order (docs/STORE.md "Page size").
struct CompactCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "compact",
        abstract: "Rewrite the store in order, with 16 KiB pages, so that reading it from disk is fast again.",
        discussion: """
        A store whose day-cache entries were replaced many times (engine upgrades, late data) \
        has each blob's pages scattered through the file; computing a day whose store is not \
        in the page cache then takes several times longer (docs/STORE.md, "Page size"). This \
        command copies the store in order into a new file beside it (SQLite VACUUM INTO, 16 \
        KiB pages), checks the copy (integrity check, schema version) and puts it in place. \
        Nothing stored changes.

        It takes the store lock: while a job holds it, compact stops at once and names the \
        job; while compact runs, no job starts. Run it between two nights. It needs free disk \
        for a second copy of the store (checked first); a 10 GB store took 85 s on this \
        project's machine. On any failure the store is left as it was.

        Output: the store's size and page size before and after.

        Examples:
          pems compact
          pems --store /var/lib/pems/pems.db compact
        """)

    @OptionGroup var global: GlobalOptions

    func run() throws {
        try CommandFailure.run {
            let settings = try global.settings()
            let path = global.storePath(settings)
            try Store.verify(path: path)
            let lock = try StoreLock.acquire(storePath: path, command: CommandLine.arguments.joined(separator: " "))
            defer { lock.release() }
            let started = Date()
            let c = try Store.compact(path: path)
            print("store: \(path)")
            print("bytes_before: \(c.bytesBefore)")
            print("bytes_after: \(c.bytesAfter)")
            print("page_size_before: \(c.pageSizeBefore)")
            print("page_size_after: \(c.pageSizeAfter)")
            print("seconds: \(String(format: "%.1f", Date().timeIntervalSince(started)))")
        }
    }
}
