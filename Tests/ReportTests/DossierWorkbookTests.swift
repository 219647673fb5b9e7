import Accounting
import Foundation
import JobRunner
import PEMSCore
@testable import Reports
import Testing

/// The enterprise file's workbook (一企一档), read back with openpyxl: each figure against the
/// §12 exports of the same period (`enterprise_day.csv`, `facility_day.csv`, `events.csv`,
/// `dq.csv`), the stored daily results of the 环比 base, and what the registry says.
@Suite(.serialized) struct DossierWorkbookTests {
    static func close(_ a: Double?, _ b: Double?, _ what: String) {
        guard let a, let b else {
            #expect(a == nil && b == nil, "\(what): \(String(describing: a)) vs \(String(describing: b))")
            return
        }
        #expect(abs(a - b) <= 1e-9 * max(1, abs(b)), "\(what): \(a) vs \(b)")
    }

    static func number(_ s: String?) -> Double? { s.flatMap { $0.isEmpty ? nil : Double($0) } }

    @Test func everySheetOfTheTemplateIsWrittenUnderAFrozenFilteredChineseHeader() throws {
        let f = try DossierFixture.shared()
        let template = try TemplateLoader.load(.dossier, from: DossierFixture.templates)
        let wb = try f.workbook("E001")
        #expect(wb.sheets.map(\.name) == template.sheets.map(\.name))
        for (sheet, t) in zip(wb.sheets, template.sheets) {
            #expect(sheet.freeze == "A7", "\(sheet.name)")
            #expect(sheet.filter?.hasPrefix("A6:") == true, "\(sheet.name)")
            #expect(sheet.headers.prefix(t.columns.count) == t.columns.map(\.header)[...], "\(sheet.name)")
        }
        #expect(wb.created == "2024-07-12 16:00:00")   // 2024-07-13 00:00 CST, the period's end, in UTC
        #expect(f.written.files.map(\.lastPathComponent).sorted()
            == DossierFixture.enterprises.flatMap { [DossierFixture.baseName($0) + ".pdf", DossierFixture.baseName($0) + ".xlsx"] }.sorted())
    }

    @Test(arguments: DossierFixture.enterprises)
    func dailySheetIsTheEnterprisesRowsOfEnterpriseDayCSV(_ id: String) throws {
        let f = try DossierFixture.shared()
        let expected = try f.csv("enterprise_day.csv").filter { $0["enterprise_id"] == id }
        let rows = try #require(try f.workbook(id).sheet("逐日用电与排放")).records
        #expect(rows.count == expected.count && rows.count == 5)
        for (r, e) in zip(rows, expected) {
            #expect(r["日期"]?.string?.prefix(10) == e["date"]?[...])
            Self.close(r["用电量(kWh)"]?.number, Self.number(e["energy_kwh"]), "\(id) energy")
            Self.close(r["VOCs产生量(kg)"]?.number, Self.number(e["generated_kg"]), "\(id) generated")
            Self.close(r["VOCs排放量(kg)"]?.number, Self.number(e["emitted_kg"]), "\(id) emitted")
            #expect(r["异常事件(起)"]?.number == Self.number(e["events"]))
            Self.close(r["同步率"]?.number, Self.number(e["sync_rate"]), "\(id) sync")
        }
        // The key figures are their sums over the period.
        let figures = try #require(try f.workbook(id).sheet("核心指标")).records
        func value(_ label: String) -> Double? { figures.first { $0["指标"]?.string == label }?["本期"]?.number }
        Self.close(value("用电量"), expected.compactMap { Self.number($0["energy_kwh"]) }.reduce(0, +), "\(id) Σ energy")
        Self.close(value("VOCs排放量"), expected.compactMap { Self.number($0["emitted_kg"]) }.reduce(0, +), "\(id) Σ emitted")
        #expect(value("异常事件") == expected.compactMap { Self.number($0["events"]) }.reduce(0, +))
    }

    @Test(arguments: DossierFixture.enterprises)
    func eventsSheetIsTheEnterprisesRowsOfEventsCSV(_ id: String) throws {
        let f = try DossierFixture.shared()
        let expected = try f.csv("events.csv").filter { $0["enterprise_id"] == id }
        let rows = try #require(try f.workbook(id).sheet("异常事件")).records
        #expect(!expected.isEmpty)
        #expect(rows.map { $0["规则代码"]?.string ?? "" } == expected.map { $0["rule"] ?? "" })
        #expect(rows.map { $0["设施编号"]?.string ?? "" } == expected.map { $0["facility_id"] ?? "" })
        #expect(rows.map { $0["开始时间"]?.string ?? "" } == expected.map { $0["start"] ?? "" })
        #expect(rows.map { $0["结束时间"]?.string ?? "" } == expected.map { $0["end"] ?? "" })
        #expect(rows.map { $0["时长(分钟)"]?.number } == expected.map { Self.number($0["minutes"]) })
        #expect(rows.map { $0["违规时长(分钟)"]?.number } == expected.map { Self.number($0["violating_minutes"]) })
    }

    @Test(arguments: DossierFixture.enterprises)
    func dataQualitySheetIsTheEnterprisesRowsOfDQCSV(_ id: String) throws {
        let f = try DossierFixture.shared()
        let expected = try f.csv("dq.csv").filter { $0["enterprise_id"] == id }
        let rows = try #require(try f.workbook(id).sheet("数据质量")).records
        #expect(!expected.isEmpty)
        #expect(rows.map { "\($0["日期"]?.string?.prefix(10) ?? "")|\($0["点位编号"]?.string ?? "")|\($0["检查代码"]?.string ?? "")" }
            == expected.map { "\($0["date"] ?? "")|\($0["point_id"] ?? "")|\($0["check"] ?? "")" })
    }

    @Test(arguments: DossierFixture.enterprises)
    func facilityDaysCarryTheEnergyAndFiveDayBaselineOfFacilityDayCSV(_ id: String) throws {
        let f = try DossierFixture.shared()
        let expected = try f.csv("facility_day.csv").filter { $0["enterprise_id"] == id }
        let rows = try #require(try f.workbook(id).sheet("设施逐日")).records
        #expect(rows.count == expected.count)
        for (r, e) in zip(rows, expected) {
            #expect(r["设施编号"]?.string == e["facility_id"] && r["日期"]?.string?.prefix(10) == e["date"]?[...])
            Self.close(r["用电量(kWh)"]?.number, Self.number(e["energy_kwh"]), "\(id) \(e["facility_id"] ?? "") energy")
            Self.close(r["五日基线运行功率(kW)"]?.number, Self.number(e["baseline_power_kw"]), "\(id) baseline")
            #expect(r["运行时长(分钟)"]?.number == Self.number(e["running_minutes"]))
            #expect(r["停运时长(分钟)"]?.number == Self.number(e["stopped_minutes"]))
        }
    }

    /// Each treatment facility's stopped minutes are the sum of its days', and its period sync
    /// rate lies between its best and worst day.
    @Test func treatmentSheetSumsTheDaysOfEachTreatmentFacility() throws {
        let f = try DossierFixture.shared()
        let days = try f.csv("facility_day.csv").filter { $0["kind"] == "treatment" }
        var checked = 0
        for id in DossierFixture.enterprises {
            for r in try #require(try f.workbook(id).sheet("治理设施运行")).records {
                let fid = try #require(r["设施编号"]?.string)
                let mine = days.filter { $0["facility_id"] == fid }
                #expect(r["停运(分钟)"]?.number == mine.compactMap { Self.number($0["stopped_minutes"]) }.reduce(0, +), "\(fid)")
                let rates = mine.compactMap { Self.number($0["sync_rate"]) }
                if let sync = r["同步率"]?.number, let lo = rates.min(), let hi = rates.max() {
                    #expect(sync >= lo - 1e-12 && sync <= hi + 1e-12, "\(fid): \(sync) outside \(lo)…\(hi)")
                }
                checked += 1
            }
        }
        #expect(checked == 7)   // E001-T1/T2, E002-T1/T2/T3, E003-T1, E004-T1
    }

    /// 小时数据: one row per meter-day; its 24 hour columns add up to its day's energy, and a
    /// facility's meters add up to its `facility_day.csv` energy on the days all its meters are
    /// complete (SPEC §13.7). An hour without data is blank, not 0.
    @Test(arguments: DossierFixture.enterprises)
    func hourSheetSumsToTheFacilityEnergyOnCompleteDays(_ id: String) throws {
        let f = try DossierFixture.shared()
        let registry = f.result.registry
        let rows = try #require(try f.workbook(id).sheet("小时数据")).records
        let meters = registry.points(ofEnterprise: id).filter(\.isElectrical)
        #expect(rows.count == meters.count * 5)
        var energy: [String: Double] = [:]   // "date|facility" → Σ kWh
        for r in rows {
            guard let date = r["日期"]?.string, let point = r["点位编号"]?.string, let kwh = r["日用电量(kWh)"]?.number,
                  let fid = registry.point(id: point)?.facilityID else { continue }
            let hours = (0..<24).compactMap { r["\($0)时"]?.number }
            Self.close(hours.reduce(0, +), kwh, "\(date) \(point): Σ hours")
            if r["数据完整率"]?.number == 1 {
                #expect(hours.count == 24 && (r["不完整小时"]?.string ?? "").isEmpty, "\(date) \(point)")
            }
            energy["\(date.prefix(10))|\(fid)", default: 0] += kwh
        }
        var checked = 0
        for e in try f.csv("facility_day.csv") where e["enterprise_id"] == id && e["completeness"] == "1" {
            Self.close(energy["\(e["date"] ?? "")|\(e["facility_id"] ?? "")"], Self.number(e["energy_kwh"]),
                       "\(e["date"] ?? "") \(e["facility_id"] ?? "")")
            checked += 1
        }
        #expect(checked > 0)
    }

    /// 小时数据's hour columns are `point_hour.csv` (`pems export --hourly`) laid out by day: an
    /// hour with completeness 0 is blank, any other carries its kWh, and 不完整小时 names exactly
    /// the hours with 0 < completeness < 1 (the conformance period has blank hours but no
    /// partial one; `partialHoursNameEachIncompleteHourWithItsPercentage` pins those).
    @Test func hourColumnsAreThePointHourExportWithBlankAndPartialHoursMarked() throws {
        let f = try DossierFixture.shared()
        var csv: [String: [String: String]] = [:]   // "date|point|hour" → row
        for r in try f.csv("point_hour.csv") { csv["\(r["date"] ?? "")|\(r["point_id"] ?? "")|\(r["hour"] ?? "")"] = r }
        var blank = 0
        for id in DossierFixture.enterprises {
            for r in try #require(try f.workbook(id).sheet("小时数据")).records {
                let date = String(r["日期"]?.string?.prefix(10) ?? ""), point = r["点位编号"]?.string ?? ""
                var named: [String] = []
                for h in 0..<24 {
                    let e = try #require(csv["\(date)|\(point)|\(h)"], "\(date) \(point) \(h)")
                    let c = Self.number(e["completeness"]) ?? -1
                    if c == 0 {
                        #expect(r["\(h)时"]?.number == nil, "\(date) \(point) \(h)时 should be blank")
                        blank += 1
                    } else {
                        Self.close(r["\(h)时"]?.number, Self.number(e["energy_kwh"]), "\(date) \(point) \(h)时")
                    }
                    if c > 0 && c < 1 { named.append("\(h)时 \(Int((c * 100).rounded()))%") }
                }
                #expect((r["不完整小时"]?.string ?? "") == named.joined(separator: "、"), "\(date) \(point)")
            }
        }
        #expect(blank > 0)
    }

    /// 不完整小时 lists the hours with some slots missing in hour order, percent rounded;
    /// full and empty hours are not named.
    @Test func partialHoursNameEachIncompleteHourWithItsPercentage() {
        func hour(_ h: Int, _ c: Double) -> PointHourRecord {
            PointHourRecord(date: Day("2024-07-08")!, hour: h, pointID: "P", enterpriseID: "E", energyKWh: 1, meanKW: 1,
                            completeness: c)
        }
        #expect(DossierWorkbook.partialHours([hour(4, 1.0 / 12), hour(3, 0.5), hour(5, 0), hour(6, 1)]) == "3时 50%、4时 8%")
        #expect(DossierWorkbook.partialHours([hour(0, 1), hour(1, 0)]).isEmpty)
    }

    /// 活性炭: E001-T1 is due before the period (CARBON_OVERDUE since 07-06), E001-T2 from 07-10
    /// and E004-T1 from 07-11 — the days their CARBON_OVERDUE events start.
    @Test func carbonDueDateIsTheFirstDayOfTheDueRunInThePeriod() throws {
        let f = try DossierFixture.shared()
        var due: [String: (String, String)] = [:]
        for id in ["E001", "E004"] {
            for r in try #require(try f.workbook(id).sheet("活性炭")).records {
                due[r["设施编号"]?.string ?? ""] = (String(r["到期日期"]?.string?.prefix(10) ?? ""), r["到期依据"]?.string ?? "")
                #expect(r["是否到期"]?.string == "是")
            }
        }
        #expect(due["E001-T1"]?.0 == "2024-07-08" && due["E001-T1"]?.1.hasPrefix("统计期初即已到期") == true)
        #expect(due["E001-T2"]?.0 == "2024-07-10" && due["E001-T2"]?.1.hasPrefix("已到期") == true)
        #expect(due["E004-T1"]?.0 == "2024-07-11")
        let overdue = try f.csv("events.csv").filter { $0["rule"] == "CARBON_OVERDUE" }
        for e in overdue where (e["start"] ?? "") >= "2024-07-08" {
            #expect(due[e["facility_id"] ?? ""]?.0 == String(e["start"]?.prefix(10) ?? ""))
        }
    }

    /// 环比: the period of equal length just before (07-03 … 07-07), read from the stored days;
    /// 同比: 2023 has nothing stored, so it is blank.
    @Test(arguments: DossierFixture.enterprises)
    func comparisonIsAgainstTheStoredDaysOfThePreviousPeriod(_ id: String) throws {
        let f = try DossierFixture.shared()
        let earlier = try f.ws.store.dailyResults(from: Day("2024-07-03")!, to: Day("2024-07-07")!)
        #expect(earlier.dates.count == 5)
        let energy = earlier.facilityDays.filter { $0.enterpriseID == id }.map(\.energyKWh).reduce(0, +)
        let emitted = earlier.facilityDays.filter { $0.enterpriseID == id }.compactMap(\.emittedKg).reduce(0, +)
        let figures = try #require(try f.workbook(id).sheet("核心指标")).records
        func row(_ label: String) -> [String: ReadWorkbook.Cell]? { figures.first { $0["指标"]?.string == label } }
        Self.close(row("用电量")?["上期（环比基期）"]?.number, energy, "\(id) previous energy")
        Self.close(row("VOCs排放量")?["上期（环比基期）"]?.number, emitted, "\(id) previous emitted")
        if let now = row("用电量")?["本期"]?.number, energy > 0 {
            Self.close(row("用电量")?["环比"]?.number, (now - energy) / energy, "\(id) 环比")
        }
        #expect(row("用电量")?["去年同期"]?.value == nil && row("用电量")?["同比"]?.value == nil)
    }

    @Test func profileAndPointsSayWhatTheRegistrySays() throws {
        let f = try DossierFixture.shared()
        let wb = try f.workbook("E001")
        let profile = try #require(wb.sheet("企业信息")).records
        func item(_ name: String) -> [String: ReadWorkbook.Cell]? { profile.first { $0["项目"]?.string == name } }
        #expect(item("统一社会信用代码")?["内容"]?.string == "91130600525869827A")
        #expect(item("所属区县")?["内容"]?.string == "竞秀区（130602）")
        #expect(item("513重点区域")?["内容"]?.string == "是")
        #expect(item("申报年VOCs排放量")?["数值"]?.number == 5)
        #expect(item("环比基期")?["内容"]?.string == "2024-07-03 至 2024-07-07")
        // E001-T2: min_running 1 of two fans, the first by id is the primary.
        let points = try #require(wb.sheet("监测点位")).records
        func duty(_ p: String) -> String? { points.first { $0["点位编号"]?.string == p }?["主备"]?.string }
        #expect(duty("E001-412011") == "主用" && duty("E001-412012") == "备用" && duty("E001-411011") == "主用")
        #expect(duty("E001-pg1001") == nil)
        let facilities = try #require(wb.sheet("设施")).records
        #expect(facilities.first { $0["设施编号"]?.string == "E001-T2" }?["主备"]?.string == "1 用 1 备")
        #expect(facilities.first { $0["设施编号"]?.string == "E001-P1" }?["关联设施"]?.string == "AC治理设施1（E001-T1）")
        // Plans per level and the exemptions overlapping the period, all three of E001's.
        let plans = try #require(wb.sheet("应急预案")).records
        #expect(plans.map { $0["预警级别"]?.string ?? "" } == ["黄色预警", "黄色预警", "橙色预警", "橙色预警"])
        let exemptions = try #require(wb.sheet("报备记录")).records
        #expect(exemptions.map { $0["审核状态"]?.string ?? "" } == ["已批准", "已驳回", "待审核"])
        // E002-T1 needs both of its two meters: 2 用 0 备.
        let e2 = try #require(try f.workbook("E002").sheet("设施")).records
        #expect(e2.first { $0["设施编号"]?.string == "E002-T1" }?["主备"]?.string == "2 用 0 备")
    }

    /// One enterprise per district and per industry in this city: each is 1st of 1, with all of
    /// its scope's emission.
    @Test func rankingSheetPlacesTheEnterpriseInItsDistrictAndIndustry() throws {
        let f = try DossierFixture.shared()
        let emitted = try f.csv("enterprise_day.csv").filter { $0["enterprise_id"] == "E003" }
            .compactMap { Self.number($0["emitted_kg"]) }.reduce(0, +)
        let rows = try #require(try f.workbook("E003").sheet("排名")).records
        #expect(rows.map { $0["范围"]?.string ?? "" } == ["区县", "行业"])
        #expect(rows.map { $0["区县/行业"]?.string ?? "" } == ["满城区", "工业涂装"])
        for r in rows {
            #expect(r["排名"]?.number == 1 && r["企业数"]?.number == 1)
            Self.close(r["本企业排放量(kg)"]?.number, emitted, "E003 emitted")
            #expect(r["占比"]?.number == 1)
        }
    }

    @Test func renderingAgainGivesByteIdenticalFiles() throws {
        let f = try DossierFixture.shared()
        let again = f.ws.dir.appendingPathComponent("again-\(UUID().uuidString)", isDirectory: true)
        let written = try f.render(into: again, selection: .enterprise("E001"))
        #expect(written.files.count == 2)
        for url in written.files {
            #expect(try Data(contentsOf: url) == Data(contentsOf: f.out.appendingPathComponent(url.lastPathComponent)),
                    "\(url.lastPathComponent)")
        }
    }

    @Test func anUnknownEnterpriseIsRefusedByName() throws {
        let f = try DossierFixture.shared()
        #expect(throws: DossierError.unknownEnterprise("E999", registryDay: DossierFixture.to, known: DossierFixture.enterprises)) {
            try f.render(into: f.ws.dir.appendingPathComponent("none"), selection: .enterprise("E999"))
        }
        #expect("\(DossierError.unknown("E999", in: f.result.registry, on: DossierFixture.to))"
            == "enterprise 'E999' is not in the registry in force on 2024-07-12 (4 enterprises: E001, E002, E003, E004)")
    }
}
