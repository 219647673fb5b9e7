import Foundation
import PEMSCore

/// The enterprise file's workbook (一企一档 监管记录): one sheet per source of
/// `ReportTemplates/dossier.json`, each row from `DossierData` — computes nothing. Dated like
/// every workbook at the end of its period, so the same inputs give the same bytes.
public enum DossierWorkbook {
    /// `一企一档_<id>_<D1>_<D2>` — the name both files of an enterprise's file share; the id is
    /// registry text, made a file name by `FileName.safe`.
    public static func baseName(enterpriseID: String, from: Day, to: Day) -> String {
        "一企一档_\(FileName.safe(enterpriseID))_\(from)_\(to)"
    }

    /// Writes the workbook of `data` into `out`; returns its URL.
    public static func render(_ template: ReportTemplate, data: DossierData, out: URL) throws -> URL {
        let heading = ReportHeading(period: "企业：\(data.enterprise.name)（\(data.enterprise.id)）  统计周期：\(DossierContext.periodText(data.from, data.to))",
                                    asOf: data.to.adding(days: 1).start, completeness: data.completeness,
                                    completenessTarget: data.settings.dqCompletenessTarget)
        try FileManager.default.createDirectory(at: out, withIntermediateDirectories: true)
        let url = out.appendingPathComponent(PeriodReport.fileName(template.fileName, period: FileName.safe(data.enterprise.id),
                                                                   start: data.from, end: data.to))
        try WorkbookWriter.render(template, source: { resultRows($0, data) }, heading: heading, to: url)
        return url
    }

    /// The rows of the source `name` (nil for one the dossier does not provide).
    public static func resultRows(_ name: String, _ data: DossierData) -> ResultRows? {
        switch name {
        case DossierProfileField.source: return ResultRows(profile(data))
        case DossierFigureField.source: return ResultRows(figures(data))
        case DossierRankingField.source: return ResultRows(ranking(data))
        case DossierFacilityField.source: return ResultRows(facilities(data))
        case DossierPointField.source: return ResultRows(points(data))
        case DossierLinkField.source: return ResultRows(links(data))
        case DossierPlanField.source: return ResultRows(plans(data))
        case DossierExemptionField.source: return ResultRows(exemptions(data))
        case DossierDayField.source: return ResultRows(days(data))
        case DossierFacilityDayField.source: return ResultRows(facilityDays(data))
        case DossierTreatmentField.source: return ResultRows(treatment(data))
        case DossierCarbonField.source: return ResultRows(carbon(data))
        case DossierHourField.source: return hours(data)
        case EventsField.source: return ResultRows(PeriodReportData.events(data.events, registry: data.registry))
        case DQFindingsField.source: return ResultRows(PeriodReportData.dqFindings(data.findings, registry: data.registry))
        default: return nil
        }
    }

    // MARK: Names (中文)

    public static func kindName(_ k: FacilityKind) -> String {
        switch k {
        case .production: return "生产"
        case .treatment: return "治理"
        }
    }

    public static func pointKindName(_ k: PointKind) -> String {
        switch k {
        case .total: return "总电表"
        case .production: return "生产"
        case .treatment: return "治理"
        case .sensor: return "工况传感器"
        }
    }

    public static func roleName(_ r: SensorRole) -> String {
        switch r {
        case .temperature: return "温度"
        case .pressure: return "压力/压差"
        case .flow: return "风量"
        case .door: return "门禁（1 开 0 关）"
        case .vocIn: return "进口VOCs浓度"
        case .vocOut: return "出口VOCs浓度"
        case .other: return "其他"
        }
    }

    public static func processName(_ p: TreatmentProcess) -> String {
        switch p {
        case .rto: return "蓄热式焚烧（RTO）"
        case .rco: return "蓄热式催化燃烧（RCO）"
        case .co: return "催化燃烧（CO）"
        case .ac: return "活性炭吸附（AC）"
        case .acCO: return "活性炭吸附+催化燃烧（AC+CO）"
        case .uv: return "UV光氧（UV）"
        case .spray: return "喷淋（SPRAY）"
        case .membrane: return "膜分离（MEMBRANE）"
        case .integrated: return "一体机（INTEGRATED）"
        case .bag: return "布袋除尘（BAG）"
        case .other: return "其他（OTHER）"
        }
    }

    public static func statusName(_ s: ExemptionStatus) -> String {
        switch s {
        case .approved: return "已批准"
        case .pending: return "待审核"
        case .rejected: return "已驳回"
        }
    }

    public static func levelName(_ level: String) -> String { ResponseReport.levelNames[level] ?? level }
    public static func measureName(_ m: Measure) -> String { ResponseReport.measureNames[m] ?? m.rawValue }

    /// "2 用 1 备" of a treatment facility: `min_running` of its electrical points must run.
    public static func duty(_ f: Facility, electrical: Int) -> String {
        let need = f.minRunningOrDefault
        return electrical >= need ? "\(need) 用 \(electrical - need) 备" : "\(need) 用（仅 \(electrical) 个电表）"
    }

    /// Each treatment meter's duty: the first `min_running` by id 主用, the rest 备用 (the
    /// provincial payload's order, primary first).
    public static func pointDuty(_ p: Point, registry: Registry) -> String? {
        guard p.kind == .treatment, let fid = p.facilityID, let f = registry.facility(id: fid) else { return nil }
        let meters = registry.points(ofFacility: fid).filter(\.isElectrical).map(\.id).sorted()
        guard let i = meters.firstIndex(of: p.id) else { return nil }
        return i < f.minRunningOrDefault ? "主用" : "备用"
    }

    /// "周期 90 天；运行 2000 小时" of an AC facility's limits.
    public static func carbonLimitText(_ f: Facility) -> String {
        var parts: [String] = []
        if let v = f.carbonCycleDays { parts.append("周期 \(DossierData.shown(v)) 天") }
        if let v = f.carbonMaxHours { parts.append("运行 \(DossierData.shown(v)) 小时") }
        if let v = f.carbonMaxKWh { parts.append("用电 \(DossierData.shown(v)) kWh") }
        if let v = f.carbonMaxM3 { parts.append("风量 \(DossierData.shown(v)) m³") }
        return parts.joined(separator: "；")
    }

    /// The latest replacement of a facility up to the end of the period.
    public static func lastReplacement(_ f: Facility, data: DossierData) -> CarbonReplacement? {
        let end = data.to.adding(days: 1).start
        return data.registry.carbonReplacements(ofFacility: f.id).filter { $0.replacedAt < end }.max { $0.replacedAt < $1.replacedAt }
    }

    // MARK: Result sets

    static func profile(_ d: DossierData) -> ResultSet<DossierProfileField> {
        var set = ResultSet<DossierProfileField>()
        let e = d.enterprise, r = d.registry
        func item(_ name: String, _ text: String?, _ number: ReportCell = .empty, _ unit: String? = nil) {
            set.append([.item: .text(name), .value: .text(text), .number: number, .unit: .text(unit)])
        }
        item("企业名称", e.name)
        item("企业编号", e.id)
        item("统一社会信用代码", e.creditCode)
        item("所属区县", "\(d.districtName)（\(e.districtCode)）")
        item("513重点区域", (r.district(code: e.districtCode)?.isInZone513 ?? false) ? "是" : "否")
        item("行业", e.industry.rawValue)
        item("申报年VOCs排放量", nil, .number(e.annualVOCTonnes), "吨/年")
        item("绩效分级", e.performanceGrade?.rawValue)
        item("经纬度", e.lat.flatMap { lat in e.lon.map { "\(DossierData.shown(lat)), \(DossierData.shown($0))" } })
        item("数采仪（MN）", r.collectors(ofEnterprise: e.id).map(\.mn).sorted().joined(separator: "、"))
        item("生产设施", nil, .integer(d.facilities.filter { $0.kind == .production }.count), "个")
        item("治理设施", nil, .integer(d.facilities.filter { $0.kind == .treatment }.count), "个")
        item("用电监测点位", nil, .integer(d.points.filter(\.isElectrical).count), "个")
        item("工况传感器", nil, .integer(d.points.filter { $0.kind == .sensor }.count), "个")
        item("应急预案措施", nil, .integer(d.plans.count), "条")
        item("统计周期", DossierContext.periodText(d.from, d.to), .integer(d.to.index - d.from.index + 1), "天")
        item("环比基期", DossierContext.periodText(d.previousRange.0, d.previousRange.1))
        item("同比基期", d.lastYearRange.map { DossierContext.periodText($0.0, $0.1) })
        item("数据完整率", nil, .percent(d.completeness))
        item("异常事件", "与统计期重叠的事件", .integer(d.events.count), "起")
        item("数据质量问题", nil, .integer(d.findings.count), "条")
        return set
    }

    static func figures(_ d: DossierData) -> ResultSet<DossierFigureField> {
        var set = ResultSet<DossierFigureField>()
        for f in d.figures {
            let cell: (Double?) -> ReportCell = { x in
                switch f.kind {
                case .rate: return .percent(x)
                case .count: return .integer(x.map { Int($0) })
                case .amount: return .number(x)
                }
            }
            set.append([.indicator: .text(f.label), .value: cell(f.value), .unit: .text(f.unit), .previous: cell(f.previous),
                        .momChange: .percent(f.change), .lastYear: cell(f.lastYear), .yoyChange: .percent(f.yoyChange),
                        .note: .text(f.note)])
        }
        return set
    }

    static func ranking(_ d: DossierData) -> ResultSet<DossierRankingField> {
        var set = ResultSet<DossierRankingField>()
        for r in [d.districtRank, d.industryRank].compactMap({ $0 }) {
            let name = r.scope == .district ? d.districtName : r.code
            set.append([.scope: .text(r.scope.rawValue), .scopeCode: .text(r.code), .scopeName: .text(name),
                        .rank: .integer(r.rank), .entities: .integer(r.of), .emittedKg: .number(r.emittedKg),
                        .scopeEmittedKg: .number(r.scopeEmittedKg),
                        .share: .percent(r.scopeEmittedKg > 0 ? r.emittedKg.map { $0 / r.scopeEmittedKg } : nil)])
        }
        return set
    }

    static func facilities(_ d: DossierData) -> ResultSet<DossierFacilityField> {
        var set = ResultSet<DossierFacilityField>()
        let r = d.registry
        for f in d.facilities {
            let pts = r.points(ofFacility: f.id)
            let electrical = pts.filter(\.isElectrical).count
            let linked = f.kind == .production ? r.treatmentFacilities(linkedTo: f.id) : r.productionFacilities(linkedTo: f.id)
            let treatment = f.kind == .treatment
            set.append([.facilityID: .text(f.id), .facilityName: .text(f.name), .kind: .text(kindName(f.kind)),
                        .process: .text(f.process.map(processName)),
                        .linked: .text(linked.sorted { $0.id < $1.id }.map { "\($0.name)（\($0.id)）" }.joined(separator: "、")),
                        .electricalPoints: .integer(electrical), .sensors: .integer(pts.count - electrical),
                        .minRunning: treatment ? .integer(f.minRunningOrDefault) : .empty,
                        .duty: treatment ? .text(duty(f, electrical: electrical)) : .empty,
                        .vocKgPerKWh: .number(f.vocKgPerKWh),
                        .designCollection: f.kind == .production ? .percent(f.designCollectionOrDefault) : .empty,
                        .designRemoval: .percent(f.designRemoval), .designAirflowM3h: .number(f.designAirflowM3h),
                        .carbonLimits: f.usesActivatedCarbon ? .text(carbonLimitText(f)) : .empty,
                        .lastReplacement: lastReplacement(f, data: d).map { .time($0.replacedAt) } ?? .empty])
        }
        return set
    }

    static func points(_ d: DossierData) -> ResultSet<DossierPointField> {
        var set = ResultSet<DossierPointField>()
        let r = d.registry
        for p in d.points {
            set.append([.pointID: .text(p.id), .pointName: .text(p.name), .facilityID: .text(p.facilityID ?? ""),
                        .facilityName: .text(p.facilityID.flatMap { r.facility(id: $0)?.name }),
                        .kind: .text(pointKindName(p.kind)), .duty: .text(pointDuty(p, registry: r)),
                        .role: .text(p.kind == .sensor ? p.role.map(roleName) : nil), .mn: .text(p.mn), .code: .text(p.code),
                        .ratedKW: .number(p.ratedKW), .thresholdKW: .number(p.thresholdKW),
                        .validMin: .number(p.validMin), .validMax: .number(p.validMax)])
        }
        return set
    }

    static func links(_ d: DossierData) -> ResultSet<DossierLinkField> {
        var set = ResultSet<DossierLinkField>()
        let r = d.registry
        for l in d.links {
            let t = r.facility(id: l.treatmentFacilityID)
            set.append([.productionID: .text(l.productionFacilityID),
                        .productionName: .text(r.facility(id: l.productionFacilityID)?.name),
                        .treatmentID: .text(l.treatmentFacilityID), .treatmentName: .text(t?.name),
                        .process: .text(t?.process.map(processName))])
        }
        return set
    }

    static func plans(_ d: DossierData) -> ResultSet<DossierPlanField> {
        var set = ResultSet<DossierPlanField>()
        let order = ["yellow": 0, "orange": 1, "red": 2, "heat": 3]
        let sorted = d.plans.enumerated().sorted { a, b in
            let x = (order[a.element.level] ?? 9, a.element.level), y = (order[b.element.level] ?? 9, b.element.level)
            return x != y ? x < y : a.offset < b.offset
        }.map(\.element)
        for p in sorted {
            set.append([.level: .text(p.level), .levelName: .text(levelName(p.level)), .facilityID: .text(p.facilityID ?? ""),
                        .facilityName: .text(p.facilityID.flatMap { d.registry.facility(id: $0)?.name } ?? "全部生产设施"),
                        .measure: .text(p.measure.rawValue), .measureName: .text(measureName(p.measure)),
                        .ratio: .percent(p.allowedLoadShare),
                        .windows: .text(p.windows.map(\.description).joined(separator: ";"))])
        }
        return set
    }

    static func exemptions(_ d: DossierData) -> ResultSet<DossierExemptionField> {
        var set = ResultSet<DossierExemptionField>()
        for x in d.exemptions {
            set.append([.facilityID: .text(x.facilityID ?? ""),
                        .facilityName: .text(x.facilityID.flatMap { d.registry.facility(id: $0)?.name } ?? "全厂"),
                        .start: .time(x.start), .end: .time(x.end), .reason: .text(x.reason), .status: .text(x.status.rawValue),
                        .statusName: .text(statusName(x.status))])
        }
        return set
    }

    static func days(_ d: DossierData) -> ResultSet<DossierDayField> {
        var set = ResultSet<DossierDayField>()
        for x in d.days {
            set.append([.date: .date(x.date), .energyKWh: .number(x.energyKWh), .productionEnergyKWh: .number(x.productionEnergyKWh),
                        .treatmentEnergyKWh: .number(x.treatmentEnergyKWh), .baselineEnergyKWh: .number(x.baselineEnergyKWh),
                        .generatedKg: .number(x.generatedKg), .emittedKg: .number(x.emittedKg), .events: .integer(x.events),
                        .syncRate: .percent(x.syncRate), .effectiveRate: .percent(x.effectiveRate),
                        .completeness: .percent(x.completeness)])
        }
        return set
    }

    static func facilityDays(_ d: DossierData) -> ResultSet<DossierFacilityDayField> {
        var set = ResultSet<DossierFacilityDayField>()
        for f in d.facilityDays {
            set.append([.date: .date(f.date), .facilityID: .text(f.facilityID),
                        .facilityName: .text(d.registry.facility(id: f.facilityID)?.name), .kind: .text(kindName(f.kind)),
                        .completeness: .percent(f.completeness), .runningMinutes: .integer(f.runningMinutes),
                        .energyKWh: .number(f.energyKWh), .baselinePowerKW: .number(f.baselinePowerKW),
                        .baselineEnergyKWh: .number(f.baselineEnergyKWh), .syncRate: .percent(f.syncRate),
                        .effectiveRate: .percent(f.effectiveRate), .stoppedMinutes: .integer(f.stoppedMinutes),
                        .generatedKg: .number(f.generatedKg), .emittedKg: .number(f.emittedKg)])
        }
        return set
    }

    static func treatment(_ d: DossierData) -> ResultSet<DossierTreatmentField> {
        var set = ResultSet<DossierTreatmentField>()
        for t in d.treatment {
            set.append([.facilityID: .text(t.facility.id), .facilityName: .text(t.facility.name),
                        .process: .text(t.facility.process.map(processName)),
                        .linkedProduction: .text(t.linkedProduction.map { "\($0.name)（\($0.id)）" }.joined(separator: "、")),
                        .runningMinutes: .integer(t.runningMinutes), .energyKWh: .number(t.energyKWh),
                        .nMinutes: .integer(t.nSlots * d.settings.slotMinutes), .syncRate: .percent(t.syncRate),
                        .effectiveRate: .percent(t.effectiveRate), .collectionRate: .percent(t.collectionRate),
                        .removalRate: .percent(t.removalRate), .stoppedMinutes: .integer(t.stoppedMinutes),
                        .ineffectiveMinutes: .integer(t.ineffectiveMinutes), .lowMinutes: .integer(t.lowMinutes)])
        }
        return set
    }

    static func carbon(_ d: DossierData) -> ResultSet<DossierCarbonField> {
        var set = ResultSet<DossierCarbonField>()
        for c in d.carbon {
            let s = c.status
            set.append([.facilityID: .text(c.facility.id), .facilityName: .text(c.facility.name),
                        .process: .text(c.facility.process?.rawValue), .replacedAt: .time(s.replacedAt), .fillKg: .number(c.fillKg),
                        .days: .number(s.days), .runningHours: .number(s.runningHours), .energyKWh: .number(s.energyKWh),
                        .airVolumeM3: .number(s.airVolumeM3), .limits: .text(carbonLimitText(c.facility)),
                        .remaining: .percent(s.remainingCapacity), .due: .text(s.due ? "是" : "否"),
                        .reached: .text(DossierData.reachedNames(s.reached)), .dueDate: c.dueDate.map { .date($0) } ?? .empty,
                        .dueBasis: .text(c.dueBasis)])
        }
        return set
    }

    /// 不完整小时: the hours with some but not all slots present, in hour order, each with its
    /// completeness as a whole percentage ("3时 50%、4时 8%"); empty when there are none.
    static func partialHours(_ hours: [PointHourRecord]) -> String {
        hours.filter { $0.completeness > 0 && $0.completeness < 1 }.sorted { $0.hour < $1.hour }
            .map { "\($0.hour)时 \(Int(($0.completeness * 100).rounded()))%" }.joined(separator: "、")
    }

    /// Point-days, each with its 24 hours as columns (a month of a few dozen meters is a
    /// thousand rows), made as the sheet is written. An hour without any present slot is blank
    /// (not 0 kWh); the hours with some slots missing are named in 不完整小时.
    static func hours(_ d: DossierData) -> ResultRows {
        let registry = d.registry, pointDays = d.pointDays
        let hourFields = (0..<24).compactMap { DossierHourField.hour($0) }
        return ResultRows(DossierHourField.schema) { emit in
            var point: Point?
            var facility: Facility?
            for pd in pointDays {
                let r = pd.day
                if point?.id != r.pointID {
                    point = registry.point(id: r.pointID)
                    facility = point?.facilityID.flatMap { registry.facility(id: $0) }
                }
                var cells: [DossierHourField: ReportCell] = [
                    .date: .date(r.date), .pointID: .text(r.pointID), .pointName: .text(point?.name),
                    .facilityID: .text(point?.facilityID ?? ""), .facilityName: .text(facility?.name),
                    .kind: .text(point.map { pointKindName($0.kind) }), .energyKWh: .number(r.energyKWh),
                    .meanKW: .number(r.meanKW), .maxKW: .number(r.maxKW), .completeness: .percent(r.completeness)]
                for h in pd.hours where h.hour >= 0 && h.hour < hourFields.count && h.completeness > 0 {
                    cells[hourFields[h.hour]] = .number(h.energyKWh)
                }
                cells[.partialHours] = .text(partialHours(pd.hours))
                try emit(DossierHourField.row(cells))
            }
        }
    }
}
