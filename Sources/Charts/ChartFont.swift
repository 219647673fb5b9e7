import CCairo

/// The one font family of every chart: Noto Sans CJK SC (Debian `fonts-noto-cjk`), Regular
/// and Bold, through cairo's toy text API. cairo 1.16 has no per-glyph fallback: an unknown
/// family silently becomes DejaVu and every Chinese character an empty box (NOTES.md), so the
/// family is checked once at start-up (`verify`) and every string drawn is checked again
/// (`Canvas` records the first string with a missing glyph and `finish` throws).
public enum ChartFont {
    public static let family = "Noto Sans CJK SC"
    /// Characters every chart uses (digits, units, Chinese labels).
    static let sample = "工况用电监控排放量吨公斤同步率区县 0123456789.%kWh"

    /// Throws `ChartError.fontMissing` unless cairo resolves the family with CJK glyphs.
    public static func verify() throws {
        guard let surface = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, 8, 8) else { throw ChartError.cairo("no surface") }
        defer { cairo_surface_destroy(surface) }
        guard let cr = cairo_create(surface) else { throw ChartError.cairo("no context") }
        defer { cairo_destroy(cr) }
        for weight in [CAIRO_FONT_WEIGHT_NORMAL, CAIRO_FONT_WEIGHT_BOLD] {
            cairo_select_font_face(cr, family, CAIRO_FONT_SLANT_NORMAL, weight)
            cairo_set_font_size(cr, 12)
            if let missing = missingCharacters(cr, sample), !missing.isEmpty {
                throw ChartError.fontMissing(family: family, text: sample)
            }
        }
    }

    /// The characters of `text` that map to glyph 0 (missing) in the context's current font;
    /// nil when cairo could not convert the text at all.
    static func missingCharacters(_ cr: OpaquePointer, _ text: String) -> String? {
        guard let scaled = cairo_get_scaled_font(cr) else { return nil }
        var missing = ""
        for ch in text where !ch.isWhitespace {
            var glyphs: UnsafeMutablePointer<cairo_glyph_t>?
            var count: Int32 = 0
            let s = String(ch)
            let status = cairo_scaled_font_text_to_glyphs(scaled, 0, 0, s, Int32(s.utf8.count), &glyphs, &count,
                                                          nil, nil, nil)
            defer { if let glyphs { cairo_glyph_free(glyphs) } }
            guard status == CAIRO_STATUS_SUCCESS, let glyphs else { return nil }
            for i in 0..<Int(count) where glyphs[i].index == 0 { missing.append(ch); break }
        }
        return missing
    }
}
