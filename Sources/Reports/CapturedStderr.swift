import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Runs a C library call with file descriptor 2 pointed at a pipe, and returns what it wrote
/// there. libxlsxwriter prints its own errors to stderr (`[ERROR] workbook_close(): Zip
/// ZIP_ERRNO error while creating xlsx file '…'. System error = No space left on device`),
/// which would put two lines of its own before pems's one; captured, they become part of
/// the error pems reports, or are dropped when the errno says it all.
///
/// fd 2 is the process's, so captures are serialised by a lock, and anything another thread
/// writes to stderr meanwhile is captured too: call it only around the library calls that
/// may print (`workbook_close`; pems writes one workbook at a time). The pipe's write end is
/// non-blocking, so a library writing more than the pipe holds (64 KiB) loses the rest
/// rather than blocking.
enum CapturedStderr {
    private static let lock = NSLock()

    static func run<T>(_ body: () -> T) -> (result: T, text: String) {
        lock.lock()
        defer { lock.unlock() }
        var fds: [Int32] = [-1, -1]
        guard pipe(&fds) == 0 else { return (body(), "") }
        let saved = dup(STDERR_FILENO)
        guard saved >= 0 else {
            close(fds[0]); close(fds[1])
            return (body(), "")
        }
        _ = fcntl(fds[0], F_SETFL, O_NONBLOCK)
        _ = fcntl(fds[1], F_SETFL, O_NONBLOCK)
        fflush(nil) // every C stream: what was printed before goes out before fd 2 moves
        dup2(fds[1], STDERR_FILENO)
        close(fds[1])
        let result = body()
        fflush(nil)
        dup2(saved, STDERR_FILENO)
        close(saved)
        var captured: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            let n = buffer.withUnsafeMutableBytes { read(fds[0], $0.baseAddress, $0.count) }
            guard n > 0 else { break }
            captured += buffer.prefix(n)
        }
        close(fds[0])
        return (result, String(decoding: captured, as: UTF8.self))
    }
}
