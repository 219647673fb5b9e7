import Foundation
import PEMSCore

/// Reads one day's stored series for the registry's points (SPEC §3 → §4).
///
/// Readings are stored per channel (MN, code) — see docs/STORE.md — so the registry in force
/// decides which point a channel feeds. One query per day walks the day's series in channel
/// order; each point's readings are handed over and then dropped, so memory stays at one
/// point's day, not the city's.
public struct DayReadingSource {
    public internal(set) var store: Store
    /// channel_id → point index in `registry.points`.
    let pointOfChannel: [Int: Int]
    /// point index → channel_id.
    let channelOfPoint: [Int: Int]
    let ptID: Int?
    let eptID: Int?
    let valID: Int?
    /// param_id → phase parameter (SPEC 2 §4, §8): `Ua` … `Pc` as CSV readings and CN 2011 name
    /// them, and `Ua-Avg` … `Pc-Avg` as CN 2051/2061 send them (§13.27).
    let phaseOfParam: [Int: PhaseReadings.Param]
    /// point index → whether it is an electrical point (only those get `Pt = Pa + Pb + Pc`).
    let electrical: [Bool]
    /// SPEC §13.36 `load.max_abs_value`: a stored value beyond it (or not finite) is not used.
    /// The loader rejects such values; a store loaded by an older pems may still hold one, and
    /// one reading of 1e300 would otherwise overflow every sum it enters.
    let maxAbsValue: Double

    public init(store: Store, registry: Registry, maxAbsValue: Double = Settings().loadMaxAbsValue) throws {
        self.store = store
        self.maxAbsValue = maxAbsValue
        let channels = try store.channelIDs()
        var map: [Int: Int] = [:]
        for (i, p) in registry.points.enumerated() {
            if let c = channels[ChannelKey(mn: p.mn, code: p.code)] { map[c] = i }
        }
        pointOfChannel = map
        channelOfPoint = Dictionary(uniqueKeysWithValues: map.map { ($1, $0) })
        let names = try store.paramNames()
        func id(_ n: String) -> Int? { names.first(where: { $0.value == n })?.key }
        ptID = id("Pt")
        eptID = id("Ept")
        valID = id("Val")
        var phases: [Int: PhaseReadings.Param] = [:]
        for (pid, name) in names {
            let base = name.hasSuffix("-Avg") ? String(name.dropLast(4)) : name
            if let p = PhaseReadings.Param.allCases.first(where: { $0.name == base }) { phases[pid] = p }
        }
        phaseOfParam = phases
        electrical = registry.points.map(\.isElectrical)
    }

    /// The same source on its own read-only connection to the store file, for reading part
    /// of a day on another thread; nil for a store that is not a file.
    public func secondReader() throws -> DayReadingSource? {
        let path = store.path
        guard !path.isEmpty, path != ":memory:", FileManager.default.fileExists(atPath: path) else { return nil }
        var copy = self
        copy.store = try Store(path: path, readOnly: true)
        return copy
    }

    /// The channel ids of the registry's points cut into `parts` ranges holding about as
    /// many points each (for reading one day on several threads).
    public func channelRanges(parts: Int) -> [ClosedRange<Int>] {
        let ids = channelOfPoint.values.sorted()
        guard parts > 1, ids.count >= parts else { return [Int.min...Int.max] }
        var ranges: [ClosedRange<Int>] = []
        var lower = Int.min
        for k in 1..<parts {
            let cut = ids[k * ids.count / parts]  // first channel of the next part
            ranges.append(lower...(cut - 1))
            lower = cut
        }
        ranges.append(lower...Int.max)
        return ranges
    }

    /// Calls `body` once per point that has any stored series on `day` (only channels in
    /// `channels` when given), in point order of first appearance (channel order); points
    /// without data are not visited.
    ///
    /// An electrical point's `Pt` lists include the sums `Pa + Pb + Pc` at the times it has no
    /// usable `Pt` (SPEC 2 §4, `PhasePowerSum`). `phases`: also hand over each electrical
    /// point's phase readings (`PointDayReadings.phases`, for the §8 phase-fault checks);
    /// without it the phase voltages are not decoded, and the phase powers only where a sum
    /// can fill a time without `Pt` — points without phase data cost nothing more.
    public func readDay(_ day: Day, channels: ClosedRange<Int> = Int.min...Int.max, phases wantPhases: Bool = false,
                        _ body: (_ point: Int, _ readings: PointDayReadings) throws -> Void) throws {
        var currentChannel = -1
        var current = PointDayReadings()
        var fine2011: [Reading] = [], fine2051: [Reading] = []
        var ept: [[Reading]] = [[], [], []]
        // Per slot CN (2011, 2051, 2061) and phase parameter: the stored blob, decoded only when
        // needed (phase powers), and the decoded usable readings.
        var phaseBlob: [[[UInt8]?]] = Array(repeating: Array(repeating: nil, count: 6), count: 3)
        var phaseRead: [[[Reading]?]] = Array(repeating: Array(repeating: nil, count: 6), count: 3)
        var anyPhase = false
        func decoded(_ cn: Int, _ p: PhaseReadings.Param) throws -> [Reading] {
            if let r = phaseRead[cn][p.rawValue] { return r }
            guard let blob = phaseBlob[cn][p.rawValue] else { return [] }
            let r = try usable(blob, day: day, channel: currentChannel)
            phaseRead[cn][p.rawValue] = r
            return r
        }
        func flush() throws {
            guard currentChannel >= 0, let point = pointOfChannel[currentChannel] else { return }
            current.fine = PointDayReadings.merged(fine2011, fine2051)
            current.energy = PointDayReadings.mergedCounter(
                finer: PointDayReadings.mergedCounter(finer: ept[0], coarser: ept[1]), coarser: ept[2])
            if anyPhase, electrical[point] {
                // SPEC 2 §4: Pt = Pa + Pb + Pc where there is no usable Pt (§13.27), CN 2061 sums
                // as hour Pt.
                var fineSums: [[Reading]] = [[], []]
                for cn in 0..<3 where PhaseReadings.Param.powers.allSatisfy({ phaseBlob[cn][$0.rawValue] != nil }) {
                    let pt = cn < 2 ? current.fine : current.hour
                    let a = try decoded(cn, .pa)
                    guard wantPhases || PhasePowerSum.anyTime(of: a, missingFrom: pt) else { continue }
                    let sums = PhasePowerSum.sums(a, try decoded(cn, .pb), try decoded(cn, .pc))
                    if cn < 2 { fineSums[cn] = sums } else { current.hour = PhasePowerSum.filling(current.hour, with: sums) }
                }
                current.fine = PhasePowerSum.filling(current.fine, with: PointDayReadings.merged(fineSums[0], fineSums[1]))
                if wantPhases {
                    var ph = PhaseReadings()
                    for p in PhaseReadings.Param.allCases {
                        ph.fine[p.rawValue] = PointDayReadings.merged(try decoded(0, p), try decoded(1, p))
                        ph.hour[p.rawValue] = try decoded(2, p)
                    }
                    current.phases = ph
                }
            }
            try body(point, current)
        }
        try store.forEachSeries(on: day, channels: channels) { row in
            let channel = row.channelID
            if channel != currentChannel {
                try flush()
                currentChannel = channel
                current = PointDayReadings()
                fine2011 = []; fine2051 = []; ept = [[], [], []]
                if anyPhase {
                    phaseBlob = Array(repeating: Array(repeating: nil, count: 6), count: 3)
                    phaseRead = Array(repeating: Array(repeating: nil, count: 6), count: 3)
                    anyPhase = false
                }
            }
            guard let point = pointOfChannel[channel] else { return }
            let cn = row.cn, param = row.paramID
            let slotCN: Int
            switch cn {
            case 2011: slotCN = 0
            case 2051: slotCN = 1
            case 2061: slotCN = 2
            default: return
            }
            if let phase = phaseOfParam[param] {
                // Voltages only for the checks; powers kept undecoded until a sum may be needed.
                guard electrical[point], wantPhases || PhaseReadings.Param.powers.contains(phase) else { return }
                phaseBlob[slotCN][phase.rawValue] = row.data()
                anyPhase = true
                return
            }
            let isPower = param == ptID || param == valID
            let isEnergy = param == eptID
            guard isPower || isEnergy else { return }
            let usable = try usable(row.data(), day: day, channel: channel)
            if isEnergy {
                ept[slotCN] = usable
            } else {
                switch slotCN {
                case 0: fine2011 = usable
                case 1: fine2051 = usable
                default: current.hour = usable
                }
            }
        }
        try flush()
    }

    /// The usable readings of a stored series blob (SPEC §3.1 flags; §13.36 magnitude).
    func usable(_ blob: [UInt8], day: Day, channel: Int) throws -> [Reading] {
        let data: SeriesData
        do { data = try SeriesCodec.decode(blob) } catch {
            throw StoreError.corruptSeries(day: day.description, channel: channel, detail: String(describing: error))
        }
        var usable: [Reading] = []
        usable.reserveCapacity(data.count)
        for i in 0..<data.count where PointDayReadings.isUsable(flag: data.flags[i]) {
            let v = data.value(i)
            guard abs(v) <= maxAbsValue else { continue } // also false for NaN
            usable.append(Reading(second: data.times[i], value: v))
        }
        return usable
    }

    /// The earliest usable `Ept` reading of a point on `day` (any CN), for the counter pair
    /// that spans midnight into `day` (SPEC §4).
    public func firstEnergyReading(point: Int, day: Day) throws -> Reading? {
        guard let channel = channelOfPoint[point], let eptID else { return nil }
        var best: Reading?
        try store.forEachSlotSeries(on: day, channel: channel, param: eptID) { row in
            let data: SeriesData
            do { data = try SeriesCodec.decode(row.data()) } catch {
                throw StoreError.corruptSeries(day: day.description, channel: channel, detail: String(describing: error))
            }
            for i in 0..<data.count where PointDayReadings.isUsable(flag: data.flags[i]) && abs(data.value(i)) <= maxAbsValue {
                if best == nil || data.times[i] < best!.second { best = Reading(second: data.times[i], value: data.value(i)) }
                break
            }
        }
        return best
    }
}
