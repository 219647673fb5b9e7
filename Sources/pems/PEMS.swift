import ArgumentParser

struct PEMS: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "pems",
        abstract: "Power and process monitoring analytics for city environment bureaus."
    )
}
