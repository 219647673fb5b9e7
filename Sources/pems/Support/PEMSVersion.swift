/// The engine version, recorded with every load and (later) every run, so an auditor can
/// tell which build produced a result.
enum PEMSVersion {
    static let current = "0.1.0"
}
