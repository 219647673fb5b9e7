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
    static let ruleOf = OrderExecution.ruleOf

    /// Whether event `e` (of the plan row's rule) violates plan row `p` (`OrderExecution.violates`).
    static func violates(_ e: EventRecord, _ p: PlanRow) -> Bool { OrderExecution.violates(e, p) }

    /// The CST days a response covers: its start day to the day of its last minute.
    public static func days(_ r: Response) -> (Day, Day) {
        (r.start.day, max(r.start.day, r.end.adding(seconds: -1).day))
    }

    /// The districts of `resp` a county edition of district `scope` covers (all of them for the
    /// city), in the response's order.
    static func districts(_ resp: Response, registry: Registry, scope: ReportScope) -> [String] {
        (resp.districtCodes ?? registry.districts.map(\.code)).filter { scope.includes(districtCode: $0) }
    }

    /// The result sets of the assessment; a county edition (`scope`) covers the district's
    /// enterprises only (none when the response does not cover the district).
    public static func resultSets(response resp: Response, result: ComputationResult,
                                  scope: ReportScope = .city) -> [String: ResultRows] {
        let registry = result.registry
        let accounting = PeriodAccounting(result)
        let covered = districts(resp, registry: registry, scope: scope)
        let districts = Set(covered)
        let enterprises = registry.enterprises.filter { districts.contains($0.districtCode) }.sorted { $0.id < $1.id }
        let mine = Set(enterprises.map(\.id))
        // Violation events of this response (their evidence names it), or, for events without
        // response ids, of its level while it was in force.
        let violations = OrderExecution.violations(of: resp, in: result.events)
            .filter { scope == .city || mine.contains($0.enterpriseID) }
        func districtName(_ c: String) -> String { registry.district(code: c)?.name ?? c }

        var plans = ResultSet<PlanMeasuresField>()
        var withMeasure: [Measure: Set<String>] = [:]
        for e in enterprises {
            for p in registry.plans(ofEnterprise: e.id) where p.level == resp.level {
                withMeasure[p.measure, default: []].insert(e.id)
                let rule = ruleOf[p.measure]
                let mine = violations.filter { $0.enterpriseID == e.id && $0.rule == rule && violates($0, p) }
                plans.append([.enterpriseID: .text(e.id), .enterpriseName: .text(e.name), .districtName: .text(districtName(e.districtCode)),
                              .facilityID: .text(p.facilityID ?? ""),
                              .facilityName: .text(p.facilityID.flatMap { registry.facility(id: $0)?.name } ?? "全部生产设施"),
                              .measure: .text(p.measure.rawValue), .measureName: .text(measureNames[p.measure] ?? p.measure.rawValue),
                              .ratio: .percent(p.measure == .stop ? 0 : p.ratio),
                              .windows: .text(p.windows.map(\.description).joined(separator: ";")),
                              .violations: .integer(mine.count), .violationMinutes: .integer(mine.reduce(0) { $0 + $1.violatingMinutes })])
            }
        }

        var compliance = ResultSet<MeasureComplianceField>()
        for m in [Measure.stop, .limit, .shift] {
            let ents = withMeasure[m] ?? []
            let evs = violations.filter { $0.rule == ruleOf[m] && ents.contains($0.enterpriseID) }
            let violators = Set(evs.map(\.enterpriseID))
            compliance.append([.measure: .text(m.rawValue), .measureName: .text(measureNames[m] ?? m.rawValue),
                               .enterprises: .integer(ents.count), .violators: .integer(violators.count),
                               .events: .integer(evs.count), .minutes: .integer(evs.reduce(0) { $0 + $1.violatingMinutes }),
                               .complianceRate: .percent(ents.isEmpty ? nil : Double(ents.count - violators.count) / Double(ents.count))])
        }

        var allocation = ResultSet<AllocationField>()
        let assessment = Dictionary(accounting.assessment.filter { $0.responseID == resp.id }.map { ($0.enterpriseID, $0) },
                                    uniquingKeysWith: { a, _ in a })
        for a in accounting.allocations.filter({ $0.responseID == resp.id && scope.includes(districtCode: $0.districtCode) }).sorted(by: { ($0.districtCode, $0.enterpriseID) < ($1.districtCode, $1.enterpriseID) }) {
            let x = assessment[a.enterpriseID]
            allocation.append([.districtCode: .text(a.districtCode), .districtName: .text(districtName(a.districtCode)),
                               .enterpriseID: .text(a.enterpriseID), .enterpriseName: .text(registry.enterprise(id: a.enterpriseID)?.name ?? ""),
                               .baselineKgPerDay: .number(a.baselineKgPerDay), .capKgPerDay: .number(a.capKgPerDay),
                               .allocatedKgPerDay: .number(a.allocatedKgPerDay), .achievedKgPerDay: .number(x?.achievedKgPerDay),
                               .completion: .percent(x?.completion)])
        }

        var reductions = ResultSet<ReductionDaysField>()
        let reductionRows = accounting.reductions.filter { $0.responseID == resp.id && (scope == .city || mine.contains($0.enterpriseID)) }
        for r in reductionRows.sorted(by: { ($0.date, $0.enterpriseID) < ($1.date, $1.enterpriseID) }) {
            reductions.append([.date: .date(r.date), .enterpriseID: .text(r.enterpriseID),
                               .enterpriseName: .text(registry.enterprise(id: r.enterpriseID)?.name ?? ""),
                               .baselineKg: .number(r.baselineKg), .emittedKg: .number(r.emittedKg), .reductionKg: .number(r.reductionKg)])
        }

        // 落实情况 (seed 000 "未落实、超期落实"): every enterprise with a plan row at the level.
        var execution = ResultSet<OrderExecutionField>()
        let executions = OrderExecution.judge(resp, enterpriseIDs: enterprises.map(\.id), registry: registry, events: violations,
                                              finalHours: result.settings.assessmentFinalHours)
        for x in executions {
            let e = registry.enterprise(id: x.enterpriseID)
            let detail = x.events.map { ev in
                "\(ev.rule.chineseName) \(ev.start.description.dropFirst(5).prefix(11))–\(ev.end.description.dropFirst(5).prefix(11))（违规 \(ev.violatingMinutes) 分钟）"
            }.joined(separator: "；")
            execution.append([.enterpriseID: .text(x.enterpriseID), .enterpriseName: .text(e?.name),
                              .districtName: .text(e.map { districtName($0.districtCode) }),
                              .measures: .text(x.measures.map { measureNames[$0] ?? $0.rawValue }.joined(separator: "、")),
                              .status: .text(x.status.chineseName), .events: .integer(x.events.count),
                              .violatingMinutes: .integer(x.violatingMinutes), .lastEventEnd: x.lastEventEnd.map { .time($0) } ?? .empty,
                              .delayMinutes: .integer(x.delayMinutes), .detail: .text(detail)])
        }

        var summary = ResultSet<ResponseSummaryField>()
        func item(_ name: String, _ text: String? = nil, _ number: Double? = nil) {
            summary.append([.item: .text(name), .value: .text(text), .number: .number(number)])
        }
        func count(_ name: String, _ n: Int) { summary.append([.item: .text(name), .number: .integer(n)]) }
        item("响应编号", resp.id)
        item("响应级别", levelNames[resp.level].map { "\($0)（\(resp.level)）" } ?? resp.level)
        item("开始时间", resp.start.description)
        item("结束时间", resp.end.description)
        item("涉及区县", covered.map(districtName).joined(separator: "、"))
        count("涉及企业(家)", enterprises.count)
        count("有管控措施企业(家)", withMeasure.values.reduce(into: Set<String>()) { $0.formUnion($1) }.count)
        count("违规企业(家)", Set(violations.map(\.enterpriseID)).count)
        count("违规事件(起)", violations.count)
        for status in OrderExecution.Status.allCases {
            count("\(status.chineseName)(家)", executions.filter { $0.status == status }.count)
        }
        let reductionSum = reductionRows.compactMap(\.reductionKg).reduce(0, +)
        item("核算减排量(kg)", nil, reductionSum)
        for s in accounting.shortfalls where s.responseID == resp.id && scope.includes(districtCode: s.districtCode) {
            item("减排缺口(kg/日) \(districtName(s.districtCode))", "目标 \(ExportNumber.format(s.targetKgPerDay))", s.shortfallKgPerDay)
        }

        let events = PeriodReportData.events(violations, registry: registry)
        return [ResponseSummaryField.source: ResultRows(summary), PlanMeasuresField.source: ResultRows(plans),
                MeasureComplianceField.source: ResultRows(compliance), AllocationField.source: ResultRows(allocation),
                ReductionDaysField.source: ResultRows(reductions), EventsField.source: ResultRows(events),
                OrderExecutionField.source: ResultRows(execution)]
    }

    /// The response `id` as the newest registry names it (the computation then uses the
    /// registry in force on its last day).
    public static func response(id: String, store: Store) throws -> Response {
        let (_, registry) = try store.registry(for: Day(year: 9999, month: 12, day: 31) ?? Day(index: 0))
        guard let resp = registry.response(id: id) else {
            throw ResponseReportError.unknownResponse(id, known: registry.responses.map(\.id))
        }
        return resp
    }

    /// Renders the assessment of `resp` from the computation of its days (`days`); returns
    /// the files written. Computes nothing. `scope`: the city's edition or a county's (its
    /// district's enterprises; the file name tagged with the code, `ReportScope.fileName`).
    public static func render(_ template: ReportTemplate, response resp: Response, result: ComputationResult,
                              out: URL, scope: ReportScope = .city) throws -> [URL] {
        let (first, last) = days(resp)
        let sets = resultSets(response: resp, result: result, scope: scope)
        var completeness = CompletenessMean()
        for f in result.facilityDays where scope.includes(enterpriseID: f.enterpriseID, in: result.registry) { completeness.add(f) }
        let heading = ReportHeading(period: "应急响应 \(resp.id)（\(resp.level)）：\(resp.start) 至 \(resp.end)",
                                    asOf: last.adding(days: 1).start, completeness: completeness.value,
                                    completenessTarget: result.settings.dqCompletenessTarget)
        try FileManager.default.createDirectory(at: out, withIntermediateDirectories: true)
        // The id is registry text: `R/1` would name a folder (issue 14).
        let url = out.appendingPathComponent(scope.fileName(PeriodReport.fileName(template.fileName, period: FileName.safe(resp.id),
                                                                                  start: first, end: last)))
        var edition = template
        if let code = scope.districtCode { edition.title = (result.registry.district(code: code)?.name ?? code) + " " + template.title }
        try WorkbookWriter.render(edition, data: sets, heading: heading, to: url)
        return [url]
    }
}
