/// Where an event of the alarm feed stands against the feed of the day before (seed 001 §4.2
/// 告警; Jobs/README.md "The alarm feed"). The feed of day D is compared with the feed of D − 1,
/// the day the previous nightly run reported.
public enum AlarmState: String, Sendable, CaseIterable {
    /// Not in the feed of D − 1: first reported now, whether still running or already ended.
    case new
    /// In the feed of D − 1 and still running at the end of D (CST 24:00, where the data the
    /// day's computation reads ends, SPEC §13.12).
    case open
    /// In the feed of D − 1 and ended: inside D, or at D's 00:00 (then it is no longer among
    /// D's events and its line is the one of D − 1 with this state).
    case closed

    /// The word that starts the SMS text.
    var word: String {
        switch self {
        case .new: return "新告警"
        case .open: return "告警持续"
        case .closed: return "告警结束"
        }
    }
}
