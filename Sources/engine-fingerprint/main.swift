import EngineFingerprint
import Foundation

// The build tool behind `EngineFingerprintPlugin`: hashes the engine's source files (given as
// arguments by the plugin, which also declares them as the build command's inputs) and writes
// a Swift file with the fingerprint into the plugin's work folder. Never committed: every
// build makes it again when a source changed, and a fresh clone makes it on its first build.
//
//   engine-fingerprint --package DIR --output FILE SOURCE…

/// Stops the build with a message naming what is wrong.
func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data("engine-fingerprint: error: \(message)\n".utf8))
    exit(1)
}

/// Removes `--name VALUE` from `arguments` and returns VALUE.
func option(_ name: String, from arguments: inout [String]) -> String {
    guard let i = arguments.firstIndex(of: name), i + 1 < arguments.count else { fail("missing \(name)") }
    let value = arguments[i + 1]
    arguments.removeSubrange(i...(i + 1))
    return value
}

func main() {
    var arguments = Array(CommandLine.arguments.dropFirst())
    let package = URL(fileURLWithPath: option("--package", from: &arguments), isDirectory: true).standardizedFileURL.path
    let output = URL(fileURLWithPath: option("--output", from: &arguments))

    var files: [EngineFingerprint.SourceFile] = []
    var schemaVersion: Int?
    for path in arguments {
        let full = URL(fileURLWithPath: path).standardizedFileURL.path
        guard full.hasPrefix(package + "/") else { fail("\(path) is not inside the package \(package)") }
        let relative = String(full.dropFirst(package.count + 1))
        guard let data = FileManager.default.contents(atPath: full) else { fail("cannot read \(full)") }
        files.append(.init(path: relative, bytes: Array(data)))
        if relative == EngineFingerprint.schemaFile {
            guard let v = EngineFingerprint.schemaVersion(inSchemaSource: String(decoding: data, as: UTF8.self)) else {
                fail("\(full): no `Migration(version: N` found; cannot tell the schema version")
            }
            schemaVersion = v
        }
    }
    guard let schemaVersion else { fail("\(EngineFingerprint.schemaFile) is not among the sources given") }
    let fingerprint = EngineFingerprint.fingerprint(of: files, schemaVersion: schemaVersion)
    let text = """
        // Generated at build time by Plugins/EngineFingerprintPlugin (engine-fingerprint); not committed.

        /// What this build's engine is: the SHA-256 of the sources of \(EngineFingerprint.modules.joined(separator: ", "))
        /// (\(files.count) files) and the schema version (`EngineFingerprint`).
        enum EngineBuild {
            static let fingerprint = "\(fingerprint)"
            static let schemaVersion = \(schemaVersion)
        }

        """
    // Rewrite only when it changed, so an unchanged fingerprint recompiles nothing.
    guard FileManager.default.contents(atPath: output.path) != Data(text.utf8) else { return }
    do {
        try Data(text.utf8).write(to: output, options: .atomic)
    } catch {
        fail("cannot write \(output.path): \(error)")
    }
}

main()
