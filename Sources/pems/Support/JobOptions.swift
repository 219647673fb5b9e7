import ArgumentParser
import Foundation
import Logging

/// Options every job command (nightly, weekly, monthly, rerun) takes.
struct JobOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("Folder the job writes under (see Jobs/README.md for the layout).",
                                            discussion: "Default: the config file's `out`, else ./out.", valueName: "dir"))
    var out: String?

    @Option(name: .long, help: ArgumentHelp("Folder of report templates (default: ./ReportTemplates, else the one above the executable).", valueName: "dir"))
    var templates: String?

    @Option(name: .long, help: ArgumentHelp("trace, debug, info, notice, warning, error or critical.",
                                            discussion: "Default: info on a terminal, warning otherwise (quiet under cron).",
                                            valueName: "level"))
    var logLevel: String?

    func validate() throws {
        if let logLevel, Logger.Level(rawValue: logLevel) == nil {
            throw ValidationError("--log-level must be one of \(Logger.Level.allCases.map(\.rawValue).joined(separator: ", ")) (got '\(logLevel)')")
        }
    }

    var level: Logger.Level {
        logLevel.flatMap(Logger.Level.init(rawValue:)) ?? (Terminal.stderrIsTTY ? .info : .warning)
    }
}
