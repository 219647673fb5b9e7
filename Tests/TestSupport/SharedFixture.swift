import Foundation

/// Paths into the repository and into `../shared/` beside it (where CI and every checkout
/// have it). One copy for every test target (`TestSupport`).
public enum SharedFixture {
    /// The repository root, found from this file's location (`Tests/TestSupport/…`).
    public static let repositoryRoot: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// `../shared/<relative>` next to the repository.
    public static func path(_ relative: String) -> String {
        repositoryRoot.deletingLastPathComponent().appendingPathComponent("shared").appendingPathComponent(relative).path
    }
}
