import PEMSCore

/// CLOCK (时钟不一致) of a point-day judged by receive times (SPEC §8, §13.38): over the
/// day's CN 2011 lines that carried a receive time, it fires when the median of
/// (receive time − DataTime) exceeds `data_quality.clock_max_skew_minutes` in absolute value
/// (a device clock with a steady offset), or when any DataTime is more than that after its
/// receive time (a clock running ahead). Data re-sent after an outage is a minority of late
/// lines: it moves neither the median nor the ahead figure, so it does not raise CLOCK.
///
/// The day's lines without a receive time keep the QN rule of §13.23 (`clock_skew`); a
/// point-day with both kinds has CLOCK when either part raises it (one finding).
enum ReceiveTimeClock {
    /// The finding's detail when the lags raise CLOCK under a limit of `maxSkewMinutes`
    /// minutes, nil when they do not. Lags are whole seconds (`ReceiveLags`); "exceeds" is
    /// strict, as for QN.
    static func detail(_ lags: ReceiveLags, maxSkewMinutes: Int) -> String? {
        let limit = maxSkewMinutes * 60
        guard let doubledMedian = lags.doubledMedianSeconds else { return nil }
        if abs(doubledMedian) > 2 * limit {
            let n = lags.lines
            return "median receive time − DataTime \(ExportNumber.format(Double(doubledMedian) / 2)) s over \(n) line\(n == 1 ? "" : "s")"
        }
        if let ahead = lags.largestAheadSeconds, ahead > limit {
            return "a DataTime \(ahead) s after its receive time"
        }
        return nil
    }
}
