import PEMSCore

/// The hourly and daily data tables of each electrical point (seed 004 §3.1.1(6) "小时总值…
/// 小时均值…日总用电值、日均值"; seed 002 "在线小时数据"): `point_hour.csv`, `point_day.csv`
/// and the enterprise file's 小时数据 sheet.
///
/// They come from the very slot values SPEC §4 sums into facility energy — read by the same
/// code (`BaselineEngine.read`: `DayReadingSource`, `PhasePowerSum`, `SlotValues`), never
/// derived again — so a point's day energy is exactly what §4 counts for it, and on a
/// facility-day whose completeness is 1 the facility's points add up to its `energy_kwh`
/// (SPEC §13.7: a slot with one point missing has no facility energy, so an incomplete
/// facility-day has less than the sum of its points).
///
/// - **Which points**: every electrical point of the registry (production, treatment and
///   total meters — those whose slot power §4 defines), every day of the period, present or
///   not: a point-day without data is listed with 0 kWh, no mean and completeness 0, so a
///   reader sees the gap. Sensor points have no power and no kWh and are never listed.
/// - **`Pt = Pa + Pb + Pc`** (SPEC 2 §4): the sums are `Pt` readings of the slot, as for
///   facility power.
/// - **`Ept`-only points**: the counter samples fill the slots without a usable `Pt`, as §4
///   says; their energy is slot power × S/60 like any other slot's. A point's last counter
///   reading of a day pairs with the next day's first only when that day is inside the
///   period (as the computation of the same period does; §13.12), so the period's last day
///   gives the same energy as `facility_day.csv` of the same period.
/// - **Hours**: CST hours 0 … 23; S divides 60 minutes, so each hour holds 60/S whole slots.
///
/// One CST day is read at a time (a city-scale month is ~20 M point-hours; only one day's
/// slot values are ever held).
public enum PointHourTable {
    /// A selection of more separate channel runs than this is read as the whole day (one
    /// query per run would cost more than walking the day once, on two threads).
    static let maxChannelRuns = 64

    /// Streams each point-day of [from, to] (date, then point id order) with its 24 hours.
    /// `points`: only these point ids (nil = every electrical point of the registry); sensor
    /// ids and ids the registry does not have are left out.
    ///
    /// `cache`: the store's day cache under this build and `registry` (docs/COMPUTE.md), when
    /// the caller has one: a whole day before `to` that the computation kept is taken from it
    /// (the same slot values bit for bit, without decoding the city's series again); it is
    /// only read, never filled. The last day is always read from the series (its next day is
    /// outside the period, and such a day is never cached), and so is a selection's day (its
    /// few channels cost less than the city's cached day).
    ///
    /// One call opens its own `Reader`; a caller reading many selections (the enterprise
    /// files) keeps one `Reader` instead.
    public static func read(store: Store, registry: Registry, settings: Settings, from: Day, to: Day,
                            points: Set<String>? = nil, cache: DayCache? = nil,
                            _ body: (PointDayRecord, [PointHourRecord]) throws -> Void) throws {
        try Reader(store: store, registry: registry, settings: settings)
            .read(from: from, to: to, points: points, cache: cache, body)
    }

    /// Reads point hours from one store connection, many times: the channel map
    /// (`DayReadingSource`) and the slot reader are built once, not per call — at city scale
    /// building them costs more than reading one enterprise's few channels for a month. Not
    /// for use from two threads at once (each thread keeps its own, on its own connection).
    public final class Reader {
        let registry: Registry
        let clock: SlotClock
        let source: DayReadingSource
        let engine: BaselineEngine
        /// Registry point indices of the electrical points, in point id order.
        let electrical: [Int]
        /// Electrical point id → registry point index (a selection is looked up, not filtered
        /// out of the city's points on every call).
        let electricalIndex: [String: Int]

        public init(store: Store, registry: Registry, settings: Settings) throws {
            self.registry = registry
            clock = SlotClock(minutes: settings.slotMinutes)
            source = try DayReadingSource(store: store, registry: registry, maxAbsValue: settings.loadMaxAbsValue)
            engine = BaselineEngine(registry: registry, settings: settings, source: source)
            electrical = registry.points.indices.filter { registry.points[$0].isElectrical }
                .sorted { registry.points[$0].id < registry.points[$1].id }
            var index: [String: Int] = [:]
            for i in electrical { index[registry.points[i].id] = i }
            electricalIndex = index
        }

        /// `PointHourTable.read` through this reader's connection.
        public func read(from: Day, to: Day, points: Set<String>? = nil, cache: DayCache? = nil,
                         _ body: (PointDayRecord, [PointHourRecord]) throws -> Void) throws {
            let selected = points.map { p in
                p.compactMap { electricalIndex[$0] }.sorted { registry.points[$0].id < registry.points[$1].id }
            } ?? electrical
            guard from <= to, !selected.isEmpty else { return }
            // A selection reads only its own channels (an enterprise's file reads a few, not the city).
            var runs: [ClosedRange<Int>]?
            if points != nil {
                let r = channelRuns(selected.compactMap { source.channelOfPoint[$0] })
                if r.count <= maxChannelRuns { runs = r }
            }
            var day = from
            while day <= to {
                // The next day closes a counter pair only inside the period (PeriodComputation does the same).
                let nextDayReadable = day < to
                let values: (Int) -> [Double]?
                if let runs {
                    var found: [Int: [Double]] = [:]
                    for run in runs {
                        let part = try engine.readSelected(day, from: source, channels: run, nextDayReadable: nextDayReadable)
                        found.merge(part) { _, new in new }
                    }
                    values = { found[$0] }
                } else if nextDayReadable, let cached = try cache?.load(day) {
                    values = { cached.values[$0] }
                } else {
                    let read = try engine.read(day, nextDayReadable: nextDayReadable, carries: false, observe: nil).values
                    values = { read[$0] }
                }
                for i in selected {
                    let p = registry.points[i]
                    let (dayRecord, hours) = records(values(i), date: day, pointID: p.id, enterpriseID: p.enterpriseID,
                                                     clock: clock)
                    try body(dayRecord, hours)
                }
                day = day.adding(days: 1)
            }
        }
    }

    /// One point-day's record and its 24 hour records from its slot values (kW per slot,
    /// NaN = missing; nil = no usable reading that day). Energy is Σ P × S/60 over present
    /// slots (kWh); the day's energy is the sum of its hours' energies.
    static func records(_ values: [Double]?, date: Day, pointID: String, enterpriseID: String,
                        clock: SlotClock) -> (PointDayRecord, [PointHourRecord]) {
        let perHour = clock.slotsPerDay / 24
        var hours: [PointHourRecord] = []
        hours.reserveCapacity(24)
        var dayEnergy = 0.0, daySum = 0.0, dayPresent = 0
        var dayMax: Double?
        for h in 0..<24 {
            var sum = 0.0, present = 0
            if let values {
                for k in (h * perHour)..<((h + 1) * perHour) where !values[k].isNaN {
                    let p = values[k]
                    sum += p
                    present += 1
                    if dayMax.map({ p > $0 }) ?? true { dayMax = p }
                }
            }
            let energy = sum * clock.hours
            dayEnergy += energy
            daySum += sum
            dayPresent += present
            hours.append(PointHourRecord(date: date, hour: h, pointID: pointID, enterpriseID: enterpriseID,
                                         energyKWh: energy, meanKW: present > 0 ? sum / Double(present) : nil,
                                         completeness: Double(present) / Double(perHour)))
        }
        let day = PointDayRecord(date: date, pointID: pointID, enterpriseID: enterpriseID, energyKWh: dayEnergy,
                                 meanKW: dayPresent > 0 ? daySum / Double(dayPresent) : nil, maxKW: dayMax,
                                 completeness: Double(dayPresent) / Double(clock.slotsPerDay))
        return (day, hours)
    }

    /// Channel ids cut into runs of consecutive ids (each run one range query).
    static func channelRuns(_ channels: [Int]) -> [ClosedRange<Int>] {
        var runs: [ClosedRange<Int>] = []
        for c in channels.sorted() {
            if let last = runs.last, c <= last.upperBound + 1 {
                runs[runs.count - 1] = last.lowerBound...max(last.upperBound, c)
            } else {
                runs.append(c...c)
            }
        }
        return runs
    }
}
