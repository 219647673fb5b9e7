/// How late the CN 2011 packets of one channel-day were received (SPEC §13.38): the number of
/// packet lines for each whole-second lag `receive time − DataTime`.
///
/// Both times are CST wall clock taken to the second (milliseconds dropped, as the first 14
/// digits of QN are in §13.23), so a lag is an exact number of seconds; it is negative when
/// the DataTime is after the receive time (a device clock running ahead). The day is the
/// DataTime's. A line counts once for each channel it brought a value for.
///
/// Counts per lag are what the store keeps (`receive_lag`, docs/STORE.md): loads of the
/// same day's lines on different nights add up, and the median, the largest lags and the
/// lines later than a limit come out exact while a day holds at most one entry per distinct
/// lag (a few for a device that sends on time, at most one per line).
public struct ReceiveLags: Equatable, Sendable {
    /// Lines received with one lag.
    public struct Bin: Equatable, Sendable {
        /// Receive time − DataTime, seconds.
        public var lagSeconds: Int
        /// Lines with that lag (> 0).
        public var lines: Int

        public init(lagSeconds: Int, lines: Int) {
            self.lagSeconds = lagSeconds
            self.lines = lines
        }
    }

    /// The bins, lag ascending, each lag once.
    public private(set) var bins: [Bin]

    public init() { bins = [] }

    /// Adds `lines` lines received `lagSeconds` after their DataTime.
    public mutating func add(lagSeconds: Int, lines: Int = 1) {
        guard lines > 0 else { return }
        var lo = 0, hi = bins.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if bins[mid].lagSeconds < lagSeconds { lo = mid + 1 } else { hi = mid }
        }
        if lo < bins.count && bins[lo].lagSeconds == lagSeconds {
            bins[lo].lines += lines
        } else {
            bins.insert(Bin(lagSeconds: lagSeconds, lines: lines), at: lo)
        }
    }

    /// The lines counted.
    public var lines: Int { bins.reduce(0) { $0 + $1.lines } }

    /// Twice the median lag, seconds (an integer whatever the count): the middle lag doubled
    /// for an odd number of lines, the sum of the two middle lags for an even one; nil when
    /// there are no lines.
    public var doubledMedianSeconds: Int? {
        let n = lines
        guard n > 0 else { return nil }
        // 0-based ranks of the two middle lines (the same one when n is odd).
        let low = (n - 1) / 2, high = n / 2
        var seen = 0
        var lowLag: Int? = nil
        for b in bins {
            if lowLag == nil && low < seen + b.lines { lowLag = b.lagSeconds }
            if high < seen + b.lines, let lowLag { return lowLag + b.lagSeconds }
            seen += b.lines
        }
        return nil
    }

    /// The largest lag, seconds (negative when every line's DataTime is after its receive time).
    public var largestLagSeconds: Int? { bins.last?.lagSeconds }

    /// The most a DataTime lies after its receive time, seconds (− the smallest lag); nil
    /// when no DataTime is after its receive time.
    public var largestAheadSeconds: Int? {
        guard let first = bins.first, first.lagSeconds < 0 else { return nil }
        return -first.lagSeconds
    }

    /// Lines received more than `seconds` after their DataTime.
    public func lines(laterThan seconds: Int) -> Int {
        bins.reduce(0) { $0 + ($1.lagSeconds > seconds ? $1.lines : 0) }
    }

    /// These counts and `other`'s together.
    public mutating func merge(_ other: ReceiveLags) {
        for b in other.bins { add(lagSeconds: b.lagSeconds, lines: b.lines) }
    }
}
