import FuzzSupport
import Loader
import PEMSCore

/// One input of `fuzz-readings` / `fuzz-packet-log`: the bytes of a CSV readings file or a
/// packet log, loaded twice and then brought back from the kept-aside lines.
///
/// - Loaded in one piece and in pieces of 1 to 61 bytes (chosen by the input's hash, so a
///   replay reads it the same way), each into an empty store: `LineChunks` promises the
///   same lines, numbers and rejects whatever the piece size, so the two loads must count
///   and reject alike.
/// - The counts must add up (readings per day, rejected lines within the lines read).
/// - Every line kept aside (an unknown MN or code, SPEC §13.37) is brought in again by a
///   directory that knows all of their MNs and codes, as a registry import would: that
///   replays the stored raw bytes through the worker, and must place every line.
public enum LoaderFuzz {
    public static func one(_ input: UnsafeBufferPointer<UInt8>, format: InputFormat) {
        let pieceBytes = 1 + Int(hash(input) % 61)
        let path = FuzzStore.inputFile(input, format: format)
        let a = FileLoad(path, chunkBytes: wholeBytes).result
        let pieces = FileLoad(path, chunkBytes: pieceBytes)
        let b = pieces.result
        invariant(a.status == .loaded, "a fresh store loads the file (\(a.status))")
        invariant(a.counters == b.counters, "pieces of \(pieceBytes) bytes count as one piece does:\n\(a.counters)\n\(b.counters)")
        invariant(a.examples == b.examples, "pieces of \(pieceBytes) bytes reject as one piece does:\n\(a.examples)\n\(b.examples)")
        let c = a.counters
        invariant(c.readings == c.readingsByDay.values.reduce(0, +), "readings add up by day")
        invariant(c.rejectedLines <= c.lines, "\(c.rejectedLines) rejected of \(c.lines) lines")
        invariant(a.examples.allSatisfy { $0.line >= 1 && $0.line <= max(c.lines, 1) }, "examples name lines of the file")
        bringBack(pieces)
    }

    /// More than any input (`-max_len` in Jobs/fuzz): the file is read in one piece.
    static let wholeBytes = 64 << 10

    /// Brings in every kept-aside line of `load` with a directory knowing all their MNs and codes.
    static func bringBack(_ load: FileLoad) {
        do {
            let keys = try load.store.keptAsideKeys()
            guard !keys.isEmpty else { return }
            var entries: [ChannelDirectory.Entry] = [], collectors: [String] = []
            for c in FixtureChannels.collectors { collectors.append(c.mn) }
            for k in keys {
                collectors.append(k.mn)
                for code in KeptAsideLine.codes(fromText: k.codes, format: k.format) ?? [] {
                    let channel = try load.store.channelID(ChannelKey(mn: k.mn, code: code))
                    entries.append(.init(mn: k.mn, code: code, channel: channel, electrical: true))
                }
            }
            for (mn, code, channel) in try load.store.channelIDs().map({ ($0.key.mn, $0.key.code, $0.value) }) {
                entries.append(.init(mn: mn, code: code, channel: channel, electrical: true))
            }
            let loader = DataLoader(store: load.store, directory: ChannelDirectory(entries: entries, collectors: collectors),
                                    registryVersion: nil)
            let kept = keys.reduce(0) { $0 + $1.lines }
            let replay = try loader.bringInKeptAside()
            invariant(replay?.lines == kept, "all \(kept) kept-aside lines are brought in, got \(String(describing: replay?.lines))")
        } catch {
            fatalError("bringing kept-aside lines in threw: \(error)")
        }
    }

    /// FNV-1a of the input.
    static func hash(_ b: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for x in b { h = (h ^ UInt64(x)) &* 0x100_0000_01b3 }
        return h
    }
}
