import CCairo
import CPango
import Foundation

/// Measures and draws the text of one canvas with Pango and its cairo backend (issue 13).
///
/// cairo's toy text API drew one font's glyphs, unshaped: a Uyghur letter in an enterprise
/// name was a missing glyph, and the whole brief was refused. Pango shapes with HarfBuzz
/// (Arabic-script Uyghur joins and runs right to left, Tibetan stacks, Mongolian joins) and
/// falls back per character through fontconfig along `ChartFont.families`.
///
/// What is never handed to Pango: control characters (C0, DEL, C1), bidi overrides,
/// embeddings and isolates (U+202A–U+202E, U+2066–U+2069: they would reorder what a reader
/// sees — an RLO in a name turns it around) and the line/paragraph separators; and after
/// shaping, any character fallback found in no font (Pango's unknown glyphs). Each becomes
/// `TextWarning.placeholder`, and the replacement is reported for the canvas to collect.
///
/// Metrics are the same on PNG and PDF and at any scale: outlines and metrics are not hinted,
/// glyph positions not rounded. A line is placed by its baseline, as the toy API placed it, so
/// the charts' layouts are unchanged; a taller fallback font (Tibetan stacks) does not move it.
/// Every paragraph is left to right (names in right-to-left scripts are runs inside it), so a
/// label reads the same whatever script a name begins with.
final class TextRenderer {
    /// The canvas's cairo context (owned by the canvas).
    private let cr: OpaquePointer
    private let context: OpaquePointer
    private var fonts: [FontKey: OpaquePointer] = [:]
    /// Texts shaped on this canvas, each in its own layout with what was replaced in it: a
    /// document draws the same labels again and again (an enterprise file's thirty evidence
    /// charts, their hour axes and legends), and shaping is most of what drawing text costs.
    /// The drawn glyphs are the same as when shaped anew. At most `maxLayouts` are kept.
    private var layouts: [WidthKey: Shaped] = [:]
    static let maxLayouts = 4096

    private struct Shaped {
        let layout: OpaquePointer
        let replaced: [Unicode.Scalar]
    }
    /// Advance widths measured, shared by every canvas of the process: metrics are unhinted
    /// and unrounded, so a text's width does not depend on the surface, and a batch of
    /// documents (the enterprise files) measures the same headers and labels again and again.
    private static let widths = WidthCache()

    private struct FontKey: Hashable {
        var size: Double
        var bold: Bool
    }

    private struct WidthKey: Hashable {
        var text: String
        var font: FontKey
    }

    /// Text → advance width, for any thread (the enterprise files are drawn by two).
    private final class WidthCache: @unchecked Sendable {
        private var widths: [WidthKey: Double] = [:]
        private let lock = NSLock()

        func get(_ key: WidthKey) -> Double? {
            lock.lock()
            defer { lock.unlock() }
            return widths[key]
        }

        func set(_ key: WidthKey, _ w: Double) {
            lock.lock()
            defer { lock.unlock() }
            if widths.count >= 200_000 { widths.removeAll(keepingCapacity: true) }
            widths[key] = w
        }
    }

    init(cr: OpaquePointer) {
        self.cr = cr
        context = pango_cairo_create_context(cr)
        let options = cairo_font_options_create()
        cairo_font_options_set_hint_metrics(options, CAIRO_HINT_METRICS_OFF)
        cairo_font_options_set_hint_style(options, CAIRO_HINT_STYLE_NONE)
        pango_cairo_context_set_font_options(context, options)
        cairo_font_options_destroy(options)
        pango_context_set_round_glyph_positions(context, 0)
        pango_context_set_base_dir(context, PANGO_DIRECTION_LTR)
    }

    deinit {
        for s in layouts.values { g_object_unref(UnsafeMutableRawPointer(s.layout)) }
        g_object_unref(UnsafeMutableRawPointer(context))
        for d in fonts.values { pango_font_description_free(d) }
    }

    /// True for a character handed to Pango never (see the type's comment).
    static func isNeverDrawn(_ s: Unicode.Scalar) -> Bool {
        switch s.value {
        case 0x00...0x1F, 0x7F...0x9F, 0x202A...0x202E, 0x2066...0x2069, 0x2028, 0x2029: return true
        default: return false
        }
    }

    // MARK: measuring and drawing

    /// Advance width of `text` in points.
    func width(_ text: String, size: Double, bold: Bool) -> Double {
        let key = WidthKey(text: text, font: FontKey(size: size, bold: bold))
        if let w = Self.widths.get(key) { return w }
        let w = Self.logicalWidth(shaped(text, size: size, bold: bold).layout)
        Self.widths.set(key, w)
        return w
    }

    /// Draws `text` with its baseline `dy` below (x, y) in a frame rotated by `rotate` around
    /// (x, y), aligned as `align` says; returns the advance width and the characters replaced.
    func draw(_ text: String, x: Double, y: Double, size: Double, bold: Bool, align: HAlign, dy: Double,
              rotate: Double) -> (width: Double, replaced: [Unicode.Scalar]) {
        let shaped = shaped(text, size: size, bold: bold)
        let layout = shaped.layout, replaced = shaped.replaced
        let w = Self.logicalWidth(layout)
        let dx: Double
        switch align {
        case .left: dx = 0
        case .center: dx = -w / 2
        case .right: dx = -w
        }
        let baseline = Double(pango_layout_get_baseline(layout)) / Double(PANGO_SCALE)
        cairo_save(cr)
        cairo_translate(cr, x, y)
        cairo_rotate(cr, rotate)
        // Glyphs are made for the context's transformation: follow a rotation, and go back after.
        if rotate != 0 { pango_cairo_update_layout(cr, layout) }
        cairo_move_to(cr, dx, dy - baseline)
        pango_cairo_show_layout(cr, layout)
        cairo_restore(cr)
        if rotate != 0 { pango_cairo_update_layout(cr, layout) }
        return (w, replaced)
    }

    // MARK: the layout

    private static func logicalWidth(_ layout: OpaquePointer) -> Double {
        var logical = PangoRectangle()
        pango_layout_get_extents(layout, nil, &logical)
        return Double(logical.width) / Double(PANGO_SCALE)
    }

    private func font(size: Double, bold: Bool) -> OpaquePointer {
        let key = FontKey(size: size, bold: bold)
        if let known = fonts[key] { return known }
        let d = ChartFont.description(size: size, bold: bold)
        fonts[key] = d
        return d
    }

    /// `text` shaped at the font, what can be drawn of it, in a layout of its own (kept for the
    /// next time the canvas draws or measures it), and the characters replaced, in order of
    /// first appearance (empty for almost every text).
    private func shaped(_ text: String, size: Double, bold: Bool) -> Shaped {
        let key = WidthKey(text: text, font: FontKey(size: size, bold: bold))
        if let known = layouts[key] { return known }
        if layouts.count >= Self.maxLayouts {
            for s in layouts.values { g_object_unref(UnsafeMutableRawPointer(s.layout)) }
            layouts.removeAll(keepingCapacity: true)
        }
        guard let layout = pango_layout_new(context) else { preconditionFailure("pango_layout_new failed") }
        pango_layout_set_auto_dir(layout, 0)
        pango_layout_set_single_paragraph_mode(layout, 1)
        pango_layout_set_font_description(layout, font(size: size, bold: bold))
        func setText(_ t: String) { pango_layout_set_text(layout, t, Int32(t.utf8.count)) }
        var replace = Set(text.unicodeScalars.filter(Self.isNeverDrawn))
        setText(replace.isEmpty ? text : Self.replacing(replace, in: text))
        if pango_layout_get_unknown_glyphs_count(layout) > 0 {
            let unknown = Self.unknownCharacters(layout).subtracting([TextWarning.placeholder])
            if !unknown.isEmpty {
                replace.formUnion(unknown)
                setText(Self.replacing(replace, in: text))
            }
        }
        var seen: Set<Unicode.Scalar> = []
        let replaced = replace.isEmpty ? [] : Array(text.unicodeScalars.filter { replace.contains($0) && seen.insert($0).inserted })
        let s = Shaped(layout: layout, replaced: replaced)
        layouts[key] = s
        return s
    }

    static func replacing(_ set: Set<Unicode.Scalar>, in text: String) -> String {
        var out = String.UnicodeScalarView()
        for s in text.unicodeScalars { out.append(set.contains(s) ? TextWarning.placeholder : s) }
        return String(out)
    }

    /// The characters the shaped layout shows as unknown glyphs (no font has them): Pango
    /// gives such a glyph the id `PANGO_GLYPH_UNKNOWN_FLAG | character`.
    private static func unknownCharacters(_ layout: OpaquePointer) -> Set<Unicode.Scalar> {
        var out: Set<Unicode.Scalar> = []
        let flag = pems_pango_glyph_unknown_flag()
        let invalid = pems_pango_glyph_invalid_input()
        guard let iter = pango_layout_get_iter(layout) else { return out }
        defer { pango_layout_iter_free(iter) }
        repeat {
            guard let run = pango_layout_iter_get_run_readonly(iter), let glyphs = run.pointee.glyphs else { continue }
            let n = Int(glyphs.pointee.num_glyphs)
            guard n > 0, let infos = glyphs.pointee.glyphs else { continue }
            for i in 0..<n {
                let g = infos[i].glyph
                if g != invalid, g & flag != 0, let s = Unicode.Scalar(g & ~flag) { out.insert(s) }
            }
        } while pango_layout_iter_next_run(iter) != 0
        return out
    }
}
