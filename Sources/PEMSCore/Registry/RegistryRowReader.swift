/// Reads typed cells of one registry record and collects an issue for every bad cell.
///
/// Every accessor returns nil for a blank cell (or a column absent from the header) and for
/// a bad one; only a bad or blank-but-required cell adds an issue, so a caller can read all
/// cells of a row and then check `isClean`. Messages follow one pattern:
/// `<column> '<value>' <what is wrong>` or `<column> is blank`.
struct RegistryRowReader {
    let file: String
    let line: Int
    private let record: CSVTable.Record
    private let columns: [String: Int]
    private(set) var issues: [RegistryIssue] = []

    init(file: String, record: CSVTable.Record, columns: [String: Int]) {
        self.file = file
        self.line = record.line
        self.record = record
        self.columns = columns
    }

    /// Whether no cell of this row was bad so far.
    var isClean: Bool { issues.isEmpty }

    /// Adds an issue on this row.
    mutating func report(_ column: String?, _ value: String?, _ reason: String) {
        issues.append(RegistryIssue(file: file, line: line, column: column, value: value, reason: reason))
    }

    /// The trimmed cell, nil when blank or the column is not in the header.
    func text(_ column: String) -> String? {
        guard let i = columns[column] else { return nil }
        let cell = record[i]
        return cell.isEmpty ? nil : cell
    }

    /// The cell; a blank one is reported as `<column> is blank` (plus `why`, when given;
    /// only built when needed).
    mutating func required(_ column: String, _ why: @autoclosure () -> String? = nil) -> String? {
        if let t = text(column) { return t }
        report(column, nil, "\(column) is blank" + (why().map { " (\($0))" } ?? ""))
        return nil
    }

    /// A decimal number (finite), optionally required and bounded.
    mutating func number(_ column: String, required isRequired: Bool = false, _ bound: Bound? = nil) -> Double? {
        guard let t = isRequired ? required(column) : text(column) else { return nil }
        guard let v = Double(t), v.isFinite else {
            report(column, t, "\(column) '\(t)' is not a number")
            return nil
        }
        if let bound, !bound.admits(v) {
            report(column, t, "\(column) '\(t)' \(bound.complaint)")
            return nil
        }
        return v
    }

    /// A whole number, optionally required and bounded.
    mutating func integer(_ column: String, required isRequired: Bool = false, _ bound: Bound? = nil) -> Int? {
        guard let t = isRequired ? required(column) : text(column) else { return nil }
        guard let v = Int(t) else {
            report(column, t, "\(column) '\(t)' is not a whole number")
            return nil
        }
        if let bound, !bound.admits(Double(v)) {
            report(column, t, "\(column) '\(t)' \(bound.complaint)")
            return nil
        }
        return v
    }

    /// `0` or `1`.
    mutating func flag(_ column: String) -> Bool? {
        guard let t = text(column) else { return nil }
        switch t {
        case "0": return false
        case "1": return true
        default:
            report(column, t, "\(column) '\(t)' is not 0 or 1")
            return nil
        }
    }

    /// One of a closed set; `why` is added to the blank message.
    mutating func choice<C: RegistryChoice>(_ column: String, _ type: C.Type, required isRequired: Bool = false,
                                            why: @autoclosure () -> String? = nil) -> C? {
        guard let t = isRequired ? required(column, why()) : text(column) else { return nil }
        guard let c = C(cell: t) else {
            report(column, t, "\(column) '\(t)' is not one of \(C.choicesText)")
            return nil
        }
        return c
    }

    /// A `YYYY-MM-DD` date (required).
    mutating func day(_ column: String) -> Day? {
        guard let t = required(column) else { return nil }
        guard let d = Day(t) else {
            report(column, t, "\(column) '\(t)' is not a date YYYY-MM-DD")
            return nil
        }
        return d
    }

    /// A `YYYY-MM-DD HH:MM` CST time (seconds `:SS` are accepted too) (required).
    mutating func timestamp(_ column: String) -> Timestamp? {
        guard let t = required(column) else { return nil }
        guard let ts = Timestamp(t) else {
            report(column, t, "\(column) '\(t)' is not a time YYYY-MM-DD HH:MM")
            return nil
        }
        return ts
    }

    /// `HH:MM-HH:MM[;HH:MM-HH:MM…]`; empty when blank.
    mutating func windows(_ column: String) -> [TimeWindow]? {
        guard let t = text(column) else { return [] }
        guard let w = TimeWindow.list(t) else {
            report(column, t, "\(column) '\(t)' is not HH:MM-HH:MM[;HH:MM-HH:MM]")
            return nil
        }
        return w
    }

    /// A numeric range a cell must fall in.
    enum Bound {
        /// 0 ... 1 (ratios, efficiencies).
        case unit
        /// ≥ 0 (kW, kg, tonnes, hours).
        case nonNegative
        /// > 0 (design airflow, carbon limits: a zero would be due at once or divide by zero).
        case positive
        /// ≥ 1 (min_running).
        case atLeastOne
        /// −90 ... 90.
        case latitude
        /// −180 ... 180.
        case longitude
        /// −60 ... 60 °C: a daily maximum air temperature on the North China plain.
        case airTemperature

        func admits(_ v: Double) -> Bool {
            switch self {
            case .unit: return v >= 0 && v <= 1
            case .nonNegative: return v >= 0
            case .positive: return v > 0
            case .atLeastOne: return v >= 1
            case .latitude: return v >= -90 && v <= 90
            case .longitude: return v >= -180 && v <= 180
            case .airTemperature: return v >= -60 && v <= 60
            }
        }

        var complaint: String {
            switch self {
            case .unit: return "is out of range 0..1"
            case .nonNegative: return "is negative"
            case .positive: return "must be greater than 0"
            case .atLeastOne: return "must be at least 1"
            case .latitude: return "is out of range -90..90"
            case .longitude: return "is out of range -180..180"
            case .airTemperature: return "is out of range -60..60"
            }
        }
    }
}
