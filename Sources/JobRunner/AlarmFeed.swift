import Charts
import Foundation
import PEMSCore

/// The alarm feed of a reported day (seed 001 §4.2 告警, seed 003 附件4 推送; Jobs/README.md
/// "The alarm feed"): `alarms/alarms_D.jsonl`, one `AlarmLine` per event that is new, still
/// open or closed since the feed of D − 1 — the day the previous nightly run reported.
///
/// It reads stored events only (no computation): the events of D's own computation (`[D, D]`,
/// what the nightly run just computed or reused) and those of D − 1's newest single-day
/// computation (`Store.latestComputation`), so it costs two small queries and the same inputs
/// give the same bytes whether the nightly run or a rerun writes it.
///
/// - An event of D (overlapping D) whose key (`EventID`: rule, facility, start) is not among
///   the events of D − 1 is `new`; one that is, is `open` when it runs to D's 24:00 (`ongoing`)
///   and `closed` otherwise.
/// - An event of D − 1 that ran to D − 1's 24:00 but is not among D's events (it ended at
///   D's 00:00; STOP_VIOLATION events end with their day) is `closed`, its line made from the
///   D − 1 record and evidence page.
/// Lines are sorted by rule, enterprise, facility and start (SPEC §12 events.csv order).
public enum AlarmFeed {
    /// The lines of day `day`: `events` are those of `day`'s computation (all of them; the
    /// ones overlapping the day are taken), `previous` those of D − 1's (empty when none is stored).
    public static func lines(day: Day, events: [EventRecord], previous: [EventRecord], registry: Registry) -> [AlarmLine] {
        let today = EvidencePack.select(events, day: day)
        let yesterday = EvidencePack.select(previous, day: day.adding(days: -1))
        let pagesToday = pages(today), pagesYesterday = pages(yesterday)
        let before = Set(yesterday.map(EventID.of))
        let now = Set(today.map(EventID.of))
        var out: [AlarmLine] = []
        for e in today {
            let going = ongoing(e, day: day)
            let state: AlarmState = before.contains(EventID.of(e)) ? (going ? .open : .closed) : .new
            out.append(line(day: day, state: state, event: e, ongoing: going, evidenceDay: day,
                            page: pagesToday[EventID.of(e)] ?? 0, registry: registry))
        }
        for e in yesterday where ongoing(e, day: day.adding(days: -1)) && !now.contains(EventID.of(e)) {
            out.append(line(day: day, state: .closed, event: e, ongoing: false, evidenceDay: day.adding(days: -1),
                            page: pagesYesterday[EventID.of(e)] ?? 0, registry: registry))
        }
        return out.sorted { EventRecord.exportOrder($0.event, $1.event) }
    }

    /// Whether `e`, as computed for `day`, runs to the day's 24:00 — the end of the data its
    /// computation read (SPEC §13.12) — and so may go on. STOP_VIOLATION events never cross
    /// midnight (SPEC 2 §7): one ending at 24:00 has ended.
    static func ongoing(_ e: EventRecord, day: Day) -> Bool {
        e.rule != .stopViolation && e.end >= day.adding(days: 1).start
    }

    /// The page of each event in the day's evidence pack (`EvidencePack`: the events
    /// overlapping the day, by event number), 1-based.
    static func pages(_ events: [EventRecord]) -> [String: Int] {
        var out: [String: Int] = [:]
        for (i, id) in events.map(EventID.of).sorted().enumerated() { out[id] = i + 1 }
        return out
    }

    static func line(day: Day, state: AlarmState, event e: EventRecord, ongoing: Bool, evidenceDay: Day, page: Int,
                     registry: Registry) -> AlarmLine {
        let ent = registry.enterprise(id: e.enterpriseID)
        let folder = OutputLayout.folder(of: .day(evidenceDay))
        return AlarmLine(day: day, state: state, event: e, ongoing: ongoing, enterpriseName: ent?.name,
                         districtCode: ent?.districtCode,
                         districtName: ent.flatMap { registry.district(code: $0.districtCode)?.name },
                         facilityName: e.facilityID.flatMap { registry.facility(id: $0)?.name },
                         evidencePDF: "\(folder)/evidence-\(evidenceDay).pdf", evidencePage: page,
                         evidencePNG: "\(folder)/evidence-\(FileName.safe(EventID.of(e))).png")
    }

    /// The file's bytes: one line per alarm, each ending in a line feed (empty when none).
    public static func text(_ lines: [AlarmLine]) -> String {
        lines.map { $0.json + "\n" }.joined()
    }

    /// The lines of `day` from the store: the events of computation `computation` (the day's
    /// own, `[D, D]`; nil: the newest stored one) and of D − 1's newest single-day computation.
    /// Throws when `day` has no stored computation of its own.
    public static func read(day: Day, computation: Int? = nil, store: Store, registry: Registry) throws -> [AlarmLine] {
        guard let id = try computation ?? store.latestComputation(from: day, to: day)?.id else {
            throw JobError.noDayComputation(day)
        }
        let previousDay = day.adding(days: -1)
        let previous = try store.latestComputation(from: previousDay, to: previousDay).map { try store.events(of: $0.id) } ?? []
        return lines(day: day, events: try store.events(of: id), previous: previous, registry: registry)
    }

    /// What `pems alarms --since RUN` prints: the feed of every day reported by the nightly runs
    /// after `run` that published their files (status succeeded or partial), each day once,
    /// oldest first, read as `read(day:)` reads it. `run` must be a nightly run of the ledger.
    public static func since(_ run: RunID, store: Store) throws -> Since {
        guard let record = try store.run(run) else { throw JobError.alarmsSince(run: run.rawValue, store: store.path, command: nil) }
        guard record.command == JobKind.nightly.rawValue else {
            throw JobError.alarmsSince(run: run.rawValue, store: store.path, command: record.command)
        }
        let runs = try store.runs().filter {
            $0.id.rawValue > run.rawValue && $0.command == JobKind.nightly.rawValue && ($0.status == .succeeded || $0.status == .partial)
        }
        var days: Set<Day> = []
        for r in runs {
            guard let from = r.parameters["from"].flatMap(Day.init), let to = r.parameters["to"].flatMap(Day.init), from <= to else {
                throw JobError.badRange("run \(r.id) records no reported days (parameters \(r.parameterText))")
            }
            var d = from
            while d <= to {
                days.insert(d)
                d = d.adding(days: 1)
            }
        }
        var out = Since(days: days.sorted(), lines: [], newestRun: runs.map(\.id.rawValue).max())
        for d in out.days {
            let (_, registry) = try store.registry(for: d)
            out.lines += try read(day: d, store: store, registry: registry)
        }
        return out
    }

    /// The answer of `since`: the days, their lines in day order, and the newest run included
    /// (nil: no nightly run after the one given has published) — the next `--since`.
    public struct Since: Sendable {
        public var days: [Day]
        public var lines: [AlarmLine]
        public var newestRun: Int?
    }

    /// Writes `alarms/alarms_D.jsonl` under `root` (a run's staging folder); returns the file.
    @discardableResult
    public static func write(_ lines: [AlarmLine], day: Day, under root: URL) throws -> URL {
        let url = root.appendingPathComponent(OutputLayout.alarmFile(day))
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text(lines).utf8).write(to: url)
        return url
    }
}
