import Foundation

/// The province's anomaly interface address (`province.url`, seed 003 附件3 §三): one base
/// address, the two payloads at `<base>/abnormal` and `<base>/limit` as the seed lists them
/// (`https://fbjd.newhero.com.cn/pcom/ps/ex/join/abnormal`, `…/join/limit`).
public enum ProvinceAddress {
    /// `text` as a base address (trailing `/` removed), or nil when it is not an `http://` or
    /// `https://` address with a host and without query or fragment.
    public static func validated(_ text: String) -> String? {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        guard let c = URLComponents(string: trimmed), let scheme = c.scheme?.lowercased(),
              scheme == "http" || scheme == "https", let host = c.host, !host.isEmpty,
              c.query == nil, c.fragment == nil else { return nil }
        var base = trimmed
        while base.hasSuffix("/") { base.removeLast() }
        return base
    }

    /// The address one payload is POSTed to: `<base>/<payload>`.
    public static func endpoint(base: String, payload: String) -> String { base + "/" + payload }
}
