import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The C heap's settings while a load runs (issue 20; docs/PERFORMANCE.md "Third round").
///
/// A load reads its files in 32 MB pieces and builds large arrays of decoded values. Under
/// glibc's defaults every allocation over 32 MB is a fresh `mmap` — the kernel maps and zeroes
/// each page on first touch, about 2.3 GB of pages for a city day — and free memory at the top
/// of the heap is handed back to the kernel soon, to be faulted in again for the next piece.
/// During a load large blocks are therefore taken from the heap (up to 1 GiB), and up to
/// 256 MiB of free memory is kept at its top, so pieces and arrays reuse pages already mapped.
///
/// Afterwards the settings are those glibc's own adjustment reaches once a block of 32 MB has
/// been freed (blocks over 32 MB mapped, 64 MB kept at the top; the adjustment itself stays
/// off, as any `mallopt` leaves it) and the free memory is returned to the kernel
/// (`malloc_trim`), so a computation after the load in the same process does not hold it.
///
/// `mallopt` and `malloc_trim` are glibc's (`<malloc.h>`, which the Glibc module does not
/// export): looked up by name. Nothing is changed without them (another C library), when this
/// glibc refuses a 1 GiB threshold (older ones allow 32 MB at most, which would not cover the
/// pieces), or when the environment sets the heap itself (`MALLOC_…_`, `GLIBC_TUNABLES`): the
/// operator's choice stands. A process runs one load at a time; the settings are not nested.
enum LoadHeap {
    // <malloc.h>
    private static let trimThreshold: Int32 = -1, topPad: Int32 = -2, mmapThreshold: Int32 = -3

    private typealias Mallopt = @convention(c) (Int32, Int32) -> Int32
    private typealias MallocTrim = @convention(c) (Int) -> Int32

    private static let functions: (Mallopt, MallocTrim)? = {
        #if canImport(Glibc)
        guard let lib = dlopen(nil, RTLD_NOW), let opt = dlsym(lib, "mallopt"), let trim = dlsym(lib, "malloc_trim") else {
            return nil
        }
        return (unsafeBitCast(opt, to: Mallopt.self), unsafeBitCast(trim, to: MallocTrim.self))
        #else
        return nil
        #endif
    }()

    /// Whether the environment tunes glibc's heap itself.
    static func environmentTunesHeap(_ environment: [String: String]) -> Bool {
        environment.keys.contains { $0 == "GLIBC_TUNABLES" || ($0.hasPrefix("MALLOC_") && $0.hasSuffix("_")) }
    }

    static func during<T>(_ body: () throws -> T) rethrows -> T {
        guard let (mallopt, mallocTrim) = functions,
              !environmentTunesHeap(ProcessInfo.processInfo.environment),
              mallopt(mmapThreshold, 1 << 30) == 1
        else { return try body() }
        _ = mallopt(trimThreshold, 256 << 20)
        _ = mallopt(topPad, 64 << 20)
        defer {
            _ = mallopt(mmapThreshold, 32 << 20)
            _ = mallopt(trimThreshold, 64 << 20)
            _ = mallopt(topPad, 128 << 10)
            _ = mallocTrim(0)
        }
        return try body()
    }
}
