/// What the loader recorded about a day besides readings (SPEC §3.1 unknown MNs, §8 CLOCK),
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

    /// The packets of each MN the registry did not know on `day` (SPEC §3.1), by MN.
    public func unknownMNPackets(on day: Day) throws -> [(mn: String, packets: Int)] {
        try db.statement("SELECT mn, packets FROM unknown_mn WHERE day = ? ORDER BY mn")
            .map([day.index]) { (mn: $0.text(0), packets: $0.int(1)) }
    }
}
