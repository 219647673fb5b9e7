import PEMSCore

/// How one fuzz input becomes a registry folder: its bytes split at NUL, the pieces taken
/// as the SPEC §2 files in `RegistryFile.allCases` order (districts, enterprises, collectors,
/// facilities, points, links, plans, responses, weather, exemptions, carbon, targets). A
/// piece that is not there is a file that is not there; pieces after the twelfth are ignored.
/// NUL never occurs in a registry CSV, so the seeds (the fixture's files joined by NUL) keep
/// their files apart, and a mutation that adds or drops one moves rows between files.
enum RegistryInput {
    static func files(_ input: UnsafeBufferPointer<UInt8>) -> [(name: String, bytes: [UInt8])] {
        var files: [(name: String, bytes: [UInt8])] = []
        var start = 0
        for i in 0...input.count where i == input.count || input[i] == 0 {
            guard files.count < RegistryFile.allCases.count else { break }
            files.append((RegistryFile.allCases[files.count].name, Array(input[start..<i])))
            start = i + 1
        }
        return files
    }

}
