import ArgumentParser
import Foundation
import JobRunner
import Loader
import PEMSCore

/// `pems registry …` — the enterprise registry (一企一档), SPEC §2.
struct RegistryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "registry",
        abstract: "Import and list registry (一企一档) versions.",
        subcommands: [Import.self, List.self])

    struct Import: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "import",
            abstract: "Validate a registry folder and store it as a new version.",
            discussion: """
            Reads districts.csv, enterprises.csv, collectors.csv, facilities.csv, points.csv, \
            links.csv (required) and plans.csv, responses.csv, weather.csv, exemptions.csv, \
            carbon.csv, targets.csv (optional) — SPEC §2. Every bad row is listed as \
            file:line: reason; a registry with any bad row is rejected whole and the version \
            in force stays in force (exit 1).

            A registry whose enterprises.csv, facilities.csv or points.csv has a header but no \
            rows is refused, and so is one that drops more than 20 % of the points (by \
            point_id) of the version in force on its first date, unless --allow-shrink is given.

            A version governs dates from --effective-from (default: today, CST) until the \
            next version's; dates before the first version use the oldest one. Importing \
            identical files again changes nothing.

            Readings kept aside because the registry did not know their MN or code (SPEC \
            §13.37) come in when a version knows them, as a load of their own after \
            everything loaded before; the command says how many, and when they change days \
            that jobs already reported (late data, SPEC §11), a line on stderr names the \
            `pems rerun` that would update them.

            `--` ends the options: a folder whose name starts with - goes after it (or as ./-dir).

            Examples:
              pems registry import registry/
              pems registry import --effective-from 2026-07-01 registry-2026-07/
              pems registry import --allow-shrink registry-after-closures/
              pems registry import -- -registry-2026-07/
            """)

        @OptionGroup var global: GlobalOptions

        @Argument(help: ArgumentHelp("Folder holding the registry CSV files.", valueName: "dir"))
        var directory: String

        @Option(name: .long, help: ArgumentHelp("First date (YYYY-MM-DD) this version governs; default today.", valueName: "date"))
        var effectiveFrom: String?

        @Flag(name: .long, help: "Accept a version that drops more than 20 % of the points in force.")
        var allowShrink = false

        func validate() throws {
            if let effectiveFrom, Day(effectiveFrom) == nil {
                throw ValidationError("--effective-from '\(effectiveFrom)' is not a date YYYY-MM-DD")
            }
        }

        func run() throws {
            try CommandFailure.run {
                let settings = try global.settings()
                let (store, lock) = try global.openLockedStore(settings)   // never change the registry under a running job
                defer { lock.release() }
                let day = effectiveFrom.flatMap { Day($0) } ?? Store.now().day
                var options = LoadOptions()
                options.crcPolicy = settings.crcPolicy
                switch try RegistryImporter.importDirectory(directory, into: store, effectiveFrom: day, allowShrink: allowShrink,
                                                            options: options) {
                case .success(let o):
                    if o.isNew {
                        Terminal.line("registry version \(o.version.id) imported from \(directory), effective from \(o.version.effectiveFrom): \(o.version.summary)")
                    } else {
                        print("registry unchanged: identical to version \(o.version.id) (effective from \(o.version.effectiveFrom)); nothing stored")
                    }
                    if let b = o.broughtIn {
                        Terminal.line(b.summary)
                        // SPEC §11: the lines brought in may change days jobs already reported.
                        let late = try LateData.detect(store: store, lookBack: settings.baselineLookbackDays + settings.thresholdLookbackDays)
                        if !late.isEmpty {
                            let reruns = LateData.ranges(late).map { "pems rerun --from \($0.from) --to \($0.to)" }
                            Terminal.err("pems: late data: \(late.count) days already reported have new input: \(reruns.joined(separator: "; "))\n")
                        }
                    }
                case .failure(let rejection):
                    for issue in rejection.issues { Terminal.errLine(issue.description) }
                    let inForce = try store.registryVersion(for: day).map { "version \($0.id) stays in force" } ?? "no registry is in force yet"
                    throw UserError("\(directory): registry rejected, \(rejection.summary); \(inForce)")
                }
            }
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "list",
            abstract: "List stored registry versions and which one governs a date.",
            discussion: "Example:\n  pems registry list --date 2026-06-15")

        @OptionGroup var global: GlobalOptions

        @Option(name: .long, help: ArgumentHelp("Mark the version in force on this date (default today).", valueName: "date"))
        var date: String?

        func validate() throws {
            if let date, Day(date) == nil { throw ValidationError("--date '\(date)' is not a date YYYY-MM-DD") }
        }

        func run() throws {
            try CommandFailure.run {
                let settings = try global.settings()
                let store = try global.openStoreReadOnly(settings)
                let day = date.flatMap { Day($0) } ?? Store.now().day
                let inForce = try store.registryVersion(for: day)
                let versions = try store.registryVersions()
                if versions.isEmpty { print("no registry imported yet; run `pems registry import DIR`"); return }
                for v in versions {
                    let mark = v.id == inForce?.id ? "*" : " "
                    Terminal.line("\(mark) \(v.id)  effective \(v.effectiveFrom)  imported \(v.importedAt)  \(v.source)  \(v.summary)")
                }
                print("* = in force on \(day)")
            }
        }
    }
}
