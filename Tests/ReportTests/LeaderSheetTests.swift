import Accounting
import Foundation
import PEMSCore
@testable import Reports
import Testing
import TestSupport

/// The leaders' sheets of the weekly workbook (重点企业, 513区域, 行业统计, 排放异常企业, 企业排名's
/// 环比/同比, 概览's key figures), read back with openpyxl and checked against figures worked out
/// here from the registry CSVs, the `pems export` CSVs of the same week and the stored days of
/// the week before — never through the roll-up the sheets use.
@Suite(.serialized) struct LeaderSheetTests {
    static let day = Day("2026-06-10")!  // the week 2026-06-08 … 2026-06-14; the week before is stored too
    static let weekStart = Day("2026-06-08")!

    func near(_ a: Double?, _ b: Double?, _ tol: Double = 1e-9) -> Bool {
        guard let a, let b else { return a == nil && b == nil }
        return abs(a - b) <= tol * max(1, abs(b))
    }

    /// What the tests know of each enterprise, from the registry and the week's exports.
    struct Facts {
        var registry: [[String: String]]
        var zoneDistricts: Set<String>
        var districtName: [String: String]
        var emitted: [String: Double] = [:]
        var energy: [String: Double] = [:]
        var productionEnergy: [String: Double] = [:]
        var online: Set<String> = []
        var events: [String: [String: Int]] = [:]  // enterprise → rule → count
        var earlierEmitted: [String: Double] = [:]
        var earlierEnergy: [String: Double] = [:]
        func industry(_ id: String) -> String { registry.first { $0["enterprise_id"] == id }?["industry"] ?? "" }
        func annual(_ id: String) -> Double? { registry.first { $0["enterprise_id"] == id }.flatMap { Double($0["annual_voc_t"] ?? "") } }
        var ids: [String] { registry.compactMap { $0["enterprise_id"] } }
    }

    /// Renders the week's workbook and gathers `Facts` by hand.
    func weekly(_ f: ReportFixture) throws -> (ReadWorkbook, Facts) {
        let (files, export) = try f.render(.weekly, date: Self.day)
        let wb = try ReadWorkbook.read(try #require(files.first))
        let registryDir = try DemoStore.shared().city.appendingPathComponent("registry")
        let districts = try csvRows(registryDir.appendingPathComponent("districts.csv"))
        var facts = Facts(registry: try csvRows(registryDir.appendingPathComponent("enterprises.csv")),
                          zoneDistricts: Set(districts.filter { $0["zone_513"] == "1" }.compactMap { $0["district_code"] }),
                          districtName: Dictionary(uniqueKeysWithValues: districts.map { ($0["district_code"] ?? "", $0["district_name"] ?? "") }))
        for r in try csvRows(export.appendingPathComponent("enterprise_day.csv")) {
            let id = r["enterprise_id"] ?? ""
            facts.emitted[id, default: 0] += Double(r["emitted_kg"] ?? "") ?? 0
            facts.energy[id, default: 0] += Double(r["energy_kwh"] ?? "") ?? 0
        }
        for r in try csvRows(export.appendingPathComponent("facility_day.csv")) {
            let id = r["enterprise_id"] ?? ""
            if r["kind"] == "production" { facts.productionEnergy[id, default: 0] += Double(r["energy_kwh"] ?? "") ?? 0 }
            if (Double(r["completeness"] ?? "") ?? 0) > 0 { facts.online.insert(id) }
        }
        for r in try csvRows(export.appendingPathComponent("events.csv")) {
            facts.events[r["enterprise_id"] ?? "", default: [:]][r["rule"] ?? "", default: 0] += 1
        }
        // The week before, from the stored facility-days (as `pems export` of that week would sum them).
        let before = try f.locked { try f.store.dailyResults(from: Self.weekStart.adding(days: -7), to: Self.weekStart.adding(days: -1)) }
        #expect(before.dates.count == 7)
        for d in before.facilityDays {
            facts.earlierEnergy[d.enterpriseID, default: 0] += d.energyKWh ?? 0
            if d.kind == .production { facts.earlierEmitted[d.enterpriseID, default: 0] += d.emittedKg ?? 0 }
        }
        return (wb, facts)
    }

    func tier(_ t: Double?, _ tiers: [Double] = [50, 10]) -> String? {
        guard let t else { return nil }
        return t > tiers[0] ? "重点" : (t > tiers[1] ? "一般重点" : nil)
    }

    @Test func keyEnterpriseSheetListsTheTiersFromTheRegistryWithTheWeeksNumbers() throws {
        let f = try ReportFixture.shared()
        let (wb, x) = try weekly(f)
        let sheet = try #require(wb.sheet("重点企业"))
        #expect(sheet.freeze == "A7" && sheet.filter?.hasPrefix("A6:") == true)
        #expect(sheet.charts == ["BarChart"])
        let c = { (h: String) throws -> Int in try #require(sheet.column(h), "\(h)") }
        let id = try c("企业编号"), tierCol = try c("级别"), kg = try c("VOCs排放量(kg)"), ev = try c("异常事件(起)")
        let annual = try c("年VOCs产生量(t)"), before = try c("上期排放量(kg)"), change = try c("环比"), share = try c("占全市排放")
        let expected = x.ids.filter { tier(x.annual($0)) != nil }
        #expect(expected.count >= 3, "the demo city has key enterprises")
        #expect(Set(expected.map { tier(x.annual($0)) }) == ["重点", "一般重点"], "the demo city has both tiers")
        #expect(sheet.data.map { $0[id].string ?? "" }.sorted() == expected.sorted())
        let city = x.emitted.values.reduce(0, +)
        for row in sheet.data {
            let e = try #require(row[id].string)
            #expect(row[tierCol].string == tier(x.annual(e)), "\(e)")
            #expect(row[annual].number == x.annual(e))
            #expect(near(row[kg].number, x.emitted[e] ?? 0), "\(e) emitted")
            #expect(near(row[share].number, (x.emitted[e] ?? 0) / city), "\(e) share")
            #expect(row[ev].number == Double(x.events[e]?.values.reduce(0, +) ?? 0), "\(e) events")
            #expect(near(row[before].number, x.earlierEmitted[e] ?? 0), "\(e) earlier")
            let b = x.earlierEmitted[e] ?? 0
            #expect(near(row[change].number, b == 0 ? nil : ((x.emitted[e] ?? 0) - b) / b), "\(e) 环比")
            #expect(row[change].format == "0.00%")
        }
        // 重点 first, then by emitted kg, largest first.
        let order = sheet.data.map { ($0[tierCol].string == "重点" ? 0 : 1, -($0[kg].number ?? 0)) }
        #expect(order.map(\.0) == order.map(\.0).sorted())
        for t in [0, 1] {
            let kgs = order.filter { $0.0 == t }.map(\.1)
            #expect(kgs == kgs.sorted())
        }
    }

    @Test func zone513SheetRanksTheZoneDistrictsEnterprisesByEmission() throws {
        let f = try ReportFixture.shared()
        let (wb, x) = try weekly(f)
        let sheet = try #require(wb.sheet("513区域"))
        #expect(x.zoneDistricts.count == 2, "the demo city marks two districts of the 513 zone")
        let id = try #require(sheet.column("企业编号")), rank = try #require(sheet.column("区域内排名"))
        let kg = try #require(sheet.column("VOCs排放量(kg)")), share = try #require(sheet.column("占区域排放"))
        let district = try #require(sheet.column("区县")), ev = try #require(sheet.column("异常事件(起)"))
        let members = x.registry.filter { x.zoneDistricts.contains($0["district_code"] ?? "") }.compactMap { $0["enterprise_id"] }
        #expect(members.count >= 4)
        let ranked = members.sorted { a, b in
            let p = x.emitted[a] ?? 0, q = x.emitted[b] ?? 0
            return p != q ? p > q : a < b
        }
        #expect(sheet.data.map { $0[id].string ?? "" } == ranked)
        #expect(sheet.data.map { Int($0[rank].number ?? 0) } == Array(1...ranked.count))
        let zoneKg = members.reduce(0) { $0 + (x.emitted[$1] ?? 0) }
        for row in sheet.data {
            let e = try #require(row[id].string)
            let code = x.registry.first { $0["enterprise_id"] == e }?["district_code"] ?? ""
            #expect(row[district].string == x.districtName[code])
            #expect(near(row[kg].number, x.emitted[e] ?? 0))
            #expect(near(row[share].number, (x.emitted[e] ?? 0) / zoneKg))
            #expect(row[ev].number == Double(x.events[e]?.values.reduce(0, +) ?? 0))
        }
    }

    @Test func industrySheetSumsTheWeeksEnterpriseDaysAndCountsEventsByRule() throws {
        let f = try ReportFixture.shared()
        let (wb, x) = try weekly(f)
        let sheet = try #require(wb.sheet("行业统计"))
        #expect(sheet.charts == ["BarChart", "BarChart"])
        let ind = try #require(sheet.column("行业")), n = try #require(sheet.column("企业数"))
        let kg = try #require(sheet.column("VOCs排放量(kg)")), kwh = try #require(sheet.column("用电量(kWh)"))
        let intensity = try #require(sheet.column("排放强度(kg/kWh)")), total = try #require(sheet.column("异常事件合计(起)"))
        let online = try #require(sheet.column("在线企业数"))
        // Every rule has its column, headed by its name as 异常清单 writes it.
        var ruleColumn: [AnomalyRule: Int] = [:]
        for rule in AnomalyRule.allCases { ruleColumn[rule] = try #require(sheet.column(rule.chineseName), "\(rule)") }
        let industries = Set(x.registry.compactMap { $0["industry"] })
        #expect(Set(sheet.data.compactMap { $0[ind].string }) == industries)
        var eventTotal = 0.0
        for row in sheet.data {
            let name = try #require(row[ind].string)
            let members = x.ids.filter { x.industry($0) == name }
            #expect(row[n].number == Double(members.count))
            #expect(row[online].number == Double(members.filter { x.online.contains($0) }.count))
            let emitted = members.reduce(0) { $0 + (x.emitted[$1] ?? 0) }
            let production = members.reduce(0) { $0 + (x.productionEnergy[$1] ?? 0) }
            #expect(near(row[kg].number, emitted), "\(name) emitted")
            #expect(near(row[kwh].number, members.reduce(0) { $0 + (x.energy[$1] ?? 0) }), "\(name) energy")
            #expect(near(row[intensity].number, production > 0 ? emitted / production : nil), "\(name) kg/kWh")
            var sum = 0.0
            for rule in AnomalyRule.allCases {
                let expected = members.reduce(0) { $0 + (x.events[$1]?[rule.rawValue] ?? 0) }
                #expect(row[ruleColumn[rule] ?? 0].number == Double(expected), "\(name) \(rule)")
                sum += Double(expected)
            }
            #expect(row[total].number == sum)
            eventTotal += sum
        }
        #expect(eventTotal == Double(x.events.values.flatMap(\.values).reduce(0, +)))
        #expect(eventTotal > 0)
        let kgs = sheet.data.compactMap { $0[kg].number }
        #expect(kgs == kgs.sorted(by: >))
    }

    @Test func abnormalSheetListsExactlyTheEnterprisesTheThresholdsPick() throws {
        let f = try ReportFixture.shared()
        let (wb, x) = try weekly(f)
        let sheet = try #require(wb.sheet("排放异常企业"))
        let s = Settings()
        // By hand: intensity against the industry median (of the enterprises with production energy).
        var intensity: [String: Double] = [:]
        for id in x.ids where (x.productionEnergy[id] ?? 0) > 0 { intensity[id] = (x.emitted[id] ?? 0) / (x.productionEnergy[id] ?? 1) }
        func median(_ v: [Double]) -> Double? {
            let s = v.sorted()
            guard !s.isEmpty else { return nil }
            return s.count % 2 == 1 ? s[s.count / 2] : (s[s.count / 2 - 1] + s[s.count / 2]) / 2
        }
        var expected: [String: (Bool, Bool)] = [:]
        for id in x.ids {
            let peers = x.ids.filter { x.industry($0) == x.industry(id) }.compactMap { intensity[$0] }
            let high = intensity[id].map { v in median(peers).map { v > (1 + s.comparisonIndustryDeviation) * $0 } ?? false } ?? false
            var moved = false
            let e0 = x.earlierEmitted[id] ?? 0, w0 = x.earlierEnergy[id] ?? 0
            if e0 > 0, w0 > 0 {
                let de = ((x.emitted[id] ?? 0) - e0) / e0, dw = ((x.energy[id] ?? 0) - w0) / w0
                moved = abs(de) > s.comparisonChangeThreshold && abs(dw) < s.comparisonEnergySteady
            }
            if high || moved { expected[id] = (high, moved) }
        }
        #expect(!expected.isEmpty, "the demo week has an enterprise standing out")
        let id = try #require(sheet.column("企业编号")), hi = try #require(sheet.column("强度超行业"))
        let mv = try #require(sheet.column("排放突变")), reason = try #require(sheet.column("异常原因"))
        let value = try #require(sheet.column("排放强度(kg/kWh)")), limit = try #require(sheet.column("强度限值(kg/kWh)"))
        #expect(Set(sheet.data.compactMap { $0[id].string }) == Set(expected.keys))
        for row in sheet.data {
            let e = try #require(row[id].string)
            let (high, moved) = try #require(expected[e])
            #expect(row[hi].string == (high ? "是" : "否") && row[mv].string == (moved ? "是" : "否"), "\(e)")
            #expect(row[reason].string?.isEmpty == false)
            #expect(near(row[value].number, intensity[e]), "\(e)")
            if high, let v = row[value].number, let l = row[limit].number { #expect(v > l) }
        }
    }

    @Test func rankingSheetCarriesEachEnterprisesPreviousWeekAndItsChange() throws {
        let f = try ReportFixture.shared()
        let (wb, x) = try weekly(f)
        let sheet = try #require(wb.sheet("企业排名"))
        let id = try #require(sheet.column("企业编号")), before = try #require(sheet.column("上期排放量(kg)"))
        let change = try #require(sheet.column("环比")), ago = try #require(sheet.column("去年同期(kg)"))
        let yoy = try #require(sheet.column("同比"))
        #expect(sheet.data.count == x.ids.count)
        var changes = 0
        for row in sheet.data {
            let e = try #require(row[id].string)
            let b = x.earlierEmitted[e] ?? 0
            #expect(near(row[before].number, b), "\(e)")
            #expect(near(row[change].number, b == 0 ? nil : ((x.emitted[e] ?? 0) - b) / b), "\(e)")
            if row[change].number != nil { changes += 1 }
            // No year-earlier week is stored: 同比 stays blank.
            #expect(row[ago].value == nil && row[yoy].value == nil)
        }
        #expect(changes > 10)
    }

    @Test func overviewCountsTheTiersAndTheMonitoredShareOfDeclaredVOCs() throws {
        let f = try ReportFixture.shared()
        let (wb, x) = try weekly(f)
        let kpi = try #require(wb.sheet("概览"))
        func value(_ name: String) throws -> Double? { try #require(kpi.data.first { $0[0].string == name }, "\(name)")[1].number }
        #expect(try value("重点企业") == Double(x.ids.filter { tier(x.annual($0)) == "重点" }.count))
        #expect(try value("一般重点企业") == Double(x.ids.filter { tier(x.annual($0)) == "一般重点" }.count))
        let registered = x.ids.reduce(0) { $0 + (x.annual($1) ?? 0) }
        let monitored = x.ids.filter { x.online.contains($0) }.reduce(0) { $0 + (x.annual($1) ?? 0) }
        #expect(near(try value("可监控VOCs产生量占比"), monitored / registered))
        let zone = x.ids.filter { id in x.zoneDistricts.contains(x.registry.first { $0["enterprise_id"] == id }?["district_code"] ?? "") }
        let zoneKg = zone.reduce(0) { $0 + (x.emitted[$1] ?? 0) }
        #expect(near(try value("513区域VOCs排放量"), zoneKg))
        #expect(near(try value("513区域排放占全市比例"), zoneKg / x.emitted.values.reduce(0, +)))
    }

    @Test func anEnterpriseWithoutDataLowersTheMonitoredShareByItsDeclaredTonnes() throws {
        let f = try ReportFixture.shared()
        // Every enterprise of the demo city reports in the week: register one more, never connected.
        let (share, registered) = try f.locked { () throws -> (Double?, Double) in
            let (p, from, to) = PeriodReport.period(.weekly, containing: Self.day)
            var result = try StoredComputation.run(store: f.store, settings: f.settings, from: from, to: to, engineVersion: "test",
                                                   reuse: true).result()
            let registered = result.registry.enterprises.reduce(0) { $0 + ($1.annualVOCTonnes ?? 0) }
            let r = result.registry
            result.registry = Registry(districts: r.districts, enterprises: r.enterprises + [
                Enterprise(id: "E999", name: "未联网企业", districtCode: r.districts[0].code, industry: .chemical, annualVOCTonnes: 80),
            ], collectors: r.collectors, facilities: r.facilities, points: r.points, links: r.links, plans: r.plans,
               responses: r.responses, weather: r.weather, exemptions: r.exemptions,
               carbonReplacements: r.carbonReplacements, targets: r.targets)
            let kpi = try PeriodReportData(result: result, period: p, store: f.store).kpi()
            let row = kpi.rows.first { $0[KPIField.allCases.firstIndex(of: .indicator) ?? 0] == .text("可监控VOCs产生量占比") }
            guard case .percent(let x)? = row?[KPIField.allCases.firstIndex(of: .value) ?? 1] else { return (nil, registered) }
            return (x, registered)
        }
        #expect(registered > 100)
        #expect(near(share, registered / (registered + 80)))
    }

    @Test func otherTiersInTheSettingsChangeTheKeyEnterpriseSheet() throws {
        let f = try ReportFixture.shared()
        let registryDir = try DemoStore.shared().city.appendingPathComponent("registry")
        let enterprises = try csvRows(registryDir.appendingPathComponent("enterprises.csv"))
        let (files, rowsDefault, rowsOther) = try f.locked { () throws -> ([URL], Int, Int) in
            let (p, from, to) = PeriodReport.period(.weekly, containing: Self.day)
            var result = try StoredComputation.run(store: f.store, settings: f.settings, from: from, to: to, engineVersion: "test",
                                                   reuse: true).result()
            let before = try PeriodReportData(result: result, period: p, store: f.store).keyEnterprises().rows.count
            result.settings.keyEnterpriseTiers = [30, 5]
            let data = try PeriodReportData(result: result, period: p, store: f.store)
            let template = try TemplateLoader.load(.weekly, from: ReportFixture.templates)
            let files = try PeriodReport.render(template, rows: PeriodRows(result), period: p, store: f.store, out: try f.outDir("tiers"))
            return (files, before, data.keyEnterprises().rows.count)
        }
        let annual = enterprises.compactMap { Double($0["annual_voc_t"] ?? "") }
        #expect(rowsDefault == annual.filter { $0 > 10 }.count)
        #expect(rowsOther == annual.filter { $0 > 5 }.count)
        #expect(rowsOther > rowsDefault)
        let xlsx = try #require(files.first)
        let sheet = try #require(try ReadWorkbook.read(xlsx).sheet("重点企业"))
        let id = try #require(sheet.column("企业编号")), t = try #require(sheet.column("级别"))
        for row in sheet.data {
            let e = try #require(row[id].string)
            let v = enterprises.first { $0["enterprise_id"] == e }.flatMap { Double($0["annual_voc_t"] ?? "") }
            #expect(row[t].string == tier(v, [30, 5]), "\(e)")
        }
        #expect(sheet.data.count == rowsOther)
    }

    @Test func countyEditionsSplitTheKeyEnterprisesAndIndustriesAndKeepTheirZoneRanks() throws {
        let f = try ReportFixture.shared()
        try f.locked {
            let (p, from, to) = PeriodReport.period(.weekly, containing: Self.day)
            let outcome = try StoredComputation.run(store: f.store, settings: f.settings, from: from, to: to, engineVersion: "test",
                                                    reuse: true)
            let data = try PeriodReportData(rows: outcome.rows, period: p, store: f.store)
            let registry = outcome.rows.registry
            func cell<F: ReportField>(_ row: [ReportCell], _ field: F) -> ReportCell { row[Array(F.allCases).firstIndex(of: field) ?? 0] }
            func text<F: ReportField>(_ row: [ReportCell], _ field: F) -> String? {
                if case .text(let t) = cell(row, field) { return t }
                return nil
            }
            func number<F: ReportField>(_ row: [ReportCell], _ field: F) -> Double? { cell(row, field).numeric }
            func ids<F: ReportField>(_ set: ResultSet<F>, _ field: F) -> [String] { set.rows.compactMap { text($0, field) } }
            let cityKey = ids(data.keyEnterprises(), KeyEnterprisesField.enterpriseID)
            let cityZone = data.zone513()
            var zoneRank: [String: Double] = [:]
            for row in cityZone.rows { if let id = text(row, Zone513Field.enterpriseID) { zoneRank[id] = number(row, Zone513Field.rank) } }
            var cityIndustryKg: [String: Double] = [:]
            for row in data.industryStats().rows {
                if let name = text(row, IndustryStatsField.industry) { cityIndustryKg[name] = number(row, IndustryStatsField.emittedKg) }
            }
            var keySeen: [String] = [], industryKg: [String: Double] = [:]
            for d in registry.districts {
                let county = data.edition(.district(d.code))
                let own = Set(registry.enterprises.filter { $0.districtCode == d.code }.map(\.id))
                let key = ids(county.keyEnterprises(), KeyEnterprisesField.enterpriseID)
                #expect(key.allSatisfy(own.contains), "\(d.code)")
                keySeen += key
                let zone = county.zone513()
                if d.isInZone513 {
                    #expect(Set(ids(zone, Zone513Field.enterpriseID)) == own, "\(d.code)")
                    for row in zone.rows {
                        let id = text(row, Zone513Field.enterpriseID) ?? ""
                        #expect(number(row, Zone513Field.rank) == zoneRank[id], "\(id) keeps its rank in the zone")
                    }
                } else {
                    #expect(zone.rows.isEmpty)
                }
                for row in county.industryStats().rows {
                    if let name = text(row, IndustryStatsField.industry) { industryKg[name, default: 0] += number(row, IndustryStatsField.emittedKg) ?? 0 }
                }
                let kpi = county.kpi().rows.first { text($0, KPIField.indicator) == "重点企业" }
                #expect(kpi.map { number($0, KPIField.cityValue) } == Double(ids(data.keyEnterprises(), KeyEnterprisesField.tier)
                    .filter { $0 == "重点" }.count))
            }
            #expect(keySeen.sorted() == cityKey.sorted())
            for (name, kg) in cityIndustryKg { #expect(near(industryKg[name], kg), "\(name)") }
        }
    }

    @Test func theWeeklyWorkbookWithTheLeadersSheetsIsTheSameBytesTwice() throws {
        let f = try ReportFixture.shared()
        let a = try f.render(.weekly, date: Self.day).files, b = try f.render(.weekly, date: Self.day).files
        #expect(a.count == 1 && b.count == 1)
        #expect(try Data(contentsOf: a[0]) == Data(contentsOf: b[0]))
        let names = try ReadWorkbook.read(a[0]).sheets.map(\.name)
        for s in ["重点企业", "513区域", "行业统计", "排放异常企业"] { #expect(names.contains(s)) }
    }
}

/// The 排放异常企业 thresholds on enterprises built to sit on each side of them.
@Suite struct AbnormalEnterpriseThresholdTests {
    static let start = Day("2026-06-08")!

    static func totals(_ id: String, emitted: Double, energy: Double, production: Double) -> AccountingTotals {
        var t = AccountingTotals(level: .enterprise, code: id, period: .week, start: start)
        t.emittedKg = emitted
        t.energyKWh = energy
        t.productionEnergyKWh = production
        return t
    }

    static func registry(_ ids: [(String, Industry)]) -> Registry {
        Registry(districts: [District(code: "D1", name: "一区")],
                 enterprises: ids.map { Enterprise(id: $0.0, name: $0.0, districtCode: "D1", industry: $0.1) })
    }

    @Test func anIntensityAboveOneAndAHalfTimesTheIndustryMedianIsListedAndExactlyThatIsNot() {
        // 塑料 intensities 1, 2, 2, 3, 3.5 kg/kWh: median 2, limit (1 + 0.5) × 2 = 3.
        let values: [(String, Double)] = [("A1", 1), ("A2", 2), ("A3", 2), ("A4", 3), ("A5", 3.5)]
        let registry = Self.registry(values.map { ($0.0, .plastics) })
        let current = values.map { Self.totals($0.0, emitted: $0.1 * 100, energy: 120, production: 100) }
        let found = AbnormalEnterprises.find(current: current, earlier: [], registry: registry, deviation: 0.5,
                                             changeThreshold: 0.5, energySteady: 0.1)
        #expect(found.map(\.enterpriseID) == ["A5"])
        let a5 = found[0]
        #expect(a5.intensityTrips && !a5.changeTrips)
        #expect(a5.intensity?.industryMedian == 2 && a5.intensityLimit == 3 && a5.intensity?.ratioToMedian == 1.75)
        #expect(a5.reason(deviation: 0.5, energySteady: 0.1) == "排放强度为行业中位数的 1.75 倍（限值 1.5 倍）")
        // A larger deviation lets A5 pass.
        #expect(AbnormalEnterprises.find(current: current, earlier: [], registry: registry, deviation: 0.75,
                                         changeThreshold: 0.5, energySteady: 0.1).isEmpty)
    }

    @Test func emissionMovingOnSteadyEnergyIsListedAndTheBoundariesAreNot() {
        // No production energy: no intensity, so only the change can list them.
        let registry = Self.registry([("C1", .chemical), ("C2", .chemical), ("C3", .chemical), ("C4", .chemical),
                                      ("C5", .chemical), ("C6", .chemical)])
        let earlier = ["C1", "C2", "C3", "C4", "C5", "C6"].map { Self.totals($0, emitted: 10, energy: 100, production: 0) }
        let current = [
            Self.totals("C1", emitted: 16, energy: 105, production: 0),  // +60 %, energy +5 %: listed
            Self.totals("C2", emitted: 15, energy: 105, production: 0),  // exactly +50 %: not listed
            Self.totals("C3", emitted: 16, energy: 110, production: 0),  // energy exactly +10 %: not listed
            Self.totals("C4", emitted: 4, energy: 95, production: 0),    // −60 %, energy −5 %: listed
            Self.totals("C5", emitted: 30, energy: 200, production: 0),  // emission follows energy: not listed
            Self.totals("C6", emitted: 16, energy: 100, production: 0),  // +60 %, energy unchanged: listed
        ]
        let found = AbnormalEnterprises.find(current: current, earlier: earlier, registry: registry, deviation: 0.5,
                                             changeThreshold: 0.5, energySteady: 0.1)
        // Ordered by |emitted change|, then id.
        #expect(found.map(\.enterpriseID) == ["C1", "C4", "C6"])
        #expect(found.allSatisfy { $0.changeTrips && !$0.intensityTrips })
        let c4 = found[1]
        #expect(c4.earlier?.emittedKg == 10 && c4.emittedChange == -0.6 && c4.energyChange == -0.05)
        #expect(c4.reason(deviation: 0.5, energySteady: 0.1) == "排放量环比下降 60.0%，用电量环比下降 5.0%（变化小于 10%）")
        // Without a stored previous period nothing is listed for a change.
        #expect(AbnormalEnterprises.find(current: current, earlier: [], registry: registry, deviation: 0.5,
                                         changeThreshold: 0.5, energySteady: 0.1).isEmpty)
    }

    @Test func theTiersAreStrictAtBothBounds() {
        func e(_ t: Double?) -> Enterprise { Enterprise(id: "E", name: "E", districtCode: "D1", industry: .other, annualVOCTonnes: t) }
        let tiers = [50.0, 10.0]
        #expect(KeyEnterpriseTier.of(e(50.1), tiers: tiers) == .key)
        #expect(KeyEnterpriseTier.of(e(50), tiers: tiers) == .general)
        #expect(KeyEnterpriseTier.of(e(10.1), tiers: tiers) == .general)
        #expect(KeyEnterpriseTier.of(e(10), tiers: tiers) == nil)
        #expect(KeyEnterpriseTier.of(e(nil), tiers: tiers) == nil)
        #expect(KeyEnterpriseTier.of(e(10), tiers: [30, 5]) == .general)
    }

    @Test func everyRuleHasItsOwnIndustryColumn() {
        let columns = AnomalyRule.allCases.map(IndustryStatsField.events(of:))
        #expect(Set(columns).count == AnomalyRule.allCases.count)
        for rule in AnomalyRule.allCases { #expect(IndustryStatsField.events(of: rule).rule == rule) }
        #expect(IndustryStatsField.allCases.filter { $0.rule != nil }.count == AnomalyRule.allCases.count)
    }
}
