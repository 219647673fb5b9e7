import Loader
import PEMSCore

/// The points of the conformance fixture's registry (`../shared/conformance-spec2/registry/
/// points.csv`), whose packet logs and CSV readings seed the loader's corpora: with them
/// known, a seed's rows load as readings and mutations reach the value, flag and merge code
/// rather than stopping at "unknown MN". Meters (production, treatment, total) carry power;
/// sensors one value.
enum FixtureChannels {
    static let collectors: [(mn: String, meters: [String], sensors: [String])] = [
        ("13060200010180", meters: ["pg1001", "pg2001", "411011", "412011", "412012", "100000", "pg8001"],
         sensors: ["a00000", "i33101"]),
        ("13060600020180", meters: ["pg1001", "pg1002", "pg2001", "611011", "611012", "512011", "513011", "100000"],
         sensors: ["a00000"]),
        ("13060700030180", meters: ["pg1001", "pg1002", "311011", "311012", "100000", "pg9001"],
         sensors: ["a01012", "a00000", "a24087", "a24088"]),
        ("13060800040180", meters: ["pg1001", "pg2001", "421011"],
         sensors: []),
    ]

    /// The directory of these points, their channels created in `store`.
    static func directory(in store: Store) throws -> ChannelDirectory {
        var entries: [ChannelDirectory.Entry] = []
        for c in collectors {
            for (codes, electrical) in [(c.meters, true), (c.sensors, false)] {
                for code in codes {
                    let channel = try store.channelID(ChannelKey(mn: c.mn, code: code))
                    entries.append(.init(mn: c.mn, code: code, channel: channel, electrical: electrical))
                }
            }
        }
        return ChannelDirectory(entries: entries, collectors: collectors.map(\.mn))
    }
}
