/// Why a report template was rejected; each message names the file and the key at fault.
public enum TemplateError: Error, CustomStringConvertible, Equatable {
    case missing(file: String)
    case unreadable(file: String, reason: String)
    case unknownKey(file: String, key: String)
    case unknownSource(file: String, sheet: String, source: String)
    case unknownField(file: String, key: String, source: String, field: String)
    case badSheetName(file: String, name: String, reason: String)
    case badValue(file: String, key: String, value: String, reason: String)
    case wrongReport(file: String, expected: String, found: String)

    public var description: String {
        switch self {
        case .missing(let f): return "\(f): report template not found"
        case .unreadable(let f, let r): return "\(f): not a valid template: \(r)"
        case .unknownKey(let f, let k): return "\(f): unknown key \(k)"
        case .unknownSource(let f, let s, let src):
            return "\(f): sheet '\(s)': unknown data source '\(src)' (known: \(ResultSetCatalog.all.map(\.name).joined(separator: ", ")))"
        case .unknownField(let f, let k, let src, let field):
            let known = ResultSetCatalog.schema(src)?.fields.map(\.name).joined(separator: ", ") ?? ""
            return "\(f): \(k): unknown field '\(field)' of data source '\(src)' (known: \(known))"
        case .badSheetName(let f, let n, let r): return "\(f): sheet name '\(n)': \(r)"
        case .badValue(let f, let k, let v, let r): return "\(f): \(k) = '\(v)': \(r)"
        case .wrongReport(let f, let e, let found): return "\(f): \"report\" is '\(found)', expected '\(e)'"
        }
    }
}
