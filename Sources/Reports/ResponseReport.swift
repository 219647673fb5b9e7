import Accounting
import Foundation
import PEMSCore

public enum ResponseReportError: Error, CustomStringConvertible {
    case unknownResponse(String, known: [String])
    public var description: String {
        switch self {
        case .unknownResponse(let id, let known):
            return "response '\(id)' is not in the registry's responses.csv (known: \(known.joined(separator: ", ")))"
        }
    }
}

/// The emergency-response assessment (应急减排评估, SPEC §9.3, §9.5, §10) of one response:
/// the days it covers are computed (or reused), then per enterprise its plan measures,
/// compliance by measure, allocated against achieved reduction, and the violators' events.
public enum ResponseReport {
    static let levelNames = ["yellow": "黄色预警", "orange": "橙色预警", "red": "红色预警", "heat": "高温错峰"]
    static let measureNames: [Measure: String] = [.stop: "停产", .limit: "限产", .shift: "错峰生产"]
    static let ruleOf: [Measure: AnomalyRule] = [.stop: .stopViolation, .limit: .limitViolation, .shift: .shiftViolation]

    /// The CST days a response covers: its start day to the day of its last minute.
    public static func days(_ r: Response) -> (Day, Day) {
        (r.start.day, max(r.start.day, r.end.adding(seconds: -1).day))
    }

    /// The result sets of the assessment.
    public static func resultSets(response resp: Response, result: ComputationResult) -> [String: ResultSet] {
        let registry = result.registry
        let accounting = PeriodAccounting(result)
        let districts = Set(resp.districtCodes ?? registry.districts.map(\.code))
        let enterprises = registry.enterprises.filter { districts.contains($0.districtCode) }.sorted { $0.id < $1.id }
        // Violation events of this response (their evidence names it), or, for events without
        // response ids, of its level while it was in force.
        let violations = result.events.filter { e in
            guard ruleOf.values.contains(e.rule), e.start < resp.end, e.end > resp.start else { return false }
            if let ids = e.evidence.responseIDs, !ids.isEmpty { return ids.contains(resp.id) }
            return e.evidence.levels?.contains(resp.level) ?? false
        }
        func districtName(_ c: String) -> String { registry.district(code: c)?.name ?? c }

        var plans = ResultSet(ResultSetCatalog.planMeasures)
        var withMeasure: [Measure: Set<String>] = [:]
        for e in enterprises {
            for p in registry.plans(ofEnterprise: e.id) where p.level == resp.level {
                withMeasure[p.measure, default: []].insert(e.id)
                let rule = ruleOf[p.measure]
                let mine = violations.filter { $0.enterpriseID == e.id && $0.rule == rule && (p.facilityID == nil || $0.facilityID == p.facilityID) }
                plans.append(["enterprise_id": .text(e.id), "enterprise_name": .text(e.name), "district_name": .text(districtName(e.districtCode)),
                              "facility_id": .text(p.facilityID ?? ""),
                              "facility_name": .text(p.facilityID.flatMap { registry.facility(id: $0)?.name } ?? "全部生产设施"),
                              "measure": .text(p.measure.rawValue), "measure_name": .text(measureNames[p.measure] ?? p.measure.rawValue),
                              "ratio": .percent(p.measure == .stop ? 0 : p.ratio),
                              "windows": .text(p.windows.map(\.description).joined(separator: ";")),
                              "violations": .integer(mine.count), "violation_minutes": .integer(mine.reduce(0) { $0 + $1.minutes })])
            }
        }

        var compliance = ResultSet(ResultSetCatalog.measureCompliance)
        for m in [Measure.stop, .limit, .shift] {
            let ents = withMeasure[m] ?? []
            let evs = violations.filter { $0.rule == ruleOf[m] && ents.contains($0.enterpriseID) }
            let violators = Set(evs.map(\.enterpriseID))
            compliance.append(["measure": .text(m.rawValue), "measure_name": .text(measureNames[m] ?? m.rawValue),
                               "enterprises": .integer(ents.count), "violators": .integer(violators.count),
                               "events": .integer(evs.count), "minutes": .integer(evs.reduce(0) { $0 + $1.minutes }),
                               "compliance_rate": .percent(ents.isEmpty ? nil : Double(ents.count - violators.count) / Double(ents.count))])
        }

        var allocation = ResultSet(ResultSetCatalog.allocation)
        let assessment = Dictionary(accounting.assessment.filter { $0.responseID == resp.id }.map { ($0.enterpriseID, $0) },
                                    uniquingKeysWith: { a, _ in a })
        for a in accounting.allocations.filter({ $0.responseID == resp.id }).sorted(by: { ($0.districtCode, $0.enterpriseID) < ($1.districtCode, $1.enterpriseID) }) {
            let x = assessment[a.enterpriseID]
            allocation.append(["district_code": .text(a.districtCode), "district_name": .text(districtName(a.districtCode)),
                               "enterprise_id": .text(a.enterpriseID), "enterprise_name": .text(registry.enterprise(id: a.enterpriseID)?.name ?? ""),
                               "baseline_kg_per_day": .number(a.baselineKgPerDay), "cap_kg_per_day": .number(a.capKgPerDay),
                               "allocated_kg_per_day": .number(a.allocatedKgPerDay), "achieved_kg_per_day": .number(x?.achievedKgPerDay),
                               "completion": .percent(x?.completion)])
        }

        var reductions = ResultSet(ResultSetCatalog.reductionDays)
        for r in accounting.reductions.filter({ $0.responseID == resp.id }).sorted(by: { ($0.date, $0.enterpriseID) < ($1.date, $1.enterpriseID) }) {
            reductions.append(["date": .date(r.date), "enterprise_id": .text(r.enterpriseID),
                               "enterprise_name": .text(registry.enterprise(id: r.enterpriseID)?.name ?? ""),
                               "baseline_kg": .number(r.baselineKg), "emitted_kg": .number(r.emittedKg), "reduction_kg": .number(r.reductionKg)])
        }

        var summary = ResultSet(ResultSetCatalog.responseSummary)
        func item(_ name: String, _ text: String? = nil, _ number: Double? = nil) {
            summary.append(["item": .text(name), "value": .text(text), "number": .number(number)])
        }
        func count(_ name: String, _ n: Int) { summary.append(["item": .text(name), "number": .integer(n)]) }
        item("响应编号", resp.id)
        item("响应级别", levelNames[resp.level].map { "\($0)（\(resp.level)）" } ?? resp.level)
        item("开始时间", resp.start.description)
        item("结束时间", resp.end.description)
        item("涉及区县", (resp.districtCodes ?? registry.districts.map(\.code)).map(districtName).joined(separator: "、"))
        count("涉及企业(家)", enterprises.count)
        count("有管控措施企业(家)", withMeasure.values.reduce(into: Set<String>()) { $0.formUnion($1) }.count)
        count("违规企业(家)", Set(violations.map(\.enterpriseID)).count)
        count("违规事件(起)", violations.count)
        let reductionSum = accounting.reductions.filter { $0.responseID == resp.id }.compactMap(\.reductionKg).reduce(0, +)
        item("核算减排量(kg)", nil, reductionSum)
        for s in accounting.shortfalls where s.responseID == resp.id {
            item("减排缺口(kg/日) \(districtName(s.districtCode))", "目标 \(ExportNumber.format(s.targetKgPerDay))", s.shortfallKgPerDay)
        }

        var eventsSet = PeriodReportData.events(violations, registry: registry)
        eventsSet.schema = ResultSetCatalog.events
        return ["response_summary": summary, "plan_measures": plans, "measure_compliance": compliance,
                "allocation": allocation, "reduction_days": reductions, "events": eventsSet]
    }

    /// Renders the assessment; returns the files written (the workbook and the provincial
    /// `limit_<response>.json` of its violations).
    public static func render(responseID: String, templates: URL, store: Store, settings: Settings, engineVersion: String,
                              out: URL, progress: ((Day) -> Void)? = nil) throws -> [URL] {
        let template = try TemplateLoader.load(.response, from: templates)
        // The newest registry names the response; the computation then uses the one in force on its last day.
        let (_, registry) = try store.registry(for: Day(year: 9999, month: 12, day: 31) ?? Day(index: 0))
        guard let resp = registry.response(id: responseID) else {
            throw ResponseReportError.unknownResponse(responseID, known: registry.responses.map(\.id))
        }
        let (first, last) = days(resp)
        let outcome = try StoredComputation.run(store: store, settings: settings, from: first, to: last,
                                                engineVersion: engineVersion, reuse: true, progress: progress)
        let sets = resultSets(response: resp, result: outcome.result)
        let completeness = outcome.result.facilityDays.isEmpty ? nil
            : outcome.result.facilityDays.reduce(0) { $0 + $1.completeness } / Double(outcome.result.facilityDays.count)
        let heading = ReportHeading(period: "应急响应 \(resp.id)（\(resp.level)）：\(resp.start) 至 \(resp.end)",
                                    asOf: last.adding(days: 1).start, completeness: completeness,
                                    completenessTarget: settings.dqCompletenessTarget)
        try FileManager.default.createDirectory(at: out, withIntermediateDirectories: true)
        // The id is registry text: `R/1` would name a folder (issue 14).
        let url = out.appendingPathComponent(PeriodReport.fileName(template.fileName, period: FileName.safe(resp.id),
                                                                   start: first, end: last))
        try WorkbookWriter.render(template, data: sets, heading: heading, to: url)
        return [url]
    }
}
