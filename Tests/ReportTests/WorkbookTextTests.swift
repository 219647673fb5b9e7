import Accounting
import Foundation
import HJ212
@testable import Loader
import PEMSCore
import Reports
import Testing

/// Device and registry text in the workbooks (issue 13): a character XML 1.0 forbids — in an
/// MN a store holds, an enterprise name from the registry, a template — never reaches a
/// workbook part (it becomes U+FFFD there), while the §12 CSV exports keep the original.
/// Since issue 14 a packet whose MN is not letters and digits is rejected as `bad_header`, so
/// such an MN comes only from a store loaded before.
@Suite(.serialized) struct WorkbookTextTests {
    static let day = Day("2026-06-02")!
    /// U+0001 in the registry's enterprise name; U+FFFF (valid UTF-8: EF BF BF) in an MN.
    static let enterpriseName = "甲\u{01}公司"
    static let unknownMN = "M\u{FFFF}9"

    /// True for a scalar XML 1.0's `Char` production excludes (NOTES.md).
    static func forbiddenInXML(_ s: Unicode.Scalar) -> Bool {
        (s.value < 0x20 && s.value != 0x09 && s.value != 0x0A && s.value != 0x0D) || s.value == 0xFFFE || s.value == 0xFFFF
    }

    /// A one-enterprise registry whose name holds U+0001, the day's packets of its collector
    /// and a correctly framed packet whose MN holds U+FFFF (rejected), imported and loaded into
    /// a fresh store; then the unknown MN holding U+FFFF that an older store may hold.
    final class Workspace {
        let dir: URL
        let store: Store
        /// Lines the load rejected, by reason.
        var rejected: [String: Int] = [:]

        init() throws {
            dir = FileManager.default.temporaryDirectory.appendingPathComponent("pems-text-\(UUID().uuidString)")
            let registry = dir.appendingPathComponent("registry", isDirectory: true)
            try FileManager.default.createDirectory(at: registry, withIntermediateDirectories: true)
            store = try Store(path: dir.appendingPathComponent("pems.db").path)
            let files: [String: [String]] = [
                "districts.csv": ["district_code,district_name,zone_513", "130602,竞秀区,1"],
                "enterprises.csv": ["enterprise_id,name,credit_code,district_code,industry,lat,lon,annual_voc_t,performance_grade,min_load_ratio",
                                    "E1,\(WorkbookTextTests.enterpriseName),,130602,塑料,39.0,115.3,5.0,B,"],
                "collectors.csv": ["mn,enterprise_id", "M1,E1"],
                "facilities.csv": ["facility_id,enterprise_id,kind,name,process,min_running,voc_kg_per_kwh,design_collection,design_removal,design_airflow_m3h,carbon_cycle_days,carbon_max_hours,carbon_max_kwh,carbon_max_m3",
                                   "P1,E1,production,注塑,,,0.02,0.8,,,,,,", "T1,E1,treatment,喷淋,SPRAY,1,,,0.5,10000,,,,"],
                "points.csv": ["point_id,enterprise_id,mn,code,kind,facility_id,name,rated_kw,threshold_kw,role,valid_min,valid_max",
                               "p1,E1,M1,pg1001,production,P1,设备,100,10,,,", "ta,E1,M1,t10001,treatment,T1,主风机,20,5,,,",
                               "tot,E1,M1,100000,total,,总表,300,,,,"],
                "links.csv": ["production_facility_id,treatment_facility_id", "P1,T1"],
            ]
            for (name, lines) in files {
                try Data((lines.joined(separator: "\n") + "\n").utf8).write(to: registry.appendingPathComponent(name))
            }
            switch try RegistryImporter.importDirectory(registry.path, into: store, effectiveFrom: WorkbookTextTests.day) {
            case .success: break
            case .failure(let r): throw r
            }
            var lines: [String] = []
            for h in 8..<12 {
                let time = String(format: "20260602%02d0000", h)
                lines.append(Frame.encode(segment: "QN=\(time)000;ST=32;CN=2011;PW=123456;MN=M1;Flag=5;CP=&&DataTime=\(time);"
                                          + "pg1001-Rtd=50.0,pg1001-Flag=N;t10001-Rtd=15.0,t10001-Flag=N;100000-Rtd=70.0,100000-Flag=N&&"))
            }
            lines.append(Frame.encode(segment: "QN=20260602100000000;ST=32;CN=2011;PW=123456;MN=\(WorkbookTextTests.unknownMN);Flag=5;"
                                      + "CP=&&DataTime=20260602100000;pg1001-Rtd=50.0,pg1001-Flag=N&&"))
            let packets = dir.appendingPathComponent("packets.log")
            try Data((lines.joined(separator: "\r\n") + "\r\n").utf8).write(to: packets)
            let (version, reg) = try store.registry(for: WorkbookTextTests.day)
            let loader = DataLoader(store: store, directory: try ChannelDirectory.make(registry: reg, store: store),
                                    registryVersion: version.id, options: LoadOptions())
            rejected = LoadSummary(files: try loader.load(files: [packets.path]), seconds: 0).total.rejected
            // What a store loaded before issue 14 may hold: the packet's MN counted as unknown.
            try store.addUnknownMN(WorkbookTextTests.unknownMN, day: WorkbookTextTests.day.index, packets: 1)
        }

        deinit { try? FileManager.default.removeItem(at: dir) }
    }

    @Test func deviceAndRegistryTextXMLForbidsBecomesU_FFFDInTheDailyAndQualityWorkbooksAndStaysInTheCSV() throws {
        let ws = try Workspace()
        #expect(ws.rejected == ["bad_header": 1])
        #expect(try ws.store.unknownMNTotals().map(\.mn) == [Self.unknownMN])
        let out = ws.dir.appendingPathComponent("out", isDirectory: true)
        let daily = try ReportFixture.render(.daily, date: Self.day, store: ws.store, settings: Settings(), out: out)
        let quality = try ReportFixture.render(.quality, date: Self.day, store: ws.store, settings: Settings(), out: out)
        let workbooks = (daily + quality).filter { $0.pathExtension == "xlsx" }
        #expect(workbooks.count == 2)
        for url in workbooks {
            let parts = try WorkbookParts.read(url)
            #expect(parts.names.contains("xl/workbook.xml"))
            #expect(parts.malformed.isEmpty, "\(url.lastPathComponent): \(parts.malformed)")
            // What a reader sees: the name and the MN, each forbidden character shown as U+FFFD.
            let wb = try ReadWorkbook.read(url)
            let texts = wb.sheets.flatMap { $0.rows.flatMap { $0.compactMap(\.string) } }
            #expect(texts.contains("甲\u{FFFD}公司"), "\(url.lastPathComponent): no enterprise name")
            #expect(texts.contains("M\u{FFFD}9"), "\(url.lastPathComponent): no unknown MN")
            #expect(!texts.contains { $0.unicodeScalars.contains(where: Self.forbiddenInXML) })
        }
        // The machine-readable export keeps what the device sent.
        let outcome = try StoredComputation.run(store: ws.store, settings: Settings(), from: Self.day, to: Self.day,
                                                engineVersion: "test", reuse: true)
        let export = ws.dir.appendingPathComponent("export", isDirectory: true)
        try MachineExports.write(try outcome.result(), to: export)
        let dq = try csvRows(export.appendingPathComponent("dq.csv"))
        #expect(dq.contains { $0["check"] == "UNKNOWN_MN" && $0["point_id"] == Self.unknownMN })
    }

    @Test func sanitizedReplacesExactlyWhatXMLForbids() {
        // Kept: TAB, LF, CR, DEL, C1, U+FFFD itself, U+FFFC, non-BMP (4-byte) characters, and
        // U+EFBF… lookalikes whose UTF-8 also starts EF BF (U+FFF0–U+FFFD).
        let allowed = "a\tb\nc\r\u{7F}\u{85}\u{FFFD}\u{FFFC}\u{FFF0}𓀀工况"
        #expect(XMLText.sanitized(allowed) == allowed)
        #expect(XMLText.sanitized("") == "")
        #expect(XMLText.sanitized("\u{0}\u{8}\u{B}\u{C}\u{E}\u{1F} \u{FFFE}\u{FFFF}")
            == "\u{FFFD}\u{FFFD}\u{FFFD}\u{FFFD}\u{FFFD}\u{FFFD} \u{FFFD}\u{FFFD}")
        #expect(XMLText.sanitized("甲\u{1}公司") == "甲\u{FFFD}公司")
        // Every scalar up to U+FFFF against XML 1.0's Char production, one at a time.
        for v in UInt32(0)...0xFFFF {
            guard let s = Unicode.Scalar(v) else { continue }
            let allowedByXML = v == 0x9 || v == 0xA || v == 0xD || (0x20...0xD7FF).contains(v) || (0xE000...0xFFFD).contains(v)
            let out = XMLText.sanitized("x" + String(Character(s)) + "y")
            #expect(out == (allowedByXML ? "x\(Character(s))y" : "x\u{FFFD}y"), "U+\(String(v, radix: 16))")
        }
    }

    /// Sheet name, title, period line, header, cell, chart title and a highlight value, each
    /// with a character XML forbids, through the writer directly.
    @Test func everyStringTheWriterGivesLibxlsxwriterIsFreeOfCharactersXMLForbids() throws {
        let json = """
        {"report": "quality", "title": "报表\\u0002", "fileName": "t_{period}.xlsx",
         "sheets": [{"name": "数采仪\\u0003", "source": "unknown_mns",
                     "columns": [{"field": "mn", "header": "数采仪\\u0004编号"}, {"field": "packets", "header": "报文数", "format": "0\\u0005"}],
                     "highlight": [{"field": "mn", "op": "=", "value": "M\\u0006"}],
                     "charts": [{"type": "column", "title": "图\\uFFFE", "categories": "mn", "values": ["packets"]}]}]}
        """
        let template = try JSONDecoder().decode(ReportTemplate.self, from: Data(json.utf8))
        var set = ResultSet<UnknownMNsField>()
        set.append([.mn: .text(Self.unknownMN), .packets: .integer(3)])
        set.append([.mn: .text("M\u{1B}[31m"), .packets: .integer(4)])
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("pems-text-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let url = dir.appendingPathComponent("t.xlsx")
        let heading = ReportHeading(period: "统计\u{07}日期", asOf: Self.day.start, completeness: nil, completenessTarget: 0.998)
        try WorkbookWriter.render(template, data: [UnknownMNsField.source: ResultRows(set)], heading: heading, to: url)

        let parts = try WorkbookParts.read(url)
        #expect(parts.malformed.isEmpty, "\(parts.malformed)")
        let chart = try #require(parts.texts.first { $0.key.hasPrefix("xl/charts/chart") }?.value)
        #expect(chart.contains("图\u{FFFD}"))
        #expect(parts.texts["docProps/core.xml"]?.contains("报表\u{FFFD}") == true)
        let wb = try ReadWorkbook.read(url)
        let sheet = try #require(wb.sheets.first)
        #expect(sheet.name == "数采仪\u{FFFD}")
        #expect(sheet.row(1).first?.string == "报表\u{FFFD} — 数采仪\u{FFFD}")
        #expect(sheet.row(2).first?.string == "统计\u{FFFD}日期")
        #expect(sheet.headers == ["数采仪\u{FFFD}编号", "报文数"])
        #expect(sheet.data.map { $0[0].string } == ["M\u{FFFD}9", "M\u{FFFD}[31m"])
        #expect(sheet.data.map { $0[1].format } == ["0\u{FFFD}", "0\u{FFFD}"])
        #expect(sheet.charts == ["BarChart"])
    }
}
