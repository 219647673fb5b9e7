import ArgumentParser
import Logging

/// `--log-level`, as the jobs and `pems push` take it: quiet under cron unless asked.
/// (`pems receive` has its own: a daemon under systemd logs at info by default.)
struct LogLevelOption: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("trace, debug, info, notice, warning, error or critical.",
                                            discussion: "Default: info on a terminal, warning otherwise (quiet under cron).",
                                            valueName: "level"))
    var logLevel: String?

    func validate() throws {
        if let logLevel, Logger.Level(rawValue: logLevel) == nil {
            throw ValidationError("--log-level must be one of \(Logger.Level.allCases.map(\.rawValue).joined(separator: ", ")) (got '\(logLevel)')")
        }
    }

    /// The level asked for; else info on a terminal, warning otherwise.
    var level: Logger.Level {
        logLevel.flatMap(Logger.Level.init(rawValue:)) ?? (Terminal.stderrIsTTY ? .info : .warning)
    }
}
