import ArgumentParser
import Foundation
import JobRunner
import Loader
import PEMSCore

/// `pems load PATH…` — HJ 212 packet logs and CSV readings into the store (SPEC §3).
struct LoadCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "load",
        abstract: "Load HJ 212 packet logs and CSV readings into the store.",
        discussion: """
        PATHs are files or folders (folders are searched for *.log, *.txt, *.dat, *.hj212, \
        *.csv; files load in name order, so a later re-send wins). *.csv files are SPEC §3.2 \
        readings (time,mn,code,param,value[,flag]); everything else is read as packets, one per line.

        Only regular files are read. A FIFO, socket or device, a symlink in a folder that \
        leads out of it (to /etc/passwd, /dev/zero) and a file that cannot be opened are \
        listed as `not loaded: PATH (reason)` and the rest loads; a file named on the command \
        line may be a symlink to anywhere. File names that are not UTF-8 load too, shown \
        decoded from GB 18030 (Chinese Windows shares) or with \\xNN escapes.

        Loading is idempotent: a file whose content was loaded before is skipped. A reading \
        loaded again with a different value replaces the old one and is counted as a conflict. \
        Every rejected line is counted by reason, and the first examples (cut to 200 bytes) are kept in the store; \
        packets from MNs not in the registry, and readings of codes it does not know, are kept \
        aside and counted, and load when a registry version knows them (SPEC §13.37).

        Output: one line per file and a summary (stable `key: value` lines; --json for one JSON \
        object). A progress bar is drawn only when stderr is a terminal. Exit 0 when the load \
        completed, whatever was rejected or not loaded; 1 when it could not run; 75 when a job holds the \
        store's lock (nothing was loaded; try again later). When the files change days \
        that jobs already reported (late data, SPEC §11), a line on stderr names the \
        `pems rerun` that would update them.

        `--` ends the options: a path that starts with - goes after it (or as ./-x.log); \
        any other argument starting with - that is no option is a usage error (exit 64).

        Examples:
          pems load inbox/
          pems load --crc-policy warn old-device.log
          pems --store /data/pems.db load --json inbox/2026-07-01.log
          pems load -- -x.log
        """)

    @OptionGroup var global: GlobalOptions

    @Argument(help: ArgumentHelp("Files or folders to load.", valueName: "path"))
    var paths: [String]

    @Option(name: .long, help: ArgumentHelp("reject | warn: what to do with a bad CRC (default: the config's crc_policy, else reject).", valueName: "policy"))
    var crcPolicy: String?

    @Flag(name: .long, help: "Print the summary as one JSON object.")
    var json = false

    @Flag(name: .long, help: "Only the summary, no line per file.")
    var quiet = false

    @Option(name: .long, help: ArgumentHelp("Parsing threads (default: cores, at most 8).", valueName: "n"))
    var workers: Int?

    func validate() throws {
        if let crcPolicy, CRCPolicy(rawValue: crcPolicy) == nil {
            throw ValidationError("--crc-policy must be reject or warn (got '\(crcPolicy)')")
        }
        if let workers, workers < 1 || workers > 64 { throw ValidationError("--workers must be 1…64 (got \(workers))") }
    }

    func run() throws {
        try CommandFailure.run {
            var settings = try global.settings()
            if let crcPolicy, let p = CRCPolicy(rawValue: crcPolicy) { settings.crcPolicy = p }
            let files = try InputFiles.expand(paths)
            // A load changes what a running job reads: it never overlaps one (exit 75).
            let (store, lock) = try global.openLockedStore(settings)
            defer { lock.release() }
            let summary = try Self.load(files: files, store: store, settings: settings, workers: workers)
            print(json ? summary.json() : summary.text(perFile: !quiet), terminator: "")
            // SPEC §11: data for days that jobs already reported is late; say which reruns would update them.
            let late = try LateData.detect(store: store, lookBack: settings.baselineLookbackDays + settings.thresholdLookbackDays)
            if !late.isEmpty {
                let reruns = LateData.ranges(late).map { "pems rerun --from \($0.from) --to \($0.to)" }
                Terminal.err("pems: late data: \(late.count) days already reported have new input: \(reruns.joined(separator: "; "))\n")
            }
        }
    }

    /// `FileLoad.run` with a progress bar (drawn only on a terminal); shared with `pems demo`.
    static func load(files: [InputFile], store: Store, settings: Settings, workers: Int? = nil) throws -> LoadSummary {
        let bar = ProgressBar(label: "loading")
        defer { bar.finish() }
        return try FileLoad.run(files: files, store: store, settings: settings, workers: workers) { done, total in
            bar.update(done, total)
        }
    }
}
