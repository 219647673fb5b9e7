import ArgumentParser
import PEMSCore

/// `--district CODE`: a county edition (seed 002 "旗县区环保局用户…只能查看本辖区"; seed 003
/// 各县(市、区)分局) of a report, the brief or the evidence pack.
struct DistrictOption: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp(
        "Write the county edition of this district (districts.csv district_code): only its enterprises, events, findings and facility-days, with its rank among the city's districts and the city's figure beside its own; the file names end in _CODE.",
        valueName: "code"))
    var district: String?

    /// The edition asked for, the code checked against the registry in force on `day` before
    /// any work (an unknown code stops the command with one line naming it and the known codes).
    func scope(store: Store, on day: Day) throws -> ReportScope {
        guard let district else { return .city }
        let (_, registry) = try store.registry(for: day)
        return try ReportScope.checked(district: district, in: registry)
    }
}
