/// One run of consecutive missing slots (SPEC §4: no usable value) of a registered point
/// within one CST day: the periods a platform should request again from the collector
/// (补采, seed 001 §5.5.2). `start` is the first missing slot's start, `end` the start of the
/// first slot after the run (exclusive), both CST; `slots` = (end − start) / S. A point with
/// no usable reading that day has one run over the whole day. Runs are cut at midnight when
/// stored; the gap list joins a run ending at 00:00 with the next day's run starting there.
public struct PointGapRecord: Sendable, Equatable {
    public var date: Day
    public var pointID: String
    public var enterpriseID: String
    /// The collector (数采仪) MN the point reports under.
    public var mn: String
    public var start: Timestamp
    public var end: Timestamp
    public var slots: Int

    public init(date: Day, pointID: String, enterpriseID: String, mn: String, start: Timestamp, end: Timestamp, slots: Int) {
        self.date = date
        self.pointID = pointID
        self.enterpriseID = enterpriseID
        self.mn = mn
        self.start = start
        self.end = end
        self.slots = slots
    }

    /// Stored and listed order: MN, point id, start.
    public static func listOrder(_ a: PointGapRecord, _ b: PointGapRecord) -> Bool {
        (a.mn, a.pointID, a.start) < (b.mn, b.pointID, b.start)
    }
}
