import Accounting
import ArgumentParser
import Foundation
import PEMSCore

/// `pems compute --from D1 --to D2` — slot values, thresholds, states, baselines, events and
/// data quality and accounting for a period (SPEC §4–§9), stored with the settings used.
struct ComputeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "compute",
        abstract: "Compute states, baselines, events, data quality and accounting for a period and store them.",
        discussion: """
        Reads the loaded readings and the registry in force on the period's last day, and computes \
        SPEC §4–§9 for every day of the period. Earlier days are read as look-back (thresholds 14 \
        days, baselines 60, events `event_lookback_days`, activated carbon back to the last \
        replacement); data after the period is never read, so a period's result does not change \
        when later data arrives.

        The result is stored with the effective settings, the registry version, the engine version \
        and a fingerprint of the inputs; `pems export` for the same period reuses it while the \
        fingerprint matches.

        Look-back days are read from the store's day cache when an earlier computation kept them \
        (slot values keyed by the data, registry, slot length and engine version, so a cached day \
        gives the same result as a fresh read); `--no-day-cache` reads every day from the series.

        Output: `key: value` lines — facility-days, events by rule, findings by check, VOCs \
        generated and emitted, allocation shortfalls, outlet deviations, seconds, facility-days/s.

        Examples:
          pems compute --from 2026-07-01 --to 2026-07-31
          pems --config pems.yaml compute --from 2026-07-05
        """)

    @OptionGroup var global: GlobalOptions
    @OptionGroup var period: PeriodOptions

    @Flag(name: .long, help: "Read every look-back day from the stored series; neither use nor fill the day cache.")
    var noDayCache = false

    func run() throws {
        try CommandFailure.run {
            let settings = try global.settings()
            let (store, lock) = try global.openLockedStore(settings)
            defer { lock.release() }
            let outcome = try PeriodRun.outcome(store: store, settings: settings, from: period.from, to: period.last,
                                                reuse: false, useDayCache: !noDayCache)
            print(try ComputeSummary.text(outcome), terminator: "")
        }
    }
}

/// The `key: value` summary of a computation.
enum ComputeSummary {
    static func text(_ o: StoredComputation.Outcome) throws -> String {
        let r = try o.result()
        var findings: [DQCheck: Int] = [:]
        for d in r.dq { findings[d.check, default: 0] += 1 }
        return text(o.computationID, reused: o.reused, seconds: o.seconds, rows: PeriodRows(r),
                    facilityDays: r.facilityDays.count, findings: findings, accounting: PeriodAccounting(r),
                    cache: CacheCounts(r))
    }

    /// The summary of a period whose rows may be in the store (export): counted and summed
    /// as they stream.
    static func streamedText(_ o: StoredComputation.Outcome) throws -> String {
        let computed = o.reused ? nil : try o.result()   // just computed: in memory already
        return text(o.computationID, reused: o.reused, seconds: o.seconds, rows: o.rows, facilityDays: try o.rows.facilityDayCount(),
                    findings: try o.rows.findingCounts(), accounting: try PeriodAccounting(rows: o.rows),
                    cache: computed.map(CacheCounts.init) ?? CacheCounts())
    }

    static func text(_ computationID: Int, reused: Bool, seconds: Double, rows r: PeriodRows, facilityDays: Int,
                     findings: [DQCheck: Int], accounting a: PeriodAccounting, cache: CacheCounts) -> String {
        var s = "period: \(r.from) … \(r.to)\n"
        s += "computation: \(computationID)\(reused ? " (reused: inputs unchanged)" : "")\n"
        s += "registry_version: \(r.registryVersion.map(String.init) ?? "-")\n"
        s += "streamed_from: \(r.streamedFrom)\n"
        s += "facility_days: \(facilityDays)\n"
        s += "facility_days_computed: \(r.facilityDaysComputed)\n"
        if !reused {
            s += "day_cache_hits: \(cache.hits)\nday_cache_writes: \(cache.writes)\n"
            s += "day_summary_hits: \(cache.summaryHits)\nday_summary_writes: \(cache.summaryWrites)\n"
            s += "open_day_hits: \(cache.openHits)\nopen_day_writes: \(cache.openWrites)\n"
            s += "day_tops_hits: \(cache.topsHits)\nday_tops_writes: \(cache.topsWrites)\n"
            s += "thresholds_read_whole: \(cache.unsettled)\n"
        }
        s += "events: \(r.events.count)\n"
        for rule in AnomalyRule.allCases {
            let n = r.events.filter { $0.rule == rule }.count
            if n > 0 { s += "events.\(rule.rawValue): \(n)\n" }
        }
        s += "findings: \(findings.values.reduce(0, +))\n"
        for check in DQCheck.allCases {
            let n = findings[check] ?? 0
            if n > 0 { s += "findings.\(check.rawValue): \(n)\n" }
        }
        s += accounting(a)
        s += "seconds: \(String(format: "%.2f", seconds))\n"
        if !reused, seconds > 0 {
            s += "facility_days_per_second: \(Int((Double(r.facilityDaysComputed) / seconds).rounded()))\n"
        }
        if let peak = PeakMemory.bytes() { s += "peak_memory_mb: \(peak / 1_048_576)\n" }
        return s
    }

    /// What a computation took from (and kept in) the store's day cache, day summaries, open
    /// days and day tops (docs/COMPUTE.md).
    struct CacheCounts {
        var hits = 0, writes = 0, summaryHits = 0, summaryWrites = 0, openHits = 0, openWrites = 0
        var topsHits = 0, topsWrites = 0, unsettled = 0

        init() {}

        init(_ r: ComputationResult) {
            hits = r.dayCacheHits
            writes = r.dayCacheWrites
            summaryHits = r.daySummaryHits
            summaryWrites = r.daySummaryWrites
            openHits = r.openDayHits
            openWrites = r.openDayWrites
            topsHits = r.dayTopsHits
            topsWrites = r.dayTopsWrites
            unsettled = r.unsettledThresholds
        }
    }

    /// SPEC §9: the period's VOCs totals, the allocation shortfalls (§13.21: reported in the
    /// run's summary), outlet deviations and activated-carbon facility-days due.
    static func accounting(_ a: PeriodAccounting) -> String {
        let n = ExportNumber.format
        let days = a.rollup.totals(.city, per: .day)
        var s = "generated_kg: \(n(days.reduce(0) { $0 + $1.generatedKg }))\n"
        s += "emitted_kg: \(n(days.reduce(0) { $0 + $1.emittedKg }))\n"
        for f in a.shortfalls {
            s += "allocation_shortfall.\(f.responseID).\(f.districtCode): \(n(f.shortfallKgPerDay)) kg/day "
                + "(target \(n(f.targetKgPerDay)), caps \(n(f.capacityKgPerDay)))\n"
        }
        s += "outlet_deviations: \(a.outletDeviations.count)\n"
        return s
    }
}
