import Foundation
import HJ212
import PEMSCore

/// The packets of a generated city (a folder of packet logs: the demo city's, the conformance
/// fixture's), grouped by MN and timed by DataTime, ready for `DeviceSimulator` to replay as
/// data collectors would send them (issue 19).
public struct SimulatedCity: Sendable {
    /// One packet as a device sends it.
    public struct Packet: Sendable {
        /// When it is sent: seconds after the city's first DataTime, at real speed. A device sends
        /// a packet at its QN (the request time it stamped), when the QN is within 5 minutes
        /// before and an hour after the DataTime; otherwise at its DataTime.
        public var offset: Double
        /// Its DataTime, seconds since 1970-01-01 00:00 CST (moved with `shifted`).
        public var dataTime: Int64 = 0
        /// Its CN (0 when it has none).
        public var cn = 0
        /// The packet line, without its line end.
        public var bytes: [UInt8]
        public var qn: String
        public var mn: String
        public var asksAnswer: Bool
    }

    /// Each MN's packets in DataTime order (stable for equal times), MNs in id order.
    public var devices: [(mn: String, packets: [Packet])]
    /// Lines without MN, QN or DataTime, sent at the time of the line before them.
    public var untimed = 0
    /// Lines left out: such lines before any timed line of their file.
    public var skipped = 0

    /// The earliest DataTime, seconds since 1970-01-01 00:00 CST (0 without packets).
    public var firstDataTime: Int64 = 0

    /// Reads every packet log in `folder` (sorted by name). `minutes`: only the packets whose
    /// DataTime is within that many minutes of the earliest one seen (a city-scale day is
    /// 2 GB; a load test needs hours).
    public init(folder: URL, minutes: Int? = nil) throws {
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter {
            !$0.hasPrefix(".") && ["log", "txt", "dat", "hj212"].contains(($0 as NSString).pathExtension.lowercased())
        }.sorted()
        var byMN: [String: [(seconds: Int64, packet: Packet)]] = [:]
        var first = Int64.max
        var scanner = PacketScanner()
        for name in names {
            let path = folder.appendingPathComponent(name).path
            guard let handle = FileHandle(forReadingAtPath: path) else { throw SimulatorError.unreadable(path) }
            defer { try? handle.close() }
            var carry: [UInt8] = []
            var lastTime: Int64?
            while true {
                let chunk = handle.readData(ofLength: 8 << 20)
                let atEnd = chunk.isEmpty
                var bytes = carry
                bytes.append(contentsOf: chunk)
                var lines = bytes.split(separator: 0x0A, omittingEmptySubsequences: true)
                carry = []
                if !atEnd, bytes.last != 0x0A, let last = lines.popLast() { carry = Array(last) }
                for raw in lines {
                    var line = Array(raw)
                    if line.last == 0x0D { line.removeLast() }
                    let found: (mn: String, qn: String, time: Int64, flag: Int, send: Int64, cn: Int)? = line.withUnsafeBufferPointer { buf in
                        let p = scanner.scan(buf)
                        func text(_ r: Range<Int>?) -> String? { r.map { String(decoding: UnsafeBufferPointer(rebasing: buf[$0]), as: UTF8.self) } }
                        guard let mn = text(p.mn), let qn = text(p.qn), let dt = text(p.dataTime), let t = Self.seconds(dt) else { return nil }
                        var send = t
                        if let q = Self.seconds(qn), q >= t - 300, q <= t + 3600 { send = q }
                        return (mn, qn, t, Int(text(p.flag) ?? "") ?? 0, send, Int(text(p.cn) ?? "") ?? 0)
                    }
                    // A line without MN, QN or DataTime (a damaged one, say) is sent too, by the
                    // connection of MN "", at the time of the line before it in its file.
                    guard let found = found ?? lastTime.map({ ("", "", $0, 0, $0, 0) }) else {
                        skipped += 1
                        continue
                    }
                    if found.mn.isEmpty { untimed += 1 }
                    lastTime = found.time
                    first = min(first, found.time)
                    if let minutes, found.time >= first + Int64(minutes) * 60 { continue }
                    var packet = Packet(offset: Double(found.send - found.time), bytes: line, qn: found.qn, mn: found.mn,
                                        asksAnswer: found.flag & 1 == 1)
                    packet.dataTime = found.time
                    packet.cn = found.cn
                    byMN[found.mn, default: []].append((found.time, packet))
                }
                if atEnd { break }
            }
        }
        firstDataTime = first == Int64.max ? 0 : first
        devices = byMN.keys.sorted().map { mn in
            let list = (byMN[mn] ?? []).enumerated().sorted { ($0.element.seconds, $0.offset) < ($1.element.seconds, $1.offset) }
            return (mn, list.map { e in
                var p = e.element.packet
                p.offset += Double(e.element.seconds - first)
                return p
            })
        }
    }

    /// The same packets with every DataTime and QN moved by `shift` seconds (`--now`), and
    /// those of the MNs in `clockOffset` by that many seconds more (a device whose clock is
    /// wrong); a moved packet is framed again (length and CRC). Send times do not move.
    public func shifted(by shift: Int64, clockOffset: [String: Int64] = [:]) -> SimulatedCity {
        var out = self
        out.devices = devices.map { d in
            let s = shift + (clockOffset[d.mn] ?? 0)
            guard s != 0 else { return d }
            return (d.mn, d.packets.map { p in
                var q = p
                if let (bytes, qn) = Self.moved(p.bytes, by: s) {
                    q.bytes = bytes
                    q.qn = qn
                    q.dataTime += s
                }
                return q
            })
        }
        out.firstDataTime = firstDataTime + shift
        return out
    }

    /// Exactly `n` MNs: the first `n`, or all of them and copies (for a load larger than the
    /// city): copy k of MN m is MN `m` + `C` + k, its packets framed again under that MN.
    public func resized(to n: Int) -> SimulatedCity {
        guard n != devices.count, !devices.isEmpty else { return self }
        var out = self
        if n < devices.count {
            out.devices = Array(devices.prefix(n))
            return out
        }
        for i in devices.count..<n {
            let d = devices[i % devices.count], mn = d.mn + "C\(i / devices.count)"
            out.devices.append((mn, d.packets.map { p in
                var q = p
                if let bytes = Self.renamed(p.bytes, from: d.mn, to: mn) { q.bytes = bytes }
                q.mn = mn
                return q
            }))
        }
        return out
    }

    /// A realtime packet (CN 2011) as the minute data (CN 2051) a collector sends back when
    /// asked for its history (补采): the same DataTime and values, `CODE-Rtd` as `CODE-Avg`
    /// and each other electrical parameter `CODE-P` as `CODE-P-Avg`, except the counter
    /// `Ept`, the run state `RS`, `Flag`, `EFlag` and `SampleTime` (SPEC §4 loading 2: the
    /// names the loader reads in CN 2051). Another CN is sent as it is; nil when not a frame.
    public static func minuteData(_ line: [UInt8]) -> [UInt8]? {
        guard line.count > 10, line[0] == 0x23, line[1] == 0x23 else { return nil }
        let segment = String(decoding: line[6..<(line.count - 4)], as: UTF8.self)
        guard segment.contains(";CN=2011;"), let open = segment.range(of: "CP=&&"),
              let close = segment.range(of: "&&", options: .backwards), close.lowerBound >= open.upperBound else { return line }
        let kept: Set<String> = ["Ept", "RS", "Flag", "EFlag", "SampleTime"]
        let cp = segment[open.upperBound..<close.lowerBound]
        var out = ""
        var item = ""
        func flush(_ separator: Character?) {
            if let eq = item.firstIndex(of: "="), let dash = item[..<eq].lastIndex(of: "-") {
                let code = item[..<dash], param = item[item.index(after: dash)..<eq], value = item[eq...]
                if param == "Rtd" { item = code + "-Avg" + value }
                else if !kept.contains(String(param)) { item = code + "-" + param + "-Avg" + value }
            }
            out += item
            if let separator { out.append(separator) }
            item = ""
        }
        for ch in cp {
            if ch == ";" || ch == "," { flush(ch) } else { item.append(ch) }
        }
        flush(nil)
        var bytes = Array((segment[..<open.upperBound].replacingOccurrences(of: ";CN=2011;", with: ";CN=2051;") + out
                           + segment[close.lowerBound...]).utf8)
        return Frame.encode(segment: &bytes)
    }

    /// The frame with its `MN=` value replaced, framed again; nil when it is not a frame.
    static func renamed(_ line: [UInt8], from old: String, to new: String) -> [UInt8]? {
        guard line.count > 10, line[0] == 0x23, line[1] == 0x23 else { return nil }
        let segment = String(decoding: line[6..<(line.count - 4)], as: UTF8.self)
        var bytes = Array(segment.replacingOccurrences(of: "MN=\(old);", with: "MN=\(new);").utf8)
        return Frame.encode(segment: &bytes)
    }

    /// `YYYYMMDDhhmmss` as seconds since 1970-01-01 00:00 CST (`Timestamp(compact:)`).
    public static func seconds(_ t: String) -> Int64? {
        Timestamp(compact: Array(t.utf8.prefix(14)))?.seconds
    }

    /// `YYYYMMDDhhmmss` of seconds since 1970-01-01 00:00 CST.
    static func text(_ s: Int64) -> String {
        Timestamp(seconds: s).description.filter(\.isNumber)
    }

    /// The packet with every `DataTime=` and its QN's first 14 digits moved by `shift` seconds,
    /// framed again; nil when it is not a frame. The digits are replaced in place (same length).
    static func moved(_ line: [UInt8], by shift: Int64) -> (bytes: [UInt8], qn: String)? {
        guard line.count > 10, line[0] == 0x23, line[1] == 0x23 else { return nil }
        var segment = Array(line[6..<(line.count - 4)])
        var qn = ""
        func replace(after key: [UInt8], once: Bool) {
            var i = 0
            while i + key.count + 14 <= segment.count {
                guard segment[i..<(i + key.count)].elementsEqual(key) else { i += 1; continue }
                let start = i + key.count
                let digits = String(decoding: segment[start..<(start + 14)], as: UTF8.self)
                guard let s = seconds(digits) else { i += 1; continue }
                segment.replaceSubrange(start..<(start + 14), with: Array(text(s + shift).utf8))
                if key == Array("QN=".utf8) {
                    let end = segment[start...].firstIndex(of: 0x3B) ?? segment.endIndex
                    qn = String(decoding: segment[start..<end], as: UTF8.self)
                }
                if once { return }
                i = start + 14
            }
        }
        replace(after: Array("QN=".utf8), once: true)
        replace(after: Array("DataTime=".utf8), once: false)
        return (Frame.encode(segment: &segment), qn)
    }
}

/// Why the simulator could not run.
public enum SimulatorError: Error, CustomStringConvertible {
    case unreadable(String)
    case noPackets(String)
    case cannotConnect(String)

    public var description: String {
        switch self {
        case .unreadable(let p): return "\(p): cannot read the file"
        case .noPackets(let p): return "\(p): no packet with MN, QN and DataTime to replay"
        case .cannotConnect(let why): return "cannot connect: \(why)"
        }
    }
}
