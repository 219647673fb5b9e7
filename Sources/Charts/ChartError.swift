/// What can go wrong while drawing a chart, a brief or an evidence pack (SPEC §10).
public enum ChartError: Error, CustomStringConvertible, Equatable {
    /// fontconfig does not give Pango the CJK font (`ChartFont.verify`): Chinese would be
    /// drawn in whatever font fallback finds, or not at all. (A character no installed font
    /// has is not an error: it is replaced and reported, `TextWarning`.)
    case fontMissing(family: String, text: String)
    /// cairo reported an error (status text from `cairo_status_to_string`).
    case cairo(String)
    /// Writing an output file failed.
    case write(path: String, detail: String)
    /// The requested event is not among the stored events of the period.
    case unknownEvent(String)
    /// Nothing to draw (e.g. no stored results for the period).
    case noData(String)

    public var description: String {
        switch self {
        case let .fontMissing(family, text):
            return "font '\(family)' is not available to Pango through fontconfig (the sample '\(text)' has no glyphs in it): install fonts-noto-cjk (Jobs/setup)"
        case let .cairo(status):
            return "cairo: \(status)"
        case let .write(path, detail):
            return "\(path): cannot write (\(detail))"
        case let .unknownEvent(id):
            return "no event '\(id)' in the stored results of the period (ids are listed by `pems evidence --date D --list`)"
        case let .noData(what):
            return "nothing to draw: \(what)"
        }
    }
}
