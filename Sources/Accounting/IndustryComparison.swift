import PEMSCore

/// An enterprise's emission intensity against its industry's (SPEC §9.6 same-industry
/// comparison).
public struct IndustryComparisonRow: Sendable, Equatable {
    public var enterpriseID: String
    public var industry: Industry
    /// kg of VOCs emitted per kWh of production energy; nil without production energy.
    public var emittedKgPerKWh: Double?
    /// The median of that value over the industry's enterprises that have one.
    public var industryMedian: Double?
    /// value / median; nil when either is missing or the median is 0.
    public var ratioToMedian: Double?
    /// Enterprises of the industry with a value (the median's sample).
    public var peers: Int
}

public enum IndustryComparison {
    /// The median (the mean of the two middle values for an even count); nil when empty.
    public static func median(_ values: [Double]) -> Double? {
        guard !values.isEmpty else { return nil }
        let s = values.sorted()
        let m = s.count / 2
        return s.count % 2 == 1 ? s[m] : (s[m - 1] + s[m]) / 2
    }

    /// Compares each enterprise of one bucket's enterprise totals with its industry's median,
    /// sorted by enterprise id.
    public static func compare(_ enterprises: [AccountingTotals], registry: Registry) -> [IndustryComparisonRow] {
        var byIndustry: [Industry: [Double]] = [:]
        var rows: [(String, Industry, Double?)] = []
        for t in enterprises where t.level == .enterprise {
            guard let e = registry.enterprise(id: t.code) else { continue }
            let v = t.emittedKgPerKWh
            if let v { byIndustry[e.industry, default: []].append(v) }
            rows.append((t.code, e.industry, v))
        }
        return rows.sorted { $0.0 < $1.0 }.map { id, industry, v in
            let sample = byIndustry[industry] ?? []
            let m = median(sample)
            var ratio: Double?
            if let v, let m, m != 0 { ratio = v / m }
            return IndustryComparisonRow(enterpriseID: id, industry: industry, emittedKgPerKWh: v, industryMedian: m,
                                         ratioToMedian: ratio, peers: sample.count)
        }
    }
}
