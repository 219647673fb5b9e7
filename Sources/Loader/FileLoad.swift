import Foundation
import PEMSCore

/// One load of input files as every command runs it: `pems load`, `pems demo` and the
/// nightly job's inbox all come through here, so they load with the same registry and options.
public enum FileLoad {
    /// Loads `files` (from `InputFiles.expand`) with the registry in force today (CST) and the
    /// options the settings decide (`LoadOptions(settings:)`; `workers` overrides the default
    /// number of parsing threads). Lines kept aside before that this registry knows are brought
    /// in first (SPEC §13.37). `progress` is called with (bytes done, bytes total).
    public static func run(files: [InputFile], store: Store, settings: Settings, workers: Int? = nil,
                           progress: ((Int, Int) -> Void)? = nil) throws -> LoadSummary {
        let (version, registry) = try store.registry(for: Store.now().day)
        let directory = try ChannelDirectory.make(registry: registry, store: store)
        var options = LoadOptions(settings: settings)
        if let workers { options.workers = workers }
        let loader = DataLoader(store: store, directory: directory, registryVersion: version.id, options: options)
        loader.progress = progress
        let started = Date()
        let results = try loader.load(files: files)
        return LoadSummary(files: results, seconds: Date().timeIntervalSince(started), broughtIn: loader.broughtIn)
    }
}
