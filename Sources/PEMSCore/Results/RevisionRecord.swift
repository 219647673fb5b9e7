/// One replaced reading read back from the store (SPEC §12 `revisions.csv`, §13.35; seed 001
/// §4.2 "原始数据暂不允许修约"): which reading, the value it had and the value that replaced it,
/// and which load brought the new value.
///
/// Times are CST wall-clock (UTC+08:00). Values are in the parameter's unit: kW for `Pt` and
/// `Pa`…`Pc`, kWh for `Ept`, V for `Ua`…`Uc`, A for `Ia`…`Ic`, the sensor's unit for `Rtd`.
public struct RevisionRecord: Equatable, Sendable {
    /// The reading's time (its DataTime, CST).
    public var time: Timestamp
    /// The data collector's MN and the factor code of the point.
    public var mn: String
    public var code: String
    /// The parameter as §13.35 names it: the stored name (`Pt`, `Ept`, `Pa`…`Ic`), `Rtd` for a
    /// sensor's value (stored as `Val`), with `-Hour` for CN 2061 values and `-Day` for CN 2031.
    public var param: String
    public var oldValue: Double
    public var newValue: Double
    /// HJ 212 data flags (`N`, `F`, `M`, `S`, `D`, `C`, `T`, `B`) of the old and new reading.
    public var oldFlag: String
    public var newFlag: String
    /// The file that brought the new value (as the ledger records it; a replay of kept-aside
    /// lines is named `(kept aside: …)`), and when that load ran (CST).
    public var filePath: String
    public var loadedAt: Timestamp
    /// `revisions.revision_id`: the load order, which orders two revisions of one reading.
    public var loadOrder: Int

    public init(time: Timestamp, mn: String, code: String, param: String, oldValue: Double, newValue: Double,
                oldFlag: String, newFlag: String, filePath: String, loadedAt: Timestamp, loadOrder: Int) {
        self.time = time
        self.mn = mn
        self.code = code
        self.param = param
        self.oldValue = oldValue
        self.newValue = newValue
        self.oldFlag = oldFlag
        self.newFlag = newFlag
        self.filePath = filePath
        self.loadedAt = loadedAt
        self.loadOrder = loadOrder
    }

    /// The §13.35 name of stored parameter `stored` of CN `cn`.
    public static func paramName(stored: String, cn: Int) -> String {
        let base = stored == "Val" ? "Rtd" : stored
        switch cn {
        case 2061: return base + "-Hour"
        case 2031: return base + "-Day"
        default: return base
        }
    }

    /// SPEC §12 key order: mn, code, param, time, then load order.
    public static func exportOrder(_ a: RevisionRecord, _ b: RevisionRecord) -> Bool {
        if a.mn != b.mn { return a.mn < b.mn }
        if a.code != b.code { return a.code < b.code }
        if a.param != b.param { return a.param < b.param }
        if a.time != b.time { return a.time < b.time }
        return a.loadOrder < b.loadOrder
    }
}
