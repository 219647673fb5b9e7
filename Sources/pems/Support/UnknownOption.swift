import ArgumentParser
import Foundation

/// Refuses an argument that starts with one `-` and is no option of pems's, before
/// swift-argument-parser sees it. Left to the parser, such an argument goes wrong twice:
/// `-hourly.log` is read as the grouped short flags `-h -o -u …`, and the `-h` in it prints
/// help and exits 0 — the command did nothing and said it succeeded; and `pems load -x.log`
/// is reported as a missing `<path>`, not as the unknown option it is.
///
/// pems has no short option but `-h`, so any other single-dash argument before `--` is an
/// unknown option — except a number (`--limit -1` is the parser's to judge). The usage error
/// is the parser's own format and exit code (64); `--` ends the options, so `pems load --
/// -x.log` loads a file of that name.
enum UnknownOption {
    /// The single-dash arguments pems accepts.
    static let shortOptions: Set<String> = ["-h", "-"]
    /// Options of the root command that take a value, which is not a command name.
    static let rootValueOptions: Set<String> = ["--store", "--config"]

    /// The first unknown single-dash option in `arguments` (without the program name) and the
    /// command it was given to; nil when there is none.
    static func find(in arguments: [String]) -> (option: String, command: ParsableCommand.Type, name: String)? {
        var command: ParsableCommand.Type = PEMS.self
        var names = [PEMS._commandName]
        var descending = true
        var skipValue = false
        var found: String?
        for argument in arguments {
            if argument == "--" { break }
            if skipValue { skipValue = false; continue }
            if argument.hasPrefix("--") {
                if descending && rootValueOptions.contains(argument) { skipValue = true }
                continue
            }
            if argument.hasPrefix("-") {
                if found == nil && !shortOptions.contains(argument) && !isNumber(argument) { found = argument }
                continue
            }
            guard descending else { continue }
            if let sub = command.configuration.subcommands.first(where: { $0._commandName == argument }) {
                command = sub
                names.append(sub._commandName)
            } else {
                descending = false // a positional argument of the command (`report daily`, a path)
            }
        }
        guard let found else { return nil }
        if let sub = command.configuration.defaultSubcommand {
            command = sub
            names.append(sub._commandName)
        }
        return (found, command, names.joined(separator: " "))
    }

    /// `-1`, `-0.5`: a negative number, left to the parser (an option's value it may refuse).
    static func isNumber(_ argument: String) -> Bool {
        argument.dropFirst().first?.isNumber == true && Double(argument) != nil
    }

    /// Writes the usage error for an unknown option in `arguments` and exits 64, or returns.
    static func refuse(in arguments: [String]) {
        guard let (option, command, name) = find(in: arguments) else { return }
        let text = """
            Error: Unknown option '\(option)'
            Usage: \(PEMS.usageString(for: command))
              See '\(name) --help' for more information.

            """
        FileHandle.standardError.write(Data(text.utf8))
        exit(ExitCode.validationFailure.rawValue)
    }
}
