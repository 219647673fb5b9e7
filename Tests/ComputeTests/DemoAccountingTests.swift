import Accounting
import Foundation
import PEMSCore
import Reports
import Testing

/// SPEC §9 on the shared demo city (`DemoFixture`): the exported roll-ups add up from
/// facilities to enterprises to districts, and the orange response's §9.3 reductions separate
/// the enterprises the ground truth says complied from those it says violated.
@Suite struct DemoAccountingTests {
    static func close(_ a: Double, _ b: Double) -> Bool { abs(a - b) <= 1e-9 || abs(a - b) <= 1e-6 * max(abs(a), abs(b)) }

    /// Rows of an export's text as dictionaries by header.
    static func rows(_ csv: CSVExport) -> [[String: String]] {
        csv.rows.map { Dictionary(uniqueKeysWithValues: zip(csv.header, $0)) }
    }

    static func number(_ s: String?) -> Double { s.flatMap(Double.init) ?? 0 }

    @Test func districtTotalsEqualTheirEnterprisesWhichEqualTheirFacilities() throws {
        let demo = try DemoFixture.shared()
        let r = demo.result
        let rollup = AccountingRollup(r)
        // Read back the exported files, as an auditor would.
        let facilities = Self.rows(MachineExports.facilityDay(r))
        let enterprises = Self.rows(MachineExports.enterpriseDay(rollup))
        let districts = Self.rows(MachineExports.districtDay(rollup))
        let dates = Set(facilities.map { $0["date"] ?? "" })
        #expect(dates.count == 14)
        #expect(enterprises.count == 14 * r.registry.enterprises.count)
        #expect(districts.count == 14 * r.registry.districts.count)

        // Facilities → enterprises: energy (all facilities), generated and emitted (production).
        var energy: [String: Double] = [:], generated: [String: Double] = [:], emitted: [String: Double] = [:]
        for f in facilities {
            let key = (f["date"] ?? "") + "|" + (f["enterprise_id"] ?? "")
            energy[key, default: 0] += Self.number(f["energy_kwh"])
            generated[key, default: 0] += Self.number(f["generated_kg"])
            emitted[key, default: 0] += Self.number(f["emitted_kg"])
        }
        var districtEmitted: [String: Double] = [:], districtEvents: [String: Int] = [:]
        var positive = 0
        for e in enterprises {
            let key = (e["date"] ?? "") + "|" + (e["enterprise_id"] ?? "")
            #expect(Self.close(Self.number(e["energy_kwh"]), energy[key] ?? 0), "\(key) energy")
            #expect(Self.close(Self.number(e["generated_kg"]), generated[key] ?? 0), "\(key) generated")
            #expect(Self.close(Self.number(e["emitted_kg"]), emitted[key] ?? 0), "\(key) emitted")
            if Self.number(e["emitted_kg"]) > 0 { positive += 1 }
            let dkey = (e["date"] ?? "") + "|" + (e["district_code"] ?? "")
            districtEmitted[dkey, default: 0] += Self.number(e["emitted_kg"])
            districtEvents[dkey, default: 0] += Int(e["events"] ?? "") ?? 0
        }
        #expect(positive > enterprises.count / 2)  // the sums are not vacuous
        // Enterprises → districts, and every district's rank by emitted is a permutation 1…n.
        var ranks: [String: [Int]] = [:]
        for d in districts {
            let key = (d["date"] ?? "") + "|" + (d["district_code"] ?? "")
            #expect(Self.close(Self.number(d["emitted_kg"]), districtEmitted[key] ?? 0), "\(key) emitted")
            #expect(Int(d["events"] ?? "") == districtEvents[key] ?? 0, "\(key) events")
            ranks[d["date"] ?? "", default: []].append(Int(d["rank_emitted"] ?? "") ?? 0)
        }
        for (_, r) in ranks { #expect(r.sorted() == Array(1...r.count)) }
        // Events per day add up to the events starting in the period.
        let periodEvents = r.events.filter { $0.start >= r.from.start }.count
        #expect(districtEvents.values.reduce(0, +) == periodEvents)
        // The city's month total equals the districts' sum.
        let city = rollup.totals(.city, per: .month).reduce(0) { $0 + $1.emittedKg }
        #expect(Self.close(city, districtEmitted.values.reduce(0, +)))
    }

    @Test func responseReductionsArePositiveForCompliantEnterprisesAndSmallerForViolators() throws {
        let demo = try DemoFixture.shared()
        // Ground truth: orange-response plan rows the enterprise obeyed (no_event) or broke running
        // at full load through the response (event, "满负荷"). SPEC 2's intermittent stop violator
        // (an event, though it stands still most of the time) is neither.
        let truth = demo.truthCSV.split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        let measures: Set<String> = ["STOP_VIOLATION", "LIMIT_VIOLATION", "SHIFT_VIOLATION"]
        var compliant = Set<String>(), violators = Set<String>(), partly = Set<String>()
        for row in truth where row.count >= 8 && measures.contains(row[1]) && row[7].hasPrefix("橙色预警期间") {
            if row[0] == "event" {
                if row[7].contains("满负荷") { violators.insert(row[2]) } else { partly.insert(row[2]) }
            } else if row[0] == "no_event" {
                compliant.insert(row[2])
            }
        }
        compliant.subtract(violators.union(partly))
        #expect(compliant.count >= 5 && violators.count >= 4 && partly.count == 1,
                "compliant \(compliant.sorted()), violators \(violators.sorted()), partly \(partly.sorted())")
        #expect(compliant.isDisjoint(with: violators))

        let reductions = PeriodAccounting(demo.result).reductions
        let dates = Set(reductions.map(\.date))
        #expect(dates.count == 3)  // the orange response runs from L−6 12:00 to L−4 12:00
        for date in dates.sorted() {
            let day = reductions.filter { $0.date == date }
            let c = day.filter { compliant.contains($0.enterpriseID) }.compactMap(\.reductionKg)
            let v = day.filter { violators.contains($0.enterpriseID) }.compactMap(\.reductionKg)
            #expect(c.count == compliant.count && v.count == violators.count, "\(date): every one has a baseline")
            #expect(c.allSatisfy { $0 > 0 }, "\(date): compliant reductions \(c)")
            if let lowest = c.min(), let highest = v.max() {
                #expect(highest < lowest, "\(date): a violator reduced \(highest) kg, a compliant enterprise only \(lowest)")
            }
        }
        // Over the response, compliant enterprises reduce by a good share of their baseline.
        for id in compliant {
            let rows = reductions.filter { $0.enterpriseID == id }
            let share = rows.compactMap(\.reductionKg).reduce(0, +) / rows.compactMap(\.baselineKg).reduce(0, +)
            #expect(share > 0.2, "\(id) reduced \(share) of its baseline")
        }
    }
}
