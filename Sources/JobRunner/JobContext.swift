import Foundation
import Logging
import PEMSCore

/// Everything a job needs besides its plan. The store must be locked by the caller
/// (`StoreLock`) for the whole run.
public struct JobContext {
    public var store: Store
    public var settings: Settings
    /// The folder of report templates (`ReportTemplates/`), validated before any work.
    public var templates: URL
    /// The out folder; see `OutputLayout` for what goes where.
    public var out: URL
    /// The folder the nightly job loads new files from (nil: no load step).
    public var inbox: URL?
    public var engineVersion: String
    public var logger: Logger
    /// The command as typed, and its parameters, for the run ledger.
    public var command: String
    public var parameters: [String: String]
    /// Called with a stage label and progress (done, total); the executable draws a bar on a terminal.
    public var progress: ((String, Int, Int) -> Void)?

    public init(store: Store, settings: Settings, templates: URL, out: URL, inbox: URL?, engineVersion: String,
                logger: Logger, command: String, parameters: [String: String] = [:],
                progress: ((String, Int, Int) -> Void)? = nil) {
        self.store = store
        self.settings = settings
        self.templates = templates
        self.out = out
        self.inbox = inbox
        self.engineVersion = engineVersion
        self.logger = logger
        self.command = command
        self.parameters = parameters
        self.progress = progress
    }
}
