import Foundation
import HJ212
import Testing
@testable import DemoCity

/// The SPEC 2 situations of the demo city (issue 16): each is listed in the ground truth, and
/// what the truth says is in the written packets — read back here independently of the
/// generator's own arrays.
@Suite(.serialized) struct DemoSPEC2SituationTests {
    /// `ground_truth.csv` (or any generated CSV) as dictionaries by column name.
    static func table(_ url: URL) throws -> [[String: String]] {
        let rows = try readCSV(url)
        guard let header = rows.first else { return [] }
        return rows.dropFirst().map { r in
            Dictionary(uniqueKeysWithValues: zip(header, r + Array(repeating: "", count: max(0, header.count - r.count))))
        }
    }

    /// Absolute minutes of `YYYY-MM-DD HH:MM[:SS]`.
    static func minutes(_ s: String) -> Int {
        let day = Civil.parse(String(s.prefix(10)))!
        let hh = Int(s.dropFirst(11).prefix(2))!, mm = Int(s.dropFirst(14).prefix(2))!
        return day * 1440 + hh * 60 + mm
    }

    /// Every CN 2011 packet of one MN in the packet logs, in load order (day files, then the
    /// re-send file), as (DataTime minutes, CP fields).
    static func packets(mn: String) throws -> [(minute: Int, fields: [String: String])] {
        var out: [(Int, [String: String])] = []
        let needle = Array(";MN=\(mn);".utf8)
        for lines in try packetLines.get() {
            for line in lines where contains(line, needle) {
                guard frameProblem(line) == nil || frameProblem(line) == "bare" else { continue }
                let seg = segment(line)
                guard headerField(seg, "MN") == mn, headerField(seg, "CN") == "2011" else { continue }
                let fields = Dictionary(cpFields(seg), uniquingKeysWith: { a, _ in a })
                guard let t = fields["DataTime"], t.count == 14 else { continue }
                let stamp = "\(t.prefix(4))-\(t.dropFirst(4).prefix(2))-\(t.dropFirst(6).prefix(2)) \(t.dropFirst(8).prefix(2)):\(t.dropFirst(10).prefix(2))"
                out.append((minutes(stamp), fields))
            }
        }
        return out
    }

    /// The lines of the small city's packet logs, file by file in load order (read once).
    static let packetLines: Result<[[[UInt8]]], Error> = Result {
        let (dir, m) = try Small.get()
        return try m.files.filter { $0.path.hasPrefix("packets/") }.map { try readLines(dir.appendingPathComponent($0.path)) }
    }

    /// Whether `needle` occurs in `line` (a cheap filter before parsing a packet).
    static func contains(_ line: [UInt8], _ needle: [UInt8]) -> Bool {
        guard line.count >= needle.count, let first = needle.first else { return false }
        var i = 0
        while i + needle.count <= line.count {
            if line[i] == first && Array(line[i..<(i + needle.count)]) == needle { return true }
            i += 1
        }
        return false
    }

    @Test func theGroundTruthListsEverySPEC2Situation() throws {
        let (dir, m) = try Small.get()
        let truth = try Self.table(dir.appendingPathComponent("ground_truth.csv"))
        func rows(_ kind: String, _ rule: String) -> [[String: String]] { truth.filter { $0["kind"] == kind && $0["rule"] == rule } }
        func span(_ r: [String: String]) -> (Int, Int) { (Self.minutes(r["start"]!), Self.minutes(r["end"]!)) }
        let plans = try Self.table(dir.appendingPathComponent("registry/plans.csv"))
        let exemptions = try Self.table(dir.appendingPathComponent("registry/exemptions.csv"))
        let points = try Self.table(dir.appendingPathComponent("registry/points.csv"))

        // Stop orders count cumulative running per calendar day: no event crosses midnight, and
        // the intermittent violator's event runs 240 minutes of which 90 violate.
        let stops = rows("event", "STOP_VIOLATION")
        #expect(stops.count >= 3)
        for r in stops {
            let (a, b) = span(r)
            #expect(a / 1440 == (b - 1) / 1440, "\(r) crosses midnight")
        }
        let intermittent = stops.filter { !($0["value"] ?? "").isEmpty }
        #expect(intermittent.count == 1)
        if let r = intermittent.first {
            let (a, b) = span(r)
            #expect(b - a == 240 && r["value"] == "90", "\(r)")
            // Its single 15-minute run on the next day is no event.
            #expect(rows("no_event", "STOP_VIOLATION").contains { $0["facility_id"] == r["facility_id"] && span($0).0 / 1440 == a / 1440 + 1 })
        }

        // Limit orders are judged per enterprise: events and no_events name no facility; the
        // load shifter (limit 0.75 on two or more lines) is a no_event, the full-load violator
        // with two limited lines an event.
        let limits = rows("event", "LIMIT_VIOLATION"), compliantLimits = rows("no_event", "LIMIT_VIOLATION")
        #expect(!limits.isEmpty && limits.allSatisfy { $0["facility_id"] == "" })
        #expect(compliantLimits.allSatisfy { $0["facility_id"] == "" })
        func limitedLines(_ e: String?, ratio: String) -> Int {
            plans.filter { $0["enterprise_id"] == e && $0["measure"] == "limit" && $0["ratio"] == ratio && $0["facility_id"] != "" }.count
        }
        #expect(compliantLimits.contains { limitedLines($0["enterprise_id"], ratio: "0.75") >= 2 })
        #expect(limits.contains { limitedLines($0["enterprise_id"], ratio: "0.5") >= 2 })

        // Idle treatment: TREATMENT_STOPPED over exactly the span where TREATMENT_LOW must not fire.
        let lows = rows("no_event", "TREATMENT_LOW")
        #expect(rows("event", "TREATMENT_STOPPED").contains { s in
            lows.contains { $0["facility_id"] == s["facility_id"] && $0["start"] == s["start"] && $0["end"] == s["end"] }
        })

        // Approved exemptions of a treatment facility: one breached (production ran), one honoured.
        let named = exemptions.filter { $0["status"] == "approved" && !($0["facility_id"] ?? "").isEmpty }
        func matches(_ r: [String: String]) -> Bool {
            named.contains { $0["facility_id"] == r["facility_id"] && Self.minutes($0["start"]!) == span(r).0 && Self.minutes($0["end"]!) == span(r).1 }
        }
        #expect(rows("event", "EXEMPTION_BREACH").filter(matches).count == 1)
        #expect(rows("no_event", "EXEMPTION_BREACH").filter(matches).count == 1)
        #expect(rows("event", "EXEMPTION_BREACH").count == 1)

        // A line metered by phase powers only, with an energy figure to check.
        let energy = rows("energy", "energy_kwh")
        #expect(energy.count == 1 && (Double(energy.first?["value"] ?? "") ?? 0) > 0)

        // Phase faults on a total meter, and declared thresholds the unit never reaches.
        for check in ["VOLTAGE_LOOP", "CURRENT_LOOP"] {
            let r = rows("dq", check)
            #expect(r.count == 1 && points.first { $0["point_id"] == r.first?["point_id"] }?["kind"] == "total", "\(check): \(r)")
        }
        let suspects = rows("dq", "THRESHOLD_SUSPECT")
        #expect(suspects.count == 2)
        let declared = suspects.compactMap { r in points.first { $0["point_id"] == r["point_id"] } }
            .map { (Double($0["threshold_kw"]!) ?? 0, Double($0["rated_kw"]!) ?? 0) }
        #expect(declared.contains { $0.0 >= $0.1 } && declared.contains { $0.0 > 0 && $0.0 < $0.1 }, "\(declared)")

        // Every conflict leaves a revision; one reading is replaced twice, the second starting
        // from the first's new value.
        let revisions = truth.filter { $0["kind"] == "revision" }
        #expect(revisions.count == m.conflictReadings && revisions.count >= 2)
        let byReading = Dictionary(grouping: revisions.indices) { "\(revisions[$0]["point_id"]!)|\(revisions[$0]["start"]!)" }
        let twice = byReading.values.filter { $0.count == 2 }
        #expect(twice.count == 1 && byReading.values.allSatisfy { $0.count <= 2 })
        if let pair = twice.first {
            #expect(revisions[pair[1]]["old_value"] == revisions[pair[0]]["value"])
            #expect(revisions[pair[0]]["old_value"] != revisions[pair[0]]["value"])
        }
    }

    @Test func thePhaseFaultsInThePacketsMeetSPEC2sConditionsOnTheirDayOnly() throws {
        let (dir, _) = try Small.get()
        let truth = try Self.table(dir.appendingPathComponent("ground_truth.csv"))
        let points = try Self.table(dir.appendingPathComponent("registry/points.csv"))
        let voltage = try #require(truth.first { $0["rule"] == "VOLTAGE_LOOP" })
        let current = try #require(truth.first { $0["rule"] == "CURRENT_LOOP" })
        #expect(voltage["point_id"] == current["point_id"])
        let meter = try #require(points.first { $0["point_id"] == voltage["point_id"] })
        let code = meter["code"]!
        // SPEC 2 §8 on slot values (one packet per slot here): VOLTAGE_LOOP slots have the largest
        // phase voltage ≥ 100 V and the smallest < 0.2 × it; CURRENT_LOOP slots sum > 0 with one
        // phase < −0.1 kW.
        var voltageSlots: [Int: Int] = [:], currentSlots: [Int: Int] = [:]
        for (minute, f) in try Self.packets(mn: meter["mn"]!) {
            let u = ["Ua", "Ub", "Uc"].compactMap { f["\(code)-\($0)"].flatMap(Double.init) }
            let p = ["Pa", "Pb", "Pc"].compactMap { f["\(code)-\($0)"].flatMap(Double.init) }
            guard u.count == 3, p.count == 3 else { Issue.record("no phases at \(minute)"); continue }
            if u.max()! >= 100 && u.min()! < 0.2 * u.max()! { voltageSlots[minute / 1440, default: 0] += 1 }
            if p.reduce(0, +) > 0 && p.min()! < -0.1 { currentSlots[minute / 1440, default: 0] += 1 }
            // Pt is what the meter measures: the sum of its phases.
            if let pt = f["\(code)-Pt"].flatMap(Double.init) { #expect(abs(pt - p.reduce(0, +)) < 0.005) }
        }
        #expect(voltageSlots == [Self.minutes(voltage["start"]!) / 1440: 8])
        #expect(currentSlots == [Self.minutes(current["start"]!) / 1440: 8])
    }

    @Test func theEnergyOfALineMeteredByPhasePowersOnlyIsTheSumOfWhatItsMetersSent() throws {
        let (dir, _) = try Small.get()
        let truth = try Self.table(dir.appendingPathComponent("ground_truth.csv"))
        let points = try Self.table(dir.appendingPathComponent("registry/points.csv"))
        let row = try #require(truth.first { $0["kind"] == "energy" })
        let meters = points.filter { $0["facility_id"] == row["facility_id"] }
        let phaseOnly = try #require(meters.first { $0["point_id"] == row["point_id"] })
        let day = Self.minutes(row["start"]!) / 1440
        var kwh = 0.0, slots = 0
        let packets = try Self.packets(mn: phaseOnly["mn"]!)
        for (minute, f) in packets where minute / 1440 == day {
            // One realtime packet per 15-minute slot: slot power = the reading (SPEC §4).
            var slot = 0.0
            var present = true
            for meter in meters {
                let c = meter["code"]!
                if let pt = f["\(c)-Pt"].flatMap(Double.init) { slot += pt; continue }
                let phases = ["Pa", "Pb", "Pc"].compactMap { f["\(c)-\($0)"].flatMap(Double.init) }
                if phases.count == 3 { slot += phases.reduce(0, +) } else { present = false }
            }
            if present { kwh += slot * 0.25; slots += 1 }
        }
        #expect(slots == 96)
        #expect(abs(kwh - Double(row["value"]!)!) <= 1e-6 * kwh, "packets give \(kwh) kWh, the truth \(row["value"]!)")
        // The phase-only meter never sends Pt or Ept.
        let code = phaseOnly["code"]!
        #expect(!packets.isEmpty && packets.allSatisfy { $0.fields["\(code)-Pt"] == nil && $0.fields["\(code)-Ept"] == nil && $0.fields["\(code)-Pa"] != nil })
    }

    @Test func theReadingReplacedTwiceArrivesThreeTimesWithTheTruthsValuesInLoadOrder() throws {
        let (dir, _) = try Small.get()
        let truth = try Self.table(dir.appendingPathComponent("ground_truth.csv"))
        let points = try Self.table(dir.appendingPathComponent("registry/points.csv"))
        let revisions = truth.filter { $0["kind"] == "revision" }
        let key = try #require(Dictionary(grouping: revisions) { "\($0["start"]!)" }.first { $0.value.count == 2 })
        let point = try #require(points.first { $0["point_id"] == key.value[0]["point_id"] })
        let minute = Self.minutes(key.key)
        let sent = try Self.packets(mn: point["mn"]!).filter { $0.minute == minute }.compactMap { $0.fields["\(point["code"]!)-Pt"] }
        #expect(sent == [key.value[0]["old_value"]!, key.value[0]["value"]!, key.value[1]["value"]!])
    }
}
