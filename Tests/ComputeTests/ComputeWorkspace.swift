import Accounting
import Foundation
@testable import Loader
import PEMSCore
import TestSupport

/// The compute tests' workspace: `StoreWorkspace` (TestSupport) with loading and computing.
typealias ComputeWorkspace = StoreWorkspace

extension StoreWorkspace {
    /// Loads files with the registry in force on `day`.
    func load(_ paths: [String], registryDay: String) throws {
        _ = try loader(registryDay: registryDay).load(files: try InputFiles.expand(paths))
    }

    func compute(from: String, to: String, settings: Settings = Settings()) throws -> ComputationResult {
        try StoredComputation.run(store: store, settings: settings, from: Day(from)!, to: Day(to)!, engineVersion: "test",
                                  reuse: false).result()
    }
}
