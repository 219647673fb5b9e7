import ArgumentParser

/// The `pems` command: global options, then a command.
struct PEMS: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "pems",
        abstract: "Power and process monitoring (工况用电监控) analytics for city environment bureaus.",
        discussion: """
        Loads HJ 212 packets and CSV readings from enterprise meters, checks them against the \
        registry (一企一档), and (in later versions) computes baselines, anomalies and reports.

        Global options go before or after the command: pems [--store PATH] [--config PATH] <command> …
        The store defaults to the config file's `store`, else ./pems.db; the config to ./pems.yaml if present.

        Exit codes: 0 completed (rejected lines are reported, not failures); 1 could not run; 64 bad usage.
        """,
        version: PEMSVersion.current,
        subcommands: [DemoCommand.self, RegistryCommand.self, LoadCommand.self, ComputeCommand.self, ExportCommand.self,
                      ReportCommand.self, BriefCommand.self, EvidenceCommand.self, InspectCommand.self, ConfigCommand.self,
                      RunsCommand.self, BenchCommand.self]
    )

    @OptionGroup var global: GlobalOptions
}
