import CCairo

/// PNG/PDF charts on cairo and the leadership brief (SPEC §10).
public enum ChartsModule {
    public static let specSections = "§10"
    /// The cairo version linked (NOTES.md: 1.16 on this machine).
    public static var cairoVersion: String { String(cString: cairo_version_string()) }
}
