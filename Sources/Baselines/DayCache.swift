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
    /// Days served from the cache and days read and then cached, for the summary.
    public private(set) var hits = 0
    public private(set) var writes = 0

    /// `from`…`to`: the days this computation steps through. Only days before `to` are ever
    /// cached, so the next day a key reads is at most `to`. `fingerprints`: the store's
    /// `seriesFingerprints` of those days when the caller already has them.
    public init(store: Store, identity: Identity, settings: Settings, pointCount: Int, from: Day, to: Day,
                fingerprints: [Int: String]? = nil) throws {
        self.store = store
        slotMinutes = settings.slotMinutes
        slotsPerDay = SlotClock(minutes: settings.slotMinutes).slotsPerDay
        self.pointCount = pointCount
        keyBase = "day-cache \(DayCacheCodec.formatVersion)\nengine \(identity.engineVersion)\nregistry \(identity.registrySHA256)\nslot \(settings.slotMinutes)\n"
        self.fingerprints = try fingerprints ?? store.seriesFingerprints(from: from, to: to)
    }

    func key(_ day: Day) -> String {
        let text = keyBase + "day \(day.index) \(fingerprints[day.index] ?? "-")\nnext \(fingerprints[day.index + 1] ?? "-")\n"
        return ContentHash.sha256(Array(text.utf8))
    }

    /// The cached entry of `day`, or nil when there is none for the current inputs (an
    /// unreadable entry counts as none and is replaced by the next `save`).
    public func load(_ day: Day) throws -> CachedDay? {
        guard let bytes = try store.cachedDay(day, slotMinutes: slotMinutes, key: key(day)),
              let cached = try? DayCacheCodec.decode(bytes, slotsPerDay: slotsPerDay, pointCount: pointCount)
        else { return nil }
        hits += 1
        return cached
    }

    /// Keeps `day` (read with its next day readable), unless it is already kept under the
    /// same key (a period's days are read on every run; writing them again would only cost).
    public func save(_ day: Day, _ cached: CachedDay) throws {
        let key = key(day)
        guard try !store.hasCachedDay(day, slotMinutes: slotMinutes, key: key) else { return }
        try store.saveCachedDay(day, slotMinutes: slotMinutes, key: key,
                                data: DayCacheCodec.encode(cached, slotsPerDay: slotsPerDay))
        writes += 1
    }
}
