/// What can go wrong while drawing a chart, a brief or an evidence pack (SPEC §10).
public enum ChartError: Error, CustomStringConvertible, Equatable {
    /// fontconfig does not give cairo the CJK font: Chinese would be drawn as empty boxes.
    case fontMissing(family: String, text: String)
    /// A string drawn contains characters the font has no glyph for.
    case missingGlyphs(family: String, text: String, characters: String)
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
            return "font '\(family)' is not available to cairo (the sample '\(text)' has no glyphs): install fonts-noto-cjk (Jobs/setup)"
        case let .missingGlyphs(family, text, characters):
            return "font '\(family)' has no glyph for '\(characters)' in '\(text)': refusing to draw empty boxes"
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
