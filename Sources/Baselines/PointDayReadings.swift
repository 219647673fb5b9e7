/// The usable readings of one point on one CST day, as the slot computation needs them.
///
/// "Usable" is SPEC §3.1: values flagged `D` (fault), `C` (calibration), `M` (maintenance) or
/// `B` (communication fault) are stored but never used. Fine data is CN 2011 (realtime) and
/// CN 2051 (minute); hour data is CN 2061 (SPEC §4: it only fills slots without finer data).
/// CN 2031 (day) is not used for slots.
///
/// SPEC 2 §4: an electrical point's `Pt` lists include `Pa + Pb + Pc` at the times it has no
/// usable `Pt` (`PhasePowerSum`), so everything that reads `Pt` reads those sums too.
public struct PointDayReadings: Sendable, Equatable {
    /// Usable `Pt` (kW) — or a sensor's value — from CN 2011/2051, sorted by time.
    public var fine: [Reading] = []
    /// Usable hour values (CN 2061), sorted by time.
    public var hour: [Reading] = []
    /// Usable `Ept` counter readings (kWh) from every CN, sorted by time; at an equal time the
    /// finer CN's reading is kept.
    public var energy: [Reading] = []
    /// The point's phase readings, when the reader was asked for them (a day whose §8 checks
    /// are reported) and the point sent any; nil otherwise.
    public var phases: PhaseReadings?

    public init(fine: [Reading] = [], hour: [Reading] = [], energy: [Reading] = [], phases: PhaseReadings? = nil) {
        self.fine = fine
        self.hour = hour
        self.energy = energy
        self.phases = phases
    }

    public var isEmpty: Bool { fine.isEmpty && hour.isEmpty && energy.isEmpty }

    /// The power readings the data-quality checks look at: fine data when there is any,
    /// else hour data (SPEC §8 NEGATIVE, CONSTANT, the day's max Pt).
    public var powerReadings: [Reading] { fine.isEmpty ? hour : fine }

    /// Whether an HJ 212 data flag leaves a value usable (SPEC §3.1).
    @inlinable public static func isUsable(flag: UInt8) -> Bool {
        switch flag {
        case UInt8(ascii: "D"), UInt8(ascii: "C"), UInt8(ascii: "M"), UInt8(ascii: "B"): return false
        default: return true
        }
    }

    /// Merges two time-sorted lists (stable: `a` first at equal times).
    static func merged(_ a: [Reading], _ b: [Reading]) -> [Reading] {
        if a.isEmpty { return b }
        if b.isEmpty { return a }
        var out: [Reading] = []
        out.reserveCapacity(a.count + b.count)
        var i = 0, j = 0
        while i < a.count || j < b.count {
            if j >= b.count || (i < a.count && a[i].second <= b[j].second) { out.append(a[i]); i += 1 } else { out.append(b[j]); j += 1 }
        }
        return out
    }

    /// Merges counter readings, keeping `finer`'s reading at an equal time.
    static func mergedCounter(finer: [Reading], coarser: [Reading]) -> [Reading] {
        if finer.isEmpty { return coarser }
        if coarser.isEmpty { return finer }
        var out: [Reading] = []
        out.reserveCapacity(finer.count + coarser.count)
        var i = 0, j = 0
        while i < finer.count || j < coarser.count {
            if j >= coarser.count || (i < finer.count && finer[i].second < coarser[j].second) {
                out.append(finer[i]); i += 1
            } else if i < finer.count && finer[i].second == coarser[j].second {
                out.append(finer[i]); i += 1; j += 1
            } else {
                out.append(coarser[j]); j += 1
            }
        }
        return out
    }
}
