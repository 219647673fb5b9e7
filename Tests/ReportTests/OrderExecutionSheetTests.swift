import Accounting
@testable import Charts
import Foundation
import PEMSCore
@testable import Reports
import Testing
import TestSupport

/// 落实情况 of the conformance city's orange response R20240709-O (07-09 12:00 … 07-11 00:00;
/// the final 6 hours are 07-10 18:00 … 07-11 00:00), worked out by hand from the fixture's
/// `expected/events.csv` and `plans.csv`:
/// - E001 (stop rows): STOP_VIOLATION until 07-10 18:15, inside the final stretch → 未落实;
/// - E002 (limit rows): enterprise-level LIMIT_VIOLATION until 07-10 17:45 (its 07-11 shift
///   events belong to the heat response) → 超期落实, 17:45 − 07-09 12:00 = 1,785 minutes;
/// - E003 (shift row on P1, stop row on P9): SHIFT_VIOLATION until 07-10 16:00 → 超期落实,
///   1,680 minutes (its STOP event 07-09 08:00–12:00 is the red response's and ends as this one
///   starts);
/// - E004 (shift rows): no event → 按时落实.
@Suite struct OrderExecutionSheetTests {
    @Test func theOrangeResponsesEnterprisesAreClassifiedByTheirLastEvent() throws {
        let f = try DossierFixture.shared()
        let resp = try #require(f.result.registry.responses.first { $0.id == "R20240709-O" })
        let sets = ResponseReport.resultSets(response: resp, result: f.result)
        let rows = try #require(sets[OrderExecutionField.source])
        var got: [String: [OrderExecutionField: ReportCell]] = [:]
        try rows.forEach { cells in
            var r: [OrderExecutionField: ReportCell] = [:]
            for (field, cell) in zip(OrderExecutionField.allCases, cells) { r[field] = cell }
            if case .text(let id)? = r[.enterpriseID] { got[id] = r }
        }
        #expect(got.keys.sorted() == ["E001", "E002", "E003", "E004"])
        #expect(got["E001"]?[.status] == .text("未落实") && got["E001"]?[.delayMinutes] == .empty)
        #expect(got["E001"]?[.lastEventEnd] == .time(Timestamp("2024-07-10 18:15")!))
        #expect(got["E002"]?[.status] == .text("超期落实") && got["E002"]?[.delayMinutes] == .integer(1785))
        #expect(got["E002"]?[.events] == .integer(2) && got["E002"]?[.violatingMinutes] == .integer(360 + 585))
        #expect(got["E003"]?[.status] == .text("超期落实") && got["E003"]?[.delayMinutes] == .integer(1680))
        #expect(got["E003"]?[.measures] == .text("停产、错峰生产"))
        #expect(got["E004"]?[.status] == .text("按时落实") && got["E004"]?[.events] == .integer(0))
        // The summary counts them.
        var summary: [String: ReportCell] = [:]
        try sets[ResponseSummaryField.source]?.forEach { cells in
            if case .text(let item) = cells[0] { summary[item] = cells[ResponseSummaryField.allCases.firstIndex(of: .number) ?? 0] }
        }
        #expect(summary["按时落实(家)"] == .integer(1) && summary["超期落实(家)"] == .integer(2) && summary["未落实(家)"] == .integer(1))
    }

    /// The brief's response section says the same, naming the enterprise that did not carry them out.
    @Test func theBriefsResponseLineCountsTheThreeClasses() throws {
        let f = try DossierFixture.shared()
        let line = try #require(BriefContent.responses(PeriodFacts(f.result)).first { $0.responseID == "R20240709-O" }?.line)
        let e001 = f.result.registry.enterprise(id: "E001")?.name ?? "?"
        #expect(line.contains("按时落实 1 家、超期落实 2 家、未落实 1 家（未落实：\(e001)）"), "\(line)")
    }
}
