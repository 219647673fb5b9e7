import PEMSCore

/// Everything SPEC §4–§6 says about one CST day of the city: slot values of every point,
/// thresholds, facility states and powers, the production side of each treatment facility,
/// and each facility's baseline as of that day. Arrays are indexed like `registry.points`
/// and `registry.facilities`.
public struct CityDay: Sendable {
    public let day: Day
    public let clock: SlotClock
    /// Per point: slot values (kW, or the sensor's unit; NaN = missing); nil when the point
    /// has no usable reading that day (every slot missing).
    public var pointValues: [[Double]?]
    /// Per point: θ for the day (`.unknown` for sensors and total meters' unused thresholds
    /// are still resolved so reports can show them).
    public var thresholds: [Threshold]
    /// Per facility.
    public var facilities: [FacilityDay]
    /// Per facility: the five-day baseline as of this day (built from earlier days only).
    public var baselines: [Baseline?]
    /// Per facility: whether this day counts as a normal day for later baselines.
    public var normal: [Bool]
    /// Per treatment facility: the state of its production side (§5.3); nil for production
    /// facilities. All unknown when nothing is linked (§13.9).
    public var productionSide: [[SlotState]?]
    /// Per point: for a production or treatment point with a declared `threshold_kw`, the
    /// nearest-rank p90 of its present slot powers in the 14 days before the day (response
    /// days included) when 7 days' worth are present (SPEC 2 §8 THRESHOLD_SUSPECT, §13.34);
    /// nil otherwise, and on look-back days.
    public var suspectP90: [Double?]

    /// Present slots of a point that day.
    public func presentSlots(point: Int) -> Int {
        guard let v = pointValues[point] else { return 0 }
        var n = 0
        for x in v where !x.isNaN { n += 1 }
        return n
    }
}
