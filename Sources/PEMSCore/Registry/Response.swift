/// An emergency response or control period (应急响应/管控时段; SPEC §2 `responses.csv`).
/// While it is in force, the plan rows of its level apply in its districts.
public struct Response: Sendable, Codable, Equatable {
    public var id: String
    /// ASCII-lowercased, as plan levels.
    public var level: String
    /// First instant in force (CST); slots starting in `[start, end)` are covered (§13.15).
    public var start: Timestamp
    /// First instant no longer in force (CST); after `start`.
    public var end: Timestamp
    /// District codes covered; nil = the whole city.
    public var districtCodes: [String]?

    public init(id: String, level: String, start: Timestamp, end: Timestamp, districtCodes: [String]? = nil) {
        self.id = id
        self.level = level
        self.start = start
        self.end = end
        self.districtCodes = districtCodes
    }

    /// Whether the response applies in a district.
    public func covers(districtCode: String) -> Bool {
        districtCodes?.contains(districtCode) ?? true
    }
}

extension Response {
    /// Decodes one `responses.csv` row; nil when any cell is bad (the reader holds the issues).
    /// `districts` is `;`-separated; empty parts are ignored, a code given twice counts once.
    init?(row: inout RegistryRowReader) {
        let id = row.required("response_id")
        let level = row.required("level")
        let start = row.timestamp("start")
        let end = row.timestamp("end")
        if let start, let end, end <= start, let a = row.text("start"), let b = row.text("end") {
            row.report("end", b, "end '\(b)' is not after start '\(a)'")
        }
        var codes: [String]?
        if let t = row.text("districts") {
            var list: [String] = []
            for part in t.split(separator: ";") {
                let code = part.trimmingCharacters(in: " \t")
                if !code.isEmpty, !list.contains(code) { list.append(code) }
            }
            codes = list.isEmpty ? nil : list
        }
        guard row.isClean, let id, let level, let start, let end else { return nil }
        self.init(id: id, level: level.lowercased(), start: start, end: end, districtCodes: codes)
    }
}
