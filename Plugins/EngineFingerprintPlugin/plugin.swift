import Foundation
import PackagePlugin

/// Generates `EngineBuild.fingerprint` for the target it is applied to (`pems`): the hash of
/// the source files of the modules that decide stored results (`EngineFingerprint.modules`,
/// repeated here because a plugin cannot import a library; the CLI tests recompute the
/// fingerprint from that list and compare). Every file is declared as an input, so a changed
/// or added source runs the tool again and an unchanged build does not.
@main
struct EngineFingerprintPlugin: BuildToolPlugin {
    static let modules = ["HJ212", "PEMSCore", "Loader", "Baselines", "Accounting"]

    struct MissingModule: Error, CustomStringConvertible {
        let name: String
        var description: String { "EngineFingerprintPlugin: the package has no source module '\(name)'" }
    }

    func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
        var inputs: [URL] = []
        for name in Self.modules {
            guard let module = try context.package.targets(named: [name]).first?.sourceModule else {
                throw MissingModule(name: name)
            }
            inputs += module.sourceFiles.map(\.url)
        }
        let output = context.pluginWorkDirectoryURL.appendingPathComponent("EngineBuild.swift")
        return [.buildCommand(
            displayName: "Fingerprinting the engine sources (\(inputs.count) files)",
            executable: try context.tool(named: "engine-fingerprint").url,
            arguments: ["--package", context.package.directoryURL.path, "--output", output.path] + inputs.map(\.path),
            inputFiles: inputs,
            outputFiles: [output])]
    }
}
