import Testing
@testable import PEMSCore

@Suite struct TimeTests {
    @Test func dayRoundTripsAndKnowsWeekdays() throws {
        let d = try #require(Day("2024-07-08"))
        #expect(d.description == "2024-07-08")
        #expect(d.isoWeekday == 1) // 2024-07-08 was a Monday
        #expect(Day("2024-02-30") == nil)
        #expect(Day("2024-7-08") == nil)
        #expect(Day(index: 0).description == "1970-01-01")
    }

    @Test func timestampParsesBothFormsAndCompact() throws {
        let a = try #require(Timestamp("2024-07-08 09:15"))
        let b = try #require(Timestamp("2024-07-08 09:15:00"))
        #expect(a == b)
        #expect(a.description == "2024-07-08 09:15:00")
        #expect(a.secondOfDay == 9 * 3600 + 15 * 60)
        let c = try #require(Timestamp(compact: Array("20240708091500".utf8)))
        let d = try #require(Timestamp(compact: Array("20240708091500123".utf8)))
        #expect(c == a && d == a)
        #expect(Timestamp(compact: Array("2024070809150".utf8)) == nil)
        #expect(Timestamp("2024-07-08 24:00") == nil)
    }
}
