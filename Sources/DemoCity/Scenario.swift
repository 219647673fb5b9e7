import Foundation

// Roles, injected situations and their ground truth for the demo city.

/// Situations that need a dedicated enterprise (a "host"). Hosts carry no plan rows unless
/// the role is a violator, use the standard vendor and lose no packets at random, so each
/// injected situation is the only thing that happens to them.
enum Role: Int, CaseIterable {
    case tsPairBoth, tsPrimaryOnly, tsRejected, tsPending, tsApproved, tsShort, tsPlain
    case ineffRTO, ineffDoor, faultD, low, maintM
    case offline, offlineShort, offlineExempt
    case carbonDays, carbonHours, carbonReplaced
    case dqNegative, dqConstant, dqJumpSmall, dqJumpBig, dqMismatch, dqClock, dqSum, dqNoData, dqCompleteness
    case newLine, covNoTotal, covNoProduction, covNoTreatment, covUnlinked
    case stopViol1, stopViol2, limitViol1, limitViol2, shiftViol0, shiftViolHalf, heatViol
    case vSplit, v2051, v2061, vEptOnly, vCSV, vUnknownCode, resend
    // SPEC 2 hosts (appended, so the SPEC 1 roles keep their enterprises).
    case phases, thresholdSuspect, exemptHonoured

    var isViolator: Bool {
        switch self {
        case .stopViol1, .stopViol2, .limitViol1, .limitViol2, .shiftViol0, .shiftViolHalf, .heatViol: return true
        default: return false
        }
    }

    /// Vendor-variety enterprises stay out of plans and anomalies.
    var isVendorExotic: Bool {
        switch self {
        case .vSplit, .v2051, .v2061, .vEptOnly, .vCSV: return true
        default: return false
        }
    }
}

/// Structural needs of a host.
struct Requirement {
    var t1Process: String? = nil
    var t1Pair: Bool? = nil
    var t1Sensors: [SensorKind] = []
    var p1MinPoints = 1
    var large = false
    var noTotal = false
    var noProduction = false
    var noTreatment = false
    var unlinked = false
    /// At least this many production facilities (the limited lines of SPEC 2's enterprise-level limit).
    var minProduction = 0
    var newLine = false
    var unknownCode = false
    var allowTwoCollectors = false
    var shift: ShiftType? = .two
}

extension Role {
    var requirement: Requirement {
        var r = Requirement()
        switch self {
        case .tsPairBoth, .tsPrimaryOnly: r.t1Pair = true; r.t1Process = "AC"
        case .tsRejected, .tsPending, .tsApproved, .tsShort, .tsPlain: r.t1Pair = false
        case .ineffRTO, .faultD: r.t1Process = "RTO"; r.t1Sensors = [.rtoTemp]; r.t1Pair = false
        case .ineffDoor: r.t1Process = "AC"; r.t1Sensors = [.door]; r.t1Pair = false
        case .low, .maintM: r.t1Process = "AC"; r.t1Pair = false
        case .offline, .offlineShort, .offlineExempt: r.allowTwoCollectors = true
        case .carbonDays, .carbonHours, .carbonReplaced: r.t1Process = "AC"; r.t1Pair = false
        case .dqNegative, .dqConstant, .dqJumpBig: break
        case .dqJumpSmall: r.shift = .day
        case .dqMismatch, .dqCompleteness: r.p1MinPoints = 2
        case .dqClock, .dqSum: break
        case .dqNoData: r.t1Sensors = [.flow]
        case .newLine: r.newLine = true
        case .covNoTotal: r.noTotal = true
        case .covNoProduction: r.noProduction = true
        case .covNoTreatment: r.noTreatment = true
        case .covUnlinked: r.unlinked = true
        case .limitViol1, .limitViol2: r.minProduction = 2; r.shift = nil
        case .stopViol1, .stopViol2, .shiftViol0, .shiftViolHalf, .heatViol: r.shift = nil
        case .vSplit: r.large = true; r.shift = nil
        case .v2061: r.shift = .continuous
        case .v2051, .vEptOnly, .vCSV: r.shift = nil
        case .vUnknownCode: r.unknownCode = true; r.shift = nil
        case .resend: r.shift = .two
        // Round the clock, so that two hours of a faulty total meter never tip SUM_EXCEEDS_TOTAL.
        case .phases: r.shift = .continuous
        case .thresholdSuspect: r.p1MinPoints = 3
        case .exemptHonoured: r.t1Pair = false
        }
        return r
    }
}

/// One change to the generated signals. Slots are global 15-minute slots since the period
/// start; samples are global sample indices.
enum Injection {
    case treatmentOff(points: [Int], from: Int, to: Int)
    case backupOn(point: Int, from: Int, to: Int)
    case treatmentScale(points: [Int], factor: Double, from: Int, to: Int)
    case sensorValue(point: Int, lo: Double, hi: Double, from: Int, to: Int)
    case flag(points: [Int], flag: UInt8, from: Int, to: Int)
    case silenceEnterprise(enterprise: Int, from: Int, to: Int)
    case silencePoint(point: Int, from: Int, to: Int)
    case negative(point: Int, from: Int, to: Int)
    case constant(point: Int, from: Int, to: Int)
    case ptScale(point: Int, factor: Double, from: Int, to: Int)
    case totalScale(point: Int, factor: Double, from: Int, to: Int)
    case counterJump(point: Int, sample: Int, hundredths: Int64)
    case clock(collector: Int, day: Int, minutes: Int)
    /// A meter sending Ua…Pc loses phase C (Uc ≈ 0.3 V, Ic = Pc = 0; it under-reads, Pt = Pa + Pb).
    case phaseLoss(point: Int, from: Int, to: Int)
    /// A meter's phase-B current transformer wired backwards (Pb < 0; Pt = Pa + Pb + Pc).
    case reversedCT(point: Int, from: Int, to: Int)
}

/// A ground-truth row. Times are absolute minutes since 1970-01-01 CST.
///
/// `value` and `oldValue` are the numbers the check compares where a row has them (empty
/// otherwise): an `event` row's `violating_minutes` (SPEC 2 §12), an `energy` row's
/// `energy_kwh` of `facility_day.csv`, a `revision` row's `new_value` and `old_value`.
struct TruthRow {
    var kind: String
    var rule: String
    var enterprise: String
    var facility: String
    var point: String
    var start: Int
    var end: Int
    var detail: String
    var value = ""
    var oldValue = ""

    static let header = ["kind", "rule", "enterprise_id", "facility_id", "point_id", "start", "end", "detail", "value", "old_value"]

    var fields: [String] {
        [kind, rule, enterprise, facility, point, Civil.timeString(minutes: start), Civil.timeString(minutes: end), detail,
         value, oldValue]
    }
}

/// Fixed timeline relative to the last day L (SPEC §7 defaults in mind: every event is at
/// least twice its rule's min_minutes, every no_event is clearly short or clearly covered).
struct Timeline {
    let days: Int
    var L: Int { days - 1 }
    // Orange response: [L-6 12:00, L-4 12:00).
    var orangeStartSlot: Int { (L - 6) * 96 + 48 }
    var orangeEndSlot: Int { (L - 4) * 96 + 48 }
    var heatDay: Int { L - 2 }
    var heatBoundaryDay: Int { L - 1 }

    static func slot(_ day: Int, _ hh: Int, _ mm: Int) -> Int { day * 96 + hh * 4 + mm / 15 }
}
