@testable import Loader
import Testing

/// The loader's MN and code lookup (`ChannelDirectory`): a code is found whatever the hint
/// says, and the hint follows what was found.
@Suite struct ChannelDirectoryTests {
    static let codes = ["100000", "pa1001", "pa1002", "pa2001", "311011", "a01012"]

    static let directory = ChannelDirectory(
        entries: codes.enumerated().map { .init(mn: "13060200010180", code: $1, channel: 10 + $0, electrical: $0 < 5) }
            + [.init(mn: "13060200010180", code: "pa1002", channel: 99, electrical: false),   // listed twice: the first counts
               .init(mn: "13060200020180", code: "pa1001", channel: 50, electrical: true)],
        collectors: [])

    func lookUp(_ mn: Int, _ code: String, hint: inout Int) -> ChannelDirectory.Code? {
        Array(code.utf8).withUnsafeBufferPointer { Self.directory.code(mn, $0, 0..<$0.count, hint: &hint) }
    }

    @Test func everyCodeIsFoundFromEveryHintAndTheHintBecomesItsOffset() {
        for (k, code) in Self.codes.enumerated() {
            for start in -1...8 {
                var hint = start
                let found = lookUp(0, code, hint: &hint)
                #expect(found?.channel == Int32(10 + k), "\(code) from hint \(start)")
                #expect(hint == k)
            }
        }
    }

    @Test func aCodeListedTwiceForAnMNIsTheFirstOneAndAnUnknownCodeIsNone() {
        for start in 0...7 {
            var hint = start
            #expect(lookUp(0, "pa1002", hint: &hint)?.channel == 12)
            var other = start
            #expect(lookUp(0, "pa9999", hint: &other) == nil)
            #expect(other == start)
        }
        var hint = 3
        #expect(lookUp(1, "pa1001", hint: &hint)?.channel == 50)   // another MN's own codes
        #expect(lookUp(1, "pa1002", hint: &hint) == nil)
    }
}
