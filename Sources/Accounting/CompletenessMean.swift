import PEMSCore

/// The mean facility completeness (SPEC §4) of some facility-days, added one at a time as
/// they stream: the 数据完整率 of every workbook's title rows, an enterprise's completeness in
/// the 企业运行 and coverage sheets, and a reported day's against `data_quality.completeness_min`
/// (the job's partial-data check). One definition, so every output means the same number by
/// it; sums are taken in the order the rows come, so the bits match wherever the same rows
/// are read in the same order.
public struct CompletenessMean: Sendable {
    public private(set) var sum = 0.0
    public private(set) var count = 0

    public init() {}

    public mutating func add(_ f: FacilityDayRecord) { add(f.completeness) }

    public mutating func add(_ completeness: Double) {
        sum += completeness
        count += 1
    }

    /// The mean; nil without facility-days.
    public var value: Double? { count == 0 ? nil : sum / Double(count) }

    /// The mean of the facility-days of `ids` in `byEnterprise` (a county's, a district's):
    /// their sums and counts added in id order, so the bits do not depend on the set's order;
    /// nil when they have none.
    public static func pooled(_ byEnterprise: [String: CompletenessMean], of ids: some Sequence<String>) -> Double? {
        var pooled = CompletenessMean()
        for id in ids.sorted() {
            guard let m = byEnterprise[id] else { continue }
            pooled.sum += m.sum
            pooled.count += m.count
        }
        return pooled.value
    }
}
