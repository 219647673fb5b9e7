import AsyncHTTPClient
import Foundation
import NIOCore

/// What came back from one POST to the province: the HTTP status and the reply body (UTF-8,
/// invalid bytes replaced).
struct ProvinceReply: Sendable, Equatable {
    var status: Int
    var body: String
}

/// Why a POST to the province got no answer.
enum ProvincePostError: Error, CustomStringConvertible, Equatable {
    /// Nothing (or not all of the answer) came within `province.timeout_seconds`.
    case timedOut(url: String, seconds: Double)
    /// The connection failed: refused, reset, TLS, name resolution, … (the client's words).
    case transport(url: String, detail: String)
    /// The address is not one the client can send to.
    case badAddress(url: String, detail: String)

    var description: String {
        switch self {
        case .timedOut(let url, let s): return "no answer from \(url) within \(secondsText(s)) s (province.timeout_seconds)"
        case .transport(let url, let d): return "POST to \(url) failed: \(d)"
        case .badAddress(let url, let d): return "cannot POST to \(url): \(d)"
        }
    }
}

/// "30", "0.2": seconds as a person writes them.
func secondsText(_ s: Double) -> String { String(format: "%g", s) }

/// POSTs JSON bodies to the province with async-http-client: HTTP/1.1 or HTTP/2, TLS through
/// NIOSSL's default client configuration (the system's trust roots; certificate and host name
/// verified), redirects not followed (a POST's body is not resent elsewhere unseen), and the
/// whole exchange, connecting included, bounded by one timeout; a new connection for each POST
/// (`Connection: close`). Blocking: call it from a job's
/// thread, never from an event loop.
final class ProvinceClient {
    private let client: HTTPClient
    let timeoutSeconds: Double

    init(timeoutSeconds: Double) {
        self.timeoutSeconds = timeoutSeconds
        let t = Self.amount(timeoutSeconds)
        let configuration = HTTPClient.Configuration(redirectConfiguration: .disallow,
                                                     timeout: .init(connect: t, read: t))
        client = HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
    }

    deinit { try? client.syncShutdown() }

    /// POSTs `body` as `application/json; charset=utf-8` to `url` and waits for the whole answer.
    func post(_ body: Data, to url: String) throws -> ProvinceReply {
        var request: HTTPClient.Request
        do {
            request = try HTTPClient.Request(url: url, method: .POST)
        } catch {
            throw ProvincePostError.badAddress(url: url, detail: String(describing: error))
        }
        request.headers.add(name: "Content-Type", value: "application/json; charset=utf-8")
        request.headers.add(name: "Accept", value: "application/json")
        // One connection per POST, closed after its answer: a push is a few POSTs a night, so
        // reuse saves nothing, and a connection that timed out is never handed to the next
        // payload. It also keeps the client off its connection-reuse path, where a reply that
        // ends before the request's last write is seen can crash the process
        // (async-http-client 1.37.0, HTTPConnectionPool+HTTP1Connections.swift:502,
        // "A connection that we don't know was released?"; seen once in a CI run).
        request.headers.add(name: "Connection", value: "close")
        request.body = .bytes(body)
        do {
            let response = try client.execute(request: request, deadline: .now() + Self.amount(timeoutSeconds)).wait()
            let text = response.body.map { String(decoding: $0.readableBytesView, as: UTF8.self) } ?? ""
            return ProvinceReply(status: Int(response.status.code), body: text)
        } catch let e as HTTPClientError where e == .deadlineExceeded || e == .readTimeout || e == .connectTimeout {
            throw ProvincePostError.timedOut(url: url, seconds: timeoutSeconds)
        } catch {
            throw ProvincePostError.transport(url: url, detail: String(describing: error))
        }
    }

    static func amount(_ seconds: Double) -> TimeAmount { .nanoseconds(Int64((seconds * 1e9).rounded())) }
}
