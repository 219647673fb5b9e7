import Foundation

/// Reads and checks report templates (`ReportTemplates/<kind>.json`) before any work starts:
/// unknown keys, data sources and fields, bad sheet names, colours and operators are rejected
/// with the file and the key path.
public enum TemplateLoader {
    /// Loads `<directory>/<kind>.json` and validates it.
    public static func load(_ kind: ReportKind, from directory: URL) throws -> ReportTemplate {
        let url = directory.appendingPathComponent("\(kind.rawValue).json")
        guard let data = FileManager.default.contents(atPath: url.path) else { throw TemplateError.missing(file: url.path) }
        return try parse(data, file: url.path, expected: kind)
    }

    /// Parses and validates a template's JSON text.
    public static func parse(_ data: Data, file: String, expected: ReportKind? = nil) throws -> ReportTemplate {
        let raw: Any
        do { raw = try JSONSerialization.jsonObject(with: data) } catch {
            throw TemplateError.unreadable(file: file, reason: (error as NSError).userInfo["NSDebugDescription"] as? String ?? "\(error)")
        }
        try checkKeys(raw, file: file)
        let template: ReportTemplate
        do { template = try JSONDecoder().decode(ReportTemplate.self, from: data) } catch let DecodingError.keyNotFound(key, ctx) {
            throw TemplateError.unreadable(file: file, reason: "missing key \(path(ctx.codingPath + [key]))")
        } catch let DecodingError.typeMismatch(_, ctx) {
            throw TemplateError.unreadable(file: file, reason: "wrong type at \(path(ctx.codingPath)): \(ctx.debugDescription)")
        } catch let DecodingError.dataCorrupted(ctx) {
            throw TemplateError.unreadable(file: file, reason: "\(path(ctx.codingPath)): \(ctx.debugDescription)")
        } catch {
            throw TemplateError.unreadable(file: file, reason: "\(error)")
        }
        if let expected, template.report != expected {
            throw TemplateError.wrongReport(file: file, expected: expected.rawValue, found: template.report.rawValue)
        }
        try validate(template, file: file)
        return template
    }

    static func path(_ keys: [CodingKey]) -> String {
        keys.map { $0.intValue.map { "[\($0)]" } ?? "." + $0.stringValue }.joined().trimmingCharacters(in: ["."])
    }

    static let allowed: [String: Set<String>] = [
        "": ["report", "title", "fileName", "constantMemory", "sheets"],
        "sheets": ["name", "source", "titleRows", "columns", "sort", "highlight", "charts"],
        "columns": ["field", "header", "width", "format", "hidden"],
        "sort": ["field", "descending"],
        "highlight": ["field", "op", "value", "color", "wholeRow"],
        "charts": ["type", "title", "categories", "values", "row", "column", "maxRows"],
    ]

    /// Rejects keys the model does not know (a typo such as "hiden" would otherwise be ignored).
    static func checkKeys(_ raw: Any, file: String) throws {
        guard let top = raw as? [String: Any] else { throw TemplateError.unreadable(file: file, reason: "the top level must be an object") }
        try checkObject(top, kind: "", at: "", file: file)
        for (i, sheet) in (top["sheets"] as? [Any] ?? []).enumerated() {
            guard let s = sheet as? [String: Any] else { continue }
            let here = "sheets[\(i)]"
            try checkObject(s, kind: "sheets", at: here, file: file)
            for list in ["columns", "sort", "highlight", "charts"] {
                for (j, item) in (s[list] as? [Any] ?? []).enumerated() {
                    if let o = item as? [String: Any] { try checkObject(o, kind: list, at: "\(here).\(list)[\(j)]", file: file) }
                }
            }
        }
    }

    static func checkObject(_ o: [String: Any], kind: String, at: String, file: String) throws {
        let known = allowed[kind] ?? []
        for key in o.keys.sorted() where !known.contains(key) {
            throw TemplateError.unknownKey(file: file, key: at.isEmpty ? key : "\(at).\(key)")
        }
    }

    static let forbiddenInSheetNames = Set("[]:*?/\\")
    static let ops: Set<String> = [">", ">=", "<", "<=", "=", "<>"]
    static let chartTypes: Set<String> = ["column", "bar", "line", "pie"]

    /// Sources, fields, sheet names, operators, colours and chart references.
    public static func validate(_ t: ReportTemplate, file: String) throws {
        if t.sheets.isEmpty { throw TemplateError.badValue(file: file, key: "sheets", value: "[]", reason: "a report needs a sheet") }
        var names: Set<String> = []
        for (i, sheet) in t.sheets.enumerated() {
            let at = "sheets[\(i)]"
            // Excel's rules as libxlsxwriter checks them: it counts code points (a letter with a
            // combining accent is two), and refuses an apostrophe at either end.
            let length = sheet.name.unicodeScalars.count
            if length == 0 || length > 31 {
                throw TemplateError.badSheetName(file: file, name: sheet.name, reason: "must be 1…31 characters (has \(length))")
            }
            if sheet.name.contains(where: { forbiddenInSheetNames.contains($0) }) || sheet.name.hasPrefix("'") || sheet.name.hasSuffix("'") {
                throw TemplateError.badSheetName(file: file, name: sheet.name, reason: "must not contain [ ] : * ? / \\ or start or end with '")
            }
            if !names.insert(sheet.name.lowercased()).inserted {
                throw TemplateError.badSheetName(file: file, name: sheet.name, reason: "used twice")
            }
            guard let schema = ResultSetCatalog.schema(sheet.source) else {
                throw TemplateError.unknownSource(file: file, sheet: sheet.name, source: sheet.source)
            }
            if !ResultSetCatalog.sources(for: t.report).contains(sheet.source) {
                throw TemplateError.badValue(file: file, key: "\(at).source", value: sheet.source,
                                             reason: "the \(t.report.rawValue) report does not provide it (it provides: \(ResultSetCatalog.sources(for: t.report).joined(separator: ", ")))")
            }
            func field(_ name: String, _ key: String) throws {
                if schema.field(name) == nil { throw TemplateError.unknownField(file: file, key: key, source: schema.name, field: name) }
            }
            if sheet.columns.isEmpty { throw TemplateError.badValue(file: file, key: "\(at).columns", value: "[]", reason: "a sheet needs a column") }
            for (j, c) in sheet.columns.enumerated() {
                try field(c.field, "\(at).columns[\(j)].field")
                if let w = c.width, !(0...255).contains(w) {
                    throw TemplateError.badValue(file: file, key: "\(at).columns[\(j)].width", value: "\(w)", reason: "must be 0…255")
                }
            }
            for (j, s) in (sheet.sort ?? []).enumerated() { try field(s.field, "\(at).sort[\(j)].field") }
            let shown = Set(sheet.columns.map(\.field))
            for (j, h) in (sheet.highlight ?? []).enumerated() {
                let k = "\(at).highlight[\(j)]"
                try field(h.field, "\(k).field")
                if !shown.contains(h.field) {
                    throw TemplateError.badValue(file: file, key: "\(k).field", value: h.field, reason: "a highlighted field must be one of the sheet's columns")
                }
                if !ops.contains(h.op) { throw TemplateError.badValue(file: file, key: "\(k).op", value: h.op, reason: "must be one of > >= < <= = <>") }
                if let c = h.color, Colour.parse(c) == nil {
                    throw TemplateError.badValue(file: file, key: "\(k).color", value: c, reason: "must be #RRGGBB")
                }
            }
            for (j, c) in (sheet.charts ?? []).enumerated() {
                let k = "\(at).charts[\(j)]"
                if !chartTypes.contains(c.type) {
                    throw TemplateError.badValue(file: file, key: "\(k).type", value: c.type, reason: "must be column, bar, line or pie")
                }
                for (name, key) in [(c.categories, "\(k).categories")] + c.values.enumerated().map({ ($1, "\(k).values[\($0)]") }) {
                    try field(name, key)
                    if !shown.contains(name) {
                        throw TemplateError.badValue(file: file, key: key, value: name, reason: "a charted field must be one of the sheet's columns")
                    }
                }
                if c.values.isEmpty { throw TemplateError.badValue(file: file, key: "\(k).values", value: "[]", reason: "a chart needs a series") }
            }
        }
    }
}

/// `#RRGGBB` colours.
enum Colour {
    static func parse(_ s: String) -> UInt32? {
        guard s.count == 7, s.hasPrefix("#") else { return nil }
        return UInt32(s.dropFirst(), radix: 16)
    }
}
