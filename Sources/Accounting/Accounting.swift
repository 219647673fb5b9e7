/// Rates, emissions, reductions, activated carbon, allocation and rankings (SPEC §9).
///
/// Filled by the accounting issue: reads states and baselines, never Reports or Charts.
public enum AccountingModule {
    public static let specSections = "§9"
}
