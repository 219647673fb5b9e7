import Baselines
import PEMSCore

/// The missing-slot runs of every registered point on one CST day (SPEC §4: a slot with no
/// usable value is missing — the same slots that make a point's completeness below 1, so a
/// point's runs add up to slots-per-day minus its present slots). Sensors and total meters
/// count as any point (§8 NO_DATA and COMPLETENESS look at every point). These are the
/// periods a platform should request again from the collector (补采, seed 001 §5.5.2).
public enum PointGaps {
    /// The runs of `city`'s day, in `PointGapRecord.listOrder` within the day.
    public static func day(_ city: CityDay, registry: Registry) -> [PointGapRecord] {
        let clock = city.clock, n = clock.slotsPerDay
        var out: [PointGapRecord] = []
        for (pi, p) in registry.points.enumerated() {
            func run(_ a: Int, _ b: Int) {
                out.append(PointGapRecord(date: city.day, pointID: p.id, enterpriseID: p.enterpriseID, mn: p.mn,
                                          start: clock.start(of: a, on: city.day),
                                          end: clock.start(of: b, on: city.day), slots: b - a))
            }
            guard let v = city.pointValues[pi] else { run(0, n); continue }
            var k = 0
            while k < n {
                guard v[k].isNaN else { k += 1; continue }
                let a = k
                while k < n && v[k].isNaN { k += 1 }
                run(a, k)
            }
        }
        out.sort(by: PointGapRecord.listOrder)
        return out
    }
}
