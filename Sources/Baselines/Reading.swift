/// One usable reading of a point-day: seconds since 00:00 CST of its day and the value
/// (kW for `Pt`, kWh for `Ept`, the sensor's unit for a sensor).
public struct Reading: Sendable, Equatable {
    public var second: Int32
    public var value: Double
    public init(second: Int32, value: Double) {
        self.second = second
        self.value = value
    }
}
