import Foundation
import HJ212

/// Writes the demo city: packets day by day, the re-send file, CSV readings, the registry,
/// the ground truth and the README.
struct DemoWriter {
    let options: DemoOptions
    let startDay: Int
    let directory: URL
    var builder: DemoBuilder
    var manifest: DemoManifest
    var vendors: [Vendor] = []
    /// Background collectors eligible for line faults (standard vendor, not involved).
    var faultCandidates: [Int] = []
    var cnCounts: [Int] = [0, 0, 0]  // 2011, 2051, 2061
    var unknownMNCount = 0
    var resendLines: [UInt8] = []
    var loadRows: [TruthRow] = []
    /// `revision` rows in load order (kept apart so sorting never reorders two revisions of one reading).
    var revisionRows: [TruthRow] = []
    // Flat per-point fields for the hot path (0 total, 1 production, 2 treatment, 3 sensor).
    var pKind: [UInt8] = []
    var pEptOnly: [Bool] = []
    var pPhaseOnly: [Bool] = []
    var pPhases: [Bool] = []
    var pUnreg: [Bool] = []
    var pRated: [Double] = []
    var pCode: [[UInt8]] = []

    // DQ self-check state per point.
    var prevE: [Int64] = []
    var prevT: [Int] = []
    var runVal: [Int32] = []
    var runStart: [Int] = []
    var runLast: [Int] = []
    var computedDQ: [(check: String, point: Int, day: Int)] = []

    init(options: DemoOptions, startDay: Int, directory: URL) throws {
        self.options = options
        self.startDay = startDay
        self.directory = directory
        builder = DemoBuilder(options: options, startDay: startDay)
        manifest = DemoManifest(directory: directory, profile: .demo,
                                periodStart: Civil.timeString(minutes: startDay * 1440),
                                periodEnd: Civil.timeString(minutes: (startDay + options.days) * 1440),
                                days: options.days, intervalMinutes: options.intervalMinutes)
    }

    mutating func run(progress: ((Double) -> Void)?) throws -> DemoManifest {
        try builder.build()
        let signals = DemoSignals(builder: builder)
        assignVendors()
        finishCarbonHours(signals)
        let city = builder.city
        pKind = city.points.map { [.total: 0, .production: 1, .treatment: 2, .sensor: 3][$0.kind]! }
        pEptOnly = city.points.map { $0.eptOnly }
        pPhaseOnly = city.points.map { $0.phaseOnly }
        pPhases = city.points.map { $0.phases }
        pUnreg = city.points.map { $0.unregistered }
        pRated = city.points.map { $0.rated }
        pCode = city.points.map { $0.codeBytes }

        let fm = FileManager.default
        for sub in ["registry", "packets", "readings"] {
            try fm.createDirectory(at: directory.appendingPathComponent(sub), withIntermediateDirectories: true)
        }
        let nP = city.points.count
        prevE = Array(repeating: -1, count: nP)
        prevT = Array(repeating: 0, count: nP)
        runVal = Array(repeating: 0, count: nP)
        runStart = Array(repeating: -1, count: nP)
        runLast = Array(repeating: -1, count: nP)

        for d in 0..<options.days {
            signals.generateDay(d)
            if let check = builder.energyCheck, check.day == d { addEnergyTruth(check.facility, d, signals) }
            try writeDay(d, signals)
            selfCheckDay(d, signals)
            progress?(Double(d + 1) / Double(options.days))
        }
        if !resendLines.isEmpty {
            let name = "packets/resend-" + Civil.dateString(startDay + builder.resendDay) + ".log"
            let sink = try FileSink(directory.appendingPathComponent(name))
            sink.buffer = resendLines
            try sink.close()
            let lines = resendLines.reduce(0) { $0 + ($1 == 10 ? 1 : 0) }
            manifest.files.append(DemoFile(path: name, bytes: sink.bytes, lines: lines))
            manifest.packetLines += lines
        }
        try reconcileSelfCheck()
        try writeRegistry()
        try writeGroundTruth()
        manifest.packetsByCN = [DemoCount(name: "2011", count: cnCounts[0]), DemoCount(name: "2051", count: cnCounts[1]),
                                DemoCount(name: "2061", count: cnCounts[2])]
        manifest.unknownMNPackets = unknownMNCount > 0 ? [DemoCount(name: builder.unknownMN, count: unknownMNCount)] : []
        manifest.districts = city.districts.count
        manifest.enterprises = city.enterprises.count
        manifest.collectors = city.collectors.count
        manifest.facilities = city.facilities.count
        manifest.points = city.points.filter { !$0.unregistered }.count
        try writeReadme()
        manifest.bytes = manifest.files.reduce(0) { $0 + $1.bytes }
        return manifest
    }

    // MARK: - Setup

    mutating func assignVendors() {
        let city = builder.city
        vendors = Array(repeating: .standard, count: city.collectors.count)
        var r = SplitMix64(options.seed, 8)
        var v2025 = 0
        for (c, col) in city.collectors.enumerated() {
            let e = col.enterprise
            if let role = builder.roleOf[e] {
                switch role {
                case .vSplit: vendors[c] = .split
                case .v2051: vendors[c] = .cn2051
                case .v2061: vendors[c] = .cn2061
                case .vCSV: vendors[c] = .csv
                default: break
                }
                continue
            }
            let x = r.unit()
            if x < 0.1 { vendors[c] = .pInsteadOfPt } else if x < 0.2 { vendors[c] = .lowerCRC } else if x < 0.3 {
                vendors[c] = .headerOrder
            } else if x < 0.36 && v2025 < 3 { vendors[c] = .v2025; v2025 += 1 } else { faultCandidates.append(c) }
        }
        if let e = builder.hostOf[.vEptOnly] {
            let p = city.facilities[city.enterprises[e].production[0]].electrical[0]
            builder.city.points[p].eptOnly = true
        }
    }

    mutating func finishCarbonHours(_ signals: DemoSignals) {
        let f = builder.carbonHoursFacility
        guard f >= 0 else { return }
        var cum = 0
        var cumEnd: [Int] = []
        for d in 0..<options.days {
            for k in 0..<96 {
                let g = d * 96 + k
                if g >= builder.carbonHoursReplacedSlot && signals.facilityRunning(f, slot: g) { cum += 1 }
            }
            cumEnd.append(cum)
        }
        var due = builder.carbonHoursDueDay
        while due > 2 && cumEnd[due] == cumEnd[due - 1] { due -= 1 }
        let limitSlots = cumEnd[due - 1] + 1
        let hours = Double(limitSlots) * 0.25
        builder.city.facilities[f].carbonHours = Fmt.fixedString(hours, decimals: 2)
        let e = builder.city.facilities[f].enterprise
        builder.addTruth("event", "CARBON_OVERDUE", e: e, f: f, fromSlot: due * 96, toSlot: options.days * 96,
                         "活性炭累计运行时长达到 carbon_max_hours \(Fmt.fixedString(hours, decimals: 2)) 小时")
    }

    // MARK: - Packets

    mutating func writeDay(_ d: Int, _ sig: DemoSignals) throws {
        let W = sig.written, T = sig.truth, F = sig.flags, E = sig.ept
        _ = (W, T, F, E)
        let city = builder.city
        let spd = sig.spd, interval = options.intervalMinutes
        let dateStr = Civil.dateString(startDay + d)
        let name = "packets/" + dateStr + ".log"
        let sink = try FileSink(directory.appendingPathComponent(name))
        var csvSink: FileSink? = nil
        let csvName = "readings/" + dateStr + ".csv"
        if vendors.contains(.csv) {
            csvSink = try FileSink(directory.appendingPathComponent(csvName))
            csvSink!.buffer.append(contentsOf: Array("time,mn,code,param,value,flag\n".utf8))
        }
        var lineNo = 0
        var csvRows = 0
        let daySeconds = (startDay + d) * 86400

        // Random drops (one packet of some background collectors) and line faults.
        var r = SplitMix64(options.seed, 41, d)
        var dropAt = [Int](repeating: -1, count: city.collectors.count)
        for c in faultCandidates where r.chance(0.03) { dropAt[c] = r.int(spd) }
        var actions: [Int: UInt8] = [:]
        if !faultCandidates.isEmpty {
            let plan: [(UInt8, Int)] = [(1, 1 + r.int(2)), (2, r.int(2) + (d % 3 == 0 ? 1 : 0)), (3, 1 + r.int(2)),
                                        (4, 1 + r.int(3)), (5, d % 5 == 0 ? 1 : 0)]
            for (action, n) in plan {
                for _ in 0..<n {
                    let c = faultCandidates[r.int(faultCandidates.count)]
                    let s = r.int(spd)
                    let key = s * city.collectors.count + c
                    if actions[key] == nil && dropAt[c] != s { actions[key] = action }
                }
            }
        }
        let clockOf: [Int] = city.collectors.indices.map { c in
            for inj in builder.injections {
                if case .clock(let cc, let day, let m) = inj, cc == c, day == d { return m }
            }
            return 0
        }
        var delays = city.collectors.indices.map { SplitMix64(options.seed, 42, $0, d) }
        var seg: [UInt8] = []
        seg.reserveCapacity(4096)
        var line: [UInt8] = []
        line.reserveCapacity(4096)
        let sph = 60 / interval
        let unknownFrom = (10 * 60) / interval, unknownTo = (12 * 60) / interval

        for s in 0..<spd {
            let dataSec = daySeconds + s * interval * 60
            for c in city.collectors.indices {
                let vendor = vendors[c]
                let col = city.collectors[c]
                var dr = delays[c]
                let delay = 2 + dr.int(40), millis = dr.int(1000)
                delays[c] = dr
                if vendor == .csv {
                    csvRows += appendCSV(c, s: s, d: d, sig: sig, to: &csvSink!.buffer)
                    try csvSink!.maybeFlush()
                    continue
                }
                if vendor == .cn2061 {
                    guard (s + 1) % sph == 0 else { continue }
                    let s0 = s + 1 - sph
                    let hourSec = daySeconds + s0 * interval * 60
                    seg.removeAll(keepingCapacity: true)
                    PacketFormat.header(vendor: vendor, cn: 2061, mn: col.mnBytes, flag: 5, qnSeconds: hourSec + 3600 + delay,
                                        qnMillis: millis, dataTimeSeconds: hourSec, to: &seg)
                    let v = appendHourFields(c, s0: s0, n: sph, d: d, sig: sig, to: &seg)
                    guard v > 0 else { continue }
                    PacketFormat.lit("&&", to: &seg)
                    PacketFormat.frame(seg, lowercase: false, to: &sink.buffer)
                    lineNo += 1; count(cn: 2061, values: v)
                    continue
                }
                if dropAt[c] == s { continue }
                let cn = vendor == .cn2051 ? 2051 : 2011
                let qnSec = (cn == 2051 ? dataSec + interval * 60 : dataSec) + delay + clockOf[c] * 60
                if vendor == .split {
                    let present = col.points.filter { W[$0 * spd + s] != DemoSignals.absent }
                    let parts = stride(from: 0, to: present.count, by: 8).map { Array(present[$0..<min($0 + 8, present.count)]) }
                    for (k, part) in parts.enumerated() {
                        seg.removeAll(keepingCapacity: true)
                        PacketFormat.header(vendor: vendor, cn: 2011, mn: col.mnBytes, flag: 7, qnSeconds: qnSec, qnMillis: millis,
                                            dataTimeSeconds: dataSec, pnum: parts.count, pno: k + 1, to: &seg)
                        let v = appendFields(part, s: s, d: d, vendor: vendor, cn: 2011, sig: sig, to: &seg)
                        PacketFormat.lit("&&", to: &seg)
                        PacketFormat.frame(seg, lowercase: false, to: &sink.buffer)
                        lineNo += 1; count(cn: 2011, values: v); manifest.splitParts += 1
                    }
                    try sink.maybeFlush()
                    continue
                }
                seg.removeAll(keepingCapacity: true)
                PacketFormat.header(vendor: vendor, cn: cn, mn: col.mnBytes, flag: vendor == .v2025 ? 9 : 5,
                                    qnSeconds: qnSec, qnMillis: millis, dataTimeSeconds: dataSec, to: &seg)
                let v = appendFields(col.points, s: s, d: d, vendor: vendor, cn: cn, sig: sig, to: &seg)
                if v == 0 { continue }  // nothing to send (offline)
                PacketFormat.lit("&&", to: &seg)
                line.removeAll(keepingCapacity: true)
                let action = actions[s * city.collectors.count + c] ?? 0
                if action == 5 {
                    line.append(contentsOf: seg); line.append(13); line.append(10)
                    manifest.bareSegments += 1
                } else {
                    PacketFormat.frame(seg, lowercase: vendor == .lowerCRC, to: &line)
                }
                if clockOf[c] != 0 { manifest.clockPackets += 1 }
                let dataMin = dataSec / 60
                switch action {
                case 1:
                    // A corrupted copy (one digit of a value changed, CRC kept), then the good packet.
                    var bad = line
                    if let pos = corruptPosition(bad) {
                        bad[pos] = bad[pos] == 57 ? 48 : bad[pos] + 1
                        sink.buffer.append(contentsOf: bad); lineNo += 1
                        manifest.badCRC += 1
                        loadRow("bad_crc", c, dataMin, "\(name):\(lineNo) 数值被改动一位，CRC 校验不符")
                    }
                case 2:
                    let cut = line.count * 3 / 5
                    sink.buffer.append(contentsOf: line[0..<cut]); sink.buffer.append(13); sink.buffer.append(10)
                    lineNo += 1; manifest.badLength += 1
                    loadRow("bad_length", c, dataMin, "\(name):\(lineNo) 报文被截断（\(cut) 字节）")
                default: break
                }
                sink.buffer.append(contentsOf: line); lineNo += 1
                count(cn: cn, values: v)
                if action == 5 { loadRow("bare_segment", c, dataMin, "\(name):\(lineNo) 无包头和 CRC 的数据段（应接受）") }
                if action == 3 {
                    sink.buffer.append(contentsOf: line); lineNo += 1
                    count(cn: cn, values: v)
                    manifest.duplicatePackets += 1; manifest.duplicateReadings += v
                    loadRow("duplicate", c, dataMin, "\(name):\(lineNo) 与上一行逐字节相同（\(v) 个重复读数）")
                }
                if action == 4 {
                    PacketFormat.response(mn: col.mnBytes, qnSeconds: qnSec, qnMillis: millis, to: &sink.buffer)
                    lineNo += 1; manifest.responses += 1
                    loadRow("response", c, dataMin, "\(name):\(lineNo) 平台应答 CN 9014（忽略并计数）")
                }
                if d == builder.resendDay && c == builder.resendCollector
                    && s >= builder.resendSlots.lowerBound * sig.sps && s < builder.resendSlots.upperBound * sig.sps {
                    appendResend(c, s: s, d: d, qnSec: qnSec, millis: millis, sig: sig)
                }
                try sink.maybeFlush()
            }
            if d == builder.unknownMNDay && s >= unknownFrom && s < unknownTo {
                seg.removeAll(keepingCapacity: true)
                PacketFormat.header(vendor: .standard, cn: 2011, mn: Array(builder.unknownMN.utf8), flag: 5,
                                    qnSeconds: dataSec + 7, qnMillis: 0, dataTimeSeconds: dataSec, to: &seg)
                var ur = SplitMix64(options.seed, 43, s)
                PacketFormat.lit(";pg1001-Pt=", to: &seg); Fmt.fixed(Int64(3000 + ur.int(500)), decimals: 2, to: &seg)
                PacketFormat.lit(",pg1001-Flag=N;pg1002-Pt=", to: &seg); Fmt.fixed(Int64(1500 + ur.int(300)), decimals: 2, to: &seg)
                PacketFormat.lit(",pg1002-Flag=N&&", to: &seg)
                PacketFormat.frame(seg, lowercase: false, to: &sink.buffer)
                lineNo += 1; unknownMNCount += 1
            }
        }
        if d == builder.unknownMNDay {
            let n = (unknownTo - unknownFrom)
            loadRows.append(TruthRow(kind: "load", rule: "unknown_mn", enterprise: "", facility: "", point: builder.unknownMN,
                                     start: (startDay + d) * 1440 + 600, end: (startDay + d) * 1440 + 720,
                                     detail: "\(name) 未备案 MN \(builder.unknownMN) 的 \(n) 个数据包（单独计数）"))
        }
        try sink.close()
        manifest.files.append(DemoFile(path: name, bytes: sink.bytes, lines: lineNo))
        manifest.packetLines += lineNo
        if let cs = csvSink {
            try cs.close()
            manifest.files.append(DemoFile(path: csvName, bytes: cs.bytes, lines: csvRows + 1))
            manifest.csvReadingRows += csvRows
        }
    }

    mutating func count(cn: Int, values: Int) {
        manifest.dataPackets += 1
        manifest.values += values
        cnCounts[cn == 2011 ? 0 : (cn == 2051 ? 1 : 2)] += 1
    }

    mutating func loadRow(_ rule: String, _ c: Int, _ minute: Int, _ detail: String) {
        let col = builder.city.collectors[c]
        loadRows.append(TruthRow(kind: "load", rule: rule, enterprise: builder.city.enterprises[col.enterprise].id, facility: "",
                                 point: col.mn, start: minute, end: minute + options.intervalMinutes, detail: detail))
    }

    /// A digit inside a value after `CP=&&DataTime=…;`.
    func corruptPosition(_ line: [UInt8]) -> Int? {
        var i = line.count - 8
        while i > 40 {
            if line[i] >= 48 && line[i] <= 57 && line[i - 1] == 46 { return i }  // first decimal after a '.'
            i -= 1
        }
        return nil
    }

    /// CP fields of the given points at sample `s`; returns the number of values written.
    mutating func appendFields(_ points: [Int], s: Int, d: Int, vendor: Vendor, cn: Int, sig: DemoSignals,
                               to seg: inout [UInt8], override: (point: Int, value: Int32)? = nil) -> Int {
        let W = sig.written, T = sig.truth, F = sig.flags, E = sig.ept
        _ = (W, T, F, E)
        let spd = sig.spd
        var values = 0
        for p in points {
            let i = p * spd + s
            var w = W[i]
            if w == DemoSignals.absent { continue }
            let kind = pKind[p]
            if pUnreg[p] && d < builder.unknownCodeDay { continue }
            if let o = override, o.point == p { w = o.value }
            seg.append(59)  // ;
            let code = pCode[p]
            if kind == 3 {
                seg.append(contentsOf: code)
                if cn == 2011 { PacketFormat.lit("-Rtd=", to: &seg) } else { PacketFormat.lit("-Avg=", to: &seg) }
                Fmt.fixed(Int64(w), decimals: 1, to: &seg)
                values += 1
            } else if pPhaseOnly[p] {
                // SPEC 2 §4, §13.27: Pa, Pb, Pc and no Pt; the power is their sum.
                let k = sig.phaseIndex[p] ?? 0
                for x in 6..<9 {
                    if x > 6 { seg.append(44) }
                    appendPhase(code, x, cn: cn, sig.phase[x][k * spd + s], to: &seg)
                }
                values += 3
            } else {
                if !pEptOnly[p] {
                    seg.append(contentsOf: code)
                    if cn != 2011 { PacketFormat.lit("-Pt-Avg=", to: &seg) } else if vendor == .pInsteadOfPt {
                        PacketFormat.lit("-P=", to: &seg)
                    } else { PacketFormat.lit("-Pt=", to: &seg) }
                    Fmt.fixed(Int64(w), decimals: 2, to: &seg)
                    seg.append(44)
                    values += 1
                }
                seg.append(contentsOf: code); PacketFormat.lit("-Ept=", to: &seg)
                Fmt.fixed(E[i], decimals: 2, to: &seg)
                values += 1
                if cn == 2011 {
                    seg.append(44); seg.append(contentsOf: code); PacketFormat.lit("-RS=", to: &seg)
                    let running = kind == 0 ? T[i] > 0 : Double(T[i]) >= pRated[p] * 15
                    seg.append(running ? 49 : 48)
                    values += 1
                }
                if pUnreg[p] { manifest.unknownCodeValues += cn == 2011 ? 3 : 2 }
                if pPhases[p] {
                    let k = sig.phaseIndex[p] ?? 0
                    for x in 0..<9 {
                        seg.append(44)
                        appendPhase(code, x, cn: cn, sig.phase[x][k * spd + s], to: &seg)
                    }
                    values += 9
                }
            }
            seg.append(44); seg.append(contentsOf: code); PacketFormat.lit("-Flag=", to: &seg); seg.append(F[i])
        }
        return values
    }

    /// `CODE-Ua=…` (CN 2011) or `CODE-Ua-Avg=…` (CN 2051, SPEC 2 §13.27) for `DemoSignals.phaseParams[x]`.
    func appendPhase(_ code: [UInt8], _ x: Int, cn: Int, _ v: Int32, to seg: inout [UInt8]) {
        seg.append(contentsOf: code); seg.append(45)
        seg.append(contentsOf: Array(DemoSignals.phaseParams[x].utf8))
        if cn != 2011 { PacketFormat.lit("-Avg", to: &seg) }
        seg.append(61)
        Fmt.fixed(Int64(v), decimals: x < 6 ? 1 : 2, to: &seg)
    }

    /// The ground truth's energy of one facility-day (SPEC §4): over the slots where every
    /// electrical point of the facility has a usable value, the sum of the points' slot means,
    /// × S/60 — from the written values, so a meter sending only phase powers counts with their sum.
    mutating func addEnergyTruth(_ f: Int, _ d: Int, _ sig: DemoSignals) {
        let city = builder.city
        let points = city.facilities[f].electrical
        var kwh = 0.0
        for k in 0..<96 {
            var slot = 0.0
            var present = true
            for p in points {
                var sum = 0.0, n = 0
                for s in (k * sig.sps)..<((k + 1) * sig.sps) {
                    let i = p * sig.spd + s
                    guard sig.written[i] != DemoSignals.absent, [78, 70, 83, 84].contains(sig.flags[i]) else { continue }
                    sum += Double(sig.written[i]) / 100; n += 1
                }
                if n == 0 { present = false; break }
                slot += sum / Double(n)
            }
            if present { kwh += slot * 0.25 }
        }
        let fac = city.facilities[f]
        let meters = points.filter { city.points[$0].phaseOnly }.map { city.points[$0].id }
        var row = TruthRow(kind: "energy", rule: "energy_kwh", enterprise: city.enterprises[fac.enterprise].id, facility: fac.id,
                           point: meters.first ?? "", start: (startDay + d) * 1440, end: (startDay + d + 1) * 1440,
                           detail: "facility_day.energy_kwh：\(meters.joined(separator: "、")) 只报 Pa、Pb、Pc（无 Pt），功率为三相之和")
        row.value = String(format: "%.9f", kwh)
        builder.truth.append(row)
    }

    /// CN 2061 fields: means over `n` samples from `s0`, counters at the hour start.
    mutating func appendHourFields(_ c: Int, s0: Int, n: Int, d: Int, sig: DemoSignals, to seg: inout [UInt8]) -> Int {
        let W = sig.written, T = sig.truth, F = sig.flags, E = sig.ept
        _ = (W, T, F, E)
        let city = builder.city
        let spd = sig.spd
        var values = 0
        for p in city.collectors[c].points {
            var sum: Int64 = 0, k: Int64 = 0
            for s in s0..<(s0 + n) where W[p * spd + s] != DemoSignals.absent {
                sum += Int64(W[p * spd + s]); k += 1
            }
            guard k > 0 else { continue }
            let mean = (2 * sum + (sum >= 0 ? k : -k)) / (2 * k)
            let pt = city.points[p]
            seg.append(59)
            seg.append(contentsOf: pt.codeBytes)
            if pt.kind == .sensor {
                PacketFormat.lit("-Avg=", to: &seg); Fmt.fixed(mean, decimals: 1, to: &seg); values += 1
            } else {
                PacketFormat.lit("-Pt-Avg=", to: &seg); Fmt.fixed(mean, decimals: 2, to: &seg)
                seg.append(44); seg.append(contentsOf: pt.codeBytes); PacketFormat.lit("-Ept=", to: &seg)
                Fmt.fixed(E[p * spd + s0], decimals: 2, to: &seg)
                values += 2
            }
            seg.append(44); seg.append(contentsOf: pt.codeBytes); PacketFormat.lit("-Flag=N", to: &seg)
        }
        return values
    }

    /// SPEC §3.2 rows for one collector and sample.
    func appendCSV(_ c: Int, s: Int, d: Int, sig: DemoSignals, to b: inout [UInt8]) -> Int {
        let W = sig.written, T = sig.truth, F = sig.flags, E = sig.ept
        _ = (W, T, F, E)
        let city = builder.city
        let spd = sig.spd
        var rows = 0
        let minute = (startDay + d) * 1440 + s * options.intervalMinutes
        for p in city.collectors[c].points {
            let i = p * spd + s
            let w = W[i]
            if w == DemoSignals.absent { continue }
            let pt = city.points[p]
            func row(_ param: StaticString, _ v: Int64, _ dec: Int) {
                Fmt.dateTime(minutes: minute, seconds: false, to: &b); b.append(44)
                b.append(contentsOf: city.collectors[c].mnBytes); b.append(44)
                b.append(contentsOf: pt.codeBytes); b.append(44)
                PacketFormat.lit(param, to: &b); b.append(44)
                Fmt.fixed(v, decimals: dec, to: &b); b.append(44)
                b.append(F[i]); b.append(10)
            }
            if pt.phaseOnly, let k = sig.phaseIndex[p] {
                row("Pa", Int64(sig.phase[6][k * spd + s]), 2); row("Pb", Int64(sig.phase[7][k * spd + s]), 2)
                row("Pc", Int64(sig.phase[8][k * spd + s]), 2); rows += 3
            } else if pt.kind == .sensor { row("Rtd", Int64(w), 1); rows += 1 } else {
                if !pt.eptOnly { row("Pt", Int64(w), 2); rows += 1 }
                row("Ept", E[i], 2); rows += 1
            }
        }
        return rows
    }

    /// The late re-send of one standard packet with one production value changed (+3 %); the
    /// packet of the re-send window's last slot is sent a second time with another value (+5 %),
    /// so that reading is replaced twice (SPEC 2 §12 `revisions.csv`: two rows, in load order).
    mutating func appendResend(_ c: Int, s: Int, d: Int, qnSec: Int, millis: Int, sig: DemoSignals) {
        let p = builder.resendPoint
        let old = sig.written[p * sig.spd + s]
        guard old != DemoSignals.absent else { return }
        var new = Int32((Double(old) * 1.03).rounded())
        if new == old { new += 1 }
        appendResent(c, s: s, d: d, qnSec: qnSec, millis: millis, sig: sig, old: old, new: new, nth: 1)
        if s == builder.resendSlots.upperBound * sig.sps - sig.sps {
            var again = Int32((Double(old) * 1.05).rounded())
            if again == new || again == old { again = new + 1 }
            appendResent(c, s: s, d: d, qnSec: qnSec + 300, millis: millis, sig: sig, old: new, new: again, nth: 2)
        }
    }

    /// One re-sent packet: the collector's packet of sample `s` with the re-send point's Pt
    /// `new` instead of `old`; a conflict (SPEC §3.3) and a revision (SPEC 2 §12) in the truth.
    mutating func appendResent(_ c: Int, s: Int, d: Int, qnSec: Int, millis: Int, sig: DemoSignals,
                               old: Int32, new: Int32, nth: Int) {
        let col = builder.city.collectors[c]
        let p = builder.resendPoint
        var seg: [UInt8] = []
        PacketFormat.header(vendor: .standard, cn: 2011, mn: col.mnBytes, flag: 5, qnSeconds: qnSec, qnMillis: millis,
                            dataTimeSeconds: (startDay + d) * 86400 + s * options.intervalMinutes * 60, to: &seg)
        let v = appendFields(col.points, s: s, d: d, vendor: .standard, cn: 2011, sig: sig, to: &seg, override: (p, new))
        PacketFormat.lit("&&", to: &seg)
        PacketFormat.frame(seg, lowercase: false, to: &resendLines)
        count(cn: 2011, values: v)
        manifest.conflictReadings += 1
        manifest.duplicateReadings += v - 1
        let minute = (startDay + d) * 1440 + s * options.intervalMinutes
        var before: [UInt8] = [], after: [UInt8] = []
        Fmt.fixed(Int64(old), decimals: 2, to: &before); Fmt.fixed(Int64(new), decimals: 2, to: &after)
        let oldText = String(decoding: before, as: UTF8.self), newText = String(decoding: after, as: UTF8.self)
        let city = builder.city
        let enterprise = city.enterprises[col.enterprise].id, facility = city.facilities[city.points[p].facility].id
        loadRows.append(TruthRow(kind: "load", rule: "conflict", enterprise: enterprise, facility: facility,
                                 point: city.points[p].id, start: minute, end: minute + options.intervalMinutes,
                                 detail: "补传文件中 Pt 由 \(oldText) 改为 \(newText)（冲突，后载入者生效；其余 \(v - 1) 个读数为重复）"))
        revisionRows.append(TruthRow(kind: "revision", rule: "Pt", enterprise: enterprise, facility: facility,
                                     point: city.points[p].id, start: minute, end: minute + options.intervalMinutes,
                                     detail: "第 \(nth) 次修改：Pt 由 \(oldText) 改为 \(newText)（补传，原值留痕）",
                                     value: newText, oldValue: oldText))
    }

    // MARK: - Data-quality self-check (SPEC §8 per-point checks, recomputed from what was written)

    mutating func selfCheckDay(_ d: Int, _ sig: DemoSignals) {
        let W = sig.written, T = sig.truth, F = sig.flags, E = sig.ept
        _ = (W, T, F, E)
        let city = builder.city
        let spd = sig.spd, interval = options.intervalMinutes
        let dayMin = d * 1440
        for (p, pt) in city.points.enumerated() where pt.kind != .sensor && !pt.unregistered {
            let vendor = vendors[pt.collector]
            let hourly = vendor == .cn2061
            let step = hourly ? 60 / interval : 1
            let rated = Double(pt.ratedText) ?? 0
            var maxPt = -Double.infinity
            var hasPt = false
            var negative = false, constant = false
            var firstE: Int64 = -1, lastE: Int64 = -1
            var maxStep = 0.0
            var s = 0
            while s < spd {
                let i = p * spd + s
                var w = W[i]
                let t = dayMin + s * interval
                defer { s += step }
                if w == DemoSignals.absent || F[i] != 78 { continue }
                if hourly {
                    var sum: Int64 = 0
                    for x in s..<(s + step) { sum += Int64(W[p * spd + x]) }
                    w = Int32((2 * sum + Int64(step)) / (2 * Int64(step)))
                }
                let e = E[i]
                if !pt.eptOnly {
                    hasPt = true
                    let v = Double(w) / 100
                    if v < 0 { negative = true }
                    maxPt = max(maxPt, v)
                    if w != 0 && w == runVal[p] && runStart[p] >= 0 {
                        runLast[p] = t
                        if t - runStart[p] >= 240 { constant = true }
                    } else {
                        runVal[p] = w; runStart[p] = t; runLast[p] = t
                    }
                }
                if pt.phaseOnly { continue }  // no counter is sent
                if prevE[p] >= 0 {
                    if e < prevE[p] { negative = true } else if t > prevT[p] {
                        maxStep = max(maxStep, Double(e - prevE[p]) / 100 / (Double(t - prevT[p]) / 60))
                    }
                }
                prevE[p] = e; prevT[p] = t
                if firstE < 0 { firstE = e }
                lastE = e
            }
            let dayMax = hasPt ? maxPt : 0
            let ref = max(rated, dayMax)
            if negative { computedDQ.append(("NEGATIVE", p, d)) }
            if constant { computedDQ.append(("CONSTANT", p, d)) }
            if ref > 0 && maxStep > 3 * ref { computedDQ.append(("COUNTER_JUMP", p, d)) }
            if firstE >= 0 {
                let delta = Double(lastE - firstE) / 100
                if hasPt && maxPt > 0 && delta > 25 * maxPt { computedDQ.append(("ENERGY_POWER_MISMATCH", p, d)) }
                if delta > 200_000 { computedDQ.append(("ENERGY_TOO_LARGE", p, d)) }
            }
        }
    }

    mutating func reconcileSelfCheck() throws {
        let checks: Set<String> = ["NEGATIVE", "CONSTANT", "COUNTER_JUMP", "ENERGY_POWER_MISMATCH", "ENERGY_TOO_LARGE"]
        let city = builder.city
        var expected: [String] = []
        for row in builder.truth where row.kind == "dq" && checks.contains(row.rule) {
            let d = row.start / 1440 - startDay
            expected.append("\(row.rule)|\(row.point)|\(d)")
        }
        var computed: [String] = []
        for c in computedDQ { computed.append("\(c.check)|\(city.points[c.point].id)|\(c.day)") }
        let computedSet = Set(computed), expectedSet = Set(expected)
        for x in expected.sorted() where !computedSet.contains(x) {
            throw DemoError.internalCheck("injected data-quality fault \(x) is not visible in the written data")
        }
        for c in computedDQ where !expectedSet.contains("\(c.check)|\(city.points[c.point].id)|\(c.day)") {
            let pt = city.points[c.point]
            builder.truth.append(TruthRow(kind: "dq", rule: c.check, enterprise: city.enterprises[pt.enterprise].id,
                                          facility: "", point: pt.id, start: (startDay + c.day) * 1440,
                                          end: (startDay + c.day + 1) * 1440, detail: "随机数据中偶然出现（自检发现）"))
        }
    }

    // MARK: - Registry, ground truth, README


    mutating func writeTable(_ t: CSVTable, _ path: String) throws {
        let url = directory.appendingPathComponent(path)
        try t.write(to: url)
        let text = t.text()
        manifest.files.append(DemoFile(path: path, bytes: text.utf8.count, lines: t.rows.count + 1))
    }

    mutating func writeRegistry() throws {
        let city = builder.city
        let files = RegistryTables.make(city: city, startDay: startDay, days: options.days)
        for (name, table) in files { try writeTable(table, "registry/" + name) }
    }

    mutating func writeGroundTruth() throws {
        let order = ["event": 0, "no_event": 1, "dq": 2, "energy": 3, "load": 4]
        var rows = builder.truth + loadRows
        rows.sort { a, b in
            let ka = order[a.kind] ?? 9, kb = order[b.kind] ?? 9
            if ka != kb { return ka < kb }
            if a.rule != b.rule { return a.rule < b.rule }
            if a.enterprise != b.enterprise { return a.enterprise < b.enterprise }
            if a.facility != b.facility { return a.facility < b.facility }
            if a.point != b.point { return a.point < b.point }
            if a.start != b.start { return a.start < b.start }
            return a.detail < b.detail
        }
        rows += revisionRows
        var t = CSVTable(TruthRow.header)
        for r in rows { t.add(r.fields) }
        try writeTable(t, "ground_truth.csv")
        manifest.groundTruth = ["event", "no_event", "dq", "energy", "load", "revision"].map { k in
            DemoCount(name: k, count: rows.filter { $0.kind == k }.count)
        }
    }

    mutating func writeReadme() throws {
        let text = Readme.demo(manifest: manifest, builder: builder, vendors: vendors)
        let url = directory.appendingPathComponent("README.md")
        do { try Data(text.utf8).write(to: url) } catch { throw DemoError.io("cannot write \(url.path): \(error)") }
        manifest.files.append(DemoFile(path: "README.md", bytes: text.utf8.count, lines: text.split(separator: "\n", omittingEmptySubsequences: false).count - 1))
    }
}
