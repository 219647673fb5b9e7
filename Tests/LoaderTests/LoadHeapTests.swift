@testable import Loader
import Testing

/// The load's heap settings (docs/PERFORMANCE.md "Third round") leave an operator's own heap
/// tuning alone.
@Suite struct LoadHeapTests {
    @Test func anEnvironmentThatTunesGlibcsHeapIsLeftAlone() {
        #expect(LoadHeap.environmentTunesHeap(["MALLOC_ARENA_MAX_": "2"]))
        #expect(LoadHeap.environmentTunesHeap(["GLIBC_TUNABLES": "glibc.malloc.trim_threshold=1"]))
        #expect(!LoadHeap.environmentTunesHeap(["PATH": "/usr/bin", "MALLOC": "x", "MALLOCATOR_": "y"]))
    }

    @Test func theLoadsResultComesBackThroughTheHeapSettings() throws {
        #expect(LoadHeap.during { 6 * 7 } == 42)
        struct Failure: Error {}
        #expect(throws: Failure.self) { try LoadHeap.during { throw Failure() } }
    }
}
