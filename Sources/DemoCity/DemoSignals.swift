import Foundation

/// The simulated signals of the demo city: slot-level schedules (production load, treatment
/// on/off) for the whole period, and sample-level values one day at a time.
///
/// Units: electrical values in hundredths of kW (Pt) and hundredths of kWh (Ept); sensor
/// values in tenths of their unit. Every schedule change falls on a 15-minute slot boundary,
/// so the state of a slot is the same for any realtime interval.
final class DemoSignals {
    let city: City
    let startDay: Int
    let days: Int
    let interval: Int
    let spd: Int            // samples per day
    let sps: Int            // samples per slot
    let seed: UInt64
    let slots: Int

    /// Production load factor per facility and global slot (0 = standby). Empty for treatment.
    var prodLoad: [[Float]]
    /// Treatment point on/off per global slot. Empty for other kinds.
    var pointOn: [[UInt8]]
    /// Treatment scale factor per point, sparse: (point, from, to, factor).
    var scales: [(point: Int, from: Int, to: Int, factor: Double)] = []

    // Day arrays (index p * spd + s).
    var written: [Int32]
    var truth: [Int32]
    var flags: [UInt8]
    var ept: [Int64]
    /// Counters carried across days.
    var counter: [Int64]
    var remainder: [Int64]

    static let absent = Int32.min

    /// Points that send phase values (`phaseOnly` or `phases`), and where each sits in `phase`.
    let phasePoints: [Int]
    let phaseIndex: [Int: Int]
    /// Day arrays of the phase values in `phaseParams` order, index `k * spd + s` for the k-th
    /// phase point: Ua, Ub, Uc (tenths of V), Ia, Ib, Ic (tenths of A), Pa, Pb, Pc (hundredths of
    /// kW, summing exactly to the written Pt).
    var phase: [[Int32]]
    static let phaseParams = ["Ua", "Ub", "Uc", "Ia", "Ib", "Ic", "Pa", "Pb", "Pc"]

    /// Injections grouped by kind for quick lookup.
    let injections: [Injection]
    let involved: [Bool]
    /// The enterprise whose data goes out as hour means (CN 2061): its values get an hourly drift
    /// so that hour means do not repeat for hours (CONSTANT).
    let hourlyEnterprise: Int

    init(builder b: DemoBuilder) {
        city = b.city
        startDay = b.startDay
        days = b.days
        interval = b.options.intervalMinutes
        spd = 1440 / interval
        sps = 15 / interval
        seed = b.options.seed
        slots = days * 96
        injections = b.injections
        involved = b.involved
        hourlyEnterprise = b.hostOf[.v2061] ?? -1
        prodLoad = Array(repeating: [], count: city.facilities.count)
        pointOn = Array(repeating: [], count: city.points.count)
        let n = city.points.count * spd
        written = Array(repeating: 0, count: n)
        truth = Array(repeating: 0, count: n)
        flags = Array(repeating: UInt8(ascii: "N"), count: n)
        ept = Array(repeating: 0, count: n)
        counter = city.points.map { $0.ept0 }
        remainder = Array(repeating: 0, count: city.points.count)
        let cityPoints = b.city.points
        let withPhases = cityPoints.indices.filter { cityPoints[$0].phaseOnly || cityPoints[$0].phases }
        phasePoints = withPhases
        phaseIndex = Dictionary(uniqueKeysWithValues: withPhases.enumerated().map { ($1, $0) })
        phase = Array(repeating: Array(repeating: 0, count: withPhases.count * (1440 / b.options.intervalMinutes)), count: 9)
        buildSchedules(modes: b.productionModes)
    }

    // MARK: - Schedules

    /// Base production load multiplier (0 = not producing) for a shift, weekday and slot of day.
    static func baseLoad(_ shift: ShiftType, weekday wd: Int, slot k: Int, startJitter js: Int, endJitter je: Int) -> Double {
        switch shift {
        case .day:
            if wd <= 4 {
                guard k >= 32 + js && k < 68 - je else { return 0 }
                return (k >= 48 && k < 52) ? 0.85 : 1
            }
            if wd == 5 { return (k >= 32 + js && k < 48) ? 0.85 : 0 }
            return 0
        case .two:
            if wd <= 5 { return (k >= 24 + js && k < 88 - je) ? 1 : 0 }
            return (k >= 32 + js && k < 64 - je) ? 0.85 : 0
        case .continuous:
            return wd <= 4 ? 1 : 0.85
        }
    }

    func buildSchedules(modes: [[(from: Int, to: Int, mode: UInt8, factor: Double)]]) {
        // Production.
        for (f, fac) in city.facilities.enumerated() where fac.isProduction {
            let e = city.enterprises[fac.enterprise]
            var load = [Float](repeating: 0, count: slots)
            for d in 0..<days {
                var r = SplitMix64(seed, 20, f, d)
                var dayFactor = r.range(0.94, 1.03)
                let wd = Civil.weekday(startDay + d)
                if !involved[fac.enterprise] && wd <= 4 && r.chance(0.02) { dayFactor = 0 }  // line down for the day
                for k in 0..<96 {
                    let g = d * 96 + k
                    if g < fac.firstSlot { continue }
                    let base = DemoSignals.baseLoad(e.shift, weekday: wd, slot: k, startJitter: fac.startJitter, endJitter: fac.endJitter)
                    load[g] = Float(base * dayFactor)
                }
            }
            for m in modes[f] {
                for g in max(0, m.from)..<min(slots, m.to) {
                    switch m.mode {
                    case 1: load[g] = 0
                    case 2: load[g] = 1
                    case 3: load[g] = Float(Double(load[g]) * m.factor)
                    default: break
                    }
                }
            }
            prodLoad[f] = load
        }
        // Treatment: on from 2 slots before until 2 slots after any linked production runs.
        for fac in city.facilities where !fac.isProduction {
            var run = [Bool](repeating: false, count: slots)
            if fac.links.isEmpty {
                let e = city.enterprises[fac.enterprise]
                for g in 0..<slots {
                    let d = g / 96
                    run[g] = DemoSignals.baseLoad(e.shift, weekday: Civil.weekday(startDay + d), slot: g % 96, startJitter: 0, endJitter: 0) > 0
                }
            } else {
                for p in fac.links {
                    let load = prodLoad[p]
                    for g in 0..<slots where load[g] > 0 { run[g] = true }
                }
            }
            var on = [UInt8](repeating: 0, count: slots)
            for g in 0..<slots where run[g] {
                for x in max(0, g - 2)...min(slots - 1, g + 2) { on[x] = 1 }
            }
            for p in fac.electrical {
                pointOn[p] = city.points[p].isBackup ? [UInt8](repeating: 0, count: slots) : on
            }
        }
        for inj in injections {
            switch inj {
            case .treatmentOff(let pts, let a, let b):
                for p in pts { for g in a..<b { pointOn[p][g] = 0 } }
            case .backupOn(let p, let a, let b):
                for g in a..<b { pointOn[p][g] = 1 }
            case .treatmentScale(let pts, let factor, let a, let b):
                for p in pts { scales.append((point: p, from: a, to: b, factor: factor)) }
            default: break
            }
        }
    }

    /// Whether a treatment facility runs in a global slot (enough points on).
    func facilityRunning(_ t: Int, slot g: Int) -> Bool {
        let fac = city.facilities[t]
        var n = 0
        for p in fac.electrical where pointOn[p][g] != 0 { n += 1 }
        return n >= max(1, fac.minRunning)
    }

    // MARK: - One day

    @inline(__always)
    static func hundredths(_ v: Double) -> Int32 { Int32((v * 100).rounded()) }

    /// Fills the day arrays for day `d` (0-based) and advances the counters.
    func generateDay(_ d: Int) {
        let spd = self.spd, sps = self.sps
        let nP = city.points.count
        // Work on locals: class properties would pay an exclusivity check per element access.
        var written = [Int32](), truth = [Int32](), flags = [UInt8](), ept = [Int64](), counter = [Int64](), remainder = [Int64]()
        swap(&written, &self.written); swap(&truth, &self.truth); swap(&flags, &self.flags)
        swap(&ept, &self.ept); swap(&counter, &self.counter); swap(&remainder, &self.remainder)
        defer {
            swap(&written, &self.written); swap(&truth, &self.truth); swap(&flags, &self.flags)
            swap(&ept, &self.ept); swap(&counter, &self.counter); swap(&remainder, &self.remainder)
        }
        let prodLoad = self.prodLoad, pointOn = self.pointOn
        // Electrical points except totals.
        for e in city.enterprises.indices {
            var r = SplitMix64(seed, 30, e, d)
            let drift = e == hourlyEnterprise ? 0.08 : 0.0
            for p in city.enterprises[e].points {
                let pt = city.points[p]
                let base = p * spd
                var hourOff = [Double](repeating: 0, count: 24)
                if drift > 0 { for h in 0..<24 { hourOff[h] = 1 + drift * r.sym() } } else { for h in 0..<24 { hourOff[h] = 1 } }
                switch pt.kind {
                case .production:
                    let load = pt.facility >= 0 ? prodLoad[pt.facility] : []
                    var n = r.sym()
                    for s in 0..<spd {
                        let g = d * 96 + s / sps
                        let f = load.isEmpty ? 0 : Double(load[g])
                        n = 0.8 * n + 0.2 * r.sym()
                        // Noise of at least ±0.1 kW so that no meter repeats one value for hours (CONSTANT).
                        let sb = pt.rated * pt.standby
                        let v = (f > 0 ? pt.rated * pt.level * f * (1 + 0.05 * n) : max(0.01, sb + max(0.2 * sb, 0.1) * r.sym()))
                            * hourOff[s * interval / 60]
                        let h = DemoSignals.hundredths(v)
                        written[base + s] = h; truth[base + s] = h; flags[base + s] = 78
                    }
                case .treatment:
                    let on = pointOn[p]
                    for s in 0..<spd {
                        let g = d * 96 + s / sps
                        let run = pt.rated * pt.level * hourOff[s * interval / 60]
                        let h: Int32 = on[g] != 0 ? DemoSignals.hundredths(run + max(0.02 * run, 0.15) * r.sym()) : 0
                        written[base + s] = h; truth[base + s] = h; flags[base + s] = 78
                    }
                default: break
                }
            }
        }
        // Injections on electrical signals.
        let day0 = d * 96, day1 = d * 96 + 96
        func sampleRange(_ a: Int, _ b: Int) -> Range<Int>? {
            let lo = max(a, day0), hi = min(b, day1)
            guard hi > lo else { return nil }
            return ((lo - day0) * sps)..<((hi - day0) * sps)
        }
        for sc in scales {
            guard let rg = sampleRange(sc.from, sc.to) else { continue }
            for s in rg {
                let i = sc.point * spd + s
                let v = DemoSignals.hundredths(Double(truth[i]) / 100 * sc.factor)
                written[i] = v; truth[i] = v
            }
        }
        for inj in injections {
            switch inj {
            case .negative(let p, let a, let b):
                guard let rg = sampleRange(a, b) else { continue }
                var r = SplitMix64(seed, 31, p, d)
                for s in rg {
                    let i = p * spd + s
                    written[i] = -DemoSignals.hundredths(city.points[p].rated * 0.04 * (1 + 0.2 * r.sym()) + 1)
                    truth[i] = 0
                }
            case .constant(let p, let a, let b):
                guard let rg = sampleRange(a, b) else { continue }
                let v = written[p * spd + rg.lowerBound]
                for s in rg { written[p * spd + s] = v }
            case .ptScale(let p, let factor, let a, let b):
                guard let rg = sampleRange(a, b) else { continue }
                for s in rg {
                    let i = p * spd + s
                    written[i] = max(1, DemoSignals.hundredths(Double(truth[i]) / 100 * factor))
                }
            default: break
            }
        }
        // Totals: the sum of the collector's electrical points plus the site's base load.
        for c in city.collectors.indices {
            let tp = city.collectors[c].total
            guard tp >= 0 else { continue }
            let pt = city.points[tp]
            var r = SplitMix64(seed, 32, c, d)
            let others = city.collectors[c].points.filter { city.points[$0].kind == .production || city.points[$0].kind == .treatment }
            for s in 0..<spd {
                var sum: Int64 = 0
                for p in others { sum += Int64(truth[p * spd + s]) }
                let minute = s * interval
                let light = (minute >= 420 && minute < 1140) ? 0.3 : 0
                let baseKW = pt.level * (1 + light + 0.05 * r.sym())
                let h = Int32(sum) + DemoSignals.hundredths(baseKW)
                written[tp * spd + s] = h; truth[tp * spd + s] = h; flags[tp * spd + s] = 78
            }
        }
        for inj in injections {
            if case .totalScale(let p, let factor, let a, let b) = inj, let rg = sampleRange(a, b) {
                for s in rg {
                    let i = p * spd + s
                    let v = DemoSignals.hundredths(Double(truth[i]) / 100 * factor)
                    written[i] = v; truth[i] = v
                }
            }
        }
        // Phase values: the written power split over three slightly unequal phases at about 220 V.
        // A lost phase or a reversed CT changes what the meter reads, so its Pt and the energy it
        // counts (truth) follow the faulty phases.
        for (k, p) in phasePoints.enumerated() {
            var r = SplitMix64(seed, 35, p, d)
            var lost: [Range<Int>] = [], reversed: [Range<Int>] = []
            for inj in injections {
                switch inj {
                case .phaseLoss(let q, let a, let b) where q == p: if let rg = sampleRange(a, b) { lost.append(rg) }
                case .reversedCT(let q, let a, let b) where q == p: if let rg = sampleRange(a, b) { reversed.append(rg) }
                default: break
                }
            }
            for s in 0..<spd {
                let i = p * spd + s, j = k * spd + s
                let w = written[i]
                let pa = Int32((Double(w) * 0.34).rounded()), pb0 = Int32((Double(w) * 0.33).rounded())
                var pb = pb0, pc = w - pa - pb0
                var u = [Int32(2200 + r.int(41) - 20), Int32(2200 + r.int(41) - 20), Int32(2200 + r.int(41) - 20)]
                if lost.contains(where: { $0.contains(s) }) {
                    pc = 0
                    u[2] = Int32(2 + r.int(3))
                    written[i] = pa + pb; truth[i] = pa + pb
                }
                if reversed.contains(where: { $0.contains(s) }) {
                    pb = -pb0
                    written[i] = pa + pb + pc; truth[i] = pa + pb + pc
                }
                let ps = [pa, pb, pc]
                for x in 0..<3 {
                    phase[x][j] = u[x]
                    // I = P / (U × cos φ), cos φ 0.92: tenths of A from hundredths of kW and tenths of V.
                    phase[3 + x][j] = u[x] < 100 ? 0 : Int32((Double(abs(ps[x])) * 1000 / (Double(u[x]) * 0.92)).rounded())
                    phase[6 + x][j] = ps[x]
                }
            }
        }
        // Sensors (tenths).
        for (t, fac) in city.facilities.enumerated() where !fac.isProduction && !fac.sensors.isEmpty {
            var r = SplitMix64(seed, 33, t, d)
            for s in 0..<spd {
                let g = d * 96 + s / sps
                var on = false
                var scale = 1.0
                for p in fac.electrical where pointOn[p][g] != 0 { on = true }
                if on {
                    for sc in scales where sc.point == fac.electrical[0] && g >= sc.from && g < sc.to { scale = sc.factor }
                }
                var producing = false
                for pf in fac.links where prodLoad[pf][g] > 0 { producing = true }
                var vin = producing ? 300 * (0.8 + 0.4 * r.unit()) : 15 + 5 * r.sym()
                if vin < 0 { vin = 0 }
                for p in fac.sensors {
                    let v: Double
                    switch city.points[p].sensor! {
                    case .rtoTemp: v = on ? 825 + 12 * r.sym() : 220 + 40 * r.sym()
                    case .coTemp: v = on ? 320 + 12 * r.sym() : 60 + 10 * r.sym()
                    case .condTemp: v = on ? 4 + 1.5 * r.sym() : 22 + 3 * r.sym()
                    case .flow: v = on ? fac.designAirflow * 0.9 * pow(scale, 1.0 / 3) * (1 + 0.03 * r.sym()) : 0
                    case .pressure: v = on ? 950 * scale + 80 * r.sym() : 2 + 2 * r.unit()
                    case .door: v = 0
                    case .vocIn: v = vin
                    case .vocOut: v = on ? vin * (1 - fac.removal * (0.95 + 0.05 * r.unit())) : vin
                    case .sprayFlow: v = on ? 12 + r.sym() : 0
                    case .uvState: v = on ? 1 : 0
                    }
                    let i = p * spd + s
                    written[i] = Int32((v * 10).rounded()); truth[i] = 0; flags[i] = 78
                }
            }
        }
        // Sensor values, flags and silences.
        for inj in injections {
            switch inj {
            case .sensorValue(let p, let lo, let hi, let a, let b):
                guard let rg = sampleRange(a, b) else { continue }
                var r = SplitMix64(seed, 34, p, d)
                for s in rg { written[p * spd + s] = Int32((r.range(lo, hi == lo ? hi + 1e-9 : hi) * 10).rounded()) }
            case .flag(let pts, let flag, let a, let b):
                guard let rg = sampleRange(a, b) else { continue }
                for p in pts { for s in rg { flags[p * spd + s] = flag } }
            case .silencePoint(let p, let a, let b):
                guard let rg = sampleRange(a, b) else { continue }
                for s in rg { written[p * spd + s] = DemoSignals.absent }
            case .silenceEnterprise(let e, let a, let b):
                guard let rg = sampleRange(a, b) else { continue }
                for p in city.enterprises[e].points { for s in rg { written[p * spd + s] = DemoSignals.absent } }
            default: break
            }
        }
        // Counters: Ept(t_{s+1}) = Ept(t_s) + P(t_s) × Δt (kWh, hundredths), jumps as injected.
        var jumps: [(Int, Int, Int64)] = []
        for inj in injections {
            if case .counterJump(let p, let sample, let h) = inj, sample / spd == d { jumps.append((p, sample % spd, h)) }
        }
        let iv = Int64(interval)
        for p in 0..<nP where city.points[p].kind != .sensor {
            let base = p * spd
            var cnt = counter[p], acc = remainder[p]
            for s in 0..<spd {
                for j in jumps where j.0 == p && j.1 == s { cnt += j.2 }
                ept[base + s] = cnt
                let t = Int64(max(0, truth[base + s]))
                acc += t * iv
                cnt += acc / 60
                acc %= 60
            }
            counter[p] = cnt; remainder[p] = acc
        }
    }
}
