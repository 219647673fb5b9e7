import ArgumentParser
import Foundation
import HJ212
import JobRunner
import PEMSCore

/// Runs a command body and turns any error into one line on stderr naming what is at fault,
/// and a non-zero exit (SPEC conventions: 0 completed — rejects reported — 1 could not run).
/// The message is shown through `TerminalText`: a line break or escape sequence in a file
/// name or id it quotes is shown escaped.
enum CommandFailure {
    static func run(_ body: () throws -> Void) throws {
        do {
            try body()
        } catch let e as ExitCode {
            throw e
        } catch let e as CleanExit {
            throw e
        } catch let e as StoreLockError {
            FileHandle.standardError.write(Data(("pems: " + TerminalText.escaped("\(e)") + "\n").utf8))
            // Another run holds the store: retry later (EX_TEMPFAIL). An unusable lock file is a failure.
            if case .held = e { throw ExitCode(JobExitCode.lockHeld.rawValue) }
            throw ExitCode.failure
        } catch {
            // A full disk or a read-only file system is one plain line naming the file
            // ("no space left on device while writing out/events.csv"), not Foundation's dump;
            // control characters in it are escaped.
            let text = TerminalText.escaped(FileWriteError(error).map(String.init(describing:)) ?? String(describing: error))
            FileHandle.standardError.write(Data(("pems: " + text + "\n").utf8))
            throw ExitCode.failure
        }
    }
}

/// A failure with a message written for the person at the terminal.
struct UserError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
