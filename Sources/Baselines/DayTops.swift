import PEMSCore

/// A computed day's largest slot powers per point (docs/COMPUTE.md "Day tops"): what a later
/// day's θ reads of it in place of the whole day.
///
/// SPEC §5.2 derives θ from the nearest-rank 90th percentile of the slot powers of the 28
/// days before (§8 THRESHOLD_SUSPECT: 14 days). That percentile is one of the window's
/// largest tenth of values, so on all but unusual days it lies among each day's largest
/// quarter. `ThresholdHistory` takes the percentile from the tops when it can prove it exact
/// (every day cut short has its smallest kept value at or below the value found), and reads
/// the whole days of that point when it cannot — a θ never depends on whether tops were kept.
public struct DayTops: Sendable, Equatable {
    /// One point's day: how many slot powers were present, and the largest of them.
    public struct Point: Sendable, Equatable {
        /// Present (non-NaN) slot powers of the day.
        public var count: Int
        /// The largest `DayTops.kept(count)` present slot powers (kW), ascending.
        public var values: [Double]

        /// Whether some present values were left out (the smallest kept is then a bound on
        /// every value left out).
        public var truncated: Bool { values.count < count }

        public init(count: Int, values: [Double]) {
            self.count = count
            self.values = values
        }
    }

    /// Per registry point: nil when the point keeps no threshold history (`ThresholdHistory`'s
    /// needs) or had no present slot power that day.
    public var points: [Point?]

    public init(points: [Point?]) {
        self.points = points
    }

    /// How many of `count` present values a day keeps: the largest quarter, rounded up.
    public static func kept(_ count: Int) -> Int { (count + 3) / 4 }

    /// The tops of a day's slot values (per point: one kW value per slot, NaN missing) for the
    /// points `keeps` says hold a threshold history.
    public init(values: [[Double]?], keeps: (Int) -> Bool) {
        points = values.indices.map { i in
            guard keeps(i), let v = values[i] else { return nil }
            var present = v.filter { !$0.isNaN }
            guard !present.isEmpty else { return nil }
            present.sort()
            return Point(count: present.count, values: Array(present.suffix(Self.kept(present.count))))
        }
    }
}
