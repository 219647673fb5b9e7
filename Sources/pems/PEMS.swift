import ArgumentParser

/// The `pems` command: global options, then a command.
struct PEMS: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "pems",
        abstract: "Power and process monitoring (工况用电监控) analytics for city environment bureaus.",
        discussion: """
        Loads HJ 212 packets and CSV readings from enterprise meters, checks them against the \
        registry (一企一档), computes baselines, states, anomalies, data quality and VOCs \
        accounting, and writes the exports, Excel reports, charts, briefs and evidence packs. \
        `pems nightly` is the job a schedule runs every night (Jobs/README.md).

        Global options go before or after the command: pems [--store PATH] [--config PATH] <command> …
        The store defaults to the config file's `store`, else ./pems.db; the config to ./pems.yaml if present.

        Exit codes: 0 completed (rejected lines are reported, not failures); 1 could not run; 64 bad usage; \
        the jobs also 3 (published, but a reported day's data is incomplete), 4 (published, but the day's provincial \
        JSON did not reach the province: retry with `pems push`) and 75 (another run holds the store's lock).
        """,
        version: PEMSVersion.display,
        subcommands: [DemoCommand.self, RegistryCommand.self, LoadCommand.self, ComputeCommand.self, ExportCommand.self,
                      ReportCommand.self, BriefCommand.self, EvidenceCommand.self, DossierCommand.self,
                      NightlyCommand.self, WeeklyCommand.self, MonthlyCommand.self, AssessCommand.self, RerunCommand.self,
                      PushCommand.self, AlarmsCommand.self, RunsCommand.self, InspectCommand.self, CompactCommand.self, ReceiveCommand.self, SimulateCommand.self, ConfigCommand.self, BenchCommand.self]
    )

    @OptionGroup var global: GlobalOptions
}
