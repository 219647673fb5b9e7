import PEMSCore

/// One facility on one CST day, slot by slot (SPEC §4, §5.3).
///
/// `power` is the sum of the facility's electrical points' powers in kW, NaN when any of them
/// is missing (§4: the facility's slot is present only when all its points are; §13.7).
/// `state` follows §5.3 and may be known even where power is missing.
public struct FacilityDay: Sendable {
    /// Per slot.
    public var state: [SlotState]
    /// kW per slot; NaN = missing.
    public var power: [Double]
    /// Slots with power present.
    public var presentSlots: Int
    /// Slots in state running.
    public var runningSlots: Int
    /// kWh: power × S/60 summed over present slots (§4 daily energy).
    public var energyKWh: Double
    /// 0…1: present slots / slots in the day.
    public var completeness: Double
    /// kW: mean power over slots where the facility runs and its power is present (§13.11);
    /// nil when there is no such slot.
    public var runningPowerKW: Double?
    /// kWh in running slots with power present (§6 baseline energy).
    public var runningEnergyKWh: Double

    /// Builds the day from per-slot states and powers.
    public init(state: [SlotState], power: [Double], clock: SlotClock) {
        self.state = state
        self.power = power
        var present = 0, running = 0, runningPresent = 0
        var energy = 0.0, runningSum = 0.0
        for k in 0..<power.count {
            let p = power[k]
            let runs = state[k] == .running
            if runs { running += 1 }
            if !p.isNaN {
                present += 1
                energy += p
                if runs { runningPresent += 1; runningSum += p }
            }
        }
        presentSlots = present
        runningSlots = running
        energyKWh = energy * clock.hours
        completeness = Double(present) / Double(clock.slotsPerDay)
        runningPowerKW = runningPresent > 0 ? runningSum / Double(runningPresent) : nil
        runningEnergyKWh = runningSum * clock.hours
    }

    /// A facility with no electrical point, or no data: every slot missing and unknown.
    public static func empty(clock: SlotClock) -> FacilityDay {
        FacilityDay(state: Array(repeating: .unknown, count: clock.slotsPerDay),
                    power: Array(repeating: .nan, count: clock.slotsPerDay), clock: clock)
    }
}
