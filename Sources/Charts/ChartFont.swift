import CPango

/// The fonts of every chart, through Pango (Debian `libpango1.0-dev`: HarfBuzz shaping, bidi,
/// per-glyph fallback through fontconfig).
///
/// Noto Sans CJK SC (Debian `fonts-noto-cjk`, Regular and Bold) comes first, so Chinese, Latin
/// and digits look as they always have. Registry names in other scripts of the country fall
/// back, in this order, to Noto Sans Arabic (Uyghur), Noto Serif Tibetan, Noto Sans Mongolian
/// (all three in `fonts-noto-core`), then Noto Sans Symbols2 (monochrome emoji and pictographs)
/// and Noto Sans; naming them keeps the choice the same on every machine of this kind instead
/// of leaving it to fontconfig's alias order, and fontconfig's own fallback still follows for
/// anything they lack. What no font has is replaced and reported (`TextWarning`).
public enum ChartFont {
    public static let family = "Noto Sans CJK SC"
    /// The family list Pango is given (first match per character wins).
    public static let families = [family, "Noto Sans Arabic", "Noto Serif Tibetan", "Noto Sans Mongolian",
                                  "Noto Sans Symbols2", "Noto Sans"]
    /// Characters every chart uses (digits, units, Chinese labels).
    static let sample = "工况用电监控排放量吨公斤同步率区县 0123456789.%kWh"

    /// A Pango font description of the family list at `size` points (absolute: user-space
    /// units, not scaled by a resolution). The caller frees it (`pango_font_description_free`).
    static func description(size: Double, bold: Bool, families: [String] = ChartFont.families) -> OpaquePointer {
        let d = pango_font_description_new()!
        pango_font_description_set_family(d, families.joined(separator: ","))
        pango_font_description_set_weight(d, bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL)
        pango_font_description_set_style(d, PANGO_STYLE_NORMAL)
        pango_font_description_set_absolute_size(d, size * Double(PANGO_SCALE))
        return d
    }

    /// Throws `ChartError.fontMissing` unless fontconfig gives Pango `family` (Noto Sans CJK
    /// SC) itself, Regular and Bold, with a glyph for every sample character. Fallback would
    /// otherwise hide a missing CJK font behind whatever font has Chinese, so this is checked
    /// at start-up and fails loudly.
    public static func verify(family: String = ChartFont.family) throws {
        let map = pango_cairo_font_map_get_default()
        guard let context = pango_font_map_create_context(map) else { throw ChartError.cairo("no Pango context") }
        defer { g_object_unref(UnsafeMutableRawPointer(context)) }
        for bold in [false, true] {
            let desc = description(size: 12, bold: bold, families: [family])
            defer { pango_font_description_free(desc) }
            guard let font = pango_font_map_load_font(map, context, desc) else {
                throw ChartError.fontMissing(family: family, text: sample)
            }
            defer { g_object_unref(UnsafeMutableRawPointer(font)) }
            let got = pango_font_describe(font)
            defer { pango_font_description_free(got) }
            let name = pango_font_description_get_family(got).map { String(cString: $0) } ?? ""
            guard name.caseInsensitiveCompare(family) == .orderedSame,
                  sample.unicodeScalars.allSatisfy({ $0 == " " || pango_font_has_char(font, $0.value) != 0 }) else {
                throw ChartError.fontMissing(family: family, text: sample)
            }
        }
    }
}
