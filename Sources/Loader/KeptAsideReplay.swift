import Foundation
import PEMSCore

/// What bringing kept-aside lines in did (SPEC §13.37): one load of its own in the file ledger.
public struct KeptAsideReplay: Sendable {
    /// The registry version whose directory placed the lines.
    public var registryVersion: Int?
    /// Kept-aside lines loaded, wholly or in part.
    public var lines: Int
    /// Readings they brought in.
    public var readings: Int
    /// How many loads (files) those lines had been kept aside from.
    public var files: Int
    /// Of those lines, how many stay aside for codes the registry still does not know.
    public var stillAside: Int
    /// The counts of the replay load, as for a file.
    public var counters: LoadCounters
    /// Its ledger entry (`files.file_id`, format `kept_aside`).
    public var fileID: Int

    /// "registry v3: 1,234 readings kept aside brought in from 2 files"
    public var summary: String {
        let n = LoadSummaryFormat.n
        var s = "registry v\(registryVersion.map(String.init) ?? "?"): \(n(readings)) reading\(readings == 1 ? "" : "s") kept aside"
            + " brought in from \(n(files)) file\(files == 1 ? "" : "s")"
        if stillAside > 0 { s += "; \(n(stillAside)) line\(stillAside == 1 ? "" : "s") still kept aside" }
        if counters.rejectedLines > 0 { s += "; \(n(counters.rejectedLines)) rejected" }
        return s
    }

    /// The ledger's name for a replay load (`files.format`).
    public static let format = "kept_aside"
}

extension DataLoader {
    /// Brings in every kept-aside line whose MN or codes this loader's registry knows — in the
    /// order they were first loaded (load, then line), through the same worker as a file, as
    /// one load of its own (one transaction, recorded in the ledger with the days it brought
    /// data for, so late-data detection sees them). Of a known MN's line only the values set
    /// aside load: its other values were loaded with the line, and loading them again would
    /// undo later corrections. Lines still (partly) unknown stay aside. Packets of an MN that
    /// is known now no longer count as unknown-MN packets. nil when nothing could be placed.
    ///
    /// Called when a registry version is imported (`RegistryImporter`) and at the start of
    /// every load (`load(files:)`), so a version that becomes current by its date brings its
    /// lines in before newer data.
    public func bringInKeptAside() throws -> KeptAsideReplay? {
        var mns: Set<String> = [], wanted: Set<String> = []
        for k in try store.keptAsideKeys()
        where directory.canPlace(mn: k.mn, codes: KeptAsideLine.codes(fromText: k.codes, format: k.format)) {
            mns.insert(k.mn)
            wanted.insert(Self.keptAsideKey(k.mn, k.codes))
        }
        guard !mns.isEmpty else { return nil }
        let worker = makeWorker()
        // Where each line brought in was kept, and the codes it still waits for (not its bytes).
        var settled: [(fileID: Int, line: Int, format: String, stillUnknown: [String]?)] = []
        var unknownMN: [UnknownMNKey: Int] = [:]
        var bytes = 0
        var digest = "kept aside brought in by registry v\(registryVersion.map(String.init) ?? "?") at \(Store.now())\n"
        try store.forEachKeptAside(mns: mns, include: { wanted.contains(Self.keptAsideKey($0, $1)) }) { k in
            let before = worker.keptAside.count
            guard worker.replay(k) else { return }
            let still = worker.keptAside.count > before ? worker.keptAside.removeLast().codes : nil
            settled.append((k.fileID, k.line, k.format, still))
            if k.codes == nil { unknownMN[UnknownMNKey(mn: k.mn, day: k.day), default: 0] += 1 }
            bytes += k.raw.count
            digest += "\(k.fileID) \(k.line)\n"
        }
        guard !settled.isEmpty else { return nil }
        worker.counters.lines = settled.count
        var counters = LoadCounters()
        let fileID: Int = try store.db.transaction {
            let fileID = try store.beginFile(sha256: ContentHash.sha256(Array(digest.utf8)),
                                             path: "(kept aside: \(settled.count) lines brought in by registry v\(registryVersion.map(String.init) ?? "?"))",
                                             format: KeptAsideReplay.format, bytes: bytes, registryVersion: registryVersion)
            counters = try write(workers: [worker], fileID: fileID)
            let examples = worker.examples.sorted { ($0.line, $0.reason) < ($1.line, $1.reason) }
            try writeLedger(fileID: fileID, counters: counters, examples: examples, workers: [worker])
            for s in settled {
                try store.settleKeptAside(file: s.fileID, line: s.line, format: s.format, stillUnknown: s.stillUnknown)
            }
            for (k, n) in unknownMN.sorted(by: { $0.key < $1.key }) { try store.forgetUnknownMN(k.mn, day: k.day, packets: n) }
            return fileID
        }
        return KeptAsideReplay(registryVersion: registryVersion, lines: settled.count, readings: counters.readings,
                               files: Set(settled.map(\.fileID)).count, stillAside: settled.filter { $0.stillUnknown != nil }.count,
                               counters: counters, fileID: fileID)
    }

    static func keptAsideKey(_ mn: String, _ codes: String?) -> String { mn + "\u{0}" + (codes.map { "1" + $0 } ?? "0") }
}

extension PacketWorker {
    /// Loads a kept-aside line again: a packet through `process`, a CSV record through
    /// `processCSV` with its file's header columns; for a known MN only the codes set aside.
    /// false when the line cannot be read (a CSV row kept before schema 7, whose header is
    /// not known, that is not in SPEC §3.2 column order): it stays aside.
    func replay(_ k: KeptAsideLine) -> Bool {
        replayCodes = k.codes?.map { Array($0.utf8) }
        defer { replayCodes = nil }
        return k.raw.withUnsafeBufferPointer { b -> Bool in
            guard k.format == "csv" else {
                process(b, number: k.line)
                return true
            }
            if let columns = k.columns {
                csvColumns = columns
            } else {
                // SPEC §3.2 order, if the row's second cell is its MN.
                var scratch: [UInt8] = [], ranges: [Range<Int>] = []
                let fromScratch = CSVRecords.cells(b, scratch: &scratch, ranges: &ranges)
                guard ranges.count > 1 else { return false }
                let mn = fromScratch ? String(decoding: scratch[ranges[1]], as: UTF8.self) : Self.text(b, ranges[1])
                guard mn == k.mn else { return false }
                csvColumns = [0, 1, 2, 3, 4, 5]
            }
            processCSV(b, number: k.line)
            return true
        }
    }
}
