extension ReportScope {
    /// The name of an edition's file: the city's as it is (`日报_2026-07-05.xlsx`, `brief.pdf`),
    /// a county edition's with `_<district code>` before the extension
    /// (`日报_2026-07-05_130602.xlsx`, `brief_130602.pdf`, `evidence-2026-07-05_130602`), so a
    /// city file and a county file written into one folder never replace each other, and a
    /// county file forwarded on its own still says whose it is. The code is made a safe name
    /// part (`FileName.safe`): it is registry text.
    public func fileName(_ name: String) -> String {
        guard let code = districtCode else { return name }
        let tag = "_" + FileName.safe(code)
        if let dot = name.lastIndex(of: "."), dot != name.startIndex {
            return String(name[..<dot]) + tag + String(name[dot...])
        }
        return name + tag
    }
}
