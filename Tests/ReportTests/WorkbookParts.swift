import Foundation

/// Every XML part of an .xlsx, parsed on its own by Python's `xml.dom.minidom` (a strict XML
/// 1.0 parser, like Excel's): the check that a workbook is well-formed at all, before any
/// reader interprets it.
struct WorkbookParts {
    /// Names of the parts in the zip.
    let names: [String]
    /// Part name → the parser's message, for the parts that are not well-formed XML.
    let malformed: [String: String]
    /// Part name → its bytes as UTF-8 text, for every XML part.
    let texts: [String: String]

    static let script = """
    import json, sys, zipfile, xml.dom.minidom
    out = {"names": [], "malformed": {}, "texts": {}}
    with zipfile.ZipFile(sys.argv[1]) as z:
        for n in z.namelist():
            out["names"].append(n)
            if n.endswith(".xml") or n.endswith(".rels"):
                out["texts"][n] = z.read(n).decode("utf-8", errors="replace")
                try:
                    xml.dom.minidom.parseString(z.read(n))
                except Exception as e:
                    out["malformed"][n] = str(e)
    json.dump(out, sys.stdout)
    """

    struct Failure: Error, CustomStringConvertible { let description: String }

    static func read(_ url: URL) throws -> WorkbookParts {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: ReadWorkbook.python)
        p.arguments = ["-c", script, url.path]
        let out = Pipe(), err = Pipe()
        p.standardOutput = out
        p.standardError = err
        try p.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        let errText = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        p.waitUntilExit()
        guard p.terminationStatus == 0,
              let json = try JSONSerialization.jsonObject(with: data) as? [String: Any] else {
            throw Failure(description: "checking the parts of \(url.path) failed: \(errText)")
        }
        return WorkbookParts(names: json["names"] as? [String] ?? [], malformed: json["malformed"] as? [String: String] ?? [:],
                            texts: json["texts"] as? [String: String] ?? [:])
    }
}
