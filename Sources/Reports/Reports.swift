import CXlsxWriter

/// Excel workbooks from `ReportTemplates/` and the provincial anomaly JSON (SPEC §10).
public enum ReportsModule {
    public static let specSections = "§10"
    /// The libxlsxwriter version linked (NOTES.md: 1.1.4 on this machine).
    public static var xlsxwriterVersion: String { String(cString: lxw_version()) }
}
