import Foundation
import TestSupport
import Testing

/// The command-line conventions every command follows, checked on the real binary.
@Suite struct CommandLineTests {
    static let registry = SharedFixture.path("conformance-spec2/registry")
    static let packets = SharedFixture.path("conformance-spec2/packets")

    @Test(arguments: [["registry", "import"], ["registry", "list"], ["load"], ["inspect"], ["demo"], ["config"], ["bench", "load"],
                            ["report"], ["brief"], ["evidence"], ["nightly"], ["weekly"], ["monthly"], ["assess"], ["rerun"],
                            ["bench", "nightly"], ["runs", "list"], ["runs", "show"], ["runs", "diff"], ["alarms"], ["receive"], ["simulate"],
                            ["bench", "receive"], ["bench", "scale"], ["bench", "cities"]])
    func everyCommandsHelpSaysWhatItDoesWithAnExample(_ command: [String]) throws {
        let r = try PEMSProcess.run(command + ["--help"])
        #expect(r.status == 0)
        #expect(r.stdout.contains("OVERVIEW:"))
        #expect(r.stdout.contains("Example"))
        // Commands that use the store say how to choose it; inspect, receive and simulate need
        // none and bench makes its own temporary stores.
        if ![["inspect"], ["bench", "load"], ["bench", "nightly"], ["bench", "receive"], ["bench", "scale"], ["bench", "cities"], ["receive"],
              ["simulate"]].contains(command) {
            #expect(r.stdout.contains("--store"))
        }
    }

    @Test func globalOptionsWorkBeforeTheCommandAndTheStoreDefaultsToTheConfigsSetting() throws {
        let dir = try PEMSProcess.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        try "store: from-config.db\n".write(to: dir.appendingPathComponent("site.yaml"), atomically: true, encoding: .utf8)
        let r = try PEMSProcess.run(["--config", "site.yaml", "registry", "import", "--effective-from", "2024-07-01", Self.registry], in: dir)
        #expect(r.status == 0, "\(r.stderr)")
        #expect(FileManager.default.fileExists(atPath: dir.appendingPathComponent("from-config.db").path))
        let r2 = try PEMSProcess.run(["--store", "explicit.db", "registry", "list"], in: dir)
        #expect(r2.stdout.contains("no registry imported yet"))
        #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("explicit.db").path)) // listing creates nothing
        let r3 = try PEMSProcess.run(["registry", "import", "--effective-from", "2024-07-02", Self.registry], in: dir) // ./pems.db
        #expect(r3.status == 0 && FileManager.default.fileExists(atPath: dir.appendingPathComponent("pems.db").path))
        let r4 = try PEMSProcess.run(["registry", "list"], in: dir)
        #expect(r4.status == 0 && r4.stdout.contains("effective 2024-07-02"), "\(r4.stderr)")
    }

    @Test func loadingWithoutARegistryFailsWithOneLineSayingWhatToDo() throws {
        let dir = try PEMSProcess.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let r = try PEMSProcess.run(["--store", "s.db", "load", Self.packets + "/2024-07-01.log"], in: dir)
        #expect(r.status == 1)
        #expect(r.stderr.split(separator: "\n").count == 1)
        #expect(r.stderr.contains("no registry imported yet; run `pems registry import DIR` first"))
    }

    @Test func aMissingInputPathIsNamed() throws {
        let dir = try PEMSProcess.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        _ = try PEMSProcess.run(["--store", "s.db", "registry", "import", Self.registry], in: dir)
        let r = try PEMSProcess.run(["--store", "s.db", "load", "nowhere/2024-07-01.log"], in: dir)
        #expect(r.status == 1)
        #expect(r.stderr == "pems: nowhere/2024-07-01.log: no such file or folder\n")
    }

    @Test func exportWritesTheSevenSPECFilesAndSummarisesTheAccounting() throws {
        let dir = try PEMSProcess.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        _ = try PEMSProcess.run(["--store", "s.db", "registry", "import", "--effective-from", "2024-06-01", Self.registry], in: dir)
        let load = try PEMSProcess.run(["--store", "s.db", "load", "--quiet", Self.packets + "/2024-07-11.log",
                                        Self.packets + "/2024-07-12.log"], in: dir)
        #expect(load.status == 0, "\(load.stderr)")
        let r = try PEMSProcess.run(["--store", "s.db", "export", "--from", "2024-07-12", "--out", "out"], in: dir)
        #expect(r.status == 0, "\(r.stderr)")
        let headers = [
            "enterprise_day.csv": "date,enterprise_id,district_code,industry,energy_kwh,generated_kg,emitted_kg,events,sync_rate",
            "district_day.csv": "date,district_code,enterprises,emitted_kg,events,sync_rate,rank_emitted",
            "allocation.csv": "response_id,district_code,enterprise_id,baseline_kg_per_day,cap_kg_per_day,allocated_kg_per_day",
            "reduction.csv": "response_id,date,enterprise_id,baseline_kg,emitted_kg,reduction_kg",
            "events.csv": "rule,enterprise_id,facility_id,start,end,minutes,violating_minutes",
            "facility_day.csv": "date,facility_id,enterprise_id,kind,completeness,running_minutes,energy_kwh,baseline_power_kw,sync_rate,effective_rate,collection_rate,removal_rate,stopped_minutes,ineffective_minutes,low_minutes,generated_kg,emitted_kg",
            "dq.csv": "date,point_id,enterprise_id,check",
        ]
        for (file, header) in headers {
            let text = try String(contentsOf: dir.appendingPathComponent("out/" + file), encoding: .utf8)
            #expect(text.hasPrefix(header + "\n"), "\(file)")
            #expect(r.stdout.contains("wrote: ") && r.stdout.contains(file))
        }
        // 4 enterprises and 4 districts on one day; the orange response ended before 07-12.
        let enterprises = try String(contentsOf: dir.appendingPathComponent("out/enterprise_day.csv"), encoding: .utf8)
        #expect(enterprises.split(separator: "\n").count == 5)
        #expect(r.stdout.contains("\nemitted_kg: ") && r.stdout.contains("\noutlet_deviations: "))
    }

    @Test func briefAndEvidenceWriteTheirPDFsAndTheEvidenceIdsSelectTheEvents() throws {
        let dir = try PEMSProcess.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        _ = try PEMSProcess.run(["--store", "s.db", "registry", "import", "--effective-from", "2024-06-01", Self.registry], in: dir)
        _ = try PEMSProcess.run(["--store", "s.db", "load", "--quiet", Self.packets + "/2024-07-11.log",
                                 Self.packets + "/2024-07-12.log"], in: dir)
        let brief = try PEMSProcess.run(["--store", "s.db", "brief", "--from", "2024-07-12", "--out", "b"], in: dir)
        #expect(brief.status == 0, "\(brief.stderr)")
        #expect(try Poppler.pages(dir.appendingPathComponent("b/brief.pdf")) == 4)
        for chart in ["trend", "ranking", "alarms", "map"] {
            #expect(FileManager.default.fileExists(atPath: dir.appendingPathComponent("b/\(chart).png").path))
        }
        let list = try PEMSProcess.run(["--store", "s.db", "evidence", "--from", "2024-07-12", "--date", "2024-07-12", "--list"], in: dir)
        #expect(list.status == 0, "\(list.stderr)")
        let ids = list.stdout.split(separator: "\n").map(String.init)
        #expect(ids.contains { $0.hasPrefix("OFFLINE.") })
        #expect(ids.allSatisfy { $0.split(separator: ".").count == 3 })
        let pack = try PEMSProcess.run(["--store", "s.db", "evidence", "--from", "2024-07-12", "--date", "2024-07-12", "--out", "e"], in: dir)
        #expect(pack.status == 0, "\(pack.stderr)")
        #expect(try Poppler.pages(dir.appendingPathComponent("e/evidence-2024-07-12.pdf")) == ids.count)
        let one = try #require(ids.first)
        let single = try PEMSProcess.run(["--store", "s.db", "evidence", "--from", "2024-07-12", "--event", one, "--out", "e"], in: dir)
        #expect(single.status == 0, "\(single.stderr)")
        #expect(try Poppler.pages(dir.appendingPathComponent("e/evidence-\(one)-pack.pdf")) == 1)
        let unknown = try PEMSProcess.run(["--store", "s.db", "evidence", "--from", "2024-07-12", "--event",
                                           "TREATMENT_STOPPED.NOPE.20240712T0000", "--out", "e"], in: dir)
        #expect(unknown.status == 1)
        #expect(unknown.stderr.contains("no event 'TREATMENT_STOPPED.NOPE.20240712T0000'"))
        let usage = try PEMSProcess.run(["evidence", "--out", "e"], in: dir)
        #expect(usage.status == 64)
        #expect(usage.stderr.contains("give --event ID or --date"))
    }

    @Test func reportWritesTheDailyWorkbookAndJSONAndRejectsABadTemplateBeforeComputing() throws {
        let dir = try PEMSProcess.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        _ = try PEMSProcess.run(["--store", "s.db", "registry", "import", "--effective-from", "2024-06-01", Self.registry], in: dir)
        _ = try PEMSProcess.run(["--store", "s.db", "load", "--quiet", Self.packets + "/2024-07-12.log"], in: dir)
        // Templates are found above the executable (the repository's ReportTemplates/).
        let r = try PEMSProcess.run(["--store", "s.db", "report", "daily", "--date", "2024-07-12", "--out", "out"], in: dir)
        #expect(r.status == 0, "\(r.stderr)")
        for name in ["日报_2024-07-12.xlsx", "abnormal_2024-07-12.json", "limit_2024-07-12.json"] {
            #expect(FileManager.default.fileExists(atPath: dir.appendingPathComponent("out/" + name).path), "\(name)")
            #expect(r.stdout.contains("wrote: ") && r.stdout.contains(name))
        }
        let bad = dir.appendingPathComponent("tpl")
        try FileManager.default.createDirectory(at: bad, withIntermediateDirectories: true)
        try #"{"report": "weekly", "title": "周报", "fileName": "w.xlsx", "sheets": [{"name": "企业", "source": "enterprises", "columns": [{"field": "emited_kg", "header": "排放"}]}]}"#
            .write(to: bad.appendingPathComponent("weekly.json"), atomically: true, encoding: .utf8)
        let w = try PEMSProcess.run(["--store", "s.db", "report", "weekly", "--date", "2024-07-12", "--out", "out", "--templates", "tpl"], in: dir)
        #expect(w.status == 1)
        #expect(w.stderr.hasPrefix("pems: ") && w.stderr.contains("tpl/weekly.json: sheets[0].columns[0].field: unknown field 'emited_kg' of data source 'enterprises'"))
        let usage = try PEMSProcess.run(["report", "daily", "--out", "out"], in: dir)
        #expect(usage.status == 64)
        #expect(usage.stderr.contains("a daily report needs --date YYYY-MM-DD"))
    }

    @Test func badUsageExitsWith64BeforeAnyWork() throws {
        let r = try PEMSProcess.run(["load", "--crc-policy", "maybe", "x.log"])
        #expect(r.status == 64)
        #expect(r.stderr.contains("--crc-policy must be reject or warn (got 'maybe')"))
    }

    @Test func aBadConfigFileIsNamedWithItsLine() throws {
        let dir = try PEMSProcess.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        try "low_ratio: 0.8\nslot_minutes: 7\n".write(to: dir.appendingPathComponent("bad.yaml"), atomically: true, encoding: .utf8)
        let r = try PEMSProcess.run(["--config", "bad.yaml", "config"], in: dir)
        #expect(r.status == 1)
        #expect(r.stderr == "pems: bad.yaml:2: slot_minutes = '7' is not one of 1, 5, 15, 30, 60\n")
    }

    @Test func aRejectedRegistryListsEveryBadRowAndKeepsThePreviousVersion() throws {
        let dir = try PEMSProcess.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        _ = try PEMSProcess.run(["--store", "s.db", "registry", "import", "--effective-from", "2024-07-01", Self.registry], in: dir)
        let bad = dir.appendingPathComponent("bad")
        try FileManager.default.createDirectory(at: bad, withIntermediateDirectories: true)
        for f in try FileManager.default.contentsOfDirectory(atPath: Self.registry) {
            var text = try String(contentsOfFile: Self.registry + "/" + f, encoding: .utf8)
            if f == "enterprises.csv" { text = text.replacingOccurrences(of: "E002,满城恒达2有限公司,91130600560639461B,130606,橡胶", with: "E002,满城恒达2有限公司,91130600560639461B,999999,橡胶") }
            if f == "links.csv" { text += "E001-P1,E009-T1\n" }
            try text.write(to: bad.appendingPathComponent(f), atomically: true, encoding: .utf8)
        }
        let r = try PEMSProcess.run(["--store", "s.db", "registry", "import", "bad"], in: dir)
        #expect(r.status == 1)
        let lines = r.stderr.split(separator: "\n").map(String.init)
        #expect(lines.contains { $0.hasPrefix("enterprises.csv:3: ") && $0.contains("999999") })
        #expect(lines.contains { $0.hasPrefix("links.csv:11: ") && $0.contains("E009-T1") })
        #expect(lines.last?.contains("registry rejected") == true && lines.last?.contains("version 1 stays in force") == true)
    }

    @Test func inspectJSONHasExactlyTheAgreedKeysPerLine() throws {
        let r = try PEMSProcess.run(["inspect", "--json", Self.packets + "/2024-07-03.log"])
        #expect(r.status == 0)
        let lines = r.stdout.split(separator: "\n")
        #expect(lines.count == 5752 + 2) // every line of the file, one object each
        let first = try #require(try JSONSerialization.jsonObject(with: Data(lines[0].utf8)) as? [String: Any])
        let keys = ["line", "QN", "ST", "CN", "PW", "MN", "Flag", "PNUM", "PNO", "version", "DataTime", "fields",
                    "length_declared", "length_actual", "crc_given", "crc_computed", "crc_ok", "length_ok", "error"]
        #expect(Set(first.keys) == Set(keys))
        let order = keys.compactMap { k in lines[0].range(of: "\"\(k)\":")?.lowerBound }
        #expect(order == order.sorted() && order.count == keys.count)
        let rejected = try PEMSProcess.run(["inspect", "--json", "--errors-only", Self.packets + "/2024-07-03.log"])
        let errors = rejected.stdout.split(separator: "\n").compactMap { l in
            (try? JSONSerialization.jsonObject(with: Data(l.utf8)) as? [String: Any])?["error"] as? String
        }
        #expect(errors.sorted() == ["bad_crc", "bad_length"])
    }

    @Test func loadOutputIsParseableUnderCronAndIdempotent() throws {
        let dir = try PEMSProcess.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        _ = try PEMSProcess.run(["--store", "s.db", "registry", "import", "--effective-from", "2024-07-01", Self.registry], in: dir)
        let r = try PEMSProcess.run(["--store", "s.db", "load", Self.packets + "/2024-07-10.log"], in: dir)
        #expect(r.status == 0)
        #expect(r.stderr.isEmpty) // no progress bar without a terminal
        #expect(r.stdout.contains("rejected lines: 2 (bad_crc 1, bad_length 1)\n"))
        #expect(r.stdout.contains("unknown MNs: 1 (13069999990180 120 packets; kept aside)\n"))
        let again = try PEMSProcess.run(["--store", "s.db", "load", "--json", Self.packets + "/2024-07-10.log"], in: dir)
        let obj = try #require(try JSONSerialization.jsonObject(with: Data(again.stdout.utf8)) as? [String: Any])
        #expect(obj["skipped"] as? Int == 1 && obj["loaded"] as? Int == 0)
    }
}
