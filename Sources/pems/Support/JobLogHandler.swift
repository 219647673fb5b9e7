import Foundation
import HJ212
import Logging
import PEMSCore

/// The job commands' log lines on stderr (swift-log). On a terminal: the message alone
/// (warnings and errors prefixed), at `info` by default, beside the progress bar. Elsewhere
/// (cron, systemd): `YYYY-MM-DD HH:MM:SS level message` with CST time, at `warning` by
/// default, so a run that went well prints nothing and cron mails only what needs a look.
/// Messages name files, MNs and ids others wrote: they are shown through `TerminalText`, so
/// one log line stays one line and drives no terminal.
struct JobLogHandler: LogHandler {
    var logLevel: Logger.Level
    var metadata: Logger.Metadata = [:]
    let terminal: Bool

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        let level = event.level, message = TerminalText.escaped(event.message.description)
        let text: String
        if terminal {
            let prefix = level >= .warning ? "\(level): " : ""
            text = "\r\u{1B}[K" + prefix + message + "\n"
        } else {
            text = "\(Self.timestamp()) \(level) \(message)\n"
        }
        FileHandle.standardError.write(Data(text.utf8))
    }

    /// The wall clock in CST (UTC+8, SPEC §1), for log lines.
    static func timestamp() -> String { Store.now().description }
}
