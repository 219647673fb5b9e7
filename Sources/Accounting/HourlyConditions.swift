import Baselines

/// The treatment conditions of one facility-day by CST hour (SPEC §5.4), as stored in
/// `FacilityDayRecord.hourlyConditions`: 24 characters, hour 00 first, each the worst
/// condition among the hour's slots of N (production side running, treatment state known):
/// `S` 停运 > `I` 无效运行 > `L` 低效运行 > `U` unknown > `N` 正常运行, and `-` when no slot of
/// the hour is in N (production not running, or its state unknown).
public enum HourlyConditions {
    /// One hour's mark, ordered by severity.
    public enum Mark: Int, Sendable, Comparable, CaseIterable {
        case none, normal, unknown, low, ineffective, stopped

        public var character: Character {
            switch self {
            case .none: "-"
            case .normal: "N"
            case .unknown: "U"
            case .low: "L"
            case .ineffective: "I"
            case .stopped: "S"
            }
        }

        public init?(_ c: Character) {
            guard let m = Mark.allCases.first(where: { $0.character == c }) else { return nil }
            self = m
        }

        init(_ c: TreatmentCondition) {
            switch c {
            case .unknown: self = .unknown
            case .stopped: self = .stopped
            case .ineffective: self = .ineffective
            case .low: self = .low
            case .normal: self = .normal
            }
        }

        public static func < (a: Mark, b: Mark) -> Bool { a.rawValue < b.rawValue }
    }

    /// The 24-character code of a day's per-slot conditions (only slots with `inN` count).
    public static func code(condition: [TreatmentCondition], inN: [Bool], clock: SlotClock) -> String {
        var hours = [Mark](repeating: .none, count: 24)
        for k in condition.indices where k < inN.count && inN[k] {
            let h = min(23, k * clock.minutes / 60)
            hours[h] = max(hours[h], Mark(condition[k]))
        }
        return String(hours.map(\.character))
    }

    /// The marks of a stored code; nil when it is not 24 known characters.
    public static func marks(_ code: String) -> [Mark]? {
        let m = code.compactMap(Mark.init)
        return m.count == 24 && code.count == 24 ? m : nil
    }
}
