import Foundation
@testable import JobRunner
import Logging
import PEMSCore
import Testing

/// Delivering a published day's provincial JSON (seed 003 附件3, issue 19) to a scripted
/// province on 127.0.0.1: the bytes sent, the retries, the timeout, the ledger, the skip.
@Suite struct ProvincePushTests {
    static let day = Day("2026-07-05")!
    /// A day's `abnormal` payload as the nightly job writes it (Chinese text, two-space indent).
    static let abnormal = Data("""
        [
          {
            "psId": "E001",
            "exDay": "2026-07-05",
            "productorEquipId": "P1",
            "treatmentId": "T1",
            "treatmentAmmeterId": "M-T1",
            "treatmentAmmeterIds": "M-T1",
            "exTimeStart": "2026-07-05 08:15:00",
            "exTimeEnd": "2026-07-05 09:30:00",
            "productorEquipThreshold": "15.746",
            "treatmentAmmeterThreshold": "1.078",
            "treatmentAmmeterThresholdTime": "30",
            "remark": "生产设施运行时治理设施停运"
          }
        ]

        """.utf8)
    static let limit = Data("""
        [
          {
            "psId": "E002",
            "exDay": "2026-07-05",
            "productorEquipId": "P9",
            "exTimeStart": "2026-07-05 00:00:00",
            "exTimeEnd": "2026-07-05 06:00:00",
            "remark": "橙色预警期间应停产"
          }
        ]

        """.utf8)

    /// A store, an out folder holding the day's two published files, and a scripted province.
    final class Setup {
        let dir: URL
        let store: Store
        let server: ScriptedProvinceServer
        var settings = Settings()

        init(script: [ScriptedProvinceServer.Reply], abnormal: Data = ProvincePushTests.abnormal,
             limit: Data = ProvincePushTests.limit) throws {
            dir = FileManager.default.temporaryDirectory.appendingPathComponent("pems-push-\(UUID().uuidString)")
            let folder = dir.appendingPathComponent("out/daily/\(ProvincePushTests.day)")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            try abnormal.write(to: folder.appendingPathComponent("abnormal_\(ProvincePushTests.day).json"))
            try limit.write(to: folder.appendingPathComponent("limit_\(ProvincePushTests.day).json"))
            store = try Store(path: dir.appendingPathComponent("pems.db").path)
            server = try ScriptedProvinceServer(script: script)
            settings.provinceURL = server.base
            settings.provinceBackoffSeconds = 0.01
            settings.provinceTimeoutSeconds = 5
        }

        deinit {
            server.stop()
            try? FileManager.default.removeItem(at: dir)
        }

        func push(force: Bool = false) throws -> PushJob.Outcome {
            try PushJob(store: store, settings: settings, out: dir.appendingPathComponent("out"), engineVersion: "test",
                        logger: Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() }))
                .run(days: [ProvincePushTests.day], force: force)
        }
    }

    @Test func theProvinceReceivesThePublishedFilesByteForByteAtItsTwoAddresses() throws {
        let s = try Setup(script: [])
        let o = try s.push()
        #expect(o.exitCode == .ok)
        let requests = s.server.requests
        #expect(requests.map(\.method) == ["POST", "POST"])
        #expect(requests.map(\.path) == ["/pcom/ps/ex/join/abnormal", "/pcom/ps/ex/join/limit"])
        #expect(requests.map(\.contentType) == ["application/json; charset=utf-8", "application/json; charset=utf-8"])
        #expect(requests.first?.body == Array(Self.abnormal))
        #expect(requests.last?.body == Array(Self.limit))
        // Each POST on its own connection, closed after the answer (ProvinceClient).
        #expect(requests.map(\.connectionHeader) == ["close", "close"])
        #expect(requests.map(\.connectionNumber) == [1, 2])
        // The ledger: one `push` run, succeeded, each payload accepted with the reply and the body's SHA-256.
        let run = try s.store.run(RunID(o.runID))
        #expect(run?.command == "push" && run?.status == .succeeded && run?.exitCode == 0)
        #expect(run?.parameters == ["date": "2026-07-05"])
        let attempts = try s.store.pushAttempts(RunID(o.runID))
        #expect(attempts.map(\.payload) == ["abnormal", "limit"])
        #expect(attempts.map(\.outcome) == [.accepted, .accepted])
        #expect(attempts.map(\.httpStatus) == [200, 200])
        #expect(attempts.first?.reply == ScriptedProvinceServer.success)
        #expect(attempts.first?.sha256 == ContentHash.sha256(Self.abnormal))
        #expect(attempts.first?.bytes == Self.abnormal.count)
        #expect(attempts.first?.file == "daily/2026-07-05/abnormal_2026-07-05.json")
        #expect(attempts.last?.url == s.server.base + "/limit")
    }

    @Test func aServerErrorIsRetriedAndTheSuccessAfterItIsRecorded() throws {
        let s = try Setup(script: [.status(500, "busy"), .status(200, ScriptedProvinceServer.success)])
        s.settings.provinceRetries = 2
        let o = try s.push()
        #expect(o.exitCode == .ok)
        let requests = s.server.requests
        #expect(requests.map(\.path) == ["/pcom/ps/ex/join/abnormal", "/pcom/ps/ex/join/abnormal", "/pcom/ps/ex/join/limit"])
        #expect(requests[0].body == requests[1].body)
        let attempts = try s.store.pushAttempts(RunID(o.runID))
        #expect(attempts.map { "\($0.payload) #\($0.attempt) \($0.httpStatus ?? 0) \($0.outcome.rawValue)" }
                == ["abnormal #1 500 failed", "abnormal #2 200 accepted", "limit #1 200 accepted"])
        #expect(attempts.first?.reply == "busy")
        #expect(o.pushes.map(\.summary) == ["abnormal 2026-07-05: delivered (2 attempts)", "limit 2026-07-05: delivered (1 attempt)"])
    }

    @Test func aTimeoutIsReportedRecordedAndEndsThePushWithItsOwnExitCode() throws {
        let s = try Setup(script: [.silent])
        s.settings.provinceTimeoutSeconds = 0.3
        s.settings.provinceRetries = 0
        let o = try s.push()
        #expect(o.exitCode == .pushFailed)
        let attempts = try s.store.pushAttempts(RunID(o.runID))
        let first = try #require(attempts.first)
        #expect(first.payload == "abnormal" && first.outcome == .failed && first.httpStatus == nil && first.reply == nil)
        #expect(first.error == "no answer from \(s.server.base)/abnormal within 0.3 s (province.timeout_seconds)")
        #expect(attempts.last?.outcome == .accepted)   // the limit payload still went
        let run = try s.store.run(RunID(o.runID))
        #expect(run?.status == .failed && run?.exitCode == JobExitCode.pushFailed.rawValue)
        #expect(run?.message?.hasPrefix("abnormal 2026-07-05: not delivered: no answer from") == true)
    }

    @Test func aSecondPushOfTheSameDayIsSkippedUnlessForced() throws {
        let s = try Setup(script: [])
        let first = try s.push()
        #expect(first.exitCode == .ok && s.server.requests.count == 2)
        let second = try s.push()
        #expect(second.exitCode == .ok)
        #expect(s.server.requests.count == 2)
        #expect(second.pushes.map { $0.earlier?.runID } == [RunID(first.runID), RunID(first.runID)])
        #expect(try s.store.pushAttempts(RunID(second.runID)).isEmpty)
        #expect(try s.store.run(RunID(second.runID))?.message == "abnormal 2026-07-05: delivered before, skipped; limit 2026-07-05: delivered before, skipped")
        let forced = try s.push(force: true)
        #expect(forced.exitCode == .ok && s.server.requests.count == 4)
        #expect(try s.store.run(RunID(forced.runID))?.parameters == ["date": "2026-07-05", "force": "yes"])
    }

    @Test func aFailedPushIsNotSkippedTheNextTime() throws {
        let s = try Setup(script: [.status(503, ""), .status(503, "")])
        s.settings.provinceRetries = 0
        #expect(try s.push().exitCode == .pushFailed)   // abnormal 503, limit 503
        #expect(try s.push().exitCode == .ok)           // both sent again, both accepted
        #expect(s.server.requests.map(\.path).suffix(2) == ["/pcom/ps/ex/join/abnormal", "/pcom/ps/ex/join/limit"])
        #expect(s.server.requests.count == 4)
    }

    @Test func aRefusalIsRecordedAndNotRetried() throws {
        let refusal = #"{"success": false, "msg": "psId 不存在"}"#
        let s = try Setup(script: [.status(200, refusal)])
        s.settings.provinceRetries = 3
        let o = try s.push()
        #expect(o.exitCode == .pushFailed)
        let attempts = try s.store.pushAttempts(RunID(o.runID))
        #expect(attempts.map(\.outcome) == [.rejected, .accepted])
        #expect(attempts.first?.reply == refusal)
        #expect(s.server.requests.count == 2)
    }

    @Test func anEmptyListIsNotSentAndCountsAsDelivered() throws {
        let s = try Setup(script: [], limit: Data("[]\n".utf8))
        let o = try s.push()
        #expect(o.exitCode == .ok)
        #expect(s.server.requests.map(\.path) == ["/pcom/ps/ex/join/abnormal"])
        let attempts = try s.store.pushAttempts(RunID(o.runID))
        #expect(attempts.map { "\($0.payload) #\($0.attempt) \($0.outcome.rawValue)" } == ["abnormal #1 accepted", "limit #0 empty"])
    }

    @Test func aDayThatIsNotPublishedIsAFailureNamingTheFile() throws {
        let s = try Setup(script: [])
        try FileManager.default.removeItem(at: s.dir.appendingPathComponent("out/daily/2026-07-05/limit_2026-07-05.json"))
        let o = try s.push()
        #expect(o.exitCode == .failure)
        #expect(o.pushes.last?.problem?.contains("daily/2026-07-05/limit_2026-07-05.json is not there") == true)
        #expect(s.server.requests.map(\.path) == ["/pcom/ps/ex/join/abnormal"])
    }

    @Test func theBackoffDoublesFromTheSetting() {
        #expect((1...5).map { ProvincePush.backoff(beforeAttempt: $0, base: 5) } == [0, 5, 10, 20, 40])
    }

    @Test func onlyASuccessTrueReplyIsAcceptedAndOnlyNoAnswerLikeStatusesAreRetried() {
        #expect(ProvincePush.outcome(status: 200, body: #"{"success": true, "msg": "成功"}"#) == .accepted)
        #expect(ProvincePush.outcome(status: 200, body: #"{"success": false, "msg": "失败"}"#) == .rejected)
        #expect(ProvincePush.outcome(status: 200, body: "OK") == .rejected)
        #expect(ProvincePush.outcome(status: 400, body: "") == .rejected)
        #expect([408, 429, 500, 502, 503].map { ProvincePush.outcome(status: $0, body: "") } == Array(repeating: .failed, count: 5))
    }
}
