import Foundation
import PEMSCore

public enum CSVFileError: Error, CustomStringConvertible {
    case cannotCreate(path: String)
    case cannotWrite(path: String, message: String)

    public var description: String {
        switch self {
        case .cannotCreate(let p): return "\(p): cannot create the file"
        case .cannotWrite(let p, let m): return "\(p): cannot write: \(m)"
        }
    }
}

/// A SPEC §12 CSV file written a row at a time (same bytes as `CSVExport.text`), for exports
/// too large to hold as text (a city-scale month's facility-days and findings, issue 5). The
/// rows go to a temporary name in the same folder, renamed over the target by `finish()`, so
/// a reader never sees half a file (as `Data.write(options: .atomic)`).
public final class CSVFile {
    public let url: URL
    let tmp: URL
    let handle: FileHandle
    var buffer: [UInt8] = []
    var finished = false

    public init(url: URL, header: [String]) throws {
        self.url = url
        tmp = url.deletingLastPathComponent().appendingPathComponent("." + url.lastPathComponent + ".tmp")
        guard FileManager.default.createFile(atPath: tmp.path, contents: nil),
              let h = FileHandle(forWritingAtPath: tmp.path) else { throw CSVFileError.cannotCreate(path: tmp.path) }
        handle = h
        buffer.reserveCapacity(1 << 20)
        try append(header)
    }

    deinit {
        if !finished {
            try? handle.close()
            try? FileManager.default.removeItem(at: tmp)
        }
    }

    /// Appends one row (cells escaped as `CSVExport` does).
    public func append(_ cells: [String]) throws {
        var first = true
        for c in cells {
            if !first { buffer.append(UInt8(ascii: ",")) }
            first = false
            buffer.append(contentsOf: CSVCell.escaped(c).utf8)
        }
        buffer.append(UInt8(ascii: "\n"))
        if buffer.count >= 1 << 20 { try flush() }
    }

    func flush() throws {
        do {
            try handle.write(contentsOf: buffer)
        } catch {
            // A full disk, a quota, a read-only file system: one plain line naming the file.
            throw FileWriteError(error, path: url.path) ?? CSVFileError.cannotWrite(path: tmp.path, message: "\(error)")
        }
        buffer.removeAll(keepingCapacity: true)
    }

    /// Writes what is left and puts the file in place.
    public func finish() throws {
        try flush()
        try handle.close()
        finished = true
        // rename(2) replaces the target in one step.
        guard rename(tmp.path, url.path) == 0 else {
            throw CSVFileError.cannotWrite(path: url.path, message: String(cString: strerror(errno)))
        }
    }
}
