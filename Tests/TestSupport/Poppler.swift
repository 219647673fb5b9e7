import Foundation

/// The poppler command-line tools the tests read PDFs with (`pdfinfo`, `pdffonts`,
/// `pdftotext`, `pdftoppm`, installed by `Jobs/setup` from `poppler-utils`): what a reader's
/// viewer would see, independent of the cairo code that wrote the file.
public enum Poppler {
    /// A tool that exited with a failure (its name, arguments and status).
    public struct Failure: Error, CustomStringConvertible {
        public let tool: String
        public let arguments: [String]
        public let status: Int32
        public var description: String { "\(tool) \(arguments.joined(separator: " ")) exited with \(status)" }
    }

    /// Runs `/usr/bin/<tool>` with `arguments`; returns its standard output (UTF-8). Throws
    /// `Failure` when it exits with a non-zero status.
    public static func run(_ tool: String, _ arguments: [String]) throws -> String {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/" + tool)
        p.arguments = arguments
        let out = Pipe()
        p.standardOutput = out
        p.standardError = FileHandle.nullDevice
        try p.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        guard p.terminationStatus == 0 else { throw Failure(tool: tool, arguments: arguments, status: p.terminationStatus) }
        return String(decoding: data, as: UTF8.self)
    }

    /// The page count `pdfinfo` reports for the PDF at `url` (nil when it reports none).
    public static func pages(_ url: URL) throws -> Int? {
        try run("pdfinfo", [url.path]).split(separator: "\n").first { $0.hasPrefix("Pages:") }
            .flatMap { Int($0.dropFirst(6).trimmingCharacters(in: .whitespaces)) }
    }
}
