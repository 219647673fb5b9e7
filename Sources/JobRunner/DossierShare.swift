import Foundation
import PEMSCore
import Reports

/// The enterprise files of one batch written one enterprise at a time from several threads
/// (`WorkShare`): each thread reads through its own connection, and the readers built for a
/// connection (`DossierBatch.Readers`, whose channel maps cost more at city scale than one
/// enterprise's month) are kept for every file written through it. What each file wrote is
/// collected by enterprise, so `written()` is the same whatever thread wrote what.
final class DossierShare: @unchecked Sendable {
    let batch: DossierBatch
    /// The selected enterprises, in id order.
    let ids: [String]
    private let wanted: Set<String>
    private let template: ReportTemplate
    private let out: URL
    private let lock = NSLock()
    private var readers: [ObjectIdentifier: DossierBatch.Readers] = [:]
    private var files: [String: DossierBatch.Written] = [:]

    /// Selects the enterprises and makes `out` (also when none is selected, so a rerun that
    /// selects none leaves no file of an earlier run behind once the folder is published).
    init(batch: DossierBatch, selection: DossierSelection, template: ReportTemplate, out: URL) throws {
        self.batch = batch
        ids = try batch.ids(selection)
        wanted = Set(ids)
        self.template = template
        self.out = out
        try FileManager.default.createDirectory(at: out, withIntermediateDirectories: true)
    }

    /// Whether enterprise `id` is one of the batch's.
    func selects(_ id: String) -> Bool { wanted.contains(id) }

    /// Writes the files of enterprise `id`, reading through `store` (the calling thread's own
    /// connection: the same `store` must not be used by two threads at once).
    func write(_ id: String, store: Store) throws {
        let readers = try self.readers(for: store)
        let written = try batch.write(id, template: template, readers: readers, out: out)
        lock.lock()
        files[id] = written
        lock.unlock()
    }

    /// Every enterprise's files in enterprise order, and the text warnings (each text once).
    func written() -> WrittenDossiers {
        lock.lock()
        defer { lock.unlock() }
        var all = WrittenDossiers()
        for id in files.keys.sorted() {
            guard let w = files[id] else { continue }
            all.enterprises.append(id)
            all.files += w.files
            for t in w.warnings where !all.warnings.contains(where: { $0.text == t.text }) { all.warnings.append(t) }
        }
        return all
    }

    /// The readers of connection `store`, built the first time it is seen.
    private func readers(for store: Store) throws -> DossierBatch.Readers {
        let key = ObjectIdentifier(store)
        lock.lock()
        let known = readers[key]
        lock.unlock()
        if let known { return known }
        let made = try DossierBatch.Readers(store: store, result: batch.result)
        lock.lock()
        readers[key] = made
        lock.unlock()
        return made
    }
}
