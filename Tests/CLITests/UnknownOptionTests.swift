import Foundation
import TestSupport
import Testing

/// An option no command has is a usage error (exit 64) wherever it is — never help, never a
/// complaint about something else — and `--` ends the options, so a file may be named `-x.log`.
@Suite struct UnknownOptionTests {
    static let commands: [[String]] = [
        ["load"], ["registry", "import"], ["registry", "list"], ["inspect"], ["compute"], ["export"], ["report"],
        ["brief"], ["evidence"], ["nightly"], ["weekly"], ["monthly"], ["assess"], ["rerun"], ["runs"],
        ["runs", "show"], ["runs", "diff"], ["config"], ["demo"], ["bench", "load"], ["alarms"], ["receive"], ["simulate"],
    ]

    /// `-x.log` is no option; `-hourly.log` holds an `h`, which the parser took for `-h` (help, exit 0).
    @Test(arguments: commands, ["-x.log", "-hourly.log", "-qh"])
    func anOptionNoCommandHasExits64WithTheUsageError(_ command: [String], _ option: String) throws {
        let r = try PEMSProcess.run(command + [option], timeout: 60)
        #expect(r.status == 64, "\(command) \(option): \(r.stdout)\(r.stderr)")
        #expect(r.stdout.isEmpty)
        #expect(r.stderr.hasPrefix("Error: Unknown option '\(option)'\nUsage: pems \(command.joined(separator: " "))"), "\(r.stderr)")
        #expect(r.stderr.hasSuffix(" --help' for more information.\n"), "\(r.stderr)")
    }

    @Test func anUnknownOptionBeforeTheCommandOrAfterItsArgumentsIsRefusedToo() throws {
        let before = try PEMSProcess.run(["-x.log", "load", "a.log"], timeout: 60)
        #expect(before.status == 64 && before.stderr.hasPrefix("Error: Unknown option '-x.log'\nUsage: pems "), "\(before.stderr)")
        let after = try PEMSProcess.run(["--store", "s.db", "load", "a.log", "-hourly.log"], timeout: 60)
        #expect(after.status == 64 && after.stderr.hasPrefix("Error: Unknown option '-hourly.log'\nUsage: pems load"), "\(after.stderr)")
    }

    @Test(arguments: [["-h"], ["--help"], ["help", "load"]])
    func helpIsStillHelp(_ args: [String]) throws {
        let r = try PEMSProcess.run(args.first == "help" ? args : ["load"] + args, timeout: 60)
        #expect(r.status == 0 && r.stdout.hasPrefix("OVERVIEW: Load HJ 212"), "\(r.stderr)")
    }

    @Test func aDoubleDashEndsTheOptionsSoAFileNamedLikeOneLoads() throws {
        let dir = try PEMSProcess.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let imported = try PEMSProcess.run(["--store", "s.db", "registry", "import", "--effective-from", "2024-06-01",
                                            SharedFixture.path("conformance-spec2/registry")], in: dir, timeout: 120)
        try #require(imported.status == 0, "\(imported.stderr)")
        try FileManager.default.copyItem(atPath: SharedFixture.path("conformance-spec2/packets/2024-07-01.log"),
                                         toPath: dir.appendingPathComponent("-x.log").path)
        let r = try PEMSProcess.run(["--store", "s.db", "load", "--json", "--", "-x.log"], in: dir, timeout: 120)
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("\"loaded\":1"), "\(r.stdout)")
        let i = try PEMSProcess.run(["inspect", "--", "-x.log"], in: dir, timeout: 120)
        #expect(i.status == 0, "\(i.stderr)")
    }

    @Test(arguments: [["load"], ["inspect"], ["registry", "import"]])
    func theHelpOfACommandTakingPathsSaysThatDoubleDashEndsTheOptions(_ command: [String]) throws {
        let r = try PEMSProcess.run(command + ["--help"], timeout: 60)
        let text = r.stdout.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        #expect(text.contains("`--` ends the options"), "\(r.stdout)")
        #expect(text.contains("pems \(command.joined(separator: " ")) -- -"), "\(r.stdout)")
    }
}
