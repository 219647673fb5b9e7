import Foundation
import NIOConcurrencyHelpers
import NIOCore
import NIOHTTP1
import NIOPosix

/// A stand-in for the province's interface on 127.0.0.1 (a free port): records every request
/// (method, path, Content-Type, body bytes) and answers each with the next reply of its script;
/// once the script is used up it answers `{"success": true, "msg": "成功"}`.
final class ScriptedProvinceServer: @unchecked Sendable {
    /// One scripted answer.
    enum Reply: Sendable {
        /// HTTP `status` with `body` (application/json).
        case status(Int, String)
        /// Read the request and never answer (the client's timeout must end it).
        case silent
    }

    /// A request as it arrived.
    struct Request: Sendable, Equatable {
        var method: String
        var path: String
        var contentType: String?
        /// The request's `Connection` header.
        var connectionHeader: String?
        /// Which TCP connection it came on: 1 for the first the server accepted, and so on.
        var connectionNumber: Int
        var body: [UInt8]
    }

    static let success = #"{"success": true, "msg": "成功"}"#

    private let group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
    private var channel: Channel?
    private let state: NIOLockedValueBox<(script: [Reply], requests: [Request], connections: Int)>
    /// The port the server listens on.
    private(set) var port = 0

    init(script: [Reply]) throws {
        state = NIOLockedValueBox((script, [], 0))
        let server = self
        channel = try ServerBootstrap(group: group)
            .serverChannelOption(ChannelOptions.socketOption(.so_reuseaddr), value: 1)
            .childChannelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.configureHTTPServerPipeline()
                    try channel.pipeline.syncOperations.addHandler(Handler(server: server))
                }
            }
            .bind(host: "127.0.0.1", port: 0).wait()
        port = channel?.localAddress?.port ?? 0
    }

    /// The base address the tests give as `province.url`.
    var base: String { "http://127.0.0.1:\(port)/pcom/ps/ex/join" }

    /// Every request received so far, in order.
    var requests: [Request] { state.withLockedValue { $0.requests } }

    /// Replaces what is left of the script.
    func replaceScript(_ script: [Reply]) { state.withLockedValue { $0.script = script } }

    func stop() {
        try? channel?.close().wait()
        try? group.syncShutdownGracefully()
    }

    /// Counts a connection accepted; its number.
    fileprivate func accepted() -> Int {
        state.withLockedValue { s in
            s.connections += 1
            return s.connections
        }
    }

    /// Records a request and takes the next scripted reply.
    fileprivate func received(_ request: Request) -> Reply {
        state.withLockedValue { s in
            s.requests.append(request)
            return s.script.isEmpty ? .status(200, Self.success) : s.script.removeFirst()
        }
    }

    private final class Handler: ChannelInboundHandler {
        typealias InboundIn = HTTPServerRequestPart
        typealias OutboundOut = HTTPServerResponsePart

        let server: ScriptedProvinceServer
        var head: HTTPRequestHead?
        var body: [UInt8] = []
        var connectionNumber = 0

        init(server: ScriptedProvinceServer) { self.server = server }

        func channelActive(context: ChannelHandlerContext) {
            connectionNumber = server.accepted()
            context.fireChannelActive()
        }

        func channelRead(context: ChannelHandlerContext, data: NIOAny) {
            switch unwrapInboundIn(data) {
            case .head(let h):
                head = h
                body = []
            case .body(let buffer):
                body += buffer.readableBytesView
            case .end:
                guard let head else { return }
                let reply = server.received(Request(method: head.method.rawValue, path: head.uri,
                                                    contentType: head.headers.first(name: "Content-Type"),
                                                    connectionHeader: head.headers.first(name: "Connection"),
                                                    connectionNumber: connectionNumber, body: body))
                guard case .status(let code, let text) = reply else { return }
                let bytes = context.channel.allocator.buffer(string: text)
                var headers = HTTPHeaders()
                headers.add(name: "Content-Type", value: "application/json; charset=utf-8")
                headers.add(name: "Content-Length", value: String(bytes.readableBytes))
                context.write(wrapOutboundOut(.head(HTTPResponseHead(version: .http1_1, status: HTTPResponseStatus(statusCode: code),
                                                                     headers: headers))), promise: nil)
                context.write(wrapOutboundOut(.body(.byteBuffer(bytes))), promise: nil)
                context.writeAndFlush(wrapOutboundOut(.end(nil)), promise: nil)
            }
        }
    }
}
