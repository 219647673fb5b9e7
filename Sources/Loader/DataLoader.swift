import Dispatch
import Foundation
import HJ212
import PEMSCore

/// Loads packet logs and CSV readings into the store (SPEC §3).
///
/// Per file: hash it (a file loaded before is skipped), parse it in parallel (each worker
/// owns a partition of MNs), then write everything in **one transaction** — the series
/// merged into what is stored (later readings win, conflicts counted), the ledger row, the
/// rejected-line counts and examples, unknown MNs, clock skew and receive lags (SPEC §13.38).
/// A crash leaves either the whole file or none of it, and the next run loads what is missing.
public final class DataLoader {
    let store: Store
    let directory: ChannelDirectory
    let options: LoadOptions
    let registryVersion: Int?

    /// Called with (bytes done, bytes total) as files are read.
    public var progress: ((Int, Int) -> Void)?
    /// What the last `load(files:)` brought in of the lines kept aside before (SPEC §13.37).
    public private(set) var broughtIn: KeptAsideReplay?
    /// The most bytes of an unfinished line held between reads in the last file parsed (at
    /// most `maxLineBytes`: longer lines are read past, not held).
    private(set) var peakCarryBytes = 0

    public init(store: Store, directory: ChannelDirectory, registryVersion: Int?, options: LoadOptions = LoadOptions()) {
        self.store = store
        self.directory = directory
        self.options = options
        self.registryVersion = registryVersion
    }

    /// Loads `files` in order, after bringing in the kept-aside lines this loader's registry
    /// knows (`bringInKeptAside`; they were loaded before these files). A file that is not
    /// loaded (a FIFO, device, a symlink leaving the folder, one that cannot be opened) gets a
    /// `.notLoaded` result with its reason and the rest loads.
    public func load(files: [InputFile]) throws -> [FileResult] {
        try LoadHeap.during { try loadAll(files) }
    }

    private func loadAll(_ files: [InputFile]) throws -> [FileResult] {
        broughtIn = try bringInKeptAside()
        let sizes = files.map(\.sizeHint)
        let total = sizes.reduce(0, +)
        var done = 0
        var results: [FileResult] = []
        for (i, f) in files.enumerated() {
            let r = try loadFile(f) { doneInFile in self.progress?(done + doneInFile, total) }
            done += sizes[i]
            progress?(done, total)
            results.append(r)
        }
        return results
    }

    /// Loads files named by path (each as `InputFile(path:)`: symlinks followed, regular files only).
    public func load(files: [String]) throws -> [FileResult] {
        try load(files: files.map(InputFile.init(path:)))
    }

    /// Loads one file named by path.
    public func loadFile(_ path: String, progress: ((Int) -> Void)? = nil) throws -> FileResult {
        try loadFile(InputFile(path: path), progress: progress)
    }

    /// Loads one file (or skips it when its content was loaded before). The file is opened
    /// once (`InputFile.open()`: never blocks, regular files only). When no file of its size
    /// was loaded before (the nightly's new day), it is hashed in the pass that parses it;
    /// otherwise it is hashed first, and parsed only when the hash is new (a day presented
    /// again is skipped after one read, not parsed for nothing).
    public func loadFile(_ file: InputFile, progress: ((Int) -> Void)? = nil) throws -> FileResult {
        let path = file.path
        let format = file.format
        let handle: FileHandle
        do {
            handle = try file.open()
        } catch let refusal as InputFile.Refusal {
            return FileResult(path: path, sha256: "", bytes: 0, format: format, status: .notLoaded, counters: LoadCounters(),
                              examples: [], previouslyLoaded: nil, reason: refusal.description, nameEncoding: file.nameEncoding)
        }
        defer { try? handle.close() }
        func skipped(_ hash: String, _ bytes: Int, _ previous: (path: String, loadedAt: String)) -> FileResult {
            FileResult(path: path, sha256: hash, bytes: bytes, format: format, status: .skipped, counters: LoadCounters(),
                       examples: [], previouslyLoaded: (previous.path, previous.loadedAt), nameEncoding: file.nameEncoding)
        }
        let size = Int(try handle.seekToEnd())
        try handle.seek(toOffset: 0)
        var known: (hash: String, bytes: Int)? = nil
        if try store.loadedFileExists(bytes: size) {
            let (hash, bytes) = try ContentHash.sha256(reading: handle)
            if let previous = try store.loadedFile(sha256: hash) { return skipped(hash, bytes, previous) }
            known = (hash, bytes)
            try handle.seek(toOffset: 0)
        }
        let workers = (0..<max(1, options.workers)).map { _ in makeWorker() }
        var chunks = LineChunks(handle: handle, chunkBytes: options.chunkBytes, maxLineBytes: options.maxLineBytes,
                                dialect: format == .csv ? .csv : .packetLines)
        if known == nil { chunks.digest = ContentHash.Running() }
        try parse(&chunks, format: format, workers: workers, progress: progress)
        let hash: String, bytes: Int
        if let known {
            (hash, bytes) = known
        } else {
            let digest = chunks.digest ?? ContentHash.Running()
            (hash, bytes) = (digest.finalize(), digest.bytes)
            // The file changed size while it was read (to one loaded before): it may be a copy.
            if let previous = try store.loadedFile(sha256: hash) { return skipped(hash, bytes, previous) }
        }
        var result = FileResult(path: path, sha256: hash, bytes: bytes, format: format, status: .loaded,
                                counters: LoadCounters(), examples: [], previouslyLoaded: nil, nameEncoding: file.nameEncoding)
        try store.db.transaction {
            let fileID = try store.beginFile(sha256: hash, path: path, format: format.rawValue, bytes: bytes,
                                             registryVersion: registryVersion)
            result.counters = try write(workers: workers, fileID: fileID)
            result.examples = workers.flatMap(\.examples).sorted { ($0.line, $0.reason) < ($1.line, $1.reason) }
            try writeLedger(fileID: fileID, counters: result.counters, examples: result.examples, workers: workers)
        }
        return result
    }

    /// A worker for this loader's registry and options.
    func makeWorker() -> PacketWorker {
        let w = PacketWorker(directory: directory, crcPolicy: options.crcPolicy, exampleLimit: options.exampleLimit,
                             maxAbsValue: options.maxAbsValue)
        w.scanner = PacketScanner(maxLineBytes: options.maxLineBytes)
        return w
    }

    // MARK: parsing

    /// Hands the workers and the current chunk to `concurrentPerform`. Each iteration touches
    /// only its own worker and reads the shared buffer, hence `@unchecked Sendable`.
    private final class Workers: @unchecked Sendable {
        let list: [PacketWorker]
        var buffer = UnsafeBufferPointer<UInt8>(start: nil, count: 0)
        init(_ list: [PacketWorker]) { self.list = list }
    }

    private func parse(_ chunks: inout LineChunks, format: InputFormat, workers: [PacketWorker], progress: ((Int) -> Void)?) throws {
        let reader = ChunkReadAhead(chunks)
        reader.start()
        defer {
            chunks = reader.finish()
            peakCarryBytes = chunks.peakCarry
        }
        var consumed = 0
        let box = Workers(workers)
        while let chunk = try reader.next() {
            let count = chunk.starts.count
            workers[0].counters.lines += chunk.lineCount
            for o in chunk.overlong {
                o.prefix.withUnsafeBufferPointer { prefix in
                    let detail = "line of \(o.bytes) bytes is longer than the limit of \(options.maxLineBytes) (a missing line end?); read past, not loaded"
                    workers[0].reject(PacketReject.lineTooLong.code, line: o.line, detail: detail, bytes: prefix)
                }
            }
            for u in chunk.unclosed {
                u.prefix.withUnsafeBufferPointer { prefix in
                    let detail = "a quoted field opened on this line is not closed by the end of the file or within \(options.maxLineBytes) bytes; this line is skipped, reading goes on with the next"
                    workers[0].reject("unclosed_quote", line: u.line, detail: detail, bytes: prefix)
                }
            }
            if format == .csv {
                chunk.bytes.withUnsafeBufferPointer { b in
                    for i in 0..<count {
                        let line = UnsafeBufferPointer(rebasing: b[chunk.starts[i]..<chunk.ends[i]])
                        workers[0].processCSV(line, number: chunk.lines[i])
                    }
                }
            } else {
                let n = workers.count
                chunk.bytes.withUnsafeBufferPointer { b in
                    box.buffer = b
                    DispatchQueue.concurrentPerform(iterations: n) { w in
                        let worker = box.list[w]
                        let b = box.buffer
                        for i in 0..<count {
                            let line = UnsafeBufferPointer(rebasing: b[chunk.starts[i]..<chunk.ends[i]])
                            guard Self.partition(line, n) == w else { continue }
                            worker.process(line, number: chunk.lines[i])
                        }
                    }
                }
            }
            consumed += chunk.bytes.count
            progress?(consumed)
        }
    }

    /// The worker owning a line: FNV hash of its MN value modulo the worker count (0 when
    /// the line has no `MN=` in its header).
    static func partition(_ line: UnsafeBufferPointer<UInt8>, _ n: Int) -> Int {
        if n == 1 { return 0 }
        let limit = min(line.count, 400)
        var i = 0
        while i + 3 < limit {
            if line[i] == UInt8(ascii: "M"), line[i + 1] == UInt8(ascii: "N"), line[i + 2] == UInt8(ascii: "="),
               i == 0 || line[i - 1] == UInt8(ascii: ";") || line[i - 1] == UInt8(ascii: "#") || (line[i - 1] >= 48 && line[i - 1] <= 57) {
                var j = i + 3
                var h: UInt64 = 0xcbf2_9ce4_8422_2325
                while j < line.count, line[j] != UInt8(ascii: ";"), line[j] != UInt8(ascii: "&") {
                    h = (h ^ UInt64(line[j])) &* 0x100_0000_01b3
                    j += 1
                }
                return Int(h % UInt64(n))
            }
            i += 1
        }
        return 0
    }

    // MARK: writing

    /// Series normalized and encoded on the encoding threads (`prepare`), handed to the writer
    /// in chunks: per worker, in the order their keys first arrived.
    private final class PreparedStream: @unchecked Sendable {
        typealias Series = (key: UInt64, batch: NormalizedBatch)
        private let condition = NSCondition()
        // Guarded by `condition`.
        private var chunks: [[[Series]]]
        private var done: [Bool]

        init(_ workers: Int) {
            chunks = Array(repeating: [], count: workers)
            done = Array(repeating: false, count: workers)
        }

        func put(_ worker: Int, _ chunk: [Series]) {
            condition.lock()
            chunks[worker].append(chunk)
            condition.broadcast()
            condition.unlock()
        }

        func finish(_ worker: Int) {
            condition.lock()
            done[worker] = true
            condition.broadcast()
            condition.unlock()
        }

        /// Chunk `index` of `worker`, waiting for it; nil once the worker has no more. The
        /// chunk is let go here (freed once written).
        func take(_ worker: Int, _ index: Int) -> [Series]? {
            condition.lock()
            defer { condition.unlock() }
            while chunks[worker].count <= index && !done[worker] { condition.wait() }
            guard index < chunks[worker].count else { return nil }
            let chunk = chunks[worker][index]
            chunks[worker][index] = []
            return chunk
        }
    }

    /// Series per chunk handed to the writer: small enough that it starts soon after the
    /// encoding does, large enough that the hand-over costs nothing.
    private static let chunkSeries = 2_048

    /// Normalizes and encodes every worker's series on threads of their own, the workers in
    /// parallel, each builder freed once encoded, while the writer (this thread: SQLite wants
    /// one writer) stores what is ready — so encoding and writing overlap (issue 20). The
    /// series reach the writer in exactly the order a one-pass encoding would give them.
    /// Returns once `write` has been called for every series; waits for the encoding threads
    /// whatever happens.
    private func prepare(_ workers: [PacketWorker], write: (_ worker: Int, UInt64, NormalizedBatch) throws -> Void) throws {
        let stream = PreparedStream(workers.count)
        let box = Workers(workers)
        let encoding = DispatchGroup()
        DispatchQueue.global().async(group: encoding) {
            DispatchQueue.concurrentPerform(iterations: box.list.count) { i in
                var (keys, builders) = box.list[i].acc.series()
                var chunk: [PreparedStream.Series] = []
                chunk.reserveCapacity(min(keys.count, Self.chunkSeries))
                for k in keys.indices {
                    var d = builders[k].data()
                    let counts = d.normalize()
                    chunk.append((keys[k], NormalizedBatch(blob: SeriesCodec.encode(d), count: d.count, counts: counts)))
                    builders[k] = SeriesBuilder()   // this one's bytes are freed now, not at the end
                    if chunk.count == Self.chunkSeries {
                        stream.put(i, chunk)
                        chunk = []
                        chunk.reserveCapacity(Self.chunkSeries)
                    }
                }
                if !chunk.isEmpty { stream.put(i, chunk) }
                keys = []
                stream.finish(i)
            }
        }
        defer { encoding.wait() }
        for i in workers.indices {
            var j = 0
            while let chunk = stream.take(i, j) {
                for s in chunk { try write(i, s.key, s.batch) }
                j += 1
            }
        }
    }

    func write(workers: [PacketWorker], fileID: Int) throws -> LoadCounters {
        var total = LoadCounters()
        // Days the store held series of before this file: only their series can need a merge.
        var stored: [Int: Bool] = [:]
        for w in workers {
            for day in w.acc.days where stored[day] == nil { stored[day] = try store.hasSeries(on: Day(index: day)) }
        }
        let paramIDs = try workers.map { w in try w.acc.names.map { try store.paramID($0) } }
        var counters = workers.map(\.counters)
        try prepare(workers) { w, key, batch in
            let (day, channel, cn, param) = SeriesAccumulator.unpack(key)
            let c = try store.mergeSeries(day: Day(index: day), channel: channel, cn: cn, param: paramIDs[w][param],
                                          normalized: batch, mayExist: stored[day] ?? true, fileID: fileID)
            counters[w].duplicates += c.duplicates
            counters[w].conflicts += c.conflicts
            if c.conflicts > 0 { counters[w].conflictsByDay[day, default: 0] += c.conflicts }
        }
        for (w, c) in zip(workers, counters) {
            for (ck, skew) in w.clock {
                try store.noteClockSkew(day: Int(ck >> 32), channel: Int(ck & 0xFFFF_FFFF), seconds: skew)
            }
            for (ck, lags) in w.receiveLags {
                try store.addReceiveLags(day: Int(ck >> 32), channel: Int(ck & 0xFFFF_FFFF), lags)
            }
            for k in w.keptAside { try store.keepAside(k, file: fileID) }
            total += c
        }
        return total
    }

    func writeLedger(fileID: Int, counters c: LoadCounters, examples: [RejectExample], workers: [PacketWorker]) throws {
        for (reason, n) in c.rejected.sorted(by: { $0.key < $1.key }) { try store.addRejects(file: fileID, reason: reason, count: n) }
        for (reason, n) in c.dropped.sorted(by: { $0.key < $1.key }) { try store.addRejects(file: fileID, reason: "dropped:" + reason, count: n) }
        var kept: [String: Int] = [:]
        for e in examples where kept[e.reason, default: 0] < options.exampleLimit {
            kept[e.reason, default: 0] += 1
            try store.addRejectExample(file: fileID, reason: e.reason, line: e.line, detail: e.detail, text: e.text)
        }
        for (k, n) in c.unknownMN.sorted(by: { $0.key < $1.key }) { try store.addUnknownMN(k.mn, day: k.day, packets: n) }
        for (mn, n) in c.rejectedByMN.sorted(by: { $0.key < $1.key }) { try store.addRejectedMN(file: fileID, mn: mn, lines: n) }
        for (day, n) in c.readingsByDay.sorted(by: { $0.key < $1.key }) {
            try store.addFileDay(file: fileID, day: day, readings: n, conflicts: c.conflictsByDay[day] ?? 0)
        }
        var t = Store.FileTotals()
        t.lines = c.lines; t.packets = c.packets; t.readings = c.readings; t.rejectedLines = c.rejectedLines
        t.droppedValues = c.droppedValues; t.duplicates = c.duplicates; t.conflicts = c.conflicts
        t.unknownMNPackets = c.unknownMNPackets; t.responses = c.responses; t.crcWarnings = c.crcWarnings
        t.keptAsideReadings = c.keptAsideReadings
        t.versions = c.versions.sorted { $0.key < $1.key }.map { "\($0.key):\($0.value)" }.joined(separator: " ")
        t.firstData = c.firstData?.description; t.lastData = c.lastData?.description
        try store.finishFile(fileID, totals: t)
    }
}
