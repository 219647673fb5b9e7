import ArgumentParser
import PEMSCore

extension Day: ExpressibleByArgument {
    /// `YYYY-MM-DD` (CST calendar day).
    public init?(argument: String) { self.init(argument) }
}

/// `--from D1 --to D2`: a period of CST days, both inclusive (`--to` defaults to `--from`).
struct PeriodOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("First day of the period (YYYY-MM-DD, CST).", valueName: "date"))
    var from: Day

    @Option(name: .long, help: ArgumentHelp("Last day of the period, inclusive (default: --from).", valueName: "date"))
    var to: Day?

    var last: Day { to ?? from }

    func validate() throws {
        if let to, to < from { throw ValidationError("--to \(to) is before --from \(from)") }
        if last.index - from.index > 366 * 5 { throw ValidationError("the period is longer than five years; split it") }
    }
}
