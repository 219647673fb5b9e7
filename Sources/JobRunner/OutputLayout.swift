import PEMSCore

/// Where each step's files go under a job's `--out` folder (documented in Jobs/README.md):
///
///     daily/2026-07-05/      日报, abnormal_/limit_ JSON, brief.pdf + charts, evidence-2026-07-05.pdf + event PNGs
///     weekly/2026-06-29/     周报 (the folder is the week's Monday), brief.pdf + charts
///     monthly/2026-07/       月报, 数据质量与联网, brief.pdf + charts,
///       dossiers/            一企一档_<id>_<first>_<last>.xlsx/.pdf of each enterprise with an event or a
///                            data-quality finding that month (the folder is there, empty, when none has)
///     responses/R1/          应急减排评估, limit_R1.json
///
/// A response id is made a folder name by `FileName.safe` (`R/1` → `responses/R_1~…`), as
/// it is in the workbook's name.
///
/// A rerun writes the same names, so it replaces the nightly files with identical bytes when
/// the inputs did not change. Paths are relative to the out folder (the ledger stores them so).
public enum OutputLayout {
    public static func folder(of step: JobStep) -> String {
        switch step {
        case .day(let d): return "daily/\(d)"
        case .week(let monday): return "weekly/\(monday)"
        case .month(let first): return "monthly/\(first.description.prefix(7))"
        case .response(let id): return "responses/\(FileName.safe(id))"
        }
    }

    /// The enterprise files' folder inside a month's folder.
    public static let dossiers = "dossiers"

    /// The folder a run stages its files in before renaming them into place (same file
    /// system as the outputs, so each rename is atomic).
    public static func staging(runID: Int) -> String { ".staging/run-\(runID)" }
}
