/// Five-day baselines, start/stop thresholds and facility states (SPEC §5, §6).
///
/// Filled by the baselines issue: this module reads slot values from the store (PEMSCore)
/// and never reaches into Accounting, Reports or Charts.
public enum BaselinesModule {
    /// The SPEC section this module implements, shown in `pems --version` style listings.
    public static let specSections = "§4–§8"
}
