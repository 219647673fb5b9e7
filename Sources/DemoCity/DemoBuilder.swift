import Foundation

/// Builds the demo city's registry and scenario (roles, plans, injections, ground truth).
struct DemoBuilder {
    let options: DemoOptions
    let startDay: Int          // civil day number of the first day
    let days: Int
    let timeline: Timeline
    var rng: SplitMix64

    var city = City()
    var roleOf: [Role?] = []
    var hostOf: [Role: Int] = [:]
    var injections: [Injection] = []
    var truth: [TruthRow] = []
    /// Enterprises whose data must stay exactly as designed (no random drops, no line faults).
    var involved: [Bool] = []
    /// Response modes per production facility: list of (fromSlot, toSlot, mode, factor).
    var productionModes: [[(from: Int, to: Int, mode: UInt8, factor: Double)]] = []
    var orangeDistricts: [Int] = []
    var heatDistrict = 0
    var boundaryDistrict = 0
    var unknownMN = ""
    var unknownMNDay = 0
    var resendDay = 0
    var resendCollector = -1
    var resendPoint = -1
    /// Slots of the re-send day whose packets are sent again with a changed value (09:00–11:00).
    let resendSlots = 36..<44
    var unknownCodeDay = 0
    /// Carbon-hours host: facility and target due day (the limit is set after simulation).
    var carbonHoursFacility = -1
    var carbonHoursDueDay = 0
    var carbonHoursReplacedSlot = 0
    /// The facility-day whose `energy_kwh` the ground truth states (a line metered by phase
    /// powers only; the writer sums what it wrote, SPEC 2 §4).
    var energyCheck: (facility: Int, day: Int)? = nil

    static let industries = ["塑料", "橡胶", "工业涂装", "包装印刷", "化工", "制药", "其他"]
    static let industryWeights: [Double] = [0.24, 0.14, 0.2, 0.16, 0.1, 0.06, 0.1]
    static let industryPrefix = ["pa", "pb", "pc", "pd", "pe", "pf", "pg"]
    static let productionNames: [[String]] = [
        ["注塑车间", "挤出线", "吹膜车间", "造粒线"],
        ["密炼车间", "硫化车间", "压延车间", "挤出车间"],
        ["喷涂线", "烘干室", "调漆间", "前处理线"],
        ["印刷机组", "复合机组", "涂布线", "制袋车间"],
        ["反应釜车间", "合成车间", "蒸馏装置", "储罐区"],
        ["合成车间", "提取车间", "发酵车间", "干燥车间"],
        ["喷漆房", "打磨车间", "木工车间", "烘干房"],
    ]
    static let industryProcesses: [[String]] = [
        ["AC", "UV", "INTEGRATED", "AC+CO"],
        ["SPRAY", "UV", "AC", "INTEGRATED"],
        ["RTO", "AC+CO", "AC"],
        ["AC", "AC+CO", "RTO"],
        ["RTO", "MEMBRANE", "AC"],
        ["RTO", "AC+CO", "SPRAY"],
        ["AC", "UV", "AC+CO"],
    ]
    static let industryNameWord = ["塑料制品", "橡胶制品", "机械涂装", "包装印刷", "化工", "制药", "家具"]
    static let nameWords1 = ["华通", "恒达", "永盛", "新源", "宏远", "金泰", "瑞丰", "鑫宇", "博创", "嘉诚", "盛源", "中航",
                             "天成", "宝力", "华美", "远大", "佳禾", "腾飞", "兴业", "立信", "润泽", "东升", "晨光", "正大"]
    static let nameWords2 = ["", "科技", "实业", "新材料", "工贸", "精工"]
    static let processCode = ["RTO": "31", "AC": "41", "AC+CO": "42", "UV": "51", "SPRAY": "61", "MEMBRANE": "71", "INTEGRATED": "81"]
    static let removal = ["RTO": 0.95, "AC": 0.7, "AC+CO": 0.85, "UV": 0.35, "SPRAY": 0.25, "MEMBRANE": 0.9, "INTEGRATED": 0.6]
    static let prodRated: [Double] = [7.5, 11, 15, 18.5, 22, 30, 37, 45, 55, 75, 90, 110, 132, 160]
    static let fanRated: [Double] = [5.5, 7.5, 11, 15, 18.5, 22, 30, 37, 45, 55]

    init(options: DemoOptions, startDay: Int) {
        self.options = options
        self.startDay = startDay
        self.days = options.days
        self.timeline = Timeline(days: options.days)
        self.rng = SplitMix64(options.seed, 1)
    }

    // MARK: - Time helpers

    /// Absolute minutes of a global slot.
    func minutes(slot: Int) -> Int { startDay * 1440 + slot * 15 }
    func dayStart(_ d: Int) -> Int { (startDay + d) * 1440 }
    func weekday(_ d: Int) -> Int { Civil.weekday(startDay + d) }

    /// The latest day ≤ d that is Monday–Friday.
    func weekdayOnOrBefore(_ d: Int) -> Int {
        var x = d
        while x > 0 && weekday(x) >= 5 { x -= 1 }
        return x
    }

    // MARK: - Build

    mutating func build() throws {
        let nd = max(1, min(options.districts, baodingDistricts.count))
        city.districts = Array(baodingDistricts.prefix(nd))
        city.idWidth = max(3, String(options.enterprises).count)
        orangeDistricts = nd > 4 ? [0, 1, 2, 3] : []
        heatDistrict = min(1, nd - 1)
        boundaryDistrict = min(2, nd - 1)

        // Enterprises: district, industry, shift.
        for i in 0..<options.enterprises {
            var r = SplitMix64(options.seed, 2, i)
            let d = r.weighted(city.districts.indices.map { $0 < 2 ? 1.4 : 1.0 })
            let ind = r.weighted(DemoBuilder.industryWeights)
            let shift: ShiftType
            if ind == 4 || ind == 5 { shift = r.chance(0.6) ? .continuous : .two } else {
                let x = r.unit()
                shift = x < 0.5 ? .day : (x < 0.85 ? .two : .continuous)
            }
            let id = "E" + pad(i + 1, city.idWidth)
            let n1 = DemoBuilder.nameWords1[i % DemoBuilder.nameWords1.count]
            let n2 = DemoBuilder.nameWords2[(i / DemoBuilder.nameWords1.count) % DemoBuilder.nameWords2.count]
            let dist = city.districts[d]
            let name = (r.chance(0.5) ? "保定" : dist.short) + n1 + n2 + DemoBuilder.industryNameWord[ind] + "有限公司"
            let grades = ["A", "B", "C", "D", ""]
            let grade = grades[r.weighted([0.06, 0.22, 0.32, 0.26, 0.14])]
            let minLoad = r.chance(0.4) ? "" : Fmt.fixedString(Double(r.int(4) + 1) * 0.05, decimals: 2)
            city.enterprises.append(Enterprise(
                index: i, id: id, name: name,
                credit: creditCode(division: dist.code, serial: r.next() % 1_000_000_000),
                district: d, industry: DemoBuilder.industries[ind],
                lat: dist.lat + r.sym() * 0.06, lon: dist.lon + r.sym() * 0.07,
                annualVOC: 0, grade: grade, minLoad: minLoad, shift: shift))  // annualVOC: assignAnnualVOC
        }

        // Roles.
        roleOf = Array(repeating: nil, count: options.enterprises)
        involved = Array(repeating: false, count: options.enterprises)
        var order = Array(0..<options.enterprises)
        rng.shuffle(&order)
        for role in Role.allCases {
            var chosen = -1
            for e in order where roleOf[e] == nil {
                let d = city.enterprises[e].district
                switch role {
                case .stopViol1, .stopViol2, .limitViol1, .limitViol2, .shiftViol0, .shiftViolHalf:
                    if !orangeDistricts.isEmpty && !orangeDistricts.contains(d) { continue }
                case .heatViol:
                    if d != heatDistrict { continue }
                default:
                    // Keep hosts out of the heat districts so nothing else touches them.
                    if nd > 3 && (d == heatDistrict || d == boundaryDistrict) && !role.isVendorExotic { continue }
                }
                chosen = e
                break
            }
            if chosen < 0 {
                for e in order where roleOf[e] == nil { chosen = e; break }
            }
            guard chosen >= 0 else {
                throw DemoError.badOptions("the demo profile needs at least \(Role.allCases.count + 12) enterprises")
            }
            roleOf[chosen] = role
            hostOf[role] = chosen
            involved[chosen] = !(role.isViolator)
            if let s = role.requirement.shift { city.enterprises[chosen].shift = s }
        }

        // Structures.
        for i in 0..<options.enterprises {
            buildStructure(i, requirement: roleOf[i]?.requirement ?? Requirement(shift: nil))
        }
        assignAnnualVOC()
        productionModes = Array(repeating: [], count: city.facilities.count)

        try buildPlansAndResponses()
        buildWeather()
        buildInjections()
        buildCarbon()
        buildBackgroundExemptions()
    }

    /// The registry's `annual_voc_t` (t/year) of every enterprise: what its production lines
    /// generate in a year as the city models them (Σ rated kW × load level × the shift's running
    /// hours a week × 52 × `voc_kg_per_kwh`), declared with an error of ×0.7…×1.4 drawn from its
    /// own stream (9), so no other draw of the city moves. The key tiers then name the large
    /// generators, as seed 000's do (its 117 enterprises above 50 t hold 71.5 % of the city's
    /// VOCs): a few enterprises above 50 t, more from 10 to 50 t, the rest below. Nothing
    /// computed reads it (Baselines and Accounting never do).
    mutating func assignAnnualVOC() {
        for i in city.enterprises.indices {
            var r = SplitMix64(options.seed, 9, i)
            let e = city.enterprises[i]
            let hoursPerWeek: Double
            switch e.shift {
            case .day: hoursPerWeek = 44
            case .two: hoursPerWeek = 104
            case .continuous: hoursPerWeek = 150
            }
            var kgPerHour = 0.0
            for f in e.production {
                let fac = city.facilities[f]
                let kw = fac.electrical.reduce(0.0) { $0 + city.points[$1].rated * city.points[$1].level }
                kgPerHour += kw * (Double(fac.vocPerKWh) ?? 0)
            }
            let tonnes = kgPerHour * hoursPerWeek * 52 / 1000 * exp(r.sym() * 0.35)
            city.enterprises[i].annualVOC = max(0.1, (tonnes * 10).rounded() / 10)
        }
    }

    func pad(_ v: Int, _ w: Int) -> String {
        let s = String(v)
        return s.count >= w ? s : String(repeating: "0", count: w - s.count) + s
    }

    // MARK: - Structure

    mutating func buildStructure(_ e: Int, requirement req: Requirement) {
        var r = SplitMix64(options.seed, 3, e)
        let ent = city.enterprises[e]
        let ind = DemoBuilder.industries.firstIndex(of: ent.industry) ?? 6
        let eid = ent.id
        let districtCode = city.districts[ent.district].code

        var nP = req.large ? 4 : [1, 2, 3, 4][r.weighted([0.3, 0.4, 0.2, 0.1])]
        if req.noProduction { nP = 0 }
        var nT = req.large ? 3 : [1, 2, 3][r.weighted([0.5, 0.35, 0.15])]
        if req.noTreatment { nT = 0 }
        if req.unlinked { nP = max(nP, 2) }
        nP = max(nP, req.minProduction)

        // Facilities first (points attach to collectors afterwards).
        var prodFacilities: [Int] = []
        var treatFacilities: [Int] = []
        let pNames = DemoBuilder.productionNames[ind]
        for k in 0..<nP {
            let f = city.facilities.count
            var fac = Facility(id: "\(eid)-P\(k + 1)", enterprise: e, isProduction: true, name: pNames[k % pNames.count])
            fac.vocPerKWh = Fmt.fixedString(r.range(0.006, 0.04), decimals: 4)
            fac.designCollection = r.chance(0.1) ? "" : Fmt.fixedString(Double(15 + r.int(5)) * 0.05, decimals: 2)
            if ent.shift != .continuous {
                fac.startJitter = r.int(3)
                fac.endJitter = r.int(3)
            }
            city.facilities.append(fac)
            prodFacilities.append(f)
        }
        if req.newLine {
            let f = city.facilities.count
            var fac = Facility(id: "\(eid)-P8", enterprise: e, isProduction: true, name: "新增生产线")
            fac.vocPerKWh = "0.0200"
            fac.designCollection = "0.80"
            fac.firstSlot = (timeline.L - 4) * 96
            city.facilities.append(fac)
            prodFacilities.append(f)
        }
        let procs = DemoBuilder.industryProcesses[ind]
        var usedProc: [String: Int] = [:]
        for k in 0..<nT {
            let f = city.facilities.count
            let process = (k == 0 ? req.t1Process : nil) ?? r.pick(procs)
            usedProc[process, default: 0] += 1
            var fac = Facility(id: "\(eid)-T\(k + 1)", enterprise: e, isProduction: false,
                               name: "\(process)治理设施\(k + 1)")
            fac.process = process
            let rem = (DemoBuilder.removal[process] ?? 0.5) + Double(r.int(5) - 2) * 0.01
            fac.removal = rem
            fac.designRemoval = r.chance(0.05) ? "" : Fmt.fixedString(rem, decimals: 2)
            fac.designAirflow = Double(5 + r.int(56)) * 1000
            if process == "AC" || process == "AC+CO" {
                let cycle = [60, 90, 120][r.int(3)]
                fac.carbonCycle = String(cycle)
                fac.carbonHours = r.chance(0.7) ? String(cycle * 24 + 500) : ""
                fac.carbonKWh = "" // set after points (needs rated power)
                fac.carbonM3 = r.chance(0.6) ? String(Int(fac.designAirflow) * 3000) : ""
            }
            city.facilities.append(fac)
            treatFacilities.append(f)
        }

        // Links (production ↔ treatment).
        if nT > 0 && nP > 0 {
            let linkable = req.unlinked ? Array(prodFacilities.dropLast()) : prodFacilities
            let series = nT >= 2 && r.chance(0.25)
            for (k, p) in linkable.enumerated() {
                if req.newLine && city.facilities[p].id.hasSuffix("-P8") {
                    link(p, treatFacilities[0])
                    continue
                }
                if nT == 1 { link(p, treatFacilities[0]); continue }
                if series && k == 0 {
                    link(p, treatFacilities[0]); link(p, treatFacilities[1])
                    continue
                }
                link(p, treatFacilities[k % nT])
            }
            // Every treatment facility handles at least one production facility.
            for t in treatFacilities where city.facilities[t].links.isEmpty {
                if let p = linkable.first { link(p, t) }
            }
        }

        // Collectors.
        var electricalCount = 0
        for p in prodFacilities { _ = p; electricalCount += 2 }
        let twoCollectors = (roleOf[e] == nil || req.allowTwoCollectors) && !req.large && nP >= 2 && nT >= 1
            && electricalCount >= 4 && r.chance(0.2)
        let nC = twoCollectors ? 2 : 1
        var collectors: [Int] = []
        for c in 0..<nC {
            let idx = city.collectors.count
            let mn = districtCode + pad(e + 1, 4) + pad(c + 1, 2) + "80"
            city.collectors.append(Collector(mn: mn, mnBytes: Array(mn.utf8), enterprise: e, vendor: .standard))
            collectors.append(idx)
        }
        city.enterprises[e].collectors = collectors
        let prodCollector = collectors[0]
        let treatCollector = collectors[nC - 1]

        // Production points.
        let prefix = DemoBuilder.industryPrefix[ind]
        for (k, f) in prodFacilities.enumerated() {
            let isNew = city.facilities[f].firstSlot > 0
            let unit = isNew ? 8 : k + 1
            var n = req.large ? 3 : [1, 2, 3][r.weighted([0.45, 0.35, 0.2])]
            if k == 0 { n = max(n, req.p1MinPoints) }
            if isNew { n = 1 }
            for j in 0..<n {
                let code = (isNew ? "pg" : prefix) + "\(unit)00\(j + 1)"
                let rated = isNew ? 0 : r.pick(DemoBuilder.prodRated)
                var pt = Point(id: "\(eid)-\(code)", enterprise: e, collector: prodCollector, code: code,
                               codeBytes: Array(code.utf8), kind: .production, facility: f,
                               name: isNew ? "新增线主电机" : "\(city.facilities[f].name)设备\(j + 1)",
                               rated: isNew ? 45 : rated, ratedText: isNew ? "" : Fmt.fixedString(rated, decimals: 1))
                pt.level = r.range(0.6, 0.9)
                pt.standby = r.range(0.015, 0.035)
                if !isNew && r.chance(0.15) { pt.thresholdText = Fmt.fixedString(rated * 0.1, decimals: 2) }
                pt.ept0 = Int64(r.range(1000, 500_000) * 100)
                if isNew { pt.ept0 = 0 }
                addPoint(pt)
            }
        }
        if req.unknownCode {
            let code = "pz9001"
            var pt = Point(id: "\(eid)-\(code)", enterprise: e, collector: prodCollector, code: code,
                           codeBytes: Array(code.utf8), kind: .production, facility: prodFacilities.first ?? -1,
                           name: "未备案设备", rated: 22, ratedText: "22.0")
            pt.level = 0.7; pt.standby = 0.02; pt.unregistered = true
            pt.ept0 = Int64(r.range(1000, 50_000) * 100)
            addPoint(pt)
        }

        // Treatment points and sensors.
        var sensorUsed: Set<String> = []
        for (k, f) in treatFacilities.enumerated() {
            let process = city.facilities[f].process
            let pc = DemoBuilder.processCode[process] ?? "91"
            let base = pc + "\(k + 1)"
            var pair = false
            if let forced = (k == 0 ? req.t1Pair : nil) { pair = forced } else if ["RTO", "AC", "AC+CO", "UV"].contains(process) {
                pair = r.chance(0.25)
            }
            var devices: [(String, String, Double, Bool)] = []  // code, name, rated, backup
            let fanList = process == "RTO" ? Array(DemoBuilder.fanRated.suffix(6)) : DemoBuilder.fanRated
            let fanRated = r.pick(fanList)
            if pair {
                devices.append((base + "011", "主风机", fanRated, false))
                devices.append((base + "012", "备用风机", fanRated, true))
                city.facilities[f].minRunningText = "1"
                city.facilities[f].minRunning = 1
            } else {
                devices.append((base + "011", "风机1", fanRated, false))
                switch process {
                case "AC+CO": devices.append((base + "051", "脱附风机", r.pick([3, 4, 5.5]), false))
                case "UV": devices.append((base + "031", "UV灯管电源", r.pick([2, 3, 4.5, 6]), false))
                case "SPRAY": devices.append((base + "021", "循环水泵", r.pick([3, 4, 5.5, 7.5]), false))
                case "MEMBRANE": devices.append((base + "041", "压缩机", r.pick([15, 22, 30]), false))
                case "INTEGRATED":
                    devices.append((base + "021", "喷淋泵", r.pick([3, 4, 5.5]), false))
                    devices.append((base + "031", "UV灯管电源", r.pick([2, 3, 4.5]), false))
                default: break
                }
                switch process {
                case "SPRAY", "MEMBRANE", "INTEGRATED":
                    city.facilities[f].minRunningText = String(devices.count)
                    city.facilities[f].minRunning = devices.count
                default:
                    city.facilities[f].minRunningText = r.chance(0.5) ? "" : "1"
                    city.facilities[f].minRunning = 1
                }
            }
            var ratedSum = 0.0
            var primaryLevel: Double? = nil
            for d in devices {
                var pt = Point(id: "\(eid)-\(d.0)", enterprise: e, collector: treatCollector, code: d.0,
                               codeBytes: Array(d.0.utf8), kind: .treatment, facility: f, name: d.1,
                               rated: d.2, ratedText: Fmt.fixedString(d.2, decimals: 1))
                pt.level = r.range(0.7, 0.9)
                // 一用一备: the backup is the same fan as the primary and draws the same power when it
                // takes over (a weaker backup would be a genuine TREATMENT_LOW against the primary's
                // baseline). The draw above stays so the random stream, and the rest of the city, is unchanged.
                if pair && !d.3 { primaryLevel = pt.level }
                if pair && d.3, let l = primaryLevel { pt.level = l }
                pt.isBackup = d.3
                // A backup fan stands still for weeks: its p90 is 0, so any declared threshold would be
                // THRESHOLD_SUSPECT (SPEC 2 §8) every day. Backups derive theirs (the draw stays, so the
                // random stream of the rest of the city is unchanged).
                if r.chance(0.15) && !d.3 { pt.thresholdText = Fmt.fixedString(d.2 * 0.1, decimals: 2) }
                pt.ept0 = Int64(r.range(1000, 300_000) * 100)
                ratedSum += d.2
                addPoint(pt)
            }
            if process == "AC" || process == "AC+CO" {
                city.facilities[f].carbonKWh = r.chance(0.6) ? String(Int(ratedSum * 3000)) : ""
            }
            // Sensors (seed 000 §治理设施监管参数).
            var kinds: [SensorKind] = []
            switch process {
            case "RTO":
                kinds.append(.rtoTemp)
                if r.chance(0.6) { kinds.append(.flow) }
                if r.chance(0.5) { kinds.append(.pressure) }
                if r.chance(0.3) { kinds += [.vocIn, .vocOut] }
            case "AC":
                if r.chance(0.7) { kinds.append(.door) }
                if r.chance(0.4) { kinds.append(.pressure) }
                if r.chance(0.3) { kinds.append(.flow) }
            case "AC+CO":
                if r.chance(0.5) { kinds.append(.door) }
                if r.chance(0.6) { kinds.append(.coTemp) }
                if r.chance(0.3) { kinds.append(.flow) }
            case "UV":
                if r.chance(0.3) { kinds.append(.pressure) }
            case "SPRAY":
                if r.chance(0.6) { kinds.append(.sprayFlow) }
                if r.chance(0.4) { kinds.append(.pressure) }
            case "MEMBRANE":
                kinds += [.condTemp, .pressure]
            case "INTEGRATED":
                if r.chance(0.6) { kinds.append(.sprayFlow) }
                if r.chance(0.5) { kinds.append(.pressure) }
                if r.chance(0.3) { kinds += [.vocIn, .vocOut] }
            default: break
            }
            if k == 0 {
                for s in req.t1Sensors where !kinds.contains(where: { $0 == s }) { kinds.append(s) }
            }
            for kind in kinds {
                let (hj, dev, name) = DemoBuilder.sensorCode(kind, process: process)
                var code = base + dev
                if let hj = hj, !sensorUsed.contains(hj) { code = hj; sensorUsed.insert(hj) }
                var pt = Point(id: "\(eid)-T\(k + 1)-\(code)", enterprise: e, collector: treatCollector, code: code,
                               codeBytes: Array(code.utf8), kind: .sensor, facility: f, name: name,
                               rated: 0, ratedText: "")
                pt.sensor = kind
                switch kind {
                case .rtoTemp: pt.validMin = "760"
                case .coTemp: pt.validMin = "250"
                case .door: pt.validMax = "0"
                default: break
                }
                addPoint(pt)
            }
        }

        // Total meters, one per collector.
        if !req.noTotal {
            for (c, ci) in collectors.enumerated() {
                let code = "100000"
                var ratedSum = 0.0
                for p in city.collectors[ci].points where city.points[p].kind != .sensor { ratedSum += city.points[p].rated }
                let rated = (ratedSum * 1.2 + 10).rounded()
                var pt = Point(id: c == 0 ? "\(eid)-100000" : "\(eid)-100000-\(c + 1)", enterprise: e, collector: ci,
                               code: code, codeBytes: Array(code.utf8), kind: .total, facility: -1,
                               name: c == 0 ? "总电表" : "总电表\(c + 1)", rated: rated,
                               ratedText: Fmt.fixedString(rated, decimals: 1))
                pt.level = ratedSum * 0.03 + 3  // base load kW
                pt.ept0 = Int64(r.range(10_000, 2_000_000) * 100)
                addPoint(pt)
            }
        }
        // Packet order: electrical (total first), then sensors.
        for ci in collectors {
            let pts = city.collectors[ci].points
            let totals = pts.filter { city.points[$0].kind == .total }
            let elec = pts.filter { city.points[$0].kind == .production || city.points[$0].kind == .treatment }
            let sens = pts.filter { city.points[$0].kind == .sensor }
            city.collectors[ci].points = totals + elec + sens
            city.collectors[ci].total = totals.first ?? -1
        }
        city.enterprises[e].production = prodFacilities
        city.enterprises[e].treatment = treatFacilities
    }

    static func sensorCode(_ kind: SensorKind, process: String) -> (String?, String, String) {
        switch kind {
        case .rtoTemp: return ("a01012", "T01", "RTO燃烧室温度")
        case .coTemp: return (nil, "T02", "催化燃烧反应器温度")
        case .condTemp: return (nil, "T03", "冷凝器温度")
        case .flow: return ("a00000", "F01", "废气流量")
        case .pressure: return ("a01013", "P01", "进出口压差")
        case .door: return ("i33101", "D01", "活性炭箱门")
        case .vocIn: return ("a24087", "V01", "进口VOCs浓度")
        case .vocOut: return ("a24088", "V02", "出口VOCs浓度")
        case .sprayFlow: return (nil, "F02", "喷淋流量")
        case .uvState: return (nil, "S01", "光解状态")
        }
    }

    mutating func link(_ p: Int, _ t: Int) {
        if !city.facilities[p].links.contains(t) { city.facilities[p].links.append(t) }
        if !city.facilities[t].links.contains(p) { city.facilities[t].links.append(p) }
    }

    mutating func addPoint(_ pt: Point) {
        let idx = city.points.count
        city.points.append(pt)
        city.collectors[pt.collector].points.append(idx)
        city.enterprises[pt.enterprise].points.append(idx)
        if pt.facility >= 0 && !pt.unregistered {
            if pt.kind == .sensor { city.facilities[pt.facility].sensors.append(idx) } else {
                city.facilities[pt.facility].electrical.append(idx)
            }
        }
    }

    // MARK: - Helpers for scenario rows

    func ent(_ role: Role) -> Int { hostOf[role]! }
    func eid(_ e: Int) -> String { city.enterprises[e].id }
    func fid(_ f: Int) -> String { city.facilities[f].id }
    func t1(_ e: Int) -> Int { city.enterprises[e].treatment[0] }

    mutating func addTruth(_ kind: String, _ rule: String, e: Int, f: Int = -1, p: String = "", fromSlot: Int, toSlot: Int,
                           _ detail: String, value: String = "") {
        truth.append(TruthRow(kind: kind, rule: rule, enterprise: e >= 0 ? eid(e) : "", facility: f >= 0 ? fid(f) : "",
                              point: p, start: minutes(slot: fromSlot), end: minutes(slot: toSlot), detail: detail,
                              value: value))
    }

    /// Data-quality rows for whole days [d0, d1).
    mutating func addDQ(_ check: String, e: Int, point: String, days d0: Int, _ d1: Int, _ detail: String) {
        truth.append(TruthRow(kind: "dq", rule: check, enterprise: e >= 0 ? eid(e) : "", facility: "", point: point,
                              start: dayStart(d0), end: dayStart(d1), detail: detail))
    }

    // MARK: - Plans and responses

    mutating func buildPlansAndResponses() throws {
        let orangeStart = timeline.orangeStartSlot, orangeEnd = timeline.orangeEndSlot
        city.responses.append((id: "R" + compactDate(timeline.L - 6) + "-O", level: "orange",
                               start: orangeStart * 15, end: orangeEnd * 15, districts: orangeDistricts))
        let od = orangeDistricts
        let covered: (Int) -> Bool = { d in od.isEmpty || od.contains(d) }
        var r = SplitMix64(options.seed, 4)
        let shift0Windows = ["10:00-16:00", "09:00-11:30;14:00-16:00", "13:00-16:00"]
        let shiftHalfWindows = ["09:00-12:00;14:00-17:00", "10:00-15:00"]
        var uncoveredNoEvent = 0

        for e in 0..<options.enterprises {
            let role = roleOf[e]
            let entr = city.enterprises[e]
            let prods = entr.production.filter { !city.facilities[$0].electrical.isEmpty && city.facilities[$0].firstSlot == 0 }
            if prods.isEmpty { continue }
            if let role = role, !role.isViolator { continue }
            // Orange plan.
            var measure: String? = nil
            var ratio = "", windows = ""
            var violator = false
            switch role {
            case .stopViol1?, .stopViol2?: measure = "stop"; violator = true
            case .limitViol1?: measure = "limit"; ratio = "0.5"; violator = true
            // The load shifter: a share of 0.75 leaves room to move load inside the total (SPEC 2 §7).
            case .limitViol2?: measure = "limit"; ratio = "0.75"; violator = true
            case .shiftViol0?: measure = "shift"; ratio = "0"; windows = "10:00-16:00"; violator = true
            case .shiftViolHalf?: measure = "shift"; ratio = "0.5"; windows = "09:00-12:00;14:00-17:00"; violator = true
            case .heatViol?: measure = nil
            default:
                if r.chance(0.6) {
                    let m = r.weighted([0.3, 0.4, 0.3])
                    if m == 0 { measure = "stop" } else if m == 1 { measure = "limit"; ratio = "0.5" } else if r.chance(0.6) {
                        measure = "shift"; ratio = "0"; windows = r.pick(shift0Windows)
                    } else {
                        measure = "shift"; ratio = "0.5"; windows = r.pick(shiftHalfWindows)
                    }
                }
            }
            if let m = measure {
                let perFacility = r.chance(0.5) || violator
                let targets = perFacility ? prods : [-1]
                for f in targets {
                    var row = PlanRow(enterprise: e, level: "orange", facility: f, measure: m, ratio: ratio, windows: windows)
                    row.windowSlots = parseWindows(windows)
                    row.ratioValue = Double(ratio) ?? 0
                    city.plans.append(row)
                }
                let inForce = covered(entr.district)
                let rule = m == "stop" ? "STOP_VIOLATION" : (m == "limit" ? "LIMIT_VIOLATION" : "SHIFT_VIOLATION")
                // SPEC 2 §7: a limit order is judged on all the enterprise's limited lines together,
                // so its truth rows name the enterprise (facility blank); stop and shift stay per line.
                let truthFacilities = m == "limit" ? [-1] : prods
                let spans = measureSpans(measure: m, windows: parseWindows(windows), from: orangeStart, to: orangeEnd)
                if !inForce {
                    for f in truthFacilities where uncoveredNoEvent < 4 {
                        uncoveredNoEvent += 1
                        addTruth("no_event", rule, e: e, f: f, fromSlot: orangeStart, toSlot: orangeEnd,
                                 "橙色预警未覆盖该区（\(city.districts[entr.district].name)），企业照常生产，不应判为违规")
                    }
                } else if role == .stopViol2 {
                    intermittentStop(e, prods: prods, spans: spans)
                } else if role == .limitViol2 {
                    try shiftLoad(e, prods: prods, spans: spans, ratio: Double(ratio) ?? 0)
                } else if violator {
                    for f in prods { applyMode(f, spans: spans, mode: 2, factor: 1) }
                    for f in truthFacilities {
                        for (a, b) in spans {
                            // SPEC 2 §7: STOP_VIOLATION counts per calendar day, so a stop order broken for
                            // two days gives one event per day.
                            for (x, y) in (m == "stop" ? dailySpans(a, b) : [(a, b)]) where (y - x) * 15 >= (m == "limit" ? 60 : 30) {
                                addTruth("event", rule, e: e, f: f, fromSlot: x, toSlot: y,
                                         violatorDetail(m, ratio: ratio, windows: windows, level: "橙色预警"))
                            }
                        }
                    }
                } else {
                    let mode: UInt8 = (m == "stop" || (m == "shift" && ratio == "0")) ? 1 : 3
                    let factor = m == "limit" ? 0.3 : 0.25
                    for f in prods { applyMode(f, spans: spans, mode: mode, factor: factor) }
                    for f in truthFacilities {
                        addTruth("no_event", rule, e: e, f: f, fromSlot: orangeStart, toSlot: orangeEnd,
                                 compliantDetail(m, ratio: ratio, windows: windows, level: "橙色预警"))
                    }
                }
            }
            // Heat plan (seed 000: 高温时段错峰生产).
            let heatCandidate = role == .heatViol || (role == nil && r.chance(0.35))
            if heatCandidate {
                let zero = role == .heatViol || r.chance(0.6)
                let ratioH = zero ? "0" : "0.5"
                let windowsH = zero ? "11:00-15:00" : "12:00-16:00"
                let perFacility = r.chance(0.5) && role != .heatViol
                for f in (perFacility ? prods : [-1]) {
                    var row = PlanRow(enterprise: e, level: "heat", facility: f, measure: "shift", ratio: ratioH, windows: windowsH)
                    row.windowSlots = parseWindows(windowsH)
                    row.ratioValue = Double(ratioH) ?? 0
                    city.plans.append(row)
                }
                for (hd, district) in [(timeline.heatDay, heatDistrict), (timeline.heatBoundaryDay, boundaryDistrict)]
                where entr.district == district {
                    let spans = measureSpans(measure: "shift", windows: parseWindows(windowsH), from: hd * 96, to: hd * 96 + 96)
                    for f in prods {
                        if role == .heatViol && hd == timeline.heatDay {
                            applyMode(f, spans: spans, mode: 2, factor: 1)
                            for (a, b) in spans {
                                addTruth("event", "SHIFT_VIOLATION", e: e, f: f, fromSlot: a, toSlot: b,
                                         "高温日（\(city.districts[district].name)）错峰时段 \(windowsH) 内仍满负荷生产")
                            }
                        } else {
                            applyMode(f, spans: spans, mode: zero ? 1 : 3, factor: 0.25)
                            addTruth("no_event", "SHIFT_VIOLATION", e: e, f: f, fromSlot: hd * 96, toSlot: hd * 96 + 96,
                                     "高温日（\(city.districts[district].name)\(hd == timeline.heatBoundaryDay ? "，恰好 35.0 ℃" : "")）按错峰计划 \(windowsH) 执行（比例 \(ratioH)）")
                        }
                    }
                }
            }
        }

        // Targets for the orange response: about a quarter of the rough baseline emission.
        let districtsForTargets = orangeDistricts.isEmpty ? Array(city.districts.indices) : orangeDistricts
        for d in districtsForTargets {
            var sum = 0.0
            for e in 0..<options.enterprises where city.enterprises[e].district == d {
                sum += roughDailyEmission(e)
            }
            let kg = (sum * 0.25 * 10).rounded() / 10
            city.targets.append((response: city.responses[0].id, district: d, kg: kg))
        }
    }

    func roughDailyEmission(_ e: Int) -> Double {
        let entr = city.enterprises[e]
        let hours: Double = entr.shift == .day ? 9 : (entr.shift == .two ? 16 : 24)
        var total = 0.0
        for f in entr.production {
            let fac = city.facilities[f]
            var kw = 0.0
            for p in fac.electrical { kw += city.points[p].rated * city.points[p].level }
            let voc = Double(fac.vocPerKWh) ?? 0
            let coll = Double(fac.designCollection) ?? 0.8
            var pass = 1.0
            for t in fac.links { pass *= 1 - city.facilities[t].removal }
            total += kw * hours * voc * (1 - coll * (1 - pass))
        }
        return total
    }

    func compactDate(_ d: Int) -> String {
        var b: [UInt8] = []
        Fmt.date(startDay + d, dash: false, to: &b)
        return String(decoding: b, as: UTF8.self)
    }

    func parseWindows(_ s: String) -> [(Int, Int)] {
        guard !s.isEmpty else { return [] }
        return s.split(separator: ";").compactMap { w in
            let ab = w.split(separator: "-")
            guard ab.count == 2 else { return nil }
            func slot(_ t: Substring) -> Int {
                let hm = t.split(separator: ":")
                return (Int(hm[0]) ?? 0) * 4 + (Int(hm[1]) ?? 0) / 15
            }
            return (slot(ab[0]), slot(ab[1]))
        }
    }

    /// Slot spans where a measure is in force inside [from, to) (SPEC §13.15).
    func measureSpans(measure: String, windows: [(Int, Int)], from: Int, to: Int) -> [(Int, Int)] {
        if measure != "shift" { return [(from, to)] }
        var spans: [(Int, Int)] = []
        for d in (from / 96)...((to - 1) / 96) {
            for (a, b) in windows {
                let s = max(from, d * 96 + a), t = min(to, d * 96 + b)
                if t > s { spans.append((s, t)) }
            }
        }
        return spans.sorted { $0.0 < $1.0 }
    }

    mutating func applyMode(_ f: Int, spans: [(Int, Int)], mode: UInt8, factor: Double) {
        for (a, b) in spans { productionModes[f].append((from: a, to: b, mode: mode, factor: factor)) }
    }

    /// `[a, b)` cut at every midnight.
    func dailySpans(_ a: Int, _ b: Int) -> [(Int, Int)] {
        var out: [(Int, Int)] = []
        var x = a
        while x < b {
            let y = min(b, (x / 96 + 1) * 96)
            out.append((x, y))
            x = y
        }
        return out
    }

    /// The intermittent stop violator (SPEC 2 §7, seed 001 §7.1 "累计时间 > 门限时间"): under the
    /// orange stop order its first line runs one slot in every three on L−5 08:00–12:00 — six runs
    /// of 15 minutes, none reaching the 30-minute minimum, 90 minutes in all: one STOP_VIOLATION
    /// from the first run's start to the last run's end, 240 minutes with 90 violating. On L−4
    /// it runs once, 15 minutes: under the minimum, no event. Its other lines obey.
    mutating func intermittentStop(_ e: Int, prods: [Int], spans: [(Int, Int)]) {
        let L = timeline.L
        for f in prods { applyMode(f, spans: spans, mode: 1, factor: 0) }
        let f = prods[0]
        let a = Timeline.slot(L - 5, 8, 0)
        let runs = Array(stride(from: a, to: a + 16, by: 3))
        for g in runs { applyMode(f, spans: [(g, g + 1)], mode: 2, factor: 1) }
        let lone = Timeline.slot(L - 4, 9, 0)
        applyMode(f, spans: [(lone, lone + 1)], mode: 2, factor: 1)
        let last = runs[runs.count - 1] + 1
        addTruth("event", "STOP_VIOLATION", e: e, f: f, fromSlot: a, toSlot: last,
                 "橙色预警期间应停产，生产设施间歇运行：每 45 分钟运行 15 分钟，单次均不足 30 分钟，当日累计 \(runs.count * 15) 分钟",
                 value: String(runs.count * 15))
        addTruth("no_event", "STOP_VIOLATION", e: e, f: f, fromSlot: (L - 4) * 96, toSlot: timeline.orangeEndSlot,
                 "橙色预警期间应停产，当日仅运行 15 分钟（09:00–09:15），累计不足 30 分钟")
        for other in prods.dropFirst() {
            addTruth("no_event", "STOP_VIOLATION", e: e, f: other, fromSlot: timeline.orangeStartSlot, toSlot: timeline.orangeEndSlot,
                     compliantDetail("stop", ratio: "", windows: "", level: "橙色预警"))
        }
    }

    /// The load shifter (SPEC 2 §7, seed 001 §7.2 "污染源所有限产设备的负荷…在基线负荷的限产百分比之内"):
    /// every line is under a limit of `ratio`; the line with the smallest normal load runs at full
    /// load, over its own share, and the others drop so that the enterprise's sum comes to about
    /// 0.55 of the sum of the baselines — inside Σ ratio × baseline: no LIMIT_VIOLATION.
    mutating func shiftLoad(_ e: Int, prods: [Int], spans: [(Int, Int)], ratio: Double) throws {
        let normal = prods.map { f in city.facilities[f].electrical.reduce(0.0) { $0 + city.points[$1].rated * city.points[$1].level } }
        guard prods.count >= 2, let k = normal.indices.min(by: { normal[$0] < normal[$1] }) else {
            throw DemoError.internalCheck("the load shifter \(eid(e)) needs two limited lines")
        }
        let total = normal.reduce(0, +), others = total - normal[k]
        let low = max(0.15, (0.55 * total - normal[k]) / others)
        for (i, f) in prods.enumerated() {
            if i == k { applyMode(f, spans: spans, mode: 2, factor: 1) } else { applyMode(f, spans: spans, mode: 3, factor: low) }
        }
        // Noise (±5 %) and day factors (0.94–1.03) on both sides still leave a margin; the full
        // line stays over its own share.
        let share = (normal[k] + low * others) / total
        guard 1.06 * 1.03 * share < ratio * 0.93, ratio < 0.85 else {
            throw DemoError.internalCheck("the load shifter \(eid(e)) has no margin (\(share) of the baselines under a limit of \(ratio))")
        }
        addTruth("no_event", "LIMIT_VIOLATION", e: e, fromSlot: timeline.orangeStartSlot, toSlot: timeline.orangeEndSlot,
                 "橙色预警期间限产 \(Fmt.fixedString(ratio, decimals: 2))：\(fid(prods[k])) 满负荷运行（超过其自身限值），其余限产线降至约 \(Fmt.fixedString(low * 100, decimals: 0))%，全厂限产设备合计约为基线之和的 \(Fmt.fixedString(share, decimals: 2))，未超限（按企业判定）")
    }

    func violatorDetail(_ m: String, ratio: String, windows: String, level: String) -> String {
        switch m {
        case "stop": return "\(level)期间应停产，生产设施仍连续满负荷运行"
        case "limit": return "\(level)期间应限产至基线 \(ratio)，全部限产线满负荷运行，合计超过 Σ 限产比例 × 基线（按企业判定）"
        default: return "\(level)期间错峰时段 \(windows)（比例 \(ratio)）内仍满负荷生产"
        }
    }

    func compliantDetail(_ m: String, ratio: String, windows: String, level: String) -> String {
        switch m {
        case "stop": return "\(level)期间按计划停产（仅待机负荷）"
        case "limit": return "\(level)期间按计划限产，负荷约为基线的 0.3（限值 \(ratio)）"
        default: return "\(level)期间按错峰计划 \(windows)（比例 \(ratio)）执行"
        }
    }

    // MARK: - Weather

    mutating func buildWeather() {
        var r = SplitMix64(options.seed, 5)
        city.weather = (0..<days).map { d in
            let base = 300 + Int(30 * sin(Double(d) / 4.0))
            return city.districts.indices.map { k in
                var t = base + r.int(40) - 10
                t = min(t, 346)
                if d == timeline.heatDay && k == heatDistrict { t = 372 }
                if d == timeline.heatBoundaryDay && k == boundaryDistrict { t = 350 }
                return t
            }
        }
        if city.districts.count == 1 { city.weather[timeline.heatBoundaryDay][0] = 346 }
    }

    // MARK: - Injections

    mutating func buildInjections() {
        let L = timeline.L
        func s(_ d: Int, _ h: Int, _ m: Int) -> Int { Timeline.slot(d, h, m) }

        // Treatment stopped while production runs.
        do {
            let e = ent(.tsPairBoth), f = t1(e)
            let pts = city.facilities[f].electrical
            let a = s(L - 8, 9, 0), b = s(L - 8, 11, 30)
            injections.append(.treatmentOff(points: pts, from: a, to: b))
            addTruth("event", "TREATMENT_STOPPED", e: e, f: f, fromSlot: a, toSlot: b, "一用一备两台风机同时停运，生产设施正常运行")
        }
        do {
            let e = ent(.tsPrimaryOnly), f = t1(e)
            let pts = city.facilities[f].electrical
            let primary = pts.first { !city.points[$0].isBackup }!
            let backup = pts.first { city.points[$0].isBackup }!
            let a = s(L - 7, 9, 0), b = s(L - 7, 12, 0)
            injections.append(.treatmentOff(points: [primary], from: a, to: b))
            injections.append(.backupOn(point: backup, from: a, to: b))
            addTruth("no_event", "TREATMENT_STOPPED", e: e, f: f, fromSlot: a, toSlot: b,
                     "主风机停运、备用风机投入运行（min_running 1），不构成停运")
            addTruth("no_event", "TREATMENT_LOW", e: e, f: f, fromSlot: a, toSlot: b,
                     "备用风机与主风机同型号、功率相同，接替运行不构成低效运行")
        }
        let stopCases: [(Role, Int, Int, Int, Int, Int, String, String)] = [
            (.tsRejected, L - 3, 9, 30, 11, 0, "event", "治理设施停运；报备被驳回（rejected），仍应报警"),
            (.tsPending, L, 9, 0, 10, 0, "event", "治理设施停运；全厂报备尚未审批（pending），仍应报警"),
            (.tsApproved, L - 8, 13, 0, 15, 0, "no_event", "治理设施停运，处于已批准报备（approved）时段内"),
            (.tsShort, L - 2, 14, 0, 14, 15, "no_event", "治理设施仅停运 15 分钟，短于 min_minutes 30"),
            (.tsPlain, L - 5, 10, 0, 13, 0, "event", "治理设施擅自停运 3 小时，生产设施正常运行"),
        ]
        for (role, d, h0, m0, h1, m1, kind, detail) in stopCases {
            let e = ent(role), f = t1(e)
            let a = s(d, h0, m0), b = s(d, h1, m1)
            injections.append(.treatmentOff(points: city.facilities[f].electrical, from: a, to: b))
            addTruth(kind, "TREATMENT_STOPPED", e: e, f: f, fromSlot: a, toSlot: b, detail)
            switch role {
            case .tsRejected:
                city.exemptions.append(Exemption(enterprise: e, facility: f, startMin: a * 15, endMin: b * 15, reason: "风机维修", status: "rejected"))
            case .tsPending:
                city.exemptions.append(Exemption(enterprise: e, facility: -1, startMin: a * 15, endMin: b * 15, reason: "停电检修", status: "pending"))
            case .tsApproved:
                city.exemptions.append(Exemption(enterprise: e, facility: f, startMin: (a - 1) * 15, endMin: (b + 1) * 15, reason: "治理设施检修", status: "approved"))
                // SPEC 2 §7 (seed 003 附件4 "对应的生产设施必须同步停运"): the exemption holds only if
                // the production it serves stops too; here it runs through the whole exemption.
                addTruth("event", "EXEMPTION_BREACH", e: e, f: f, fromSlot: a - 1, toSlot: b + 1,
                         "已批准的治理设施检修报备期间，对应生产设施未同步停运")
            default: break
            }
        }

        // Ineffective treatment.
        do {
            let e = ent(.ineffRTO), f = t1(e)
            let temp = city.facilities[f].sensors.first { city.points[$0].sensor == .rtoTemp }!
            let a = s(L - 1, 9, 0), b = s(L - 1, 11, 0)
            injections.append(.sensorValue(point: temp, lo: 620, hi: 680, from: a, to: b))
            addTruth("event", "TREATMENT_INEFFECTIVE", e: e, f: f, p: city.points[temp].id, fromSlot: a, toSlot: b,
                     "RTO 燃烧室温度降至约 650 ℃（valid_min 760），风机仍在运行")
        }
        do {
            let e = ent(.ineffDoor), f = t1(e)
            let door = city.facilities[f].sensors.first { city.points[$0].sensor == .door }!
            let a = s(L, 10, 0), b = s(L, 10, 45)
            injections.append(.sensorValue(point: door, lo: 1, hi: 1, from: a, to: b))
            addTruth("event", "TREATMENT_INEFFECTIVE", e: e, f: f, p: city.points[door].id, fromSlot: a, toSlot: b,
                     "活性炭箱门打开（door = 1，valid_max 0），风机运行中")
        }
        do {
            let e = ent(.faultD), f = t1(e)
            let temp = city.facilities[f].sensors.first { city.points[$0].sensor == .rtoTemp }!
            let a = s(L - 6, 10, 0), b = s(L - 6, 11, 0)
            injections.append(.sensorValue(point: temp, lo: 0, hi: 0, from: a, to: b))
            injections.append(.flag(points: [temp], flag: UInt8(ascii: "D"), from: a, to: b))
            addTruth("no_event", "TREATMENT_INEFFECTIVE", e: e, f: f, p: city.points[temp].id, fromSlot: a, toSlot: b,
                     "温度传感器故障，读数 0 且标记 D，数据不参与计算，不应判为无效运行")
        }
        // Low-power treatment.
        do {
            let e = ent(.low), f = t1(e)
            let a = s(L - 4, 9, 0), b = s(L - 4, 11, 30)
            injections.append(.treatmentScale(points: city.facilities[f].electrical, factor: 0.5, from: a, to: b))
            addTruth("event", "TREATMENT_LOW", e: e, f: f, fromSlot: a, toSlot: b, "治理设施功率降至五日基线的约 50%")
        }
        // Idle treatment (SPEC 2 §5.4, seed 001 §7 "低于…正常治污五日平均值20%以下"): the same fan draws
        // about 15 % of its baseline — above its declared threshold (0.06 × rated, so the state stays
        // running), under 0.2 × baseline: STOPPED, not LOW.
        do {
            let e = ent(.low), f = t1(e)
            for p in city.facilities[f].electrical { city.points[p].thresholdText = Fmt.fixedString(city.points[p].rated * 0.06, decimals: 2) }
            let a = s(L - 2, 9, 0), b = s(L - 2, 11, 0)
            injections.append(.treatmentScale(points: city.facilities[f].electrical, factor: 0.15, from: a, to: b))
            addTruth("event", "TREATMENT_STOPPED", e: e, f: f, fromSlot: a, toSlot: b,
                     "治理设施空转：功率约为五日基线的 15%（高于启停阈值，低于 20%），视同停运")
            addTruth("no_event", "TREATMENT_LOW", e: e, f: f, fromSlot: a, toSlot: b,
                     "功率低于五日基线的 20% 时判为停运（空转），不判低效运行")
        }
        // An exemption honoured (SPEC 2 §7, §13.32): the treatment facility is repaired under an
        // approved exemption and every production line it serves stops for the same two hours.
        do {
            let e = ent(.exemptHonoured), f = t1(e)
            let a = s(L - 7, 13, 0), b = s(L - 7, 15, 0)
            injections.append(.treatmentOff(points: city.facilities[f].electrical, from: a, to: b))
            for p in city.facilities[f].links { productionModes[p].append((from: a, to: b, mode: 1, factor: 0)) }
            city.exemptions.append(Exemption(enterprise: e, facility: f, startMin: a * 15, endMin: b * 15, reason: "治理设施检修（生产同步停运）", status: "approved"))
            addTruth("no_event", "EXEMPTION_BREACH", e: e, f: f, fromSlot: a, toSlot: b,
                     "已批准的治理设施检修报备，对应生产设施同步停运，报备成立")
            addTruth("no_event", "TREATMENT_STOPPED", e: e, f: f, fromSlot: a, toSlot: b,
                     "治理设施停运，对应生产设施同时停运，且处于已批准报备时段内")
        }
        // Maintenance flag M.
        do {
            let e = ent(.maintM), f = t1(e)
            let a = s(L - 7, 13, 0), b = s(L - 7, 14, 0)
            let pts = city.facilities[f].electrical
            injections.append(.treatmentOff(points: pts, from: a, to: b))
            injections.append(.flag(points: pts, flag: UInt8(ascii: "M"), from: a, to: b))
            addTruth("no_event", "TREATMENT_STOPPED", e: e, f: f, fromSlot: a, toSlot: b,
                     "风机检修，数据标记 M（不参与计算），状态未知而非停运")
        }
        // Offline.
        do {
            let e = ent(.offline)
            let a = s(L - 3, 14, 0), b = s(L - 3, 16, 0)
            injections.append(.silenceEnterprise(enterprise: e, from: a, to: b))
            addTruth("event", "OFFLINE", e: e, fromSlot: a, toSlot: b, "企业全部数采仪 2 小时无数据")
        }
        do {
            let e = ent(.offlineShort)
            let a = s(L - 6, 14, 0), b = s(L - 6, 14, 45)
            injections.append(.silenceEnterprise(enterprise: e, from: a, to: b))
            addTruth("no_event", "OFFLINE", e: e, fromSlot: a, toSlot: b, "仅 45 分钟无数据，短于 min_minutes 60")
        }
        do {
            let e = ent(.offlineExempt)
            let a = s(L - 8, 1, 0), b = s(L - 8, 3, 0)
            injections.append(.silenceEnterprise(enterprise: e, from: a, to: b))
            city.exemptions.append(Exemption(enterprise: e, facility: -1, startMin: (a - 2) * 15, endMin: (b + 2) * 15,
                                             reason: "厂区停电", status: "approved"))
            addTruth("no_event", "OFFLINE", e: e, fromSlot: a, toSlot: b, "2 小时无数据，但处于已批准的全厂报备时段内")
        }

        // Data quality.
        do {
            let e = ent(.dqNegative)
            let p = city.facilities[city.enterprises[e].production[0]].electrical[0]
            let a = s(L - 6, 2, 0), b = s(L - 6, 2, 30)
            injections.append(.negative(point: p, from: a, to: b))
            addDQ("NEGATIVE", e: e, point: city.points[p].id, days: L - 6, L - 5, "02:00–02:30 功率为负（互感器接反）")
        }
        do {
            let e = ent(.dqConstant)
            let p = city.facilities[city.enterprises[e].production[0]].electrical[0]
            let a = s(L - 4, 9, 0), b = s(L - 4, 15, 0)
            injections.append(.constant(point: p, from: a, to: b))
            addDQ("CONSTANT", e: e, point: city.points[p].id, days: L - 4, L - 3, "09:00–15:00 功率恒定不变（6 小时）")
        }
        do {
            let e = ent(.dqJumpSmall)
            let p = city.facilities[city.enterprises[e].production[0]].electrical[0]
            let d = weekdayOnOrBefore(L - 5)
            let sample = (d * 96 + 40) * (15 / options.intervalMinutes)
            let rated = city.points[p].rated
            let jump = Int64((rated * 5 * Double(options.intervalMinutes) / 60 * 100).rounded()) + 100
            injections.append(.counterJump(point: p, sample: sample, hundredths: jump))
            addDQ("COUNTER_JUMP", e: e, point: city.points[p].id, days: d, d + 1, "10:00 电量示值跳变（一步折算功率超过额定 3 倍）")
        }
        do {
            let e = ent(.dqJumpBig)
            let p = city.facilities[city.enterprises[e].production[0]].electrical[0]
            let d = L - 2
            let sample = (d * 96 + 41) * (15 / options.intervalMinutes)
            injections.append(.counterJump(point: p, sample: sample, hundredths: 300_000 * 100))
            addDQ("COUNTER_JUMP", e: e, point: city.points[p].id, days: d, d + 1, "10:15 电量示值跳变 +300000 kWh")
            addDQ("ENERGY_TOO_LARGE", e: e, point: city.points[p].id, days: d, d + 1, "当日电量超过 200000 kWh（示值跳变所致）")
            addDQ("ENERGY_POWER_MISMATCH", e: e, point: city.points[p].id, days: d, d + 1, "当日电量远大于 25 × 最大功率（示值跳变所致）")
        }
        do {
            let e = ent(.dqMismatch)
            let p = city.facilities[city.enterprises[e].production[0]].electrical[0]
            let d = L - 7
            injections.append(.ptScale(point: p, factor: 0.1, from: d * 96, to: d * 96 + 96))
            addDQ("ENERGY_POWER_MISMATCH", e: e, point: city.points[p].id, days: d, d + 1, "全天功率读数仅为实际的 1/10（变比设置错误），电量正常累计")
        }
        do {
            let e = ent(.dqClock)
            let c = city.enterprises[e].collectors[0]
            let d = L - 9
            injections.append(.clock(collector: c, day: d, minutes: 30))
            for p in city.collectors[c].points where !city.points[p].unregistered {
                addDQ("CLOCK", e: e, point: city.points[p].id, days: d, d + 1, "数采仪 \(city.collectors[c].mn) 全天 QN 比 DataTime 晚 30 分钟")
            }
        }
        do {
            let e = ent(.dqSum)
            let c = city.enterprises[e].collectors[0]
            let d = L - 1
            injections.append(.totalScale(point: city.collectors[c].total, factor: 0.5, from: d * 96, to: d * 96 + 96))
            addDQ("SUM_EXCEEDS_TOTAL", e: e, point: "", days: d, d + 1, "总电表读数仅为实际的一半，生产+治理电量超过总电量 1.1 倍")
        }
        do {
            let e = ent(.dqNoData), f = t1(e)
            let flow = city.facilities[f].sensors.first { city.points[$0].sensor == .flow }!
            let d = L - 3
            injections.append(.silencePoint(point: flow, from: d * 96, to: d * 96 + 96))
            addDQ("NO_DATA", e: e, point: city.points[flow].id, days: d, d + 1, "废气流量传感器全天无数据")
            addDQ("COMPLETENESS", e: e, point: city.points[flow].id, days: d, d + 1, "全天无数据，传输率 0")
        }
        do {
            let e = ent(.dqCompleteness)
            let p = city.facilities[city.enterprises[e].production[0]].electrical[1]
            let d = L - 6
            injections.append(.silencePoint(point: p, from: s(d, 9, 0), to: s(d, 17, 0)))
            addDQ("COMPLETENESS", e: e, point: city.points[p].id, days: d, d + 1, "09:00–17:00 无数据，传输率约 67%")
        }
        // Phase data (SPEC 2 §4, §8; seed 001 §5.4.5, appendix D/F). One line's meter sends only
        // Pa, Pb and Pc: its power is their sum, checked through the facility's energy of one day.
        // The total meter sends Ua…Pc next to Pt; it loses phase C for two hours one day and has
        // its phase-B current transformer wired backwards for two hours another day.
        do {
            let e = ent(.phases)
            let line = city.enterprises[e].production[0]
            let meter = city.facilities[line].electrical[0]
            city.points[meter].phaseOnly = true
            energyCheck = (line, L - 5)
            let total = city.collectors[city.enterprises[e].collectors[0]].total
            city.points[total].phases = true
            let id = city.points[total].id
            let lost = (s(L - 3, 10, 0), s(L - 3, 12, 0))
            injections.append(.phaseLoss(point: total, from: lost.0, to: lost.1))
            addDQ("VOLTAGE_LOOP", e: e, point: id, days: L - 3, L - 2, "10:00–12:00 C 相电压降至约 0.3 V（缺相），总电表少计约三分之一")
            let reversed = (s(L - 1, 14, 0), s(L - 1, 16, 0))
            injections.append(.reversedCT(point: total, from: reversed.0, to: reversed.1))
            addDQ("CURRENT_LOOP", e: e, point: id, days: L - 1, L, "14:00–16:00 B 相电流互感器反接，Pb 为负")
        }
        // Declared thresholds the unit never reaches (SPEC 2 §8, seed 003 附件4 "阈值设置不准确"): the
        // second meter of a three-meter line never draws its threshold (0.9 × rated while it runs at
        // about 0.6); the third declares a threshold above its rating. The line's state comes from
        // its first meter, so nothing else changes.
        do {
            let e = ent(.thresholdSuspect)
            let pts = city.facilities[city.enterprises[e].production[0]].electrical
            let high = pts[1], over = pts[2]
            city.points[high].level = 0.6
            city.points[high].thresholdText = Fmt.fixedString(city.points[high].rated * 0.9, decimals: 2)
            city.points[over].thresholdText = Fmt.fixedString(city.points[over].rated * 1.2, decimals: 2)
            // The p90 part needs data_quality.threshold_suspect_min_days (7) days' worth in the 14 days before.
            addDQ("THRESHOLD_SUSPECT", e: e, point: city.points[high].id, days: min(7, days), days,
                  "申报阈值 \(city.points[high].thresholdText) kW 高于前 14 天功率 p90（约 0.6 × 额定），设备始终显示停运")
            addDQ("THRESHOLD_SUSPECT", e: e, point: city.points[over].id, days: 0, days,
                  "申报阈值 \(city.points[over].thresholdText) kW 不低于额定功率 \(city.points[over].ratedText) kW")
        }
        // New production line without rated power and threshold (SPEC §5.2 case 4).
        do {
            let e = ent(.newLine)
            let f = city.enterprises[e].production.first { city.facilities[$0].firstSlot > 0 }!
            let p = city.facilities[f].electrical[0]
            let first = city.facilities[f].firstSlot / 96
            injections.append(.silencePoint(point: p, from: 0, to: city.facilities[f].firstSlot))
            addDQ("THRESHOLD_UNKNOWN", e: e, point: city.points[p].id, days: first, days, "新增生产线无额定功率和阈值，阈值历史不足 14 天（SPEC 2 §5.2）")
            addDQ("BASELINE_UNAVAILABLE", e: e, point: city.points[p].id, days: 0, days, "新增生产线状态未知，没有正常生产日，无五日基线")
            if first > 0 {
                addDQ("NO_DATA", e: e, point: city.points[p].id, days: 0, first, "新增生产线投运（\(Civil.dateString(startDay + first))）前无数据")
                addDQ("COMPLETENESS", e: e, point: city.points[p].id, days: 0, first, "新增生产线投运前无数据")
            }
        }
        // Registry coverage.
        addDQ("NO_TOTAL_POINT", e: ent(.covNoTotal), point: "", days: 0, days, "企业未安装总用电监测点位")
        addDQ("NO_PRODUCTION_POINT", e: ent(.covNoProduction), point: "", days: 0, days, "企业未安装生产设施监测点位")
        addDQ("NO_TREATMENT_POINT", e: ent(.covNoTreatment), point: "", days: 0, days, "企业未安装治理设施监测点位")
        addDQ("UNLINKED_PRODUCTION", e: ent(.covNoTreatment), point: "", days: 0, days, "生产设施没有关联的治理设施")
        addDQ("UNLINKED_PRODUCTION", e: ent(.covUnlinked), point: "", days: 0, days, "一个生产设施没有关联的治理设施")

        // Unknown MN, resend, unknown code.
        unknownMNDay = L - 5
        let dcode = city.districts[0].code
        unknownMN = dcode + "9999" + "01" + "80"
        truth.append(TruthRow(kind: "dq", rule: "UNKNOWN_MN", enterprise: "", facility: "", point: unknownMN,
                              start: dayStart(unknownMNDay), end: dayStart(unknownMNDay + 1),
                              detail: "未备案数采仪 \(unknownMN) 10:00–12:00 上报数据"))
        resendDay = L - 8
        let re = ent(.resend)
        resendCollector = city.enterprises[re].collectors[0]
        resendPoint = city.facilities[city.enterprises[re].production[0]].electrical[0]
        unknownCodeDay = L - 3
    }

    // MARK: - Carbon

    mutating func buildCarbon() {
        let L = timeline.L
        var r = SplitMix64(options.seed, 6)
        let periodStart = startDay * 1440
        // Hosts.
        do {
            let e = ent(.carbonDays), f = t1(e)
            let due = L - 5
            city.facilities[f].carbonCycle = "60"
            city.facilities[f].carbonHours = ""; city.facilities[f].carbonKWh = ""; city.facilities[f].carbonM3 = ""
            let replaced = dayStart(due) + 360 - 60 * 1440
            city.carbon.append(CarbonRecord(facility: f, replacedAt: replaced - 61 * 1440, fillKg: 600))
            city.carbon.append(CarbonRecord(facility: f, replacedAt: replaced, fillKg: 600))
            addTruth("event", "CARBON_OVERDUE", e: e, f: f, fromSlot: due * 96, toSlot: days * 96,
                     "活性炭更换周期 60 天已到（上次更换 \(Civil.timeString(minutes: replaced, seconds: false))）")
        }
        do {
            let e = ent(.carbonReplaced), f = t1(e)
            let due = L - 8, replacedDay = L - 2
            city.facilities[f].carbonCycle = "30"
            city.facilities[f].carbonHours = ""; city.facilities[f].carbonKWh = ""; city.facilities[f].carbonM3 = ""
            let old = dayStart(due) + 360 - 30 * 1440
            city.carbon.append(CarbonRecord(facility: f, replacedAt: old, fillKg: 400))
            city.carbon.append(CarbonRecord(facility: f, replacedAt: dayStart(replacedDay) + 600, fillKg: 400))
            addTruth("event", "CARBON_OVERDUE", e: e, f: f, fromSlot: due * 96, toSlot: replacedDay * 96,
                     "活性炭超期（周期 30 天），\(Civil.dateString(startDay + replacedDay)) 10:00 更换后恢复")
        }
        do {
            let e = ent(.carbonHours), f = t1(e)
            city.facilities[f].carbonCycle = "90"
            city.facilities[f].carbonKWh = ""; city.facilities[f].carbonM3 = ""
            carbonHoursFacility = f
            carbonHoursDueDay = L - 3
            carbonHoursReplacedSlot = 1 * 96 + 24
            city.carbon.append(CarbonRecord(facility: f, replacedAt: periodStart + carbonHoursReplacedSlot * 15, fillKg: 500))
            // carbon_max_hours and the truth row are set after the signals are known.
        }
        // Everyone else with activated carbon: recent enough never to fall due in the period.
        for (f, fac) in city.facilities.enumerated() where !fac.isProduction && (fac.process == "AC" || fac.process == "AC+CO") {
            if city.carbon.contains(where: { $0.facility == f }) { continue }
            if r.chance(0.12) { continue }  // no record: not evaluated (SPEC §13.17)
            // Long periods: stretch the limits so nobody falls due by accident.
            let cycle = max(Int(fac.carbonCycle) ?? 90, days + 30)
            city.facilities[f].carbonCycle = String(cycle)
            if !fac.carbonHours.isEmpty { city.facilities[f].carbonHours = String(cycle * 24 + 500) }
            if days * 24 > 2500 { city.facilities[f].carbonKWh = ""; city.facilities[f].carbonM3 = "" }
            let maxBack = max(0, cycle - days - 5)
            let back = r.int(maxBack + 1)
            let at = periodStart - back * 1440 + (6 + r.int(5)) * 60
            if r.chance(0.3) { city.carbon.append(CarbonRecord(facility: f, replacedAt: at - cycle * 1440 + 5 * 1440, fillKg: 300 + r.int(12) * 100)) }
            city.carbon.append(CarbonRecord(facility: f, replacedAt: at, fillKg: 300 + r.int(12) * 100))
        }
    }

    mutating func buildBackgroundExemptions() {
        var r = SplitMix64(options.seed, 7)
        var added = 0
        for e in 0..<options.enterprises where roleOf[e] == nil && added < 3 {
            if !r.chance(0.1) { continue }
            let d = r.int(days)
            city.exemptions.append(Exemption(enterprise: e, facility: -1, startMin: d * 1440 + 8 * 60, endMin: d * 1440 + 12 * 60,
                                             reason: "设备年度检修", status: added == 1 ? "rejected" : "approved"))
            added += 1
        }
    }
}
