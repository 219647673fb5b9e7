import DemoCity
import Foundation
import HJ212
import TestSupport
import Testing

/// The nightly of the demo city fed what a hostile data source and a careless operator send
/// (docs/RELIABILITY.md): one reading of 1e300, enterprise names in Uyghur, Tibetan and
/// Mongolian script with an emoji and control characters, a correctly framed packet whose MN
/// holds U+FFFF (no device number: rejected as `bad_header`, issue 14), and a FIFO and a
/// symlink to /dev/zero named `*.log` in the inbox. The night must finish and publish reports
/// that Excel can open.
@Suite(.serialized) struct HostileNightlyTests {
    static let first = "2026-06-01"
    /// A Sunday: the nightly also renders the week.
    static let night = "2026-06-07"
    static let uyghur = "قەشقەر توقۇمىچىلىق زاۋۇتى"

    /// The demo city (57 enterprises, 14 days) with hostile names in its registry and the
    /// first week's packets in `inbox/`, plus `zz-hostile.log`, a FIFO and a /dev/zero link.
    static func prepared() throws -> URL {
        let dir = try PEMSProcess.tempDir()
        var options = DemoOptions()
        options.enterprises = 57
        options.days = 14
        options.start = first
        let city = dir.appendingPathComponent("city")
        _ = try DemoCity.generate(options, to: city)

        // Every enterprise gets a Uyghur name (so the brief's top problem enterprises show one);
        // a few get other scripts and characters no font draws.
        let enterprises = city.appendingPathComponent("registry/enterprises.csv")
        var lines = try String(contentsOf: enterprises, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let extra = ["ལྷ་ས་ལས་ཁུངས་", "ᠮᠣᠩᠭᠣᠯ ᠦᠢᠯᠡᠳᠪᠦᠷᠢ", "化工厂🏭👩‍🔧", "印染\u{202E}厂", "涂装\u{1B}[31m厂\u{7F}", "包装\u{1}印刷"]
        for i in 1..<lines.count where !lines[i].isEmpty {
            var cells = lines[i].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            #expect(cells.count > 2 && !lines[i].contains("\""), "a demo enterprise row is not a plain CSV row: \(lines[i])")
            cells[1] = i <= extra.count ? extra[i - 1] + " " + uyghur : uyghur + " " + cells[1]
            lines[i] = cells.joined(separator: ",")
        }
        try lines.joined(separator: "\n").write(to: enterprises, atomically: true, encoding: .utf8)
        let imported = try PEMSProcess.run(["--store", "s.db", "registry", "import", "--effective-from", first,
                                            city.appendingPathComponent("registry").path], in: dir)
        #expect(imported.status == 0, "\(imported.stderr)")

        let inbox = dir.appendingPathComponent("inbox")
        try FileManager.default.createDirectory(at: inbox, withIntermediateDirectories: true)
        var day = first
        while day <= night {
            try FileManager.default.copyItem(at: city.appendingPathComponent("packets/\(day).log"),
                                             to: inbox.appendingPathComponent("\(day).log"))
            day = Self.nextDay(day)
        }

        // One packet of the night with one value replaced by 1e300, re-framed with a good CRC,
        // loaded after the day's own file (so it would win if it were taken).
        let log = try String(contentsOf: city.appendingPathComponent("packets/\(night).log"), encoding: .utf8)
        // Split at CR LF too: a String sees "\r\n" as one character, which `split(separator: "\n")`
        // never meets (the whole day's log was taken for one packet).
        guard let original = log.split(whereSeparator: \.isNewline).first(where: { $0.contains("CN=2011") && $0.contains("-Rtd=") && $0.hasPrefix("##") })
        else { throw HostileError.noPacket }
        var segment = String(original.trimmingCharacters(in: .whitespacesAndNewlines).dropFirst(6).dropLast(4))
        guard let rtd = segment.range(of: "-Rtd=") else { throw HostileError.noPacket }
        let valueEnd = segment[rtd.upperBound...].firstIndex(where: { $0 == ";" || $0 == "," || $0 == "&" }) ?? segment.endIndex
        segment.replaceSubrange(rtd.upperBound..<valueEnd, with: "1e300")
        let huge = Frame.encode(segment: segment)
        // A correctly framed packet whose MN holds U+FFFF (HJ 212 MNs are letters and digits).
        let compactNight = night.replacingOccurrences(of: "-", with: "")
        let foreign = Frame.encode(segment: "QN=\(compactNight)100000000;ST=32;CN=2011;PW=123456;MN=BAD\u{FFFF}MN01;Flag=4;CP=&&DataTime=\(compactNight)100000;pg0001-Rtd=5.0&&")
        try (huge + "\r\n" + foreign + "\r\n").write(to: inbox.appendingPathComponent("zz-hostile.log"), atomically: true, encoding: .utf8)
        #expect(mkfifo(inbox.appendingPathComponent("fifo.log").path, 0o644) == 0)
        try FileManager.default.createSymbolicLink(atPath: inbox.appendingPathComponent("zero.log").path, withDestinationPath: "/dev/zero")
        return dir
    }

    enum HostileError: Error { case noPacket }

    static func nextDay(_ d: String) -> String {
        let f = DateFormatter()
        f.dateFormat = "yyyy-MM-dd"
        f.timeZone = TimeZone(identifier: "Asia/Shanghai")
        f.locale = Locale(identifier: "en_US_POSIX")
        return f.string(from: f.date(from: d)!.addingTimeInterval(86_400))
    }

    /// Every XML part of every workbook under `folder` that does not parse, as "file:part: error".
    static func malformedParts(under folder: URL) throws -> (workbooks: Int, problems: [String]) {
        let script = """
            import sys, zipfile, pathlib, xml.dom.minidom
            n = 0
            for p in sorted(pathlib.Path(sys.argv[1]).rglob('*.xlsx')):
                n += 1
                with zipfile.ZipFile(p) as z:
                    for name in z.namelist():
                        if name.endswith('.xml') or name.endswith('.rels'):
                            try: xml.dom.minidom.parseString(z.read(name))
                            except Exception as e: print('%s:%s: %s' % (p.name, name, e))
            print('workbooks', n)
            """
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/python3")
        p.arguments = ["-c", script, folder.path]
        let out = Pipe()
        p.standardOutput = out
        try p.run()
        let text = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        p.waitUntilExit()
        let lines = text.split(separator: "\n").map(String.init)
        let count = lines.last.flatMap { $0.hasPrefix("workbooks ") ? Int($0.dropFirst(10)) : nil } ?? 0
        return (count, lines.filter { !$0.hasPrefix("workbooks ") })
    }

    @Test func aNightlyFedHostileInputsFinishesAndPublishesWellFormedReports() throws {
        let dir = try Self.prepared()
        // PEMS_KEEP_TEST_OUTPUT=1 keeps the folder to look at the brief and workbooks.
        defer {
            if ProcessInfo.processInfo.environment["PEMS_KEEP_TEST_OUTPUT"] == nil { try? FileManager.default.removeItem(at: dir) }
            else { print("kept: \(dir.path)") }
        }
        let r = try PEMSProcess.run(["--store", "s.db", "nightly", "--date", Self.night, "--inbox", "inbox", "--out", "out",
                                     "--log-level", "warning",
                                     "--templates", SharedFixture.repositoryRoot.appendingPathComponent("ReportTemplates").path],
                                    in: dir, timeout: 300)
        #expect(r.status == 0 || r.status == 3, "exit \(r.status): \(r.stderr)")
        // The special files are named, never read.
        #expect(r.stderr.contains("fifo.log") && r.stderr.contains("zero.log"), "\(r.stderr)")
        let daily = dir.appendingPathComponent("out/daily/\(Self.night)")
        for name in ["brief.pdf", "abnormal_\(Self.night).json"] {
            #expect(FileManager.default.fileExists(atPath: daily.appendingPathComponent(name).path), "\(name) missing")
        }
        let checked = try Self.malformedParts(under: dir.appendingPathComponent("out"))
        #expect(checked.workbooks >= 2, "daily and weekly workbooks expected")
        #expect(checked.problems.isEmpty, "\(checked.problems)")

        let export = try PEMSProcess.run(["--store", "s.db", "export", "--from", Self.night, "--to", Self.night, "--out", "x"], in: dir)
        #expect(export.status == 0, "\(export.stderr)")
        // The packet whose MN holds U+FFFF is no device's: counted as a rejected header, never an
        // unknown MN; the 1e300 is dropped from its packet alone.
        let dq = try String(contentsOf: dir.appendingPathComponent("x/dq.csv"), encoding: .utf8)
        #expect(!dq.contains("BAD"), "\(dq)")
        let rejects = try Self.rejects(store: dir.appendingPathComponent("s.db"), file: "zz-hostile.log")
        #expect(rejects == ["bad_header 1", "dropped:value_out_of_range 1"], "\(rejects)")
        let inspect = try PEMSProcess.run(["inspect", "--errors-only", "inbox/zz-hostile.log"], in: dir)
        #expect(inspect.stdout.contains("line 2: REJECTED bad_header — MN is not 1 to 24 ASCII letters or digits: 'BAD\\u{FFFF}MN01'"),
                "\(inspect.stdout)")
    }

    /// The rejected lines and dropped values the store counted for the loaded file whose path
    /// ends in `/file`, as "reason count".
    static func rejects(store: URL, file: String) throws -> [String] {
        let script = """
            import sqlite3, sys
            db = sqlite3.connect('file:' + sys.argv[1] + '?mode=ro', uri=True)
            rows = db.execute("SELECT r.reason, r.count FROM rejects r JOIN files f USING (file_id) "
                              "WHERE f.path LIKE ? ORDER BY r.reason", ('%/' + sys.argv[2],))
            for reason, count in rows: print(reason, count)
            """
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/python3")
        p.arguments = ["-c", script, store.path, file]
        let out = Pipe()
        p.standardOutput = out
        try p.run()
        let text = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        p.waitUntilExit()
        return text.split(separator: "\n").map(String.init)
    }
}
