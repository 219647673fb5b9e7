/// A district's daily maximum temperature (SPEC §2 `weather.csv`). A day at or above
/// `heat_shift_min_temp_c` is an implicit response of level `heat` for that district.
public struct WeatherDay: Sendable, Codable, Equatable {
    /// The CST day.
    public var date: Day
    public var districtCode: String
    /// Daily maximum air temperature, °C (−60 … 60).
    public var maxTempC: Double

    public init(date: Day, districtCode: String, maxTempC: Double) {
        self.date = date
        self.districtCode = districtCode
        self.maxTempC = maxTempC
    }
}

extension WeatherDay {
    /// Decodes one `weather.csv` row; nil when any cell is bad (the reader holds the issues).
    init?(row: inout RegistryRowReader) {
        let date = row.day("date")
        let district = row.required("district_code")
        let temp = row.number("max_temp_c", required: true, .airTemperature)
        guard row.isClean, let date, let district, let temp else { return nil }
        self.init(date: date, districtCode: district, maxTempC: temp)
    }
}
