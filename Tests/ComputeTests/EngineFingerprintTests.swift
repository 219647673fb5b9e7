import Accounting
import EngineFingerprint
import Foundation
import PEMSCore
import TestSupport
import Testing

/// The engine fingerprint (issue 15) keys the reuse of stored results: the same computing
/// sources give the same fingerprint and keep reusing, any change to them gives another one
/// and recomputes — stored computations and day-cache entries alike.
@Suite struct EngineFingerprintTests {
    /// Two versions of a computing source, differing in one rule (the treatment-stopped minimum).
    static let before: [EngineFingerprint.SourceFile] = [
        .init(path: "Sources/Baselines/Threshold.swift", bytes: Array("let stoppedMinutes = 30\n".utf8)),
        .init(path: "Sources/HJ212/CRC16.swift", bytes: Array("let polynomial = 0xA001\n".utf8)),
    ]
    static let after: [EngineFingerprint.SourceFile] = [
        .init(path: "Sources/Baselines/Threshold.swift", bytes: Array("let stoppedMinutes = 45\n".utf8)),
        .init(path: "Sources/HJ212/CRC16.swift", bytes: Array("let polynomial = 0xA001\n".utf8)),
    ]

    static func isHex64(_ s: String) -> Bool { s.count == 64 && s.allSatisfy { $0.isHexDigit && !$0.isUppercase } }

    @Test func theSameSourcesGiveTheSameFingerprintAndAChangedRuleAnother() {
        let a = EngineFingerprint.fingerprint(of: Self.before, schemaVersion: 8)
        let b = EngineFingerprint.fingerprint(of: Self.after, schemaVersion: 8)
        #expect(Self.isHex64(a) && Self.isHex64(b))
        #expect(a == EngineFingerprint.fingerprint(of: Self.before, schemaVersion: 8))
        #expect(a == EngineFingerprint.fingerprint(of: Self.before.reversed(), schemaVersion: 8))  // order given does not matter
        #expect(a != b)
    }

    @Test func commentsPathsFileBoundariesAndTheSchemaVersionAllCount() {
        let a = EngineFingerprint.fingerprint(of: Self.before, schemaVersion: 8)
        var commented = Self.before
        commented[0].bytes += Array("// why 30\n".utf8)
        var moved = Self.before
        moved[0].path = "Sources/Baselines/Thresholds.swift"
        // The same bytes in total, cut between the two files at another place.
        let joined = Self.before[0].bytes + Self.before[1].bytes
        let recut: [EngineFingerprint.SourceFile] = [.init(path: Self.before[0].path, bytes: Array(joined.prefix(10))),
                                                     .init(path: Self.before[1].path, bytes: Array(joined.dropFirst(10)))]
        let others = [EngineFingerprint.fingerprint(of: commented, schemaVersion: 8),
                      EngineFingerprint.fingerprint(of: moved, schemaVersion: 8),
                      EngineFingerprint.fingerprint(of: recut, schemaVersion: 8),
                      EngineFingerprint.fingerprint(of: Self.before, schemaVersion: 9)]
        #expect(Set(others + [a]).count == 5)
    }

    /// The build tool reads the schema version from Schema.swift's text; it must be the one
    /// the store migrates to.
    @Test func theSchemaVersionReadFromSchemaSwiftIsTheStoresCurrentVersion() throws {
        let url = SharedFixture.repositoryRoot.appendingPathComponent(EngineFingerprint.schemaFile)
        let text = try String(contentsOf: url, encoding: .utf8)
        #expect(EngineFingerprint.schemaVersion(inSchemaSource: text) == Schema.currentVersion)
        #expect(EngineFingerprint.schemaVersion(inSchemaSource: "enum Schema {}") == nil)
    }

    @Test func aStoredComputationIsReusedUnderTheSameFingerprintAndRecomputedUnderAnother() throws {
        let engineA = EngineFingerprint.fingerprint(of: Self.before, schemaVersion: Schema.currentVersion)
        let engineB = EngineFingerprint.fingerprint(of: Self.after, schemaVersion: Schema.currentVersion)
        var readings = ReadingsFile()
        readings.normalDay("2024-07-01")
        let ws = try StoredAccountingTests.workspace(readings, registryFrom: "2024-06-01")
        let day = try #require(Day("2024-07-01"))
        func run(_ engine: String) throws -> StoredComputation.Outcome {
            try StoredComputation.run(store: ws.store, settings: MiniRun.hourly, from: day, to: day, engineVersion: engine, reuse: true)
        }
        let first = try run(engineA)
        #expect(!first.reused)
        let same = try run(engineA)
        #expect(same.reused && same.computationID == first.computationID)
        let changed = try run(engineB)
        #expect(!changed.reused && changed.computationID != first.computationID)
        #expect(changed.result.facilityDays == first.result.facilityDays)   // recomputed, not altered
        let stored = try #require(try ws.store.latestComputation(from: day, to: day))
        #expect(stored.id == changed.computationID && stored.engineVersion == engineB)
        let again = try run(engineB)
        #expect(again.reused && again.computationID == changed.computationID)
    }

    @Test func theDayCacheIsNotReusedAcrossFingerprints() throws {
        let engineA = EngineFingerprint.fingerprint(of: Self.before, schemaVersion: Schema.currentVersion)
        let engineB = EngineFingerprint.fingerprint(of: Self.after, schemaVersion: Schema.currentVersion)
        let ws = try DayCacheTests.conformanceStore()
        func run(_ engine: String) throws -> ComputationResult {
            try StoredComputation.run(store: ws.store, settings: Settings(), from: Day("2024-07-08")!, to: Day("2024-07-12")!,
                                      engineVersion: engine, reuse: false, useDayCache: true).result
        }
        let filling = try run(engineA)
        #expect(filling.dayCacheHits == 0 && filling.dayCacheWrites == 11)
        #expect(try run(engineA).dayCacheHits == 7)
        let other = try run(engineB)
        #expect(other.dayCacheHits == 0 && other.dayCacheWrites == 11)
        DayCacheTests.expectSameResults(filling, other)
    }
}

/// The fingerprint's SHA-256 is plain Swift (a plugin's tool is built apart, where
/// swift-crypto would be compiled again): it must agree with FIPS 180-4 and swift-crypto.
@Suite struct SHA256DigestTests {
    static func digest(_ bytes: [UInt8]) -> String {
        var d = SHA256Digest()
        d.update(bytes)
        return d.finalize()
    }

    @Test func theFIPSExamplesGiveTheirDigests() {
        #expect(Self.digest([]) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(Self.digest(Array("abc".utf8)) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(Self.digest(Array("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".utf8))
                == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
    }

    @Test func everyLengthAroundTheBlockBoundariesAgreesWithSwiftCrypto() {
        var bytes: [UInt8] = []
        var x: UInt32 = 2_463_534_242
        for n in 0...300 {
            #expect(Self.digest(bytes) == ContentHash.sha256(bytes), "length \(n)")
            x ^= x << 13; x ^= x >> 17; x ^= x << 5
            bytes.append(UInt8(truncatingIfNeeded: x))
        }
        // Fed in pieces, the same digest.
        var d = SHA256Digest()
        d.update(bytes.prefix(7))
        d.update(bytes.dropFirst(7).prefix(100))
        d.update(bytes.dropFirst(107))
        #expect(d.finalize() == ContentHash.sha256(bytes))
    }
}
