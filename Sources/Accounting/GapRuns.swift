import PEMSCore

/// The 补采清单 (gap list, seed 001 §5.5.2 "补采") of a period: the stored missing-slot runs
/// (`PointGaps`, cut at midnight) joined per point where one ends exactly where the next
/// starts, so a gap over midnight is one line. CST; `end` exclusive.
public enum GapRuns {
    /// The joined runs in `PointGapRecord.listOrder` (MN, point id, start); a joined run keeps
    /// the date of its first day and the sum of the slots.
    public static func merged(_ gaps: [PointGapRecord]) -> [PointGapRecord] {
        var out: [PointGapRecord] = []
        for g in gaps.sorted(by: PointGapRecord.listOrder) {
            if let last = out.last, last.pointID == g.pointID, last.mn == g.mn, last.end == g.start {
                out[out.count - 1].end = g.end
                out[out.count - 1].slots += g.slots
            } else {
                out.append(g)
            }
        }
        return out
    }
}
