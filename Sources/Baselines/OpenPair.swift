/// The counter pair a point-day's last `Ept` reading opens, kept so that the day's slot values
/// can be finished when its next day becomes readable without reading the day again
/// (docs/COMPUTE.md "Open days").
///
/// SPEC §4: a pair of consecutive usable counter readings gives the sample
/// `(e2 − e1) / (t2 − t1 in h)` at `t1`, and the day's last reading pairs with the next day's
/// first one (`SlotValues`). When a period ends on the day, that pair is not formed (§13.12);
/// its slot's other samples are summed here in the order `SlotValues.compute` adds them, so
/// adding the closing sample last gives the slot's mean bit for bit as computing the day with
/// the next day's reading appended would.
public struct OpenPair: Sendable, Equatable {
    /// The slot of the last reading, which the closing sample would fill.
    public var slot: Int
    /// kW: the sum of the counter samples already in `slot`, and how many there are.
    public var sum: Double
    public var count: Int
    /// The day's last usable `Ept` reading (kWh, second of the day).
    public var last: Reading

    public init(slot: Int, sum: Double, count: Int, last: Reading) {
        self.slot = slot
        self.sum = sum
        self.count = count
        self.last = last
    }

    /// The pair a point-day leaves open, or nil when there is none: the point has no counter
    /// reading, or its last reading's slot has a usable `Pt` (a counter sample never fills it,
    /// §13.5) — exactly the points whose values `BaselineEngine` finishes with the next day's
    /// first reading.
    public init?(_ r: PointDayReadings, clock: SlotClock) {
        guard let last = r.energy.last else { return nil }
        let k = clock.slot(ofSecond: Int(last.second))
        guard !SlotValues.hasPower(r, slot: k, clock: clock) else { return nil }
        // The readings in slot k are the last ones (sorted by time): find where they start,
        // then add their pairs' samples forward, in `compute`'s order.
        let e = r.energy
        var first = e.count - 1
        while first > 0, clock.slot(ofSecond: Int(e[first - 1].second)) == k { first -= 1 }
        var sum = 0.0, count = 0
        for i in (first + 1)..<e.count {
            guard let x = SlotValues.counterSample(e[i - 1], e[i]) else { continue }
            sum += x
            count += 1
        }
        self.init(slot: k, sum: sum, count: count, last: last)
    }

    /// `values` (the day's slot values computed without the next day, nil for none) with the
    /// pair closed by `next`, the next day's first usable `Ept` reading (its second counted
    /// from the next day's midnight); nil when no slot has a value.
    public func closed(_ values: [Double]?, slotsPerDay n: Int, next: Reading) -> [Double]? {
        var v = values ?? [Double](repeating: .nan, count: n)
        let after = Reading(second: next.second + 86_400, value: next.value)
        if let x = SlotValues.counterSample(last, after) {
            v[slot] = (sum + x) / Double(count + 1)
        }
        return v.contains(where: { !$0.isNaN }) ? v : nil
    }
}
