import Foundation
@testable import Loader
import PEMSCore
import Reports
import Testing

/// The 数据修改记录 sheet of the 数据质量与联网 workbook (issue 16; SPEC §13.35, seed 001 §4.2
/// "原始数据暂不允许修约"): the month's replaced readings, read back with openpyxl.
@Suite struct RevisionSheetTests {
    static let mn = "13060200010180"

    @Test func theQualityWorkbookListsTheMonthsRevisionsWithTheFileThatBroughtEach() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("pems-revisions-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let store = try Store(path: dir.appendingPathComponent("pems.db").path)
        let registry = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("shared/conformance-spec2/registry")
        guard case .success = try RegistryImporter.importDirectory(registry.path, into: store, effectiveFrom: Day("2024-06-01")!) else {
            Issue.record("registry refused"); return
        }
        func csv(_ name: String, _ rows: [String]) throws -> String {
            let url = dir.appendingPathComponent(name)
            try Data((["time,mn,code,param,value,flag"] + rows).joined(separator: "\n").utf8).write(to: url)
            return url.path
        }
        let first = try csv("a.csv", ["2024-07-11 09:00,\(Self.mn),pg1001,Pt,41.50,N", "2024-07-11 09:00,\(Self.mn),i33101,Rtd,0,N",
                                      "2024-06-30 09:00,\(Self.mn),pg1001,Pt,1,N"])
        // A file name that looks like a formula stays text.
        let second = try csv("=SUM(1,2).csv", ["2024-07-11 09:00,\(Self.mn),pg1001,Pt,42,F", "2024-07-11 09:00,\(Self.mn),i33101,Rtd,1,N",
                                               "2024-06-30 09:00,\(Self.mn),pg1001,Pt,2,N"])
        let (version, reg) = try store.registry(for: Day("2024-07-11")!)
        let loader = DataLoader(store: store, directory: try ChannelDirectory.make(registry: reg, store: store),
                                registryVersion: version.id, options: LoadOptions())
        _ = try loader.load(files: [first])
        _ = try loader.load(files: [second])
        var settings = Settings()
        settings.thresholdLookbackDays = 1
        settings.thresholdMinDays = 1
        let files = try ReportFixture.render(.quality, date: Day("2024-07-11")!, store: store, settings: settings,
                                             out: dir.appendingPathComponent("out", isDirectory: true))
        let wb = try ReadWorkbook.read(try #require(files.first { $0.pathExtension == "xlsx" }))
        let sheet = try #require(wb.sheet("数据修改记录"))
        #expect(sheet.headers == ["时间", "数采仪MN", "因子编码", "参数", "原值", "新值", "数据标记（原）", "数据标记（新）", "来源文件", "载入时间"])
        #expect(sheet.freeze == "A7" && sheet.filter?.hasPrefix("A6:J") == true, "\(String(describing: sheet.freeze)) \(String(describing: sheet.filter))")
        // July's two revisions (the June one is another month's), in key order: i33101 before pg1001.
        #expect(sheet.data.count == 2)
        #expect(sheet.data.map { $0[2].string ?? "" } == ["i33101", "pg1001"])
        #expect(sheet.data.map { $0[3].string ?? "" } == ["Rtd", "Pt"])
        #expect(sheet.data.map { $0[4].number ?? -1 } == [0, 41.5] && sheet.data.map { $0[5].number ?? -1 } == [1, 42])
        #expect(sheet.data.map { "\($0[6].string ?? "")/\($0[7].string ?? "")" } == ["N/N", "N/F"])
        #expect(sheet.data.allSatisfy { $0[1].string == Self.mn && $0[8].string == second && $0[8].type != "f" })
        #expect(sheet.data.first?[0].format == "yyyy-mm-dd hh:mm:ss")
    }
}
