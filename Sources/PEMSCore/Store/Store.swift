import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The pems store: one SQLite file (WAL) holding registry versions, loaded files, readings
/// and (later) results. Open it with `Store(path:)`; the schema is migrated on open.
///
/// Only a pems store is opened: the file's `PRAGMA application_id` must be
/// `Schema.applicationID`, or 0 on a store an earlier pems made (marked on its next
/// writing open), or the file must be new or empty; any other file is refused untouched
/// (`StoreIdentity`).
///
/// Not `Sendable`: a `Store` belongs to one task (commands are sequential; the loader's
/// parallel workers hand their results to the task that owns the store).
public final class Store {
    public let db: Database
    public var path: String { db.path }
    /// Opened with `readOnly`: nothing is migrated, marked or written.
    public let isReadOnly: Bool

    /// Opens the store at `path`.
    /// - Parameter readOnly: for commands that only read (`pems runs`, `registry list`):
    ///   the file is neither migrated nor marked, nothing is written or created (see
    ///   `Database.init(path:readOnly:)`), and a store at an older schema is read as it is
    ///   (`requireSchema` says when a command needs newer tables). A file that does not exist
    ///   or is empty reads as an empty store of the current schema, held in memory: listing
    ///   it creates nothing.
    /// - Throws: `StoreError.notAStore` / `.notSQLite` for a file that is not a pems store,
    ///   `.newerSchema` for a store of a newer pems.
    public init(path: String, readOnly: Bool = false) throws {
        isReadOnly = readOnly
        guard readOnly else {
            db = try Database(path: path)
            let identity = try StoreIdentity.of(db)
            // Set before the first table and before WAL mode, after which SQLite keeps it.
            if identity == .empty { try db.execute("PRAGMA page_size=\(Self.pageSize)") }
            try db.useWAL()
            try migrate(mark: identity != .pems)
            return
        }
        let file = Self.holdsNothing(path) ? nil : try Database(path: path, readOnly: true)
        if let file, try StoreIdentity.of(file) != .empty {
            db = file
            let version = try schemaVersion()
            guard version <= Schema.currentVersion else {
                throw StoreError.newerSchema(path: path, found: version, supported: Schema.currentVersion)
            }
        } else {
            db = try Database.inMemory(standingFor: path)
            try migrate(mark: true)
        }
    }

    /// Bytes per page of a store created by this pems (docs/STORE.md "Page size"). Most of a
    /// store is blobs larger than a page — a channel-day's series, a day's cached slot values
    /// and summaries — which SQLite keeps in chains of overflow pages, one page read for each
    /// link; 16 KiB pages make those chains a quarter as long and waste less of each page's
    /// tail. A store made with other pages (4 KiB, before) keeps them: SQLite fixes the page
    /// size when the file is created.
    static let pageSize = 16_384

    /// True when there is no file at `path` or it is empty (a store lock creates the file
    /// empty before the first writing open migrates it).
    static func holdsNothing(_ path: String) -> Bool {
        var st = stat()
        guard stat(path, &st) == 0 else { return errno == ENOENT }
        return (st.st_mode & S_IFMT) == S_IFREG && st.st_size == 0
    }

    /// Checks that `path` is a pems store, a new one or nothing yet, without writing anything.
    /// Commands call it before taking the store lock, whose holder file would otherwise be
    /// written beside a file that is no store of ours.
    public static func verify(path: String) throws {
        if !holdsNothing(path) { _ = try Store(path: path, readOnly: true) }
    }

    /// The schema version the file is at.
    public func schemaVersion() throws -> Int {
        try db.scalarInt("PRAGMA user_version") ?? 0
    }

    /// Throws `StoreError.olderSchema` when the store is older than `version`, which `what`
    /// (e.g. "the run ledger") needs. Only a read-only store can be older than this build.
    public func requireSchema(_ version: Int, for what: String) throws {
        let found = try schemaVersion()
        if found < version { throw StoreError.olderSchema(path: path, found: found, needed: version, what: what) }
    }

    /// Runs the migrations the file lacks, each in one transaction with its version bump and
    /// the application id; `mark`: also set the id on a store that needs no migration (one an
    /// earlier pems made).
    func migrate(mark: Bool) throws {
        let current = try schemaVersion()
        guard current <= Schema.currentVersion else {
            throw StoreError.newerSchema(path: path, found: current, supported: Schema.currentVersion)
        }
        let setID = "PRAGMA application_id = \(Schema.applicationID)"
        for m in Schema.migrations where m.version > current {
            try db.transaction {
                try db.execute(m.sql)
                try db.execute("PRAGMA user_version = \(m.version)")
                try db.execute(setID)
            }
        }
        if mark && current == Schema.currentVersion { try db.transaction { try db.execute(setID) } }
    }

    /// The current CST wall-clock time, for ledger columns such as `loaded_at`.
    public static func now() -> Timestamp {
        Timestamp(seconds: Int64(Date().timeIntervalSince1970.rounded(.down)) + 8 * 3600)
    }
}
