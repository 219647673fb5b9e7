import Foundation
import HJ212
import Testing
@testable import DemoCity

/// One small demo city shared by the tests (generated once).
enum Small {
    static let options = DemoOptions(seed: 7, enterprises: 64, districts: 6, start: "2026-06-01", days: 14, intervalMinutes: 15)
    static let generated: Result<(URL, DemoManifest), Error> = {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("democity-small-\(getpid())")
        try? FileManager.default.removeItem(at: dir)
        return Result { (dir, try DemoCity.generate(options, to: dir)) }
    }()

    static func get() throws -> (URL, DemoManifest) { try generated.get() }
}

func readLines(_ url: URL) throws -> [[UInt8]] {
    let data = try Data(contentsOf: url)
    var lines: [[UInt8]] = []
    var cur: [UInt8] = []
    for b in data {
        if b == 10 {
            if cur.last == 13 { cur.removeLast() }
            lines.append(cur); cur = []
        } else { cur.append(b) }
    }
    if !cur.isEmpty { lines.append(cur) }
    return lines
}

func readCSV(_ url: URL) throws -> [[String]] {
    let text = try String(contentsOf: url, encoding: .utf8)
    return text.split(whereSeparator: \.isNewline).map { line in
        // The generator only quotes fields with commas; none of the tested columns have them.
        line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
    }
}

/// Frame check: nil when valid, else the reason (SPEC §13.1).
func frameProblem(_ line: [UInt8]) -> String? {
    guard line.count >= 2, line[0] == 35, line[1] == 35 else { return "bare" }
    guard line.count >= 10, let len = Int(String(decoding: line[2..<6], as: UTF8.self)) else { return "bad_length" }
    guard line.count == 6 + len + 4 else { return "bad_length" }
    let seg = line[6..<(6 + len)]
    let crc = String(decoding: line[(6 + len)...], as: UTF8.self).uppercased()
    return CRC16.hex(CRC16.checksum(seg)) == crc ? nil : "bad_crc"
}

func segment(_ line: [UInt8]) -> String {
    if line.first == 35 { return String(decoding: line[6..<(line.count - 4)], as: UTF8.self) }
    return String(decoding: line, as: UTF8.self)
}

func headerField(_ seg: String, _ key: String) -> String? {
    guard let cpRange = seg.range(of: "CP=&&") else { return nil }
    for part in seg[..<cpRange.lowerBound].split(separator: ";") {
        let kv = part.split(separator: "=", maxSplits: 1)
        if kv.count == 2 && kv[0] == key { return String(kv[1]) }
    }
    return nil
}

func cpFields(_ seg: String) -> [(String, String)] {
    guard let a = seg.range(of: "CP=&&") else { return [] }
    var body = seg[a.upperBound...]
    if body.hasSuffix("&&") { body = body.dropLast(2) }
    return body.split(whereSeparator: { $0 == ";" || $0 == "," }).compactMap { f in
        let kv = f.split(separator: "=", maxSplits: 1)
        return kv.count == 2 ? (String(kv[0]), String(kv[1])) : nil
    }
}

@Suite(.serialized) struct DemoCityTests {
    @Test func sameOptionsGiveByteIdenticalFiles() throws {
        let (dir, m1) = try Small.get()
        let dir2 = FileManager.default.temporaryDirectory.appendingPathComponent("democity-again-\(getpid())")
        try? FileManager.default.removeItem(at: dir2)
        defer { try? FileManager.default.removeItem(at: dir2) }
        let m2 = try DemoCity.generate(Small.options, to: dir2)
        #expect(m1.files == m2.files)
        #expect(m1.files.count > 30)
        for f in m1.files {
            let a = try Data(contentsOf: dir.appendingPathComponent(f.path))
            let b = try Data(contentsOf: dir2.appendingPathComponent(f.path))
            #expect(a == b, "\(f.path) differs between two runs")
        }
    }

    @Test func registryFilesHaveTheSpecHeaders() throws {
        let (dir, _) = try Small.get()
        let expected: [String: String] = [
            "districts.csv": "district_code,district_name,zone_513",
            "enterprises.csv": "enterprise_id,name,credit_code,district_code,industry,lat,lon,annual_voc_t,performance_grade,min_load_ratio",
            "collectors.csv": "mn,enterprise_id",
            "facilities.csv": "facility_id,enterprise_id,kind,name,process,min_running,voc_kg_per_kwh,design_collection,design_removal,design_airflow_m3h,carbon_cycle_days,carbon_max_hours,carbon_max_kwh,carbon_max_m3",
            "points.csv": "point_id,enterprise_id,mn,code,kind,facility_id,name,rated_kw,threshold_kw,role,valid_min,valid_max",
            "links.csv": "production_facility_id,treatment_facility_id",
            "plans.csv": "enterprise_id,level,facility_id,measure,ratio,windows",
            "responses.csv": "response_id,level,start,end,districts",
            "weather.csv": "date,district_code,max_temp_c",
            "exemptions.csv": "enterprise_id,facility_id,start,end,reason,status",
            "carbon.csv": "facility_id,replaced_at,fill_kg",
            "targets.csv": "response_id,district_code,reduction_kg_per_day",
        ]
        for (name, header) in expected.sorted(by: { $0.key < $1.key }) {
            let rows = try readCSV(dir.appendingPathComponent("registry/" + name))
            #expect(rows.first?.joined(separator: ",") == header, "\(name)")
            #expect(rows.count > 1, "\(name) has no rows")
            let width = header.split(separator: ",").count
            for r in rows.dropFirst() { #expect(r.count == width, "\(name): \(r)") }
        }
        // Every point's MN is a registered collector of the same enterprise; codes follow seed 001 §6.3.2.
        let collectors = Dictionary(uniqueKeysWithValues: try readCSV(dir.appendingPathComponent("registry/collectors.csv")).dropFirst().map { ($0[0], $0[1]) })
        for r in try readCSV(dir.appendingPathComponent("registry/points.csv")).dropFirst() {
            #expect(collectors[r[2]] == r[1])
            switch r[4] {
            case "production": #expect(r[3].first!.isLetter)
            case "treatment": #expect(("1"..."9").contains(String(r[3].first!)))
            case "total": #expect(r[3] == "100000")
            default: break
            }
        }
    }

    @Test func everyFrameVerifiesExceptTheListedFaults() throws {
        let (dir, m) = try Small.get()
        var bad = ["bad_crc": 0, "bad_length": 0, "bare": 0]
        var lines = 0, responses = 0, dataPackets = 0, duplicates = 0, values = 0, unknown = 0
        let registered = Set(try readCSV(dir.appendingPathComponent("registry/collectors.csv")).dropFirst().map { $0[0] })
        for f in m.files where f.path.hasPrefix("packets/") {
            var previous: [UInt8] = []
            let all = try readLines(dir.appendingPathComponent(f.path))
            #expect(all.count == f.lines, "\(f.path)")
            for line in all {
                lines += 1
                if let p = frameProblem(line) {
                    bad[p, default: 0] += 1
                    if p != "bare" { continue }
                }
                let seg = segment(line)
                let cn = headerField(seg, "CN")
                if cn == "9014" { responses += 1; continue }
                if let mn = headerField(seg, "MN"), !registered.contains(mn) { unknown += 1; continue }
                dataPackets += 1
                if line == previous { duplicates += 1 }
                previous = line
                values += cpFields(seg).filter { !$0.0.hasSuffix("-Flag") && $0.0 != "DataTime" }.count
            }
        }
        #expect(lines == m.packetLines)
        #expect(bad["bad_crc"] == m.badCRC && m.badCRC > 0)
        #expect(bad["bad_length"] == m.badLength && m.badLength > 0)
        #expect(bad["bare"] == m.bareSegments)
        #expect(responses == m.responses && responses > 0)
        #expect(unknown == m.unknownMNPacketTotal && unknown > 0)
        #expect(dataPackets == m.dataPackets)
        #expect(duplicates == m.duplicatePackets && duplicates > 0)
        #expect(values == m.values)
        #expect(m.conflictReadings > 0)
        // Ground-truth load rows match the manifest.
        let gt = try readCSV(dir.appendingPathComponent("ground_truth.csv")).dropFirst()
        #expect(gt.filter { $0[0] == "load" && $0[1] == "bad_crc" }.count == m.badCRC)
        #expect(gt.filter { $0[0] == "load" && $0[1] == "bad_length" }.count == m.badLength)
        #expect(gt.filter { $0[0] == "load" && $0[1] == "duplicate" }.count == m.duplicatePackets)
        #expect(gt.filter { $0[0] == "load" && $0[1] == "conflict" }.count == m.conflictReadings)
        #expect(gt.filter { $0[0] == "load" && $0[1] == "response" }.count == m.responses)
        // CSV readings.
        var rows = 0
        for f in m.files where f.path.hasPrefix("readings/") {
            let r = try readCSV(dir.appendingPathComponent(f.path))
            #expect(r.first?.joined(separator: ",").trimmingCharacters(in: .whitespacesAndNewlines) == "time,mn,code,param,value,flag")
            rows += r.count - 1
        }
        #expect(rows == m.csvReadingRows && rows > 0)
    }

    @Test func energyCounterMatchesIntegratedPower() throws {
        let (dir, _) = try Small.get()
        // E001's first production point on the first day: Ept(t+1) − Ept(t) = Pt(t) × Δt within rounding.
        let points = try readCSV(dir.appendingPathComponent("registry/points.csv")).dropFirst()
        let candidates = points.filter { $0[4] == "production" }
        var checked = 0
        for pt in candidates.prefix(40) where checked < 3 {
            let mn = pt[2], code = pt[3]
            var samples: [(Double, Double)] = []
            for line in try readLines(dir.appendingPathComponent("packets/2026-06-02.log")) {
                guard frameProblem(line) == nil else { continue }
                let seg = segment(line)
                guard headerField(seg, "MN") == mn, headerField(seg, "CN") == "2011" else { continue }
                let f = Dictionary(cpFields(seg), uniquingKeysWith: { a, _ in a })
                guard let p = f["\(code)-Pt"], let e = f["\(code)-Ept"], let pv = Double(p), let ev = Double(e) else { continue }
                if samples.last.map({ $0 == (pv, ev) }) == true { continue }  // duplicate line
                samples.append((pv, ev))
            }
            guard samples.count == 96 else { continue }
            for k in 0..<(samples.count - 1) {
                let delta = samples[k + 1].1 - samples[k].1
                #expect(abs(delta - samples[k].0 * 0.25) <= 0.011, "\(pt[0]) sample \(k): ΔEpt \(delta) vs Pt \(samples[k].0)")
            }
            checked += 1
        }
        #expect(checked == 3)
    }

    @Test func groundTruthCoversEveryRuleAndCheck() throws {
        let (dir, m) = try Small.get()
        let gt = try readCSV(dir.appendingPathComponent("ground_truth.csv"))
        #expect(gt.first?.joined(separator: ",") == "kind,rule,enterprise_id,facility_id,point_id,start,end,detail,value,old_value")
        let rows = gt.dropFirst()
        let events = Set(rows.filter { $0[0] == "event" }.map { $0[1] })
        for rule in ["TREATMENT_STOPPED", "TREATMENT_INEFFECTIVE", "TREATMENT_LOW", "STOP_VIOLATION", "LIMIT_VIOLATION",
                     "SHIFT_VIOLATION", "OFFLINE", "EXEMPTION_BREACH", "CARBON_OVERDUE"] {
            #expect(events.contains(rule), "no event row for \(rule)")
        }
        let noEvents = Set(rows.filter { $0[0] == "no_event" }.map { $0[1] })
        for rule in ["TREATMENT_STOPPED", "TREATMENT_INEFFECTIVE", "TREATMENT_LOW", "OFFLINE", "STOP_VIOLATION", "LIMIT_VIOLATION",
                     "SHIFT_VIOLATION", "EXEMPTION_BREACH"] {
            #expect(noEvents.contains(rule), "no no_event row for \(rule)")
        }
        let dq = Set(rows.filter { $0[0] == "dq" }.map { $0[1] })
        for check in ["NO_DATA", "COMPLETENESS", "NEGATIVE", "ENERGY_POWER_MISMATCH", "ENERGY_TOO_LARGE", "CONSTANT",
                      "COUNTER_JUMP", "SUM_EXCEEDS_TOTAL", "CLOCK", "NO_TOTAL_POINT", "NO_PRODUCTION_POINT",
                      "NO_TREATMENT_POINT", "UNLINKED_PRODUCTION", "UNKNOWN_MN", "VOLTAGE_LOOP", "CURRENT_LOOP", "THRESHOLD_SUSPECT"] {
            #expect(dq.contains(check), "no dq row for \(check)")
        }
        let load = Set(rows.filter { $0[0] == "load" }.map { $0[1] })
        for fault in ["bad_crc", "bad_length", "unknown_mn", "conflict", "duplicate", "response"] {
            #expect(load.contains(fault), "no load row for \(fault)")
        }
        // No incidental data-quality rows in this city: every dq row was designed.
        #expect(rows.filter { $0[7].contains("自检") }.isEmpty)
        // Times are slot-aligned and ordered.
        for r in rows where r[0] != "load" {
            #expect(r[5].hasSuffix(":00") && r[6] > r[5], "\(r)")
            let minute = Int(r[5].dropFirst(14).prefix(2))!
            #expect(minute % 15 == 0)
        }
        #expect(m.groundTruth.reduce(0) { $0 + $1.count } == rows.count)
    }

    @Test func benchDayIsUniformAndValid() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("democity-bench-\(getpid())")
        try? FileManager.default.removeItem(at: dir)
        defer { try? FileManager.default.removeItem(at: dir) }
        var o = DemoOptions.bench()
        o.enterprises = 30
        let m = try DemoCity.generate(o, to: dir)
        #expect(m.dataPackets == 30 * 1440)
        #expect(m.values == 30 * 1440 * 28)
        let lines = try readLines(dir.appendingPathComponent("packets/2026-06-01.log"))
        #expect(lines.count == m.packetLines)
        var bad = 0
        for l in lines where frameProblem(l) != nil { bad += 1 }
        #expect(bad == m.badCRC && bad == 5)
        let points = try readCSV(dir.appendingPathComponent("registry/points.csv")).dropFirst()
        #expect(points.count == 30 * 16)
        let fields = cpFields(segment(lines[0]))
        #expect(fields.filter { $0.0.hasSuffix("-Pt") }.count == 12)
        #expect(fields.filter { $0.0.hasSuffix("-Ept") }.count == 12)
        #expect(fields.filter { $0.0.hasSuffix("-Rtd") }.count == 4)
    }

    /// Issue 20, `pems bench cities`: another city's bench day has its own district codes and
    /// so its own MNs — one region's cities never share an MN.
    @Test func twoBenchCitiesShareNoDistrictCodeAndNoMN() throws {
        var sets: [(districts: Set<String>, mns: Set<String>)] = []
        for city in [0, 3] {
            let dir = FileManager.default.temporaryDirectory.appendingPathComponent("democity-bench-city\(city)-\(getpid())")
            try? FileManager.default.removeItem(at: dir)
            defer { try? FileManager.default.removeItem(at: dir) }
            var o = DemoOptions.bench()
            o.enterprises = 12
            o.benchCity = city
            o.seed &+= UInt64(city)
            _ = try DemoCity.generate(o, to: dir)
            let enterprises = try readCSV(dir.appendingPathComponent("registry/enterprises.csv")).dropFirst()
            let points = try readCSV(dir.appendingPathComponent("registry/points.csv"))
            let mnColumn = try #require(points.first?.firstIndex(of: "mn"))
            sets.append((Set(enterprises.map { $0[3] }), Set(points.dropFirst().map { $0[mnColumn] })))
        }
        #expect(sets[0].districts.allSatisfy { $0.hasPrefix("1306") })   // Baoding
        #expect(sets[1].districts.allSatisfy { $0.hasPrefix("1303") })   // 秦皇岛
        #expect(sets[0].districts.count == 6 && sets[1].districts.count == 6)
        #expect(sets[0].mns.count == 12 && sets[1].mns.count == 12)
        #expect(sets[0].districts.isDisjoint(with: sets[1].districts))
        #expect(sets[0].mns.isDisjoint(with: sets[1].mns))
    }

    @Test func benchFaultsStopTheRTOFromNineToElevenWhileProductionRuns() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("democity-bench-faults-\(getpid())")
        try? FileManager.default.removeItem(at: dir)
        defer { try? FileManager.default.removeItem(at: dir) }
        var o = DemoOptions.bench()
        o.enterprises = 10
        o.benchFaultPercent = 100
        _ = try DemoCity.generate(o, to: dir)
        let lines = try readLines(dir.appendingPathComponent("packets/2026-06-01.log")).filter { frameProblem($0) == nil }
        /// (RTO fan kW, furnace °C, production kW of pa1001) of every enterprise at HH:MM (a Monday).
        func at(_ hhmm: String) -> [(Double, Double, Double)] {
            lines.map(segment).filter { $0.contains("DataTime=20260601\(hhmm)00") }.map { seg in
                let f = Dictionary(cpFields(seg).map { ($0.0, $0.1) }, uniquingKeysWith: { a, _ in a })
                return (Double(f["311011-Pt"] ?? "") ?? -1, Double(f["a01012-Rtd"] ?? "") ?? -1, Double(f["pa1001-Pt"] ?? "") ?? -1)
            }
        }
        for (time, rtoRuns) in [("0830", true), ("0900", false), ("1059", false), ("1100", true)] {
            let rows = at(time)
            #expect(rows.count == 10, "\(time)")
            for (fan, furnace, production) in rows {
                #expect(production > 5, "production runs at \(time)")
                #expect((fan > 0) == rtoRuns && (furnace > 700) == rtoRuns, "\(time): fan \(fan) kW, furnace \(furnace) °C")
            }
        }
        let readme = try String(contentsOf: dir.appendingPathComponent("README.md"), encoding: .utf8)
        #expect(readme.contains("of 10 enterprises (100 %"))
    }
}

@Test func framingMatchesTheHJ212Module() {
    for text in ["QN=20160801085857223;ST=32;CN=1062;PW=100000;MN=010000A8900016F000169DC0;Flag=5;CP=&&RtdInterval=30&&",
                 "QN=20260601000012000;ST=80;CN=2011;PW=123456;MN=13060200010180;Flag=5;CP=&&DataTime=20260601000000;pa1001-Pt=1.00&&"] {
        let seg = Array(text.utf8)
        var mine: [UInt8] = []
        PacketFormat.frame(seg, lowercase: false, to: &mine)
        var theirs: [UInt8] = []
        Frame.appendFrame(segment: seg, to: &theirs)
        theirs += [13, 10]
        #expect(mine == theirs)
        var lower: [UInt8] = []
        PacketFormat.frame(seg, lowercase: true, to: &lower)
        #expect(String(decoding: lower, as: UTF8.self).uppercased() == String(decoding: theirs, as: UTF8.self).uppercased())
    }
}
