/// SPEC 2 §4 `Pt = Pa + Pb + Pc` (seed 001 附录F "P合 = Pa + Pb + Pc"; fine point §13.27): at a
/// time where an electrical point has no usable `Pt` reading but usable `Pa`, `Pb` and `Pc`
/// readings with exactly that timestamp, their sum is its `Pt` reading there — for slot power
/// and for every check that reads `Pt` (NEGATIVE, CONSTANT, the day's max Pt).
///
/// An unusable `Pt` (flag D, C, M, B) is not in the usable lists, so the sum takes its place.
public enum PhasePowerSum {
    /// The sums `a + b + c` at the times all three lists have a reading (each list sorted by
    /// time, one reading per time, as a stored series is).
    public static func sums(_ a: [Reading], _ b: [Reading], _ c: [Reading]) -> [Reading] {
        guard !a.isEmpty, !b.isEmpty, !c.isEmpty else { return [] }
        var out: [Reading] = []
        out.reserveCapacity(min(a.count, b.count, c.count))
        var j = 0, k = 0
        for x in a {
            while j < b.count, b[j].second < x.second { j += 1 }
            while k < c.count, c[k].second < x.second { k += 1 }
            guard j < b.count, k < c.count else { break }
            if b[j].second == x.second, c[k].second == x.second {
                out.append(Reading(second: x.second, value: x.value + b[j].value + c[k].value))
            }
        }
        return out
    }

    /// `pt` with the sums added at the times `pt` has no reading, in time order (a `Pt`
    /// reading before a sum at an equal time cannot happen: such a sum is left out).
    public static func filling(_ pt: [Reading], with sums: [Reading]) -> [Reading] {
        if sums.isEmpty { return pt }
        if pt.isEmpty { return sums }
        var out: [Reading] = []
        out.reserveCapacity(pt.count + sums.count)
        var i = 0
        for s in sums {
            while i < pt.count, pt[i].second < s.second { out.append(pt[i]); i += 1 }
            if i < pt.count, pt[i].second == s.second { continue }  // a usable Pt at that time wins
            out.append(s)
        }
        out.append(contentsOf: pt[i...])
        return out
    }

    /// Whether some time in `times` has no reading in `pt` (both sorted): only then can a
    /// sum add anything, so the other two phases need decoding.
    public static func anyTime(of times: [Reading], missingFrom pt: [Reading]) -> Bool {
        var i = 0
        for t in times {
            while i < pt.count, pt[i].second < t.second { i += 1 }
            if i >= pt.count || pt[i].second != t.second { return true }
        }
        return false
    }
}
