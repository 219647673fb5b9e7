/// SPEC §4 slot values of one point-day.
///
/// - Slot power = mean of the usable fine `Pt` readings in the slot (SPEC 2: `Pa + Pb + Pc`
///   where a point has no usable `Pt`, already in the readings — `PhasePowerSum`).
/// - Hour data (CN 2061) fills every slot of its hour that has no finer data.
/// - A point with `Ept` only: each pair of consecutive usable counter readings with
///   `0 < t2 − t1 ≤ 1 h` and `e2 ≥ e1` gives the sample `(e2 − e1) / (t2 − t1 in h)` at `t1`;
///   these fill only the slots that still have no usable `Pt` (§13.5). Pairs are taken within
///   the day, so a day's values never change when the next day's data arrives (§13.12).
/// - A slot with no usable value is missing, written as NaN.
///
/// A reading of the next day may be appended to `energy` with `second ≥ 86400`: it only
/// closes the day's last pair.
///
/// Sensors use the same rule on their value (§13.6), without the counter step.
public enum SlotValues {
    /// One value per slot (kW for an electrical point; NaN = missing).
    public static func compute(_ r: PointDayReadings, clock: SlotClock, useEnergy: Bool) -> [Double] {
        let n = clock.slotsPerDay
        var out = means(fine: r.fine, hour: r.hour, clock: clock)
        if useEnergy, r.energy.count > 1 {
            var eSum = [Double](repeating: 0, count: n)
            var eCount = [Int](repeating: 0, count: n)
            let e = r.energy
            for i in 1..<e.count {
                guard e[i - 1].second < 86_400 else { break }
                guard let x = counterSample(e[i - 1], e[i]) else { continue }
                let k = clock.slot(ofSecond: Int(e[i - 1].second))
                guard out[k].isNaN else { continue }  // a usable Pt in the slot wins (§13.5)
                eSum[k] += x
                eCount[k] += 1
            }
            for k in 0..<n where eCount[k] > 0 { out[k] = eSum[k] / Double(eCount[k]) }
        }
        return out
    }

    /// kW: the sample of the counter pair `(a, b)` at `a`'s time, `(e2 − e1) / (t2 − t1 in h)`,
    /// or nil when the pair gives none (`0 < t2 − t1 ≤ 1 h` and `e2 ≥ e1`, §4).
    @inline(__always)
    static func counterSample(_ a: Reading, _ b: Reading) -> Double? {
        let dt = Int(b.second) - Int(a.second)
        guard dt > 0, dt <= 3600, b.value >= a.value else { return nil }
        return (b.value - a.value) / (Double(dt) / 3600)
    }

    /// Slot means of time-sorted readings of one parameter (NaN = no reading): the mean of the
    /// fine readings in a slot, else the mean of the hour readings of its hour (CN 2061 fills
    /// every slot of its hour that has no finer data). `Pt` (§4), a sensor's value (§13.6) and
    /// the phase values of the SPEC 2 §8 checks (§13.33) alike.
    public static func means(fine: [Reading], hour: [Reading], clock: SlotClock) -> [Double] {
        let n = clock.slotsPerDay
        var sum = [Double](repeating: 0, count: n)
        var count = [Int32](repeating: 0, count: n)
        for x in fine {
            let k = clock.slot(ofSecond: Int(x.second))
            sum[k] += x.value
            count[k] += 1
        }
        if !hour.isEmpty {
            // Mean of the hour readings per hour, then copied into that hour's empty slots.
            var hourSum = [Double](repeating: 0, count: 24)
            var hourCount = [Int](repeating: 0, count: 24)
            for x in hour {
                let h = Int(x.second) / 3600
                hourSum[h] += x.value
                hourCount[h] += 1
            }
            for h in 0..<24 where hourCount[h] > 0 {
                let v = hourSum[h] / Double(hourCount[h])
                let first = h * 3600 / clock.seconds
                let last = min(n, ((h + 1) * 3600 + clock.seconds - 1) / clock.seconds)
                for k in first..<last where count[k] == 0 { sum[k] = v; count[k] = -1 }
            }
        }
        var out = [Double](repeating: .nan, count: n)
        for k in 0..<n where count[k] != 0 {
            out[k] = count[k] > 0 ? sum[k] / Double(count[k]) : sum[k]
        }
        return out
    }

    /// Whether slot k has a usable fine or hour `Pt` reading (then counter samples are not needed).
    public static func hasPower(_ r: PointDayReadings, slot k: Int, clock: SlotClock) -> Bool {
        for x in r.fine.reversed() {  // sorted: scan back from the end until before slot k
            let s = clock.slot(ofSecond: Int(x.second))
            if s == k { return true }
            if s < k { break }
        }
        let hour = k * clock.seconds / 3600
        return r.hour.contains(where: { Int($0.second) / 3600 == hour })
    }
}
