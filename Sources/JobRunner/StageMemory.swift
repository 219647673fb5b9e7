import Foundation

/// Peak resident memory per stage of a job (Linux): the kernel's high-water mark `VmHWM` is
/// reset before a stage (`/proc/self/clear_refs` ← 5) and read after it, so each stage's
/// figure is its own peak, not the run's so far. Where the reset is not permitted the figure
/// is the peak up to the end of the stage.
public enum StageMemory {
    /// Resets the high-water mark to the current resident set.
    public static func resetPeak() {
        guard let f = fopen("/proc/self/clear_refs", "w") else { return }
        fputs("5", f)
        fclose(f)
    }

    /// `VmHWM` in bytes, nil where /proc is not available.
    public static func peakBytes() -> Int? {
        guard let text = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return nil }
        for line in text.split(separator: "\n") where line.hasPrefix("VmHWM:") {
            let kb = line.split(separator: " ").compactMap { Int($0) }.first
            return kb.map { $0 * 1024 }
        }
        return nil
    }
}
