import Foundation
import JobRunner
import PEMSCore

/// The out folder of `pems export`, `brief`, `evidence` and `report` (issue 14), staged as
/// the jobs stage theirs (`StagedOutputs`): on start, what killed writers left in the folder
/// is removed and each removal named on stderr; the command's files are written into a
/// staging folder of its own and renamed into place only once all of them are written, so a
/// failure or a kill half way leaves none of them visible and the folder's old files as they
/// were. The folder's other files (other periods' exports, …) are never touched.
struct CommandOutput {
    let out: URL
    let label: String
    /// This process's staging folder for the command under `out` (made by `write`).
    let staging: URL

    /// Takes the out folder at `path` for `command` (call once the store lock is held).
    init(path: String, command: String) {
        out = URL(fileURLWithPath: path, isDirectory: true)
        label = command
        staging = StagedOutputs.stagingFolder(out: out, label: command)
        for left in StagedOutputs.removeLeftovers(out: out) {
            Terminal.err("pems: removed \(out.path)/\(left)\n")
        }
    }

    /// Runs `body` with a fresh staging folder to write into, then publishes what it wrote;
    /// a failure (of `body` or of publishing) removes the staging folder and is rethrown.
    func write<T>(_ body: (URL) throws -> T) throws -> T {
        let staged = try StagedOutputs(out: out, label: label)
        do {
            let value = try body(staged.staging)
            try staged.publishFiles()
            return value
        } catch var error as FileWriteError {
            // Name the file the user asked for, not its place in the staging folder.
            staged.discard()
            let prefix = staged.staging.path + "/"
            if error.path.hasPrefix(prefix) { error.path = out.path + "/" + error.path.dropFirst(prefix.count) }
            throw error
        } catch {
            staged.discard()
            throw error
        }
    }

    /// Where a file `body` wrote (a URL in the staging folder) is once published.
    func published(_ url: URL) -> URL {
        StagedOutputs.published(url, staging: staging, out: out)
    }
}
