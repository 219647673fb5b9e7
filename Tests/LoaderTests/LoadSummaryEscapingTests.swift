import Foundation
import Testing
@testable import Loader
@testable import PEMSCore

/// The load summary is one `key: value` line per item for people and cron mail (issue 14):
/// a newline in a file name, or control characters in device text, are shown as escapes
/// (`TerminalText`) and never forge or upset a line.
@Suite struct LoadSummaryEscapingTests {
    let ws: TestWorkspace
    let inbox: URL

    init() throws {
        ws = try TestWorkspace()
        try ws.importConformanceRegistry()
        inbox = ws.dir.appendingPathComponent("inbox")
        try FileManager.default.createDirectory(at: inbox, withIntermediateDirectories: true)
    }

    static let forgedName = "a\nfiles: 99 loaded.log"

    static func packet(_ minute: Int) -> String {
        Packet.frame(Packet.segment(time: String(format: "20240708090%d00", minute), "pg1001-Pt=\(minute + 1)")) + "\r\n"
    }

    static func lines(_ text: String, startingWith prefix: String) -> [Substring] {
        text.split(separator: "\n").filter { $0.hasPrefix(prefix) }
    }

    @Test func aNewlineInAFileNameInAFolderIsShownEscapedAndForgesNoFilesLine() throws {
        try Self.packet(0).write(to: inbox.appendingPathComponent(Self.forgedName), atomically: false, encoding: .utf8)
        try Self.packet(1).write(to: inbox.appendingPathComponent("b.log"), atomically: false, encoding: .utf8)
        let files = try InputFiles.expand([inbox.path])
        #expect(files.map(\.path) == [inbox.path + "/a\\nfiles: 99 loaded.log", inbox.path + "/b.log"])
        let results = try ws.loader().load(files: files)
        #expect(results.map(\.status) == [.loaded, .loaded])
        let text = LoadSummary(files: results, seconds: 0).text()
        #expect(Self.lines(text, startingWith: "files:").count == 1, "\(text)")
        #expect(Self.lines(text, startingWith: "files:").first?.hasPrefix("files: 2 loaded") == true, "\(text)")
        #expect(text.contains(inbox.path + "/a\\nfiles: 99 loaded.log: loaded 1 packets, 1 readings\n"), "\(text)")
        #expect(!text.contains("not UTF-8"), "a UTF-8 name is not said to be anything else: \(text)")
    }

    @Test func aNewlineInAFileNamedOnTheCommandLineIsShownEscaped() throws {
        let url = inbox.appendingPathComponent(Self.forgedName)
        try Self.packet(0).write(to: url, atomically: false, encoding: .utf8)
        let results = try ws.loader().load(files: [url.path])
        #expect(results.map(\.status) == [.loaded])
        let text = LoadSummary(files: results, seconds: 0).text()
        #expect(Self.lines(text, startingWith: "files:").count == 1, "\(text)")
        #expect(text.contains("/a\\nfiles: 99 loaded.log: loaded 1 packets"), "\(text)")
    }

    @Test func controlCharactersInDeviceTextAreEscapedInTheExamplesAndTheWholeSummary() throws {
        let f = try ws.write("esc.log", [
            Packet.frame(Packet.segment(time: "20240708090000", "\u{1B}[2J\u{7}\u{202E}=1;pg1001-Pt=2")),
        ])
        let results = try ws.loader().load(files: [f])
        let summary = LoadSummary(files: results, seconds: 0)
        #expect(summary.total.dropped == ["no_param": 1])
        let text = summary.text()
        #expect(text.contains("no_param — CP key '\\u{1B}[2J\\u{7}\\u{202E}' has no CODE-PARAM form"), "\(text)")
        #expect(!text.unicodeScalars.contains { ($0.value < 0x20 && $0 != "\n") || $0.value == 0x7F || $0.value == 0x202E }, "\(text)")
    }
}
