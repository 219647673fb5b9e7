import ArgumentParser
import JobRunner
import PEMSCore

/// `pems assess [--response ID]…` — emergency-response assessments as a job (SPEC §9.5, §10, §11).
struct AssessCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "assess",
        abstract: "Write the assessment (应急减排评估) of emergency responses as a recorded job.",
        discussion: """
        Renders <out>/responses/<id>/ for each --response (default: every response in the \
        registry that ended before today), computing each response's days as one period. The \
        nightly run of a response's last day does this too. Recorded in the run ledger; exit \
        codes as for `pems nightly`.

        Examples:
          pems assess --response R20260629-O --out /srv/pems/out
          pems assess
        """)

    @OptionGroup var global: GlobalOptions
    @OptionGroup var job: JobOptions

    @Option(name: .long, help: ArgumentHelp("A response id (repeat for several; default: every ended response).", valueName: "id"))
    var response: [String] = []

    func run() throws {
        let today = Store.now().day
        try JobCommandRunner.run(global, job, command: "assess", parameters: ["responses": response.joined(separator: ",")]) { _, registry, _ in
            let chosen: [Response]
            if response.isEmpty {
                chosen = registry.responses.filter { $0.end.day <= today }
            } else {
                chosen = try response.map { id in
                    guard let r = registry.response(id: id) else {
                        throw UserError("unknown response '\(id)'; the registry has: \(registry.responses.map(\.id).joined(separator: ", "))")
                    }
                    return r
                }
            }
            return try JobPlan.assessment(chosen)
        }
    }
}
