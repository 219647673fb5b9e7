import Foundation
import Reports
import Testing

/// A template naming an unknown data source, field or key is rejected before any work, with
/// the file and the name.
@Suite struct TemplateValidationTests {
    func template(_ sheets: String) -> Data {
        Data("""
        {"report": "daily", "title": "日报", "fileName": "x.xlsx", "sheets": [\(sheets)]}
        """.utf8)
    }

    func error(_ data: Data) -> String? {
        do { _ = try TemplateLoader.parse(data, file: "daily.json", expected: .daily); return nil } catch { return "\(error)" }
    }

    @Test func everyShippedTemplateIsValid() throws {
        for kind in ReportKind.allCases {
            let t = try TemplateLoader.load(kind, from: ReportFixture.templates)
            #expect(t.report == kind)
            #expect(!t.sheets.isEmpty)
        }
    }

    @Test func unknownFieldIsRejectedWithFileKeyAndName() {
        let e = error(template(#"{"name": "企业", "source": "enterprises", "columns": [{"field": "emited_kg", "header": "排放"}]}"#))
        #expect(e?.hasPrefix("daily.json: sheets[0].columns[0].field: unknown field 'emited_kg' of data source 'enterprises'") == true)
    }

    @Test func unknownSourceIsRejected() {
        let e = error(template(#"{"name": "企业", "source": "firms", "columns": [{"field": "x", "header": "x"}]}"#))
        #expect(e?.hasPrefix("daily.json: sheet '企业': unknown data source 'firms'") == true)
    }

    @Test func unknownKeyAndBadSheetNameAndFieldsOfHighlightsAndChartsAreRejected() {
        #expect(error(template(#"{"name": "a", "source": "kpi", "columns": [{"field": "value", "header": "v", "hiden": true}]}"#))
            == "daily.json: unknown key sheets[0].columns[0].hiden")
        let long = String(repeating: "长", count: 32)
        #expect(error(template(#"{"name": "\#(long)", "source": "kpi", "columns": [{"field": "value", "header": "v"}]}"#))?
            .contains("must be 1…31 characters (has 32)") == true)
        #expect(error(template(#"{"name": "a/b", "source": "kpi", "columns": [{"field": "value", "header": "v"}]}"#))?
            .contains("must not contain") == true)
        #expect(error(template(#"{"name": "a", "source": "kpi", "columns": [{"field": "value", "header": "v"}], "highlight": [{"field": "nope", "op": ">", "value": 1}]}"#))?
            .contains("sheets[0].highlight[0].field: unknown field 'nope'") == true)
        #expect(error(template(#"{"name": "a", "source": "kpi", "columns": [{"field": "value", "header": "v"}], "charts": [{"type": "column", "title": "t", "categories": "indicator", "values": ["value"]}]}"#))?
            .contains("sheets[0].charts[0].categories = 'indicator': a charted field must be one of the sheet's columns") == true)
        #expect(error(template(#"{"name": "a", "source": "kpi", "columns": [{"field": "value", "header": "v"}], "highlight": [{"field": "value", "op": "~", "value": 1}]}"#))?
            .contains("op = '~'") == true)
    }

    /// A name libxlsxwriter would refuse is refused when the template is read, not when a
    /// report is half rendered: it counts code points and refuses an apostrophe at either end.
    @Test func sheetNamesAreRefusedWhereLibxlsxwriterWouldRefuseThem() {
        let decomposed = String(repeating: "e\u{301}", count: 16)
        #expect(decomposed.count == 16 && decomposed.unicodeScalars.count == 32)
        #expect(error(template(#"{"name": "\#(decomposed)", "source": "kpi", "columns": [{"field": "value", "header": "v"}]}"#))?
            .contains("must be 1…31 characters (has 32)") == true)
        #expect(error(template(#"{"name": "企业'", "source": "kpi", "columns": [{"field": "value", "header": "v"}]}"#))?
            .contains("start or end with '") == true)
        #expect(error(template(#"{"name": "企业's", "source": "kpi", "columns": [{"field": "value", "header": "v"}]}"#)) == nil)
    }

    @Test func aSourceOfAnotherReportIsRejected() {
        let e = error(template(#"{"name": "覆盖", "source": "coverage", "columns": [{"field": "enterprise_id", "header": "企业"}]}"#))
        #expect(e?.hasPrefix("daily.json: sheets[0].source = 'coverage': the daily report does not provide it") == true)
    }

    @Test func aTemplateForAnotherReportIsRejected() {
        let e = error(Data(#"{"report": "weekly", "title": "周报", "fileName": "x.xlsx", "sheets": [{"name": "a", "source": "kpi", "columns": [{"field": "value", "header": "v"}]}]}"#.utf8))
        #expect(e == "daily.json: \"report\" is 'weekly', expected 'daily'")
    }
}

/// The README staff read lists every data source and field the engine provides, as the
/// code declares them (`ReportField`): its "Data sources" section is `ResultSetCatalog.markdown`
/// exactly. After changing a declaration, `PEMS_WRITE_TEMPLATE_README=1 swift test --filter
/// TemplateReadmeTests` rewrites the section.
@Suite struct TemplateReadmeTests {
    static let heading = "## Data sources\n"

    @Test func readmeDataSourcesAreTheDeclaredFields() throws {
        let url = ReportFixture.templates.appendingPathComponent("README.md")
        let readme = try String(contentsOf: url, encoding: .utf8)
        let section = try #require(readme.range(of: Self.heading))
        if ProcessInfo.processInfo.environment["PEMS_WRITE_TEMPLATE_README"] == "1" {
            try (String(readme[..<section.lowerBound]) + ResultSetCatalog.markdown).write(to: url, atomically: true, encoding: .utf8)
            return
        }
        let listed = String(readme[section.lowerBound...])
        #expect(listed == ResultSetCatalog.markdown)
        // Every declared field is listed with its type (a readable failure for the usual case).
        for schema in ResultSetCatalog.all {
            #expect(listed.contains("### `\(schema.name)` — \(schema.meaning)\n"), "\(schema.name)")
            for f in schema.fields { #expect(listed.contains("| `\(f.name)` | \(f.type.rawValue) | \(f.meaning) |\n"), "\(schema.name).\(f.name)") }
        }
    }

    @Test func everySourceDeclaresUniqueFieldNames() {
        #expect(Set(ResultSetCatalog.all.map(\.name)).count == ResultSetCatalog.all.count)
        for schema in ResultSetCatalog.all {
            #expect(Set(schema.fields.map(\.name)).count == schema.fields.count, "\(schema.name)")
        }
    }
}
