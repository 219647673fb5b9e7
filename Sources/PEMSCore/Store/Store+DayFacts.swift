/// What the loader recorded about a day besides readings (SPEC §3.1 unknown MNs, §8 CLOCK,
/// §13.38 receive lags),
/// for the day's data-quality findings.
extension Store {
    /// The channels whose CN 2011 packets of `day` had a QN time more than `seconds` away from
    /// their DataTime (SPEC §8 CLOCK, §13.23), in the store's row order.
    public func clockSkewedChannels(on day: Day, overSeconds seconds: Int) throws -> [ChannelKey] {
        try db.statement("""
            SELECT c.mn, c.code FROM clock_skew s JOIN channels c ON c.channel_id = s.channel_id
            WHERE s.day = ? AND s.max_abs_skew_s > ?
            """).map([day.index, seconds]) { ChannelKey(mn: $0.text(0), code: $0.text(1)) }
    }

    /// The receive lags of `day`'s CN 2011 lines that carried a receive time (SPEC §13.38), per
    /// channel, ordered by MN and code; channels without such lines are absent.
    public func receiveLags(on day: Day) throws -> [(channel: ChannelKey, lags: ReceiveLags)] {
        try receiveLags(from: day, to: day).map { ($0.channel, $0.lags) }
    }

    /// The receive lags of the CN 2011 lines of days `[from, to]` that carried a receive time
    /// (SPEC §13.38), per channel-day, ordered by day, MN and code.
    public func receiveLags(from: Day, to: Day) throws -> [(day: Day, channel: ChannelKey, lags: ReceiveLags)] {
        var out: [(day: Day, channel: ChannelKey, lags: ReceiveLags)] = []
        try db.statement("""
            SELECT r.day, c.mn, c.code, r.lag_s, r.lines FROM receive_lag r JOIN channels c ON c.channel_id = r.channel_id
            WHERE r.day BETWEEN ? AND ? ORDER BY r.day, c.mn, c.code, r.lag_s
            """).forEach([from.index, to.index]) { row in
            let day = Day(index: row.int(0)), channel = ChannelKey(mn: row.text(1), code: row.text(2))
            if out.last?.day != day || out.last?.channel != channel { out.append((day, channel, ReceiveLags())) }
            out[out.count - 1].lags.add(lagSeconds: row.int(3), lines: row.int(4))
        }
        return out
    }

    /// The packets of each MN the registry did not know on `day` (SPEC §3.1), by MN.
    public func unknownMNPackets(on day: Day) throws -> [(mn: String, packets: Int)] {
        try db.statement("SELECT mn, packets FROM unknown_mn WHERE day = ? ORDER BY mn")
            .map([day.index]) { (mn: $0.text(0), packets: $0.int(1)) }
    }
}
