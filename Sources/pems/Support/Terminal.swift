import Foundation
import HJ212

/// Terminal facts: whether to draw a progress bar (only on a terminal; cron gets none), and
/// lines that name what others wrote (file names, ids, registry text), shown through
/// `TerminalText` so a line break or escape sequence in them is seen, not obeyed.
enum Terminal {
    static var stderrIsTTY: Bool { isatty(STDERR_FILENO) != 0 }

    static func err(_ s: String) {
        FileHandle.standardError.write(Data(s.utf8))
    }

    /// One line on stdout, escaped (`TerminalText.escaped`).
    static func line(_ s: String) {
        print(TerminalText.escaped(s))
    }

    /// One line on stderr, escaped (`TerminalText.escaped`).
    static func errLine(_ s: String) {
        err(TerminalText.escaped(s) + "\n")
    }
}

/// A one-line progress bar on stderr, redrawn at most 10 times a second, shown only when
/// stderr is a terminal and the work has run for more than a second.
final class ProgressBar {
    let label: String
    let enabled: Bool
    let started = Date()
    var lastDraw = Date.distantPast
    var drawn = false

    /// `bytes`: the counts are bytes (a load), shown as MB and MB/s; otherwise `done/total`.
    let bytes: Bool

    init(label: String, enabled: Bool = Terminal.stderrIsTTY, bytes: Bool = true) {
        self.label = label
        self.enabled = enabled
        self.bytes = bytes
    }

    func update(_ done: Int, _ total: Int) {
        guard enabled, total > 0 else { return }
        let now = Date()
        guard now.timeIntervalSince(started) > 1, now.timeIntervalSince(lastDraw) > 0.1 || done >= total else { return }
        lastDraw = now
        let f = min(1, Double(done) / Double(total))
        let width = 30
        let filled = Int(f * Double(width))
        let bar = String(repeating: "█", count: filled) + String(repeating: "·", count: width - filled)
        if bytes {
            let mb = Double(done) / 1_048_576
            let rate = mb / max(0.001, now.timeIntervalSince(started))
            Terminal.err(String(format: "\r%@ %@ %3.0f%%  %.0f MB  %.0f MB/s ", label, bar, f * 100, mb, rate))
        } else {
            Terminal.err(String(format: "\r%@ %@ %3.0f%%  %d/%d ", label, bar, f * 100, done, total))
        }
        drawn = true
    }

    func finish() {
        if drawn { Terminal.err("\r\u{1B}[K") }
    }
}
