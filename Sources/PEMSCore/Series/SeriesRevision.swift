/// One reading of a series replaced by a later one with a different value (SPEC §3.3
/// conflicts, §13.35; seed 001 §4.2 "原始数据暂不允许修约": nothing changes without a trace).
///
/// `time` is seconds since 00:00 CST of the series' day; values are in the parameter's unit
/// (kW, kWh, V, A, the sensor's unit); flags are HJ 212 data flags as ASCII bytes. A change
/// of flag alone is not a revision, nor is the same value written with more or fewer
/// decimals (41.50 = 41.5): values are compared as numbers.
public struct SeriesRevision: Equatable, Sendable {
    public var time: Int32
    public var oldValue: Double
    public var oldFlag: UInt8
    public var newValue: Double
    public var newFlag: UInt8
    /// On the first change inside one batch at its time: the flag the batch's first value there
    /// arrived with (a flag-only re-send may have changed it before this change), so a merge
    /// links the stored reading to that first value exactly. Not part of the revision itself.
    var batchFirstFlag: UInt8? = nil

    public init(time: Int32, oldValue: Double, oldFlag: UInt8, newValue: Double, newFlag: UInt8) {
        self.time = time
        self.oldValue = oldValue
        self.oldFlag = oldFlag
        self.newValue = newValue
        self.newFlag = newFlag
    }

    public static func == (a: SeriesRevision, b: SeriesRevision) -> Bool {
        a.time == b.time && a.oldValue == b.oldValue && a.oldFlag == b.oldFlag && a.newValue == b.newValue
            && a.newFlag == b.newFlag
    }
}
