import Foundation
import HJ212

/// The city-scale bench day (profile `.bench`): a uniform city where every enterprise has one
/// collector with 12 electrical points (total meter, 8 production, 3 treatment fans; each `Pt`
/// and `Ept`) and 4 sensors, sending CN 2011 packets every `intervalMinutes`. No anomalies
/// (unless `benchFaultPercent` stops some enterprises' RTO from 09:00 to 11:00), except a few
/// corrupt lines (listed in the ground truth). Generation streams to disk: only a
/// block of minutes is held in memory, formatted by two workers (enterprise halves) and
/// written in time order, so the output does not depend on the number of workers.
struct BenchWriter {
    let options: DemoOptions
    let startDay: Int
    let directory: URL

    static let prodCodes = ["pa1001", "pa1002", "pa2001", "pa2002", "pa3001", "pa3002", "pa4001", "pa4002"]
    static let treatCodes = ["311011", "411011", "511011"]

    /// Static description of one enterprise.
    struct Ent {
        var shift: ShiftType
        var rated: [Double]     // 12: total(unused), 8 production, 3 treatment
        var level: [Double]
        var standby: [Double]
        var airflow: Double
        var baseKW: Double
        var mn: [UInt8]
        /// The RTO facility (`-T1`) stops 09:00–11:00 every day (`DemoOptions.benchFaultPercent`).
        var rtoFault = false
    }

    /// The generated RTO stop: slots [36, 44) of the day (09:00–11:00 CST), inside every
    /// shift's weekday production.
    static let faultSlots = 36..<44

    func run(progress: ((Double) -> Void)?) throws -> DemoManifest {
        let fm = FileManager.default
        for sub in ["registry", "packets", "readings"] {
            try fm.createDirectory(at: directory.appendingPathComponent(sub), withIntermediateDirectories: true)
        }
        var manifest = DemoManifest(directory: directory, profile: .bench,
                                    periodStart: Civil.timeString(minutes: startDay * 1440),
                                    periodEnd: Civil.timeString(minutes: (startDay + options.days) * 1440),
                                    days: options.days, intervalMinutes: options.intervalMinutes)
        let cityDistricts = benchDistricts(city: options.benchCity)
        let nd = max(1, min(options.districts, cityDistricts.count))
        let districts = Array(cityDistricts.prefix(nd))
        let n = options.enterprises
        let width = max(3, String(n).count)
        var ents: [Ent] = []
        var city = City()
        city.districts = districts
        city.idWidth = width
        for i in 0..<n {
            var r = SplitMix64(options.seed, 100, i)
            let d = i % nd
            let x = r.unit()
            let shift: ShiftType = x < 0.45 ? .day : (x < 0.8 ? .two : .continuous)
            let id = "E" + String(repeating: "0", count: max(0, width - String(i + 1).count)) + String(i + 1)
            let mn = districts[d].code + String(format4: i + 1) + "0180"
            var rated = [0.0], level = [0.0], standby = [0.0]
            for _ in 0..<8 {
                rated.append(r.pick(DemoBuilder.prodRated)); level.append(r.range(0.6, 0.9)); standby.append(r.range(0.015, 0.035))
            }
            for _ in 0..<3 { rated.append(r.pick(DemoBuilder.fanRated)); level.append(r.range(0.7, 0.9)); standby.append(0) }
            let sum = rated.reduce(0, +)
            rated[0] = (sum * 1.2 + 10).rounded()
            let ind = r.weighted(DemoBuilder.industryWeights)
            var rf = SplitMix64(options.seed, 104, i)
            let fault = Double(options.benchFaultPercent) > rf.unit() * 100
            ents.append(Ent(shift: shift, rated: rated, level: level, standby: standby, airflow: Double(5 + r.int(56)) * 1000,
                            baseKW: sum * 0.03 + 3, mn: Array(mn.utf8), rtoFault: fault))
            let dist = districts[d]
            city.enterprises.append(Enterprise(index: i, id: id, name: dist.short + DemoBuilder.nameWords1[i % DemoBuilder.nameWords1.count]
                                                + String(i + 1) + DemoBuilder.industryNameWord[ind] + "有限公司",
                                               credit: creditCode(division: dist.code, serial: r.next() % 1_000_000_000),
                                               district: d, industry: DemoBuilder.industries[ind],
                                               lat: dist.lat + r.sym() * 0.06, lon: dist.lon + r.sym() * 0.07,
                                               annualVOC: (r.range(1, 60) * 10).rounded() / 10, grade: "", minLoad: "", shift: shift))
            city.collectors.append(Collector(mn: mn, mnBytes: Array(mn.utf8), enterprise: i, vendor: .standard))
            // Facilities.
            let fBase = city.facilities.count
            let pNames = DemoBuilder.productionNames[ind]
            for k in 0..<4 {
                var f = Facility(id: "\(id)-P\(k + 1)", enterprise: i, isProduction: true, name: pNames[k])
                f.vocPerKWh = Fmt.fixedString(r.range(0.006, 0.04), decimals: 4)
                f.designCollection = "0.85"
                city.facilities.append(f)
            }
            let procs = [("RTO", 0.95), ("AC", 0.7), ("UV", 0.35)]
            for (k, pr) in procs.enumerated() {
                var f = Facility(id: "\(id)-T\(k + 1)", enterprise: i, isProduction: false, name: "\(pr.0)治理设施\(k + 1)")
                f.process = pr.0; f.designRemoval = Fmt.fixedString(pr.1, decimals: 2); f.removal = pr.1
                f.designAirflow = ents[i].airflow
                if pr.0 == "AC" { f.carbonCycle = "90" }
                city.facilities.append(f)
            }
            for (p, t) in [(0, 4), (1, 4), (2, 5), (3, 6)] {
                city.facilities[fBase + p].links.append(fBase + t)
                city.facilities[fBase + t].links.append(fBase + p)
            }
            func addPoint(_ code: String, _ kind: PointKind, _ f: Int, _ name: String, _ rated: Double, sensor: SensorKind? = nil) {
                var pt = Point(id: sensor == nil ? "\(id)-\(code)" : "\(id)-T\(f - fBase - 3)-\(code)", enterprise: i, collector: i,
                               code: code, codeBytes: Array(code.utf8), kind: kind, facility: f, name: name, rated: rated,
                               ratedText: rated > 0 ? Fmt.fixedString(rated, decimals: 1) : "")
                pt.sensor = sensor
                if sensor == .rtoTemp { pt.validMin = "760" }
                if sensor == .door { pt.validMax = "0" }
                city.points.append(pt)
            }
            addPoint("100000", .total, -1, "总电表", rated[0])
            for (k, code) in BenchWriter.prodCodes.enumerated() {
                addPoint(code, .production, fBase + k / 2, "\(pNames[k / 2])设备\(k % 2 + 1)", rated[1 + k])
            }
            for (k, code) in BenchWriter.treatCodes.enumerated() { addPoint(code, .treatment, fBase + 4 + k, "风机1", rated[9 + k]) }
            addPoint("a01012", .sensor, fBase + 4, "RTO燃烧室温度", 0, sensor: .rtoTemp)
            addPoint("a00000", .sensor, fBase + 4, "废气流量", 0, sensor: .flow)
            addPoint("i33101", .sensor, fBase + 5, "活性炭箱门", 0, sensor: .door)
            addPoint("a01013", .sensor, fBase + 6, "进出口压差", 0, sensor: .pressure)
        }
        for c in city.collectors.indices { city.collectors[c].points = [] }

        // Registry.
        for (name, table) in RegistryTables.make(city: city, startDay: startDay, days: options.days) {
            let path = "registry/" + name
            try table.write(to: directory.appendingPathComponent(path))
            manifest.files.append(DemoFile(path: path, bytes: table.text().utf8.count, lines: table.rows.count + 1))
        }

        // Packets.
        let workers = 2
        let spd = 1440 / options.intervalMinutes
        let block = max(1, min(spd, 600 / options.intervalMinutes))
        var states = (0..<workers).map { w -> BenchState in
            let lo = n * w / workers, hi = n * (w + 1) / workers
            return BenchState(ents: Array(ents[lo..<hi]), first: lo, seed: options.seed, interval: options.intervalMinutes,
                              block: block)
        }
        // A few corrupt lines: (day, sample, enterprise).
        var rc = SplitMix64(options.seed, 101)
        var corrupt: [(Int, Int, Int)] = []
        for d in 0..<options.days { for _ in 0..<5 { corrupt.append((d, rc.int(spd), rc.int(n))) } }
        var loadRows: [TruthRow] = []
        var values = 0, packets = 0, lines = 0
        for d in 0..<options.days {
            let dayNo = startDay + d
            let name = "packets/" + Civil.dateString(dayNo) + ".log"
            let sink = try FileSink(directory.appendingPathComponent(name), flushAt: 1 << 24)
            var lineNo = 0
            let wd = Civil.weekday(dayNo)
            var s0 = 0
            while s0 < spd {
                let count = min(block, spd - s0)
                let st = states, from = s0
                DispatchQueue.concurrentPerform(iterations: workers) { w in
                    st[w].fill(day: dayNo, weekday: wd, from: from, count: count)
                }
                states = st
                for k in 0..<count {
                    let s = s0 + k
                    for w in 0..<workers {
                        let state = states[w]
                        let a = state.offsets[k], b = state.offsets[k + 1]
                        // Corrupt copies go before the good packet of that enterprise.
                        for (cd, cs, ce) in corrupt where cd == d && cs == s && ce >= state.first && ce < state.first + state.ents.count {
                            let (la, lb) = state.lineRange(k, enterprise: ce - state.first)
                            var bad = Array(state.out[la..<lb])
                            var i = bad.count - 8
                            while i > 40 && !(bad[i] >= 48 && bad[i] <= 57 && bad[i - 1] == 46) { i -= 1 }
                            bad[i] = bad[i] == 57 ? 48 : bad[i] + 1
                            sink.buffer.append(contentsOf: bad)
                            lineNo += 1
                            manifest.badCRC += 1
                            let minute = dayNo * 1440 + s * options.intervalMinutes
                            loadRows.append(TruthRow(kind: "load", rule: "bad_crc", enterprise: city.enterprises[ce].id, facility: "",
                                                     point: city.collectors[ce].mn, start: minute, end: minute + options.intervalMinutes,
                                                     detail: "\(name):\(lineNo) 数值被改动一位，CRC 校验不符"))
                        }
                        state.out.withUnsafeBufferPointer { sink.buffer.append(contentsOf: $0[a..<b]) }
                        lineNo += state.ents.count
                        try sink.maybeFlush()
                    }
                }
                for w in 0..<workers { values += states[w].values; packets += states[w].packets; states[w].values = 0; states[w].packets = 0 }
                s0 += count
                progress?((Double(d) + Double(s0) / Double(spd)) / Double(options.days))
            }
            try sink.close()
            lines += lineNo
            manifest.files.append(DemoFile(path: name, bytes: sink.bytes, lines: lineNo))
        }
        manifest.packetLines = lines
        manifest.dataPackets = packets
        manifest.values = values
        manifest.packetsByCN = [DemoCount(name: "2011", count: packets), DemoCount(name: "2051", count: 0), DemoCount(name: "2061", count: 0)]
        var gt = CSVTable(TruthRow.header)
        for r in loadRows { gt.add(r.fields) }
        try gt.write(to: directory.appendingPathComponent("ground_truth.csv"))
        manifest.files.append(DemoFile(path: "ground_truth.csv", bytes: gt.text().utf8.count, lines: gt.rows.count + 1))
        manifest.groundTruth = [DemoCount(name: "event", count: 0), DemoCount(name: "no_event", count: 0),
                                DemoCount(name: "dq", count: 0), DemoCount(name: "load", count: loadRows.count)]
        manifest.districts = districts.count
        manifest.enterprises = n
        manifest.collectors = n
        manifest.facilities = city.facilities.count
        manifest.points = city.points.count
        var readme = "# Bench day / 城市规模基准数据\n\n"
        readme += "Generated by `pems bench load` (profile bench, seed \(options.seed)): \(n) enterprises in \(districts.count) districts, "
        readme += "one collector each with 12 electrical points (`100000` total meter, 8 production, 3 treatment fans; `Pt` and `Ept`) "
        readme += "and 4 sensors (`Rtd`), one CN 2011 packet per collector every \(options.intervalMinutes) minute(s), "
        readme += "\(options.days) day(s) from \(manifest.periodStart). "
        let faulty = ents.filter(\.rtoFault).count
        readme += faulty == 0 ? "No anomalies; " : "Anomalies: the RTO facility (`-T1`: fan, furnace temperature, airflow) of \(faulty) enterprises "
            + "(\(options.benchFaultPercent) %, a seeded draw) stops from 09:00 to 11:00 every day while production runs; "
        readme += "\(manifest.badCRC) lines carry a wrong CRC "
        readme += "(each followed by the good packet; listed in `ground_truth.csv`).\n\n"
        readme += "- `registry/*.csv` — SPEC §2 registry (plans, responses, exemptions, carbon and targets are header-only).\n"
        readme += "- `packets/YYYY-MM-DD.log` — packet logs, CR LF line ends.\n\n"
        readme += Readme.countsTable(manifest)
        try Data(readme.utf8).write(to: directory.appendingPathComponent("README.md"))
        manifest.files.append(DemoFile(path: "README.md", bytes: readme.utf8.count, lines: readme.split(separator: "\n", omittingEmptySubsequences: false).count - 1))
        manifest.bytes = manifest.files.reduce(0) { $0 + $1.bytes }
        return manifest
    }
}

extension String {
    /// Four-digit zero-padded decimal.
    init(format4 v: Int) {
        let s = String(v % 10000)
        self = String(repeating: "0", count: 4 - s.count) + s
    }
}

/// One worker's enterprises, counters and output block.
final class BenchState: @unchecked Sendable {
    let ents: [BenchWriter.Ent]
    let first: Int
    let interval: Int
    var rng: [SplitMix64]
    var counter: [Int64]
    var remainder: [Int64]
    var out: [UInt8] = []
    /// offsets[k] = start of sample k's packets in `out`; lineStarts per (sample, enterprise).
    var offsets: [Int] = []
    var lineStarts: [Int] = []
    var values = 0
    var packets = 0
    var seg: [UInt8] = []

    init(ents: [BenchWriter.Ent], first: Int, seed: UInt64, interval: Int, block: Int) {
        self.ents = ents
        self.first = first
        self.interval = interval
        rng = ents.indices.map { SplitMix64(seed, 102, first + $0) }
        counter = []
        remainder = Array(repeating: 0, count: ents.count * 12)
        for (i, _) in ents.enumerated() {
            var r = SplitMix64(seed, 103, first + i)
            for _ in 0..<12 { counter.append(Int64(r.range(1000, 500_000) * 100)) }
        }
        out.reserveCapacity(ents.count * 700 * block + 1024)
        seg.reserveCapacity(2048)
    }

    func lineRange(_ k: Int, enterprise e: Int) -> (Int, Int) {
        let i = k * ents.count + e
        return (lineStarts[i], lineStarts[i + 1])
    }

    /// Formats samples [from, from + count) of civil day `day` for every enterprise.
    func fill(day: Int, weekday wd: Int, from: Int, count: Int) {
        out.removeAll(keepingCapacity: true)
        offsets.removeAll(keepingCapacity: true)
        lineStarts.removeAll(keepingCapacity: true)
        // Per-shift slot tables for this weekday: production multiplier and treatment on.
        var prod: [[Double]] = []
        var treat: [[Bool]] = []
        for shift in [ShiftType.day, .two, .continuous] {
            let p = (0..<96).map { DemoSignals.baseLoad(shift, weekday: wd, slot: $0, startJitter: 0, endJitter: 0) }
            prod.append(p)
            treat.append((0..<96).map { k in (max(0, k - 2)...min(95, k + 2)).contains { p[$0] > 0 } })
        }
        let iv = Int64(interval)
        var pw = [Int32](repeating: 0, count: 12)
        for k in 0..<count {
            let s = from + k
            offsets.append(out.count)
            let minute = s * interval
            let slot = minute / 15
            let dataSec = day * 86400 + minute * 60
            for (e, ent) in ents.enumerated() {
                lineStarts.append(out.count)
                var r = rng[e]
                let si = ent.shift == .day ? 0 : (ent.shift == .two ? 1 : 2)
                let f = prod[si][slot]
                let on = treat[si][slot]
                var sum: Int32 = 0
                for j in 1...8 {
                    let v = f > 0 ? ent.rated[j] * ent.level[j] * f * (1 + 0.05 * r.sym()) : ent.rated[j] * ent.standby[j] * (1 + 0.2 * r.sym())
                    pw[j] = DemoSignals.hundredths(v); sum += pw[j]
                }
                let rtoOn = on && !(ent.rtoFault && BenchWriter.faultSlots.contains(slot))
                for j in 9...11 {
                    let running = j == 9 ? rtoOn : on
                    pw[j] = running ? DemoSignals.hundredths(ent.rated[j] * ent.level[j] * (1 + 0.02 * r.sym())) : 0
                    sum += pw[j]
                }
                let light = (minute >= 420 && minute < 1140) ? 0.3 : 0
                pw[0] = sum + DemoSignals.hundredths(ent.baseKW * (1 + light + 0.05 * r.sym()))
                seg.removeAll(keepingCapacity: true)
                PacketFormat.header(vendor: .standard, cn: 2011, mn: ent.mn, flag: 5, qnSeconds: dataSec + 2 + r.int(40),
                                    qnMillis: r.int(1000), dataTimeSeconds: dataSec, to: &seg)
                let cb = e * 12
                for j in 0..<12 {
                    let code = j == 0 ? "100000" : (j <= 8 ? BenchWriter.prodCodes[j - 1] : BenchWriter.treatCodes[j - 9])
                    seg.append(59)
                    seg.append(contentsOf: code.utf8); PacketFormat.lit("-Pt=", to: &seg)
                    Fmt.fixed(Int64(pw[j]), decimals: 2, to: &seg)
                    seg.append(44); seg.append(contentsOf: code.utf8); PacketFormat.lit("-Ept=", to: &seg)
                    Fmt.fixed(counter[cb + j], decimals: 2, to: &seg)
                    remainder[cb + j] += Int64(pw[j]) * iv
                    counter[cb + j] += remainder[cb + j] / 60
                    remainder[cb + j] %= 60
                }
                let temp = rtoOn ? 825 + 12 * r.sym() : 220 + 40 * r.sym()
                let flow = rtoOn ? ent.airflow * 0.9 * (1 + 0.03 * r.sym()) : 0
                let press = on ? 950 + 80 * r.sym() : 2 + 2 * r.unit()
                let sensors: [(String, Double)] = [("a01012", temp), ("a00000", flow), ("i33101", 0), ("a01013", press)]
                for (code, v) in sensors {
                    seg.append(59); seg.append(contentsOf: code.utf8); PacketFormat.lit("-Rtd=", to: &seg)
                    Fmt.fixed(Int64((v * 10).rounded()), decimals: 1, to: &seg)
                }
                PacketFormat.lit("&&", to: &seg)
                PacketFormat.frame(seg, lowercase: false, to: &out)
                rng[e] = r
                values += 28
                packets += 1
            }
        }
        offsets.append(out.count)
        lineStarts.append(out.count)
    }
}
