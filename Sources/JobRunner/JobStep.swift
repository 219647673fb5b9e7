import PEMSCore

/// One unit of a job's work; each step renders its products into its own folder of the
/// output layout (`OutputLayout`).
public enum JobStep: Sendable, Equatable, CustomStringConvertible {
    /// Day D computed as a period of its own (`[D, D]`, with its look-back, SPEC §13.12), then
    /// 日报, the provincial abnormal/limit JSON, the day's brief and its evidence pack.
    case day(Day)
    /// The week starting on this Monday, computed as one period: 周报 and the week's brief.
    case week(Day)
    /// The month starting on this day (the 1st): 月报, 数据质量与联网 and the month's brief.
    case month(Day)
    /// The assessment (应急减排评估) of one response, rendered once its last day is reported.
    case response(String)

    public var description: String {
        switch self {
        case .day(let d): return "day \(d)"
        case .week(let d): return "week \(d)"
        case .month(let d): return "month \(String(d.description.prefix(7)))"
        case .response(let id): return "response \(id)"
        }
    }
}
