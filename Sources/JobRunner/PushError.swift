/// Why a push could not start.
public enum PushError: Error, CustomStringConvertible, Equatable {
    /// `province.url` is not set in the settings.
    case noAddress

    public var description: String {
        switch self {
        case .noAddress:
            return "province.url is not set: add it to the settings file (e.g. province: {url: https://fbjd.newhero.com.cn/pcom/ps/ex/join}; the payloads go to <url>/abnormal and <url>/limit)"
        }
    }
}
