import Foundation
import PEMSCore

/// The 补采清单 (gap list, seed 001 §5.5.2) the last nightly wrote, as windows of minute data to
/// ask each collector for (issue 19). The receiver never opens the store: it reads the file the
/// nightly's day step writes, `daily/<D>/gaps-<D>.csv` under the job's out folder (columns
/// `mn, point_id, enterprise_id, from, to, missing_slots`, times CST `YYYY-MM-DD HH:MM`, `to`
/// exclusive, as `gaps.csv` of `pems export`), taking the newest day that has one.
///
/// A collector answers for all its points at once, so the runs of one MN's points are joined:
/// overlapping or touching runs become one window.
struct GapList: Equatable {
    /// One window to request: CST seconds (`Timestamp`), `to` exclusive.
    struct Window: Hashable, Comparable {
        var mn: String
        var from: Timestamp
        var to: Timestamp

        static func < (a: Window, b: Window) -> Bool { (a.mn, a.from, a.to) < (b.mn, b.from, b.to) }

        /// `BeginTime`, `EndTime` of its request: both ends included, so the end is the last
        /// second before `to`.
        var begin: String { Self.compact(from) }
        var end: String { Self.compact(Timestamp(seconds: to.seconds - 1)) }

        static func compact(_ t: Timestamp) -> String { t.description.filter(\.isNumber) }
    }

    /// The file, relative to the out folder (`daily/2026-12-06/gaps-2026-12-06.csv`).
    var name: String
    /// Every window, by MN then start.
    var windows: [Window]
    /// Lines that could not be read (line number: why); logged, the others are used.
    var problems: [String]

    /// The gap file of day `day` relative to a job's out folder.
    static func relativePath(day: String) -> String { "daily/\(day)/gaps-\(day).csv" }

    /// The newest day's gap file under `out` (the nightly's `--out`): its relative name and
    /// modification time, or nil when there is none.
    static func newest(in out: URL) -> (name: String, modified: Date)? {
        let daily = out.appendingPathComponent("daily", isDirectory: true)
        let days = ((try? FileManager.default.contentsOfDirectory(atPath: daily.path)) ?? []).filter { Day($0) != nil }.sorted()
        for day in days.reversed() {
            let name = relativePath(day: day)
            let path = out.appendingPathComponent(name).path
            if let m = (try? FileManager.default.attributesOfItem(atPath: path))?[.modificationDate] as? Date { return (name, m) }
        }
        return nil
    }

    /// Reads `name` under `out`.
    init(out: URL, name: String) throws {
        let url = out.appendingPathComponent(name)
        guard let data = FileManager.default.contents(atPath: url.path) else { throw GapListError.unreadable(url.path) }
        try self.init(name: name, bytes: Array(data))
    }

    /// Parses the CSV bytes of a gap file named `name`.
    init(name: String, bytes: [UInt8]) throws {
        self.name = name
        let table = CSVTable(bytes: bytes)
        let cols = table.columns
        guard let mnCol = cols["mn"], let fromCol = cols["from"], let toCol = cols["to"] else {
            throw GapListError.badHeader(name, table.header)
        }
        problems = table.problems.map { "\(name):\($0.line): \($0.reason)" }
        var runs: [String: [(Timestamp, Timestamp)]] = [:]
        for r in table.records {
            let mn = r[mnCol]
            guard !mn.isEmpty, let from = Timestamp(r[fromCol]), let to = Timestamp(r[toCol]), from < to else {
                problems.append("\(name):\(r.line): expected mn, from < to as YYYY-MM-DD HH:MM, got \(r.cells)")
                continue
            }
            runs[mn, default: []].append((from, to))
        }
        var out: [Window] = []
        for (mn, list) in runs {
            var current: Window?
            for (from, to) in list.sorted(by: { $0.0 < $1.0 }) {
                if var c = current, from <= c.to {
                    c.to = max(c.to, to)
                    current = c
                } else {
                    if let c = current { out.append(c) }
                    current = Window(mn: mn, from: from, to: to)
                }
            }
            if let c = current { out.append(c) }
        }
        windows = out.sorted()
    }
}

enum GapListError: Error, CustomStringConvertible {
    case unreadable(String)
    case badHeader(String, [String])

    var description: String {
        switch self {
        case .unreadable(let p): return "\(p): cannot read the gap list"
        case let .badHeader(p, h): return "\(p): expected the columns mn, from, to (as gaps.csv), found \(h.joined(separator: ","))"
        }
    }
}
