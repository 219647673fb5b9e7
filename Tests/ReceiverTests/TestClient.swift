import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A plain blocking TCP client on 127.0.0.1 for the receiver's tests (not the code under test).
final class TestClient {
    let fd: Int32

    init(port: Int) throws {
        fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw TestClientError.failed("socket") }
        var addr = sockaddr_in()
        addr.sin_family = sa_family_t(AF_INET)
        addr.sin_port = in_port_t(UInt16(port).bigEndian)
        addr.sin_addr.s_addr = inet_addr("127.0.0.1")
        let r = withUnsafePointer(to: &addr) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard r == 0 else {
            close(fd)
            throw TestClientError.failed("connect: \(String(cString: strerror(errno)))")
        }
        var tv = timeval(tv_sec: 5, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, socklen_t(MemoryLayout<timeval>.size))
    }

    func send(_ bytes: [UInt8]) throws {
        var sent = 0
        while sent < bytes.count {
            let n = bytes[sent...].withUnsafeBytes { Glibc.send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            guard n > 0 else { throw TestClientError.failed("send: \(String(cString: strerror(errno)))") }
            sent += n
        }
    }

    func send(_ text: String) throws { try send(Array(text.utf8)) }

    /// Reads until `count` lines (CR LF ended) have come, the peer closes, or 5 s pass.
    func readLines(_ count: Int) -> [String] {
        var data: [UInt8] = []
        var buf = [UInt8](repeating: 0, count: 4096)
        while data.filter({ $0 == 0x0A }).count < count {
            let n = recv(fd, &buf, buf.count, 0)
            if n <= 0 { break }
            data += buf[..<n]
        }
        return String(decoding: data, as: UTF8.self).split(separator: "\r\n", omittingEmptySubsequences: true).map(String.init)
    }

    /// True when the peer has closed the connection (within 5 s).
    func closedByPeer() -> Bool {
        var buf = [UInt8](repeating: 0, count: 256)
        while true {
            let n = recv(fd, &buf, buf.count, 0)
            if n == 0 { return true }
            if n < 0 { return errno == ECONNRESET }
        }
    }

    deinit { close(fd) }
}

enum TestClientError: Error { case failed(String) }
