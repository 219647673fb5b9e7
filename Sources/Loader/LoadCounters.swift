import PEMSCore

/// What loading one file found. Every line read ends up in exactly one of: a packet (its
/// readings stored), a rejected line (counted by reason, first examples kept), an ignored
/// response (CN 9xxx), or a packet from an unknown MN (kept aside). Values of a known MN under
/// a code the registry does not know are kept aside with their line (SPEC §13.37); dropped
/// values inside accepted packets are counted by reason. Nothing is lost silently (SPEC §3.3).
public struct LoadCounters: Sendable, Equatable {
    /// Physical lines in the file (a final line without a line end counts; a trailing line end
    /// adds none). For CSV, a line end is LF, CR LF or a lone CR; a record with quoted line
    /// breaks counts its lines.
    public var lines = 0
    /// Lines loaded as data packets (or CSV rows).
    public var packets = 0
    /// Values stored (before de-duplication against the store).
    public var readings = 0
    /// Rejected lines by reason code (`bad_crc`, `bad_length`, …).
    public var rejected: [String: Int] = [:]
    /// Rejected lines whose MN could be read (a well-formed HJ 212 MN), by MN: the 传输情况
    /// sheet gives them to the MN's district; the others belong to the city only.
    public var rejectedByMN: [String: Int] = [:]
    /// Values dropped from accepted packets by reason (`bad_value`, `value_out_of_range`,
    /// `unused_param`, `no_param`).
    public var dropped: [String: Int] = [:]
    /// Values of a known MN under a code the registry does not know: kept aside with their
    /// line, loaded when a registry version knows the code (SPEC §13.37).
    public var keptAsideReadings = 0
    /// CN 9xxx response/notification lines, ignored (SPEC §3.1).
    public var responses = 0
    /// Packets with a bad CRC loaded anyway under `crc_policy: warn`.
    public var crcWarnings = 0
    /// Packets from MNs the registry does not know, by MN and day.
    public var unknownMN: [UnknownMNKey: Int] = [:]
    /// Protocol versions seen ("2005", "2017", "2025", "unknown").
    public var versions: [String: Int] = [:]
    /// Readings re-sent with the same value (within the file and against the store).
    public var duplicates = 0
    /// Readings re-sent with a different value; the later one replaced the earlier.
    public var conflicts = 0
    /// Readings per day.
    public var readingsByDay: [Int: Int] = [:]
    public var conflictsByDay: [Int: Int] = [:]
    public var firstData: Timestamp? = nil
    public var lastData: Timestamp? = nil

    public init() {}

    public var rejectedLines: Int { rejected.values.reduce(0, +) }
    public var droppedValues: Int { dropped.values.reduce(0, +) }
    public var unknownMNPackets: Int { unknownMN.values.reduce(0, +) }

    mutating func noteTime(_ t: Timestamp) {
        if firstData.map({ t < $0 }) ?? true { firstData = t }
        if lastData.map({ t > $0 }) ?? true { lastData = t }
    }

    public static func += (a: inout LoadCounters, b: LoadCounters) {
        a.lines += b.lines
        a.packets += b.packets
        a.readings += b.readings
        a.rejected.merge(b.rejected, uniquingKeysWith: +)
        a.rejectedByMN.merge(b.rejectedByMN, uniquingKeysWith: +)
        a.dropped.merge(b.dropped, uniquingKeysWith: +)
        a.keptAsideReadings += b.keptAsideReadings
        a.responses += b.responses
        a.crcWarnings += b.crcWarnings
        a.unknownMN.merge(b.unknownMN, uniquingKeysWith: +)
        a.versions.merge(b.versions, uniquingKeysWith: +)
        a.duplicates += b.duplicates
        a.conflicts += b.conflicts
        a.readingsByDay.merge(b.readingsByDay, uniquingKeysWith: +)
        a.conflictsByDay.merge(b.conflictsByDay, uniquingKeysWith: +)
        if let f = b.firstData { a.noteTime(f) }
        if let l = b.lastData { a.noteTime(l) }
    }
}

/// An unknown MN on a day (day = nil when the packet had no usable DataTime).
public struct UnknownMNKey: Hashable, Sendable, Comparable {
    public var mn: String
    public var day: Int?
    public static func < (a: UnknownMNKey, b: UnknownMNKey) -> Bool {
        (a.mn, a.day ?? -1) < (b.mn, b.day ?? -1)
    }
}
