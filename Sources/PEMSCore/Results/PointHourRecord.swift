/// One point's hour (SPEC §12 `point_hour.csv`, seed 004 §3.1.1(6) "小时总值…小时均值"), from
/// the same slot values as SPEC §4: the hour's present slots only. CST; kWh, kW.
public struct PointHourRecord: Sendable, Equatable {
    public var date: Day
    /// 0 … 23, the CST hour starting at `date` + `hour`:00.
    public var hour: Int
    public var pointID: String
    public var enterpriseID: String
    /// Σ slot energy (P × S/60) over the hour's present slots; 0 when none is present.
    public var energyKWh: Double
    /// Mean slot power over the hour's present slots; nil when none is present.
    public var meanKW: Double?
    /// Present slots / slots in the hour, 0 … 1.
    public var completeness: Double

    public init(date: Day, hour: Int, pointID: String, enterpriseID: String, energyKWh: Double, meanKW: Double?,
                completeness: Double) {
        self.date = date
        self.hour = hour
        self.pointID = pointID
        self.enterpriseID = enterpriseID
        self.energyKWh = energyKWh
        self.meanKW = meanKW
        self.completeness = completeness
    }
}

/// One point's day (SPEC §12 `point_day.csv`, seed 004 "日总用电值、日均值"), from the same slot
/// values as SPEC §4: its energy equals the sum of its hours. CST; kWh, kW.
public struct PointDayRecord: Sendable, Equatable {
    public var date: Day
    public var pointID: String
    public var enterpriseID: String
    /// Σ slot energy over the day's present slots (SPEC §4 daily energy).
    public var energyKWh: Double
    /// Mean slot power over the present slots; nil when none is present.
    public var meanKW: Double?
    /// Largest slot power of the day; nil when none is present.
    public var maxKW: Double?
    /// Present slots / slots in the day (SPEC §4 completeness), 0 … 1.
    public var completeness: Double

    public init(date: Day, pointID: String, enterpriseID: String, energyKWh: Double, meanKW: Double?, maxKW: Double?,
                completeness: Double) {
        self.date = date
        self.pointID = pointID
        self.enterpriseID = enterpriseID
        self.energyKWh = energyKWh
        self.meanKW = meanKW
        self.maxKW = maxKW
        self.completeness = completeness
    }
}
