import Accounting
import ArgumentParser
import Baselines
import Foundation
import PEMSCore
import Reports

/// `pems export --from D1 --to D2 --out DIR` — the machine-readable CSV exports of SPEC §12.
struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Write the SPEC §12 CSV exports for a period.",
        discussion: """
        Writes events.csv, facility_day.csv, enterprise_day.csv, district_day.csv, dq.csv, \
        allocation.csv, reduction.csv and revisions.csv (every reading of the period a later load \
        replaced with another value) (UTF-8, header row, sorted by their key columns, times \
        YYYY-MM-DD HH:MM:SS, rates as fractions) and evidence.jsonl (one JSON object per event \
        with the numbers that made it fire) into DIR. The files appear together once all are \
        written: a failure or a kill leaves none of them and DIR's old files as they were. The \
        summary adds the VOCs totals, allocation shortfalls and outlet deviations (SPEC §9).

        --hourly adds the hourly and daily data tables of every electrical point (production, \
        treatment and total meters), from the same slot values as the facility energy (SPEC §4): \
        point_hour.csv (date, hour, point_id, enterprise_id, energy_kwh, mean_kw, completeness: \
        each CST hour 0-23, kWh over its present slots, their mean kW, present slots / slots) \
        and point_day.csv (date, point_id, enterprise_id, energy_kwh, mean_kw, max_kw, \
        completeness: the day's kWh = the sum of its hours, mean and largest slot kW). A \
        point-day without data is listed with 0 kWh and completeness 0. Definitions: \
        docs/COMPUTE.md.

        Uses the stored computation of exactly this period when its inputs are unchanged; \
        otherwise computes the period first (as `pems compute` would) and stores it.

        Examples:
          pems export --from 2026-07-01 --to 2026-07-31 --out out/2026-07
          pems --store city.db export --from 2026-07-05 --out /tmp/day
          pems export --from 2026-07-01 --to 2026-07-31 --hourly --out out/2026-07
        """)

    @OptionGroup var global: GlobalOptions
    @OptionGroup var period: PeriodOptions

    @Option(name: .long, help: ArgumentHelp("Folder to write the files into (created if needed).", valueName: "dir"))
    var out: String

    @Flag(name: .long, help: "Also write point_hour.csv and point_day.csv (each electrical point's hours and days).")
    var hourly = false

    func run() throws {
        try CommandFailure.run {
            let settings = try global.settings()
            let (store, lock) = try global.openLockedStore(settings)
            defer { lock.release() }
            let output = CommandOutput(path: out, command: "export")
            // The stored rows stream into the files (a city-scale month is not loaded whole).
            let outcome = try PeriodRun.outcome(store: store, settings: settings, from: period.from, to: period.last, bytes: true)
            let written = try output.write { dir in
                var urls = try MachineExports.write(rows: outcome.rows, to: dir)
                if hourly { urls += try writeHourly(to: dir, store: store, settings: settings, series: outcome.seriesFingerprints) }
                return urls
            }
            print(try ComputeSummary.streamedText(outcome), terminator: "")
            for url in written { Terminal.line("wrote: \(output.published(url).path)") }
        }
    }

    /// `point_hour.csv` and `point_day.csv` of the period, read day by day with the registry
    /// the period was computed with: from the day cache the computation filled where it
    /// holds a day, else from the stored series. `series`: the store's series summaries the
    /// computation scanned (the cache's keys; not scanned again).
    func writeHourly(to dir: URL, store: Store, settings: Settings, series: [Int: String]) throws -> [URL] {
        let (info, registry) = try StoredComputation.registry(store: store, for: period.last)
        let cache = try DayCache(store: store, identity: DayCache.Identity(engineVersion: PEMSVersion.engine, registrySHA256: info.sha256),
                                 settings: settings, pointCount: registry.points.count, from: period.from, to: period.last,
                                 fingerprints: series)
        let bar = ProgressBar(label: "hourly", bytes: false)
        defer { bar.finish() }
        let days = period.last.index - period.from.index + 1
        var shown: Day?
        return try PointHourExport.write(to: dir) { sink in
            try PointHourTable.read(store: store, registry: registry, settings: settings, from: period.from,
                                    to: period.last, cache: cache) { day, hours in
                if shown != day.date { shown = day.date; bar.update(day.date.index - period.from.index, days) }
                try sink(day, hours)
            }
        }
    }
}
