import Foundation
@testable import PEMSCore

/// What a store holds that computations read, as comparable text: every series decoded
/// (keyed by day, MN/code, CN and parameter name, not by store ids, which depend on the
/// order channels were first seen) and the unknown-MN counts.
struct StoreContents: Equatable {
    var series: [String: String]
    var unknownMN: [String]

    init(_ store: Store) throws {
        let params = try store.paramNames()
        var channels: [Int: ChannelKey] = [:]
        for (key, id) in try store.channelIDs() { channels[id] = key }
        var rows: [(day: Int, channel: Int, cn: Int, param: Int)] = []
        try store.db.statement("SELECT day, channel_id, cn, param_id FROM series").forEach { row in
            rows.append((row.int(0), row.int(1), row.int(2), row.int(3)))
        }
        var series: [String: String] = [:]
        for r in rows {
            guard let data = try store.series(day: Day(index: r.day), channel: r.channel, cn: r.cn, param: r.param) else { continue }
            let key = "\(Day(index: r.day)) \(channels[r.channel]?.description ?? "?") \(r.cn) \(params[r.param] ?? "?")"
            series[key] = zip(zip(data.times, data.values), data.flags).map { "\($0.0.0)=\($0.0.1)/\(Character(UnicodeScalar($0.1)))" }
                .joined(separator: " ")
        }
        self.series = series
        unknownMN = try store.db.statement("SELECT mn, day, packets FROM unknown_mn ORDER BY mn, day")
            .map { "\($0.text(0)) \($0.int(1)) \($0.int(2))" }
    }
}
