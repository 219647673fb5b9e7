import Testing
@testable import PEMSCore

/// Ids from the registry and from devices made into file and folder names (issue 14): one
/// function, `FileName.safe`, whose names stay inside their folder, are visible and bounded,
/// and never meet for two different ids.
@Suite struct FileNameTests {
    @Test(arguments: ["R1", "R20260629-O", "E001-T1", "TREATMENT_STOPPED.E001-T1.20240706T0000", "应急2026", "2026-06-01",
                      "قەشقەر", "ལྷ་ས་", "R1.2"])
    func anOrdinaryIDIsItsOwnName(id: String) {
        #expect(FileName.safe(id) == id)
    }

    @Test(arguments: ["R/1", "..", ".", ".hidden", "", "a\0b", "R\u{1}3", "a\nb", "x\u{1B}[31m", "印染\u{202E}厂", "a\\b",
                      "a b", "C:x", "~", "/", "../../etc/passwd", "\u{7F}", "\u{85}", "\u{2066}", String(repeating: "长", count: 400)])
    func aChangedIDIsASafeVisibleBoundedName(id: String) {
        let name = FileName.safe(id)
        #expect(name != id)
        #expect(!name.isEmpty && name != "." && name != "..")
        #expect(!name.hasPrefix("."))
        #expect(!name.contains("/") && !name.contains("\\") && !name.contains("\0"))
        #expect(!name.unicodeScalars.contains { $0.properties.generalCategory == .control || $0.properties.generalCategory == .format })
        #expect(name.utf8.count <= FileName.maxBytes, "\(name.utf8.count) bytes")
        #expect(FileName.safe(id) == name, "the same id gives the same name")
    }

    @Test func theReportedIDsKeepWhatCanBeReadOfThem() {
        #expect(FileName.safe("R/1").hasPrefix("R_1~"))
        #expect(FileName.safe("..").hasPrefix("_.~"))
        #expect(FileName.safe("R\u{1}3").hasPrefix("R_3~"))
        // The mark is `~` and 8 hex digits of the id's SHA-256.
        let name = FileName.safe("R/1")
        #expect(name.count == "R_1~".count + 8)
        #expect(name.suffix(8).allSatisfy { "0123456789abcdef".contains($0) })
    }

    @Test func idsThatSanitiseAlikeGetDifferentNames() {
        let ids = ["R/1", "R:1", "R 1", "R\u{1}1", "R_1", "R\\1", "R\n1", "..", "__", ".", "_"]
        let names = ids.map(FileName.safe)
        #expect(Set(names).count == ids.count, "\(names)")
        let long = String(repeating: "a", count: 300)
        #expect(FileName.safe(long + "1") != FileName.safe(long + "2"))
    }
}
