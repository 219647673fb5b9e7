import Foundation
import Testing
@testable import PEMSCore

/// The settings of the push to the province (issue 19): read, checked, rendered, and kept out
/// of the computation fingerprint.
@Suite struct ProvinceSettingsTests {
    @Test func theProvinceAddressIsReadWithoutItsTrailingSlashAndTheTimingsWithIt() throws {
        let s = try SettingsFile.parse("""
            province:
              url: https://fbjd.newhero.com.cn/pcom/ps/ex/join/
              timeout_seconds: 10
              retries: 5
              backoff_seconds: 2.5
            """, file: "pems.yaml")
        #expect(s.provinceURL == "https://fbjd.newhero.com.cn/pcom/ps/ex/join")
        #expect(s.provinceTimeoutSeconds == 10 && s.provinceRetries == 5 && s.provinceBackoffSeconds == 2.5)
        #expect(ProvinceAddress.endpoint(base: s.provinceURL ?? "", payload: "limit") == "https://fbjd.newhero.com.cn/pcom/ps/ex/join/limit")
        #expect(try SettingsFile.parse(SettingsFile.render(s), file: "rendered") == s)
    }

    @Test func anAddressThatIsNotHTTPIsAnErrorNamingTheLineAndAnExample() {
        let expected = "an http:// or https:// address with a host and no query, e.g. https://fbjd.newhero.com.cn/pcom/ps/ex/join"
        #expect(throws: SettingsError.badValue(file: "s.yaml", line: 2, key: "province.url", value: "ftp://x/join", expected: expected)) {
            try SettingsFile.parse("province:\n  url: ftp://x/join\n", file: "s.yaml")
        }
        #expect(throws: SettingsError.badValue(file: "s.yaml", line: 1, key: "province.url", value: "https://x/join?a=1", expected: expected)) {
            try SettingsFile.parse("province.url: https://x/join?a=1\n", file: "s.yaml")
        }
        #expect(throws: SettingsError.badValue(file: "s.yaml", line: 1, key: "province.retries", value: "11", expected: "an integer in 0…10")) {
            try SettingsFile.parse("province.retries: 11\n", file: "s.yaml")
        }
    }

    @Test func theProvinceSettingsAreRecordedButDoNotKeyTheComputation() throws {
        var s = Settings()
        s.provinceURL = "https://example.gov.cn/join"
        s.provinceRetries = 1
        #expect(SettingsFile.render(s).contains("province.url: https://example.gov.cn/join\n"))
        #expect(!SettingsFile.renderComputing(s).contains("province"))
        #expect(SettingsFile.renderComputing(s) == SettingsFile.renderComputing(Settings()))
    }
}
