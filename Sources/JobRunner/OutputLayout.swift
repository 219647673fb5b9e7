import Foundation
import PEMSCore

/// Where each step's files go under a job's `--out` folder (documented in Jobs/README.md):
///
///     daily/2026-07-05/      日报, abnormal_/limit_ JSON, brief.pdf + charts, evidence-2026-07-05.pdf + event PNGs,
///                            gaps-2026-07-05.csv (the day's 补采清单, read by `pems receive --gaps`)
///     weekly/2026-06-29/     周报 (the folder is the week's Monday), brief.pdf + charts
///     monthly/2026-07/       月报, 数据质量与联网, brief.pdf + charts,
///       dossiers/            一企一档_<id>_<first>_<last>.xlsx/.pdf of each enterprise with an event or a
///                            data-quality finding that month (the folder is there, empty, when none has)
///     responses/R1/          应急减排评估, limit_R1.json
///     alarms/alarms_2026-07-05.jsonl   the alarm feed of each reported day (`AlarmFeed`)
///     districts/130602/daily/2026-07-05/   the county edition of district 130602 of each step
///                            above (`district_editions: true`), its files named with `_130602`
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

    /// The alarm feed's folder (`alarms/alarms_D.jsonl`, one file per reported day). Unlike a
    /// step folder it is not replaced whole: each run's files are renamed into it one by one,
    /// so the files of the days before stay.
    public static let alarms = "alarms"

    /// The alarm feed of day `d`, relative to the out folder.
    public static func alarmFile(_ d: Day) -> String { "\(alarms)/alarms_\(d).jsonl" }

    /// The day's gap list (补采清单) in its day folder: `gaps-D.csv`, the columns of `gaps.csv`
    /// (`MachineExports.gaps`). `pems receive --gaps` looks for `daily/D/gaps-D.csv` (the
    /// Receiver module's `GapList` spells the same path: it does not import this module).
    public static func gapList(_ d: Day) -> String { "gaps-\(d).csv" }

    /// The enterprise files' folder inside a month's folder.
    public static let dossiers = "dossiers"

    /// A county edition's folder of a step: `districts/<code>/<the step's folder>`.
    public static func folder(of step: JobStep, district code: String) -> String {
        "\(districtsRoot)/\(FileName.safe(code))/" + folder(of: step)
    }

    /// The folder holding every county edition.
    public static let districtsRoot = "districts"

    /// The folders a run publishes: each step's, and each county edition's folder of a step
    /// that the run wrote into `staging` (a district folder is there only when written).
    public static func folders(of steps: [JobStep], staging: URL) -> [String] {
        var out = steps.map(folder(of:))
        let root = staging.appendingPathComponent(districtsRoot)
        let codes = ((try? FileManager.default.contentsOfDirectory(atPath: root.path)) ?? []).sorted()
        for code in codes {
            for step in steps {
                let f = "\(districtsRoot)/\(code)/" + folder(of: step)
                if FileManager.default.fileExists(atPath: staging.appendingPathComponent(f).path) { out.append(f) }
            }
        }
        return out
    }

    /// The folder a run stages its files in before renaming them into place (same file
    /// system as the outputs, so each rename is atomic).
    public static func staging(runID: Int) -> String { ".staging/run-\(runID)" }
}
