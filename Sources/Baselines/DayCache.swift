import Foundation
import PEMSCore

/// The day cache of one computation (docs/COMPUTE.md, "Look-back and the day cache").
///
/// Computing day D needs 60 days of look-back (SPEC §13.12); decoding those days' series is
/// most of the work. A day read in full (its slot values and point carries) is kept in the
/// store under a key that hashes everything it was computed from: the cache format, the
/// engine version, the registry (its SHA-256), the slot length, and the series of the day
/// and of the next day (a counter-only point's last pair of the day closes with the next
/// day's first reading, SPEC §4). Any change — late data, another registry, another
/// version — gives another key and the day is read again, so a result never depends on the
/// cache. Only days whose next day may be read are cached (never the last day of a period).
public final class DayCache {
    /// What besides the data a cached day depends on: the engine build and the registry.
    public struct Identity: Sendable, Equatable {
        public var engineVersion: String
        public var registrySHA256: String
        public init(engineVersion: String, registrySHA256: String) {
            self.engineVersion = engineVersion
            self.registrySHA256 = registrySHA256
        }
    }


    let store: Store
    let slotMinutes: Int
    let slotsPerDay: Int
    let pointCount: Int
    let keyBase: String
    let fingerprints: [Int: String]
    let facilityCount: Int
    /// The first day the computation steps through: no day before it feeds any θ.
    let streamStart: Day
    /// Days of threshold history a day's θ reads (SPEC §5.2, §8 THRESHOLD_SUSPECT).
    let thresholdWindow: Int
    /// What besides the data a day summary depends on: `keyBase` and the computing settings.
    let summaryKeyBase: String
    /// Days served from the cache and days read and then cached, for the summary.
    public private(set) var hits = 0
    public private(set) var writes = 0
    /// Look-back days taken from their summaries, and summaries written.
    public private(set) var summaryHits = 0
    public private(set) var summaryWrites = 0
    /// Open days finished from their entries, and entries written.
    public private(set) var openHits = 0
    public private(set) var openWrites = 0
    /// Days whose tops were read, and tops written.
    public private(set) var topsHits = 0
    public private(set) var topsWrites = 0

    /// `from`…`to`: the days this computation steps through. Only days before `to` are ever
    /// cached, so the next day a key reads is at most `to`. `fingerprints`: the store's
    /// `seriesFingerprints` of those days when the caller already has them.
    /// The same cache reading through `store` (another connection to the same file), with
    /// counts of its own: for reading ahead on another thread.
    init(_ other: DayCache, store: Store) {
        self.store = store
        slotMinutes = other.slotMinutes
        slotsPerDay = other.slotsPerDay
        pointCount = other.pointCount
        keyBase = other.keyBase
        fingerprints = other.fingerprints
        facilityCount = other.facilityCount
        streamStart = other.streamStart
        thresholdWindow = other.thresholdWindow
        summaryKeyBase = other.summaryKeyBase
    }

    /// A copy on its own read-only connection to the store file, nil for a store that is not
    /// a file (`LookBackReadAhead`).
    public func readingCopy() throws -> DayCache? {
        let path = store.path
        guard !path.isEmpty, path != ":memory:", FileManager.default.fileExists(atPath: path) else { return nil }
        return DayCache(self, store: try Store(path: path, readOnly: true))
    }

    /// `facilityCount`: the registry's facilities (day summaries hold one entry each).
    public init(store: Store, identity: Identity, settings: Settings, pointCount: Int, facilityCount: Int = 0,
                from: Day, to: Day, fingerprints: [Int: String]? = nil) throws {
        self.store = store
        slotMinutes = settings.slotMinutes
        slotsPerDay = SlotClock(minutes: settings.slotMinutes).slotsPerDay
        self.pointCount = pointCount
        self.facilityCount = facilityCount
        // `load.max_abs_value` decides which readings a day's values are made of (SPEC §3).
        keyBase = "day-cache \(DayCacheCodec.formatVersion)\nengine \(identity.engineVersion)\nregistry \(identity.registrySHA256)\nslot \(settings.slotMinutes)\nmax-abs \(settings.loadMaxAbsValue)\n"
        summaryKeyBase = keyBase + "day-summary \(DaySummaryCodec.formatVersion)\n" + SettingsFile.renderComputing(settings)
        streamStart = from
        thresholdWindow = max(settings.thresholdLookbackDays, settings.dqThresholdSuspectDays)
        self.fingerprints = try fingerprints ?? store.seriesFingerprints(from: from, to: to)
    }

    func key(_ day: Day) -> String {
        let text = keyBase + "day \(day.index) \(fingerprints[day.index] ?? "-")\nnext \(fingerprints[day.index + 1] ?? "-")\n"
        return ContentHash.sha256(Array(text.utf8))
    }

    /// The key of `day`'s summary: what its θ and normal days were computed from — the series
    /// of every day from its threshold window's first day (never before the stream's first
    /// day, which no θ of this computation reads past) to the day after it, by day index.
    /// A computation that started later, and so gave the day a shorter threshold history,
    /// has another key (docs/COMPUTE.md "Day summaries").
    func summaryKey(_ day: Day) -> String {
        windowKey(day, kind: "", through: day.index + 1)
    }

    /// The key of an entry of `day` made under the computing settings: `summaryKeyBase`, the
    /// entry's kind (a line naming it and its format; empty for a summary), and the series
    /// fingerprint of every day from the day's threshold window's first day (never before the
    /// stream's first day) to `last`, by day index.
    func windowKey(_ day: Day, kind: String, through last: Int) -> String {
        var text = summaryKeyBase + kind
        let first = max(streamStart.index, day.index - thresholdWindow)
        for d in first...last { text += "day \(d) \(fingerprints[d] ?? "-")\n" }
        return ContentHash.sha256(Array(text.utf8))
    }

    /// The key of `day`'s open entry (`OpenDay`): what its slot values and θ were computed
    /// from — the series of every day from its threshold window's first day to the day itself
    /// (the next day is what finishing it reads; it is not part of the key).
    func openKey(_ day: Day) -> String {
        windowKey(day, kind: "open-day \(OpenDayCodec.formatVersion)\n", through: day.index)
    }

    /// The key of `day`'s tops (`DayTops`): a summary's key, for another kind of entry — the
    /// tops are taken from the same slot values the summary's day was computed from.
    func topsKey(_ day: Day) -> String {
        windowKey(day, kind: "day-tops \(DayTopsCodec.formatVersion)\n", through: day.index + 1)
    }

    /// The entry of `day` in `table` under `key`, decoded; nil when there is none or it cannot
    /// be decoded (an unreadable entry counts as none and is replaced by the next save).
    func entry<T>(_ table: DayEntryTable, _ day: Day, key: String, decode: ([UInt8]) throws -> T) throws -> T? {
        guard let bytes = try store.dayEntry(table, day, slotMinutes: slotMinutes, key: key) else { return nil }
        return try? decode(bytes)
    }

    /// Keeps the entry of `day` in `table` unless it is kept under the same key already (a
    /// period's days are read on every run; writing them again would only cost). Returns
    /// whether it was written.
    func keep(_ table: DayEntryTable, _ day: Day, key: String, encode: () -> [UInt8]) throws -> Bool {
        guard try !store.hasDayEntry(table, day, slotMinutes: slotMinutes, key: key) else { return false }
        try store.saveDayEntry(table, day, slotMinutes: slotMinutes, key: key, data: encode())
        return true
    }

    /// The open entry of `day` kept for the current inputs, or nil.
    public func loadOpen(_ day: Day) throws -> OpenDay? {
        let open = try entry(.open, day, key: openKey(day)) {
            try OpenDayCodec.decode($0, slotsPerDay: slotsPerDay, pointCount: pointCount)
        }
        if open != nil { openHits += 1 }
        return open
    }

    /// Whether an open entry of `day` is kept for the current inputs (without reading it).
    public func hasOpen(_ day: Day) throws -> Bool {
        try store.hasDayEntry(.open, day, slotMinutes: slotMinutes, key: openKey(day))
    }

    /// Keeps `day` as computed without its next day (a period's last day).
    public func saveOpen(_ day: Day, _ open: OpenDay) throws {
        guard pointCount == open.thresholds.count else { return }
        if try keep(.open, day, key: openKey(day), encode: { OpenDayCodec.encode(open, slotsPerDay: slotsPerDay) }) {
            openWrites += 1
        }
    }

    /// The summary of `day` kept for the current inputs, or nil.
    public func loadSummary(_ day: Day) throws -> DaySummary? {
        let summary = try entry(.summary, day, key: summaryKey(day)) {
            try DaySummaryCodec.decode($0, slotsPerDay: slotsPerDay, pointCount: pointCount, facilityCount: facilityCount)
        }
        if summary != nil { summaryHits += 1 }
        return summary
    }

    /// Whether a summary of `day` is kept for the current inputs (without reading it).
    public func hasSummary(_ day: Day) throws -> Bool {
        try store.hasDayEntry(.summary, day, slotMinutes: slotMinutes, key: summaryKey(day))
    }

    /// Keeps the summary of `day` (computed with its next day readable).
    public func saveSummary(_ day: Day, _ summary: DaySummary) throws {
        // A cache made without the registry's facility count (an export's) keeps none: it
        // could not read them back.
        guard facilityCount == summary.normal.count, pointCount == summary.thresholds.count else { return }
        if try keep(.summary, day, key: summaryKey(day), encode: { DaySummaryCodec.encode(summary, slotsPerDay: slotsPerDay) }) {
            summaryWrites += 1
        }
    }

    /// The tops of `day` kept for the current inputs, or nil.
    public func loadTops(_ day: Day) throws -> DayTops? {
        let tops = try entry(.tops, day, key: topsKey(day)) { try DayTopsCodec.decode($0, slotsPerDay: slotsPerDay, pointCount: pointCount) }
        if tops != nil { topsHits += 1 }
        return tops
    }

    /// Whether tops of `day` are kept for the current inputs (without reading them).
    public func hasTops(_ day: Day) throws -> Bool {
        try store.hasDayEntry(.tops, day, slotMinutes: slotMinutes, key: topsKey(day))
    }

    /// Keeps the tops of `day` (taken from its slot values read with its next day readable).
    /// `make` is called only when none are kept yet.
    public func saveTops(_ day: Day, _ make: () -> DayTops) throws {
        let key = topsKey(day)
        guard try !store.hasDayEntry(.tops, day, slotMinutes: slotMinutes, key: key) else { return }
        let tops = make()
        guard tops.points.count == pointCount else { return }
        try store.saveDayEntry(.tops, day, slotMinutes: slotMinutes, key: key, data: DayTopsCodec.encode(tops))
        topsWrites += 1
    }

    /// The cached entry of `day`, or nil when there is none for the current inputs.
    public func load(_ day: Day) throws -> CachedDay? {
        let cached = try entry(.cache, day, key: key(day)) {
            try DayCacheCodec.decode($0, slotsPerDay: slotsPerDay, pointCount: pointCount)
        }
        if cached != nil { hits += 1 }
        return cached
    }

    /// Keeps `day` (read with its next day readable).
    public func save(_ day: Day, _ cached: CachedDay) throws {
        if try keep(.cache, day, key: key(day), encode: { DayCacheCodec.encode(cached, slotsPerDay: slotsPerDay) }) {
            writes += 1
        }
    }
}
