import ArgumentParser
import Foundation
import HJ212

/// `pems inspect` — what the loader makes of each line of a packet log, without a store or
/// registry. For field engineers asking "why was this device's data rejected?".
struct InspectCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "inspect",
        abstract: "Explain, line by line, how packets parse and why any are rejected.",
        discussion: """
        For each input line: the header fields (QN, ST, CN, PW, MN, Flag, PNUM, PNO, protocol \
        version), DataTime, every CP field as sent, declared vs actual length, CRC given vs \
        computed, and the reject reason. Needs no registry and does not touch the store.

        With --json, one JSON object per input line with the keys line, QN, ST, CN, PW, MN, \
        Flag, PNUM, PNO, version, DataTime, fields, length_declared, length_actual, crc_given, \
        crc_computed, crc_ok, length_ok, error (null where absent); a line that starts with \
        its receive time (YYYY-MM-DD HH:MM:SS.mmm and one space, SPEC §13.38) also has \
        receive_time after line, and its text block a "received" row.

        `--` ends the options: a file whose name starts with - goes after it (or as ./-x.log).

        Examples:
          pems inspect device.log
          pems inspect --json --errors-only inbox/2026-07-01.log | jq .error
          pems inspect --line 1042 inbox/2026-07-01.log
          pems inspect -- -x.log
        """)

    @Argument(help: ArgumentHelp("Packet log files.", valueName: "file"))
    var files: [String]

    @Flag(name: .long, help: "One JSON object per line instead of text.")
    var json = false

    @Flag(name: .long, help: "Show only lines that would be rejected.")
    var errorsOnly = false

    @Option(name: .long, help: ArgumentHelp("Show only this line number.", valueName: "n"))
    var line: Int?

    @Option(name: .long, help: ArgumentHelp("Show only packets from this MN.", valueName: "mn"))
    var mn: String?

    func validate() throws {
        if let line, line < 1 { throw ValidationError("--line must be 1 or more (got \(line))") }
    }

    func run() throws {
        try CommandFailure.run {
            let out = FileHandle.standardOutput
            for path in files {
                guard let data = FileManager.default.contents(atPath: path) else {
                    throw UserError("\(path): cannot read the file")
                }
                let records = Inspector.inspectLines(of: [UInt8](data))
                var shown = 0
                let shownPath = TerminalText.escaped(path)
                if !json { out.print("== \(shownPath): \(records.count) lines") }
                for r in records {
                    if let line, r.line != line { continue }
                    if errorsOnly, r.error == nil { continue }
                    if let mn, r.mn != mn { continue }
                    out.print(json ? r.jsonLine() : r.text())
                    shown += 1
                }
                if !json {
                    let rejected = records.filter { $0.error != nil }.count
                    out.print("== \(shownPath): \(records.count) lines, \(rejected) would be rejected, \(shown) shown")
                }
            }
        }
    }
}

extension FileHandle {
    /// Writes a line to this handle.
    func print(_ s: String) {
        write(Data((s.hasSuffix("\n") ? s : s + "\n").utf8))
    }
}
