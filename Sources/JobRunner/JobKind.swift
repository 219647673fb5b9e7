/// The four jobs of SPEC §11. Each is one entry in the run ledger (`Store.beginRun`).
public enum JobKind: String, Sendable, CaseIterable {
    /// Day D (default yesterday, CST): load the inbox, compute D with its look-back, render
    /// the day's products; on a Sunday D also the week's, on a month's last day the month's.
    case nightly
    /// The week (Monday–Sunday) containing a date: computed as one period, 周报 and brief.
    case weekly
    /// The calendar month containing a date: 月报, 数据质量与联网 and brief.
    case monthly
    /// The assessment (应急减排评估) of chosen responses, on their own (the nightly run of a
    /// response's last day renders it too).
    case assessment
    /// An auditor's rerun of a date range: every day recomputed and every product of the
    /// range rendered again exactly as the nightly runs rendered them.
    case rerun
}
