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

    @OptionGroup var logging: LogLevelOption

    var level: Logger.Level { logging.level }
}
