/// A district (区县) of the city (SPEC §2 `districts.csv`).
public struct District: Sendable, Codable, Equatable {
    /// Administrative code, e.g. `130602`.
    public var code: String
    /// Chinese name, e.g. 竞秀区.
    public var name: String
    /// `zone_513`: inside the 513 key zone (seed 000); nil when blank.
    public var zone513: Bool?

    public init(code: String, name: String, zone513: Bool? = nil) {
        self.code = code
        self.name = name
        self.zone513 = zone513
    }

    /// `zone_513` with a blank read as "not in the zone".
    public var isInZone513: Bool { zone513 ?? false }
}

extension District {
    /// Decodes one `districts.csv` row; nil when any cell is bad (the reader holds the issues).
    init?(row: inout RegistryRowReader) {
        let code = row.required("district_code")
        let name = row.required("district_name")
        let zone = row.flag("zone_513")
        guard row.isClean, let code, let name else { return nil }
        self.init(code: code, name: name, zone513: zone)
    }
}
