import Foundation

/// Paths into `../shared/` beside the repository (where CI and every checkout have it).
enum SharedFixture {
    /// The repository root, found from this file's location (`Tests/<Target>/…`).
    static let repositoryRoot: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// `../shared/<relative>` next to the repository.
    static func path(_ relative: String) -> String {
        repositoryRoot.deletingLastPathComponent().appendingPathComponent("shared").appendingPathComponent(relative).path
    }
}
