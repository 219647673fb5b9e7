import ArgumentParser
import PEMSCore

/// `pems config` — the effective settings, one `key: value` per line.
struct ConfigCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "config",
        abstract: "Print the effective settings (defaults overlaid with the config file).",
        discussion: """
        The output is itself a valid settings file. Keys are SPEC's names; `--explain` adds \
        what each one means as comments.

        Examples:
          pems config > pems.yaml          # start a config file from the defaults
          pems --config site.yaml config   # check what a file changes
        """)

    @OptionGroup var global: GlobalOptions

    @Flag(name: .long, help: "Add a comment line explaining each key.")
    var explain = false

    func run() throws {
        try CommandFailure.run {
            let s = try global.settings()
            if explain {
                print(SettingsFile.renderExplained(s), terminator: "")
            } else {
                print(SettingsFile.render(s), terminator: "")
            }
        }
    }
}
