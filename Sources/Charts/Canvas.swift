import CCairo
import Foundation
import PEMSCore

/// The two output formats of every chart (SPEC §10).
public enum ChartFormat: String, Sendable, CaseIterable {
    case png, pdf
}

/// Bytes written by cairo's stream functions.
final class ByteSink {
    var bytes: [UInt8] = []
}

/// cairo's write callback: appends to the `ByteSink` passed as closure.
let appendToSink: cairo_write_func_t = { closure, data, length in
    guard let closure, let data else { return CAIRO_STATUS_WRITE_ERROR }
    let sink = Unmanaged<ByteSink>.fromOpaque(closure).takeUnretainedValue()
    sink.bytes.append(contentsOf: UnsafeBufferPointer(start: data, count: Int(length)))
    return CAIRO_STATUS_SUCCESS
}

/// A drawing surface that becomes a PNG (image surface, `scale` pixels per point) or a PDF
/// (vector, one or more pages of `width` × `height` points). Coordinates are points from the
/// top left. All text goes through `text` (`TextRenderer`: Pango, shaping and font fallback
/// along `ChartFont.families`): a character no installed font can show is drawn as
/// `TextWarning.placeholder` and the text is listed in `warnings` for the caller to log —
/// never an empty box, never a refused report (issue 13).
///
/// PDF output is deterministic: the creation and modification dates are set to `pdfDate`
/// (pinned to the report period by the caller), never the wall clock.
public final class Canvas {
    public let format: ChartFormat
    public let width: Double
    public let height: Double
    /// PNG pixels per point.
    public let scale: Double
    let surface: OpaquePointer
    let cr: OpaquePointer
    private let sink = ByteSink()
    private var finished = false
    private let texts: TextRenderer
    /// Each text drawn with characters replaced, once, in drawing order.
    public private(set) var warnings: [TextWarning] = []
    private var warned: Set<String> = []

    /// - Parameters:
    ///   - pdfDate: ISO 8601 date for the PDF's CreationDate/ModDate, e.g. `2026-06-15T00:00:00+08:00`.
    ///   - title: the PDF's Title.
    public init(format: ChartFormat, width: Double, height: Double, scale: Double = 2,
                pdfDate: String = "2000-01-01T00:00:00+08:00", title: String? = nil) throws {
        self.format = format
        self.width = width
        self.height = height
        self.scale = format == .png ? scale : 1
        let s: OpaquePointer?
        switch format {
        case .png:
            s = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, Int32((width * scale).rounded()), Int32((height * scale).rounded()))
        case .pdf:
            s = cairo_pdf_surface_create_for_stream(appendToSink, Unmanaged.passUnretained(sink).toOpaque(), width, height)
        }
        guard let s, cairo_surface_status(s) == CAIRO_STATUS_SUCCESS else {
            throw ChartError.cairo(s.map { String(cString: cairo_status_to_string(cairo_surface_status($0))) } ?? "no surface")
        }
        if format == .pdf {
            cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_CREATE_DATE, pdfDate)
            cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_MOD_DATE, pdfDate)
            cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_CREATOR, "pems")
            if let title { cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_TITLE, title) }
        }
        guard let c = cairo_create(s) else { cairo_surface_destroy(s); throw ChartError.cairo("no context") }
        surface = s
        cr = c
        if format == .png { cairo_scale(cr, scale, scale) }
        texts = TextRenderer(cr: c)
        fill(Rect(x: 0, y: 0, w: width, h: height), Palette.background)
    }

    deinit {
        cairo_destroy(cr)
        cairo_surface_destroy(surface)
    }

    // MARK: shapes

    public func setColor(_ c: RGB, alpha: Double = 1) { cairo_set_source_rgba(cr, c.r, c.g, c.b, alpha) }

    public func fill(_ r: Rect, _ c: RGB, alpha: Double = 1) {
        setColor(c, alpha: alpha)
        cairo_rectangle(cr, r.x, r.y, r.w, r.h)
        cairo_fill(cr)
    }

    public func stroke(_ r: Rect, _ c: RGB, width: Double = 0.8) {
        setColor(c)
        cairo_set_line_width(cr, width)
        cairo_rectangle(cr, r.x, r.y, r.w, r.h)
        cairo_stroke(cr)
    }

    /// A polyline; `nil` points break it (missing values are gaps, never joined).
    public func line(_ points: [(Double, Double)?], _ c: RGB, width: Double = 1, dash: [Double] = [], alpha: Double = 1) {
        setColor(c, alpha: alpha)
        cairo_set_line_width(cr, width)
        cairo_set_line_join(cr, CAIRO_LINE_JOIN_ROUND)
        cairo_set_dash(cr, dash, Int32(dash.count), 0)
        var open = false
        for p in points {
            guard let (x, y) = p else { open = false; continue }
            if open { cairo_line_to(cr, x, y) } else { cairo_move_to(cr, x, y); open = true }
        }
        cairo_stroke(cr)
        cairo_set_dash(cr, [], 0, 0)
    }

    public func segment(_ x1: Double, _ y1: Double, _ x2: Double, _ y2: Double, _ c: RGB, width: Double = 1,
                        dash: [Double] = []) {
        line([(x1, y1), (x2, y2)], c, width: width, dash: dash)
    }

    public func circle(x: Double, y: Double, r: Double, fill c: RGB?, stroke s: RGB? = nil, width: Double = 1) {
        cairo_new_path(cr)
        cairo_arc(cr, x, y, r, 0, 2 * Double.pi)
        if let c { setColor(c); if s != nil { cairo_fill_preserve(cr) } else { cairo_fill(cr) } }
        if let s { setColor(s); cairo_set_line_width(cr, width); cairo_stroke(cr) }
        cairo_new_path(cr)
    }

    /// A filled polygon (e.g. a triangle marker).
    public func polygon(_ points: [(Double, Double)], fill c: RGB, stroke s: RGB? = nil) {
        guard let first = points.first else { return }
        cairo_new_path(cr)
        cairo_move_to(cr, first.0, first.1)
        for p in points.dropFirst() { cairo_line_to(cr, p.0, p.1) }
        cairo_close_path(cr)
        setColor(c)
        if let s { cairo_fill_preserve(cr); setColor(s); cairo_set_line_width(cr, 0.8); cairo_stroke(cr) } else { cairo_fill(cr) }
    }

    /// An annular sector (donut slice) from angle `a0` to `a1` (radians, 0 = 3 o'clock, clockwise).
    public func ring(cx: Double, cy: Double, outer: Double, inner: Double, from a0: Double, to a1: Double, _ c: RGB) {
        cairo_new_path(cr)
        cairo_arc(cr, cx, cy, outer, a0, a1)
        cairo_arc_negative(cr, cx, cy, inner, a1, a0)
        cairo_close_path(cr)
        setColor(c)
        cairo_fill_preserve(cr)
        setColor(Palette.background)
        cairo_set_line_width(cr, 1)
        cairo_stroke(cr)
    }

    /// Diagonal hatching inside `r` (a second cue besides colour, for greyscale print).
    public func hatch(_ r: Rect, _ c: RGB, spacing: Double = 5, width: Double = 0.6) {
        cairo_save(cr)
        cairo_rectangle(cr, r.x, r.y, r.w, r.h)
        cairo_clip(cr)
        setColor(c)
        cairo_set_line_width(cr, width)
        var x = r.x - r.h
        while x < r.maxX {
            cairo_move_to(cr, x, r.maxY)
            cairo_line_to(cr, x + r.h, r.y)
            x += spacing
        }
        cairo_stroke(cr)
        cairo_restore(cr)
    }

    // MARK: text

    /// Advance width of `s` in points.
    public func textWidth(_ s: String, size: Double, bold: Bool = false) -> Double {
        texts.width(s, size: size, bold: bold)
    }

    /// Draws `s` anchored at (x, y). `rotate` in radians (−π/2 for a vertical axis title).
    /// Returns the advance width.
    @discardableResult
    public func text(_ s: String, x: Double, y: Double, size: Double, bold: Bool = false, color: RGB = Palette.ink,
                     align: HAlign = .left, valign: VAlign = .baseline, rotate: Double = 0) -> Double {
        guard !s.isEmpty else { return 0 }
        let dy: Double
        switch valign {
        case .top: dy = 0.88 * size
        case .middle: dy = 0.36 * size
        case .baseline: dy = 0
        }
        setColor(color)
        let (width, replaced) = texts.draw(s, x: x, y: y, size: size, bold: bold, align: align, dy: dy, rotate: rotate)
        if !replaced.isEmpty, warned.insert(s).inserted { warnings.append(TextWarning(text: s, replaced: replaced)) }
        return width
    }

    /// `s` cut to fit `maxWidth` (an ellipsis marks the cut).
    public func fitted(_ s: String, maxWidth: Double, size: Double, bold: Bool = false) -> String {
        if textWidth(s, size: size, bold: bold) <= maxWidth { return s }
        var chars = Array(s)
        while !chars.isEmpty {
            chars.removeLast()
            let t = String(chars) + "…"
            if textWidth(t, size: size, bold: bold) <= maxWidth { return t }
        }
        return ""
    }

    /// Han, kana, Hangul, bopomofo and the full-width forms: scripts written without spaces,
    /// where a line may break between any two characters.
    static func isCJK(_ s: Unicode.Scalar) -> Bool {
        switch s.value {
        case 0x1100...0x11FF, 0x2E80...0x2FDF, 0x3000...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xA960...0xA97F,
             0xAC00...0xD7FF, 0xF900...0xFAFF, 0xFE30...0xFE4F, 0xFF00...0xFFEF, 0x20000...0x3FFFF: return true
        default: return false
        }
    }

    /// Lines of `s` wrapped to `maxWidth`: between any two Chinese characters (Chinese has no
    /// spaces), but never inside a run of Latin letters, digits and `.:/%-_+` (a number, a time,
    /// an id) or a word of another script written with spaces (Uyghur), unless that run alone is
    /// wider than a line. Closing punctuation never starts a line,
    /// and a no-break space (U+00A0) binds the tokens on both sides.
    public func wrapped(_ s: String, maxWidth: Double, size: Double, bold: Bool = false) -> [String] {
        // Most cells and labels fit on one line: one measurement.
        if s.isEmpty { return [] }
        if textWidth(s, size: size, bold: bold) <= maxWidth { return [s] }
        let tokens = Self.wrapTokens(s)
        func fits(_ line: String) -> Bool { textWidth(line, size: size, bold: bold) <= maxWidth }
        var lines: [String] = []
        var current = ""
        var i = 0
        while i < tokens.count {
            if current.isEmpty {
                current = tokens[i]
                i += 1
                continue
            }
            // The most tokens that still fit after `current`: widths grow with each token, so a
            // binary search finds the break with a few measurements instead of one per token.
            var lo = i, hi = tokens.count
            while lo < hi {
                let mid = (lo + hi + 1) / 2
                if fits(current + tokens[i..<mid].joined()) { lo = mid } else { hi = mid - 1 }
            }
            current += tokens[i..<lo].joined()
            i = lo
            guard i < tokens.count else { break }
            lines.append(current)
            let t = tokens[i]
            i += 1
            current = t == " " ? "" : t
            // A token wider than a line is cut by characters.
            while !fits(current), current.count > 1 {
                var head = ""
                for ch in current {
                    if !fits(head + String(ch)) { break }
                    head.append(ch)
                }
                if head.isEmpty { break }
                lines.append(head)
                current = String(current.dropFirst(head.count))
            }
        }
        if !current.isEmpty { lines.append(current) }
        return lines
    }

    /// The units `wrapped` breaks between: runs of Latin letters, digits and `.:/%-_+` or of
    /// another script written with spaces, else single characters; a closing mark sticks to the
    /// one before, and a no-break space binds both sides.
    static func wrapTokens(_ s: String) -> [String] {
        func isWordChar(_ c: Character) -> Bool {
            if c.isASCII { return c.isLetter || c.isNumber || ".:/%-_+".contains(c) }
            // Words of scripts written with spaces (Arabic-script Uyghur, Mongolian, Cyrillic …)
            // stay whole too; Chinese, Japanese and Korean break between any two characters.
            guard c.isLetter || c.isNumber, let first = c.unicodeScalars.first else { return false }
            return !isCJK(first)
        }
        var tokens: [String] = []
        for ch in s {
            if let last = tokens.last, let lc = last.last,
               (isWordChar(ch) && isWordChar(lc)) || "，。、；：）」％\u{00A0}".contains(ch) || lc == "\u{00A0}" {
                tokens[tokens.count - 1].append(ch)
            } else {
                tokens.append(String(ch))
            }
        }
        return tokens
    }

    /// Text on a white box (for labels drawn over lines).
    public func label(_ s: String, x: Double, y: Double, size: Double, color: RGB, align: HAlign = .left) {
        let w = textWidth(s, size: size)
        let x0: Double
        switch align {
        case .left: x0 = x
        case .center: x0 = x - w / 2
        case .right: x0 = x - w
        }
        fill(Rect(x: x0 - 1.5, y: y - size * 0.95, w: w + 3, h: size * 1.25), Palette.background, alpha: 0.85)
        text(s, x: x, y: y, size: size, color: color, align: align)
    }

    // MARK: pages and output

    /// Starts a new PDF page (a PNG canvas has one page; this is an error there).
    public func newPage() {
        precondition(format == .pdf, "a PNG canvas has one page")
        cairo_show_page(cr)
        fill(Rect(x: 0, y: 0, w: width, h: height), Palette.background)
    }

    /// The colour of the PNG pixel under point (x, y) (before `finish`; PNG canvases only).
    public func pixel(x: Double, y: Double) -> RGB? {
        guard format == .png else { return nil }
        cairo_surface_flush(surface)
        guard let data = cairo_image_surface_get_data(surface) else { return nil }
        let stride = Int(cairo_image_surface_get_stride(surface))
        let px = Int(x * scale), py = Int(y * scale)
        guard px >= 0, py >= 0, px < Int(cairo_image_surface_get_width(surface)),
              py < Int(cairo_image_surface_get_height(surface)) else { return nil }
        let p = data + py * stride + px * 4
        // ARGB32, native endian (little endian here: B, G, R, A), opaque background.
        return RGB(Double(p[2]) / 255, Double(p[1]) / 255, Double(p[0]) / 255)
    }

    /// Ends drawing and returns the PNG or PDF bytes (the text warnings stay in `warnings`).
    public func finish() throws -> [UInt8] {
        precondition(!finished, "finish called twice")
        finished = true
        switch format {
        case .png:
            cairo_surface_flush(surface)
            let status = cairo_surface_write_to_png_stream(surface, appendToSink, Unmanaged.passUnretained(sink).toOpaque())
            guard status == CAIRO_STATUS_SUCCESS else { throw ChartError.cairo(String(cString: cairo_status_to_string(status))) }
        case .pdf:
            cairo_surface_finish(surface)
            let status = cairo_surface_status(surface)
            guard status == CAIRO_STATUS_SUCCESS else { throw ChartError.cairo(String(cString: cairo_status_to_string(status))) }
        }
        return sink.bytes
    }
}

/// Writing outputs atomically.
public enum ChartOutput {
    /// - Throws: `FileWriteError` when the system refused the write (a full disk, a read-only
    ///   file system, permissions), else `ChartError.write`.
    public static func write(_ bytes: [UInt8], to url: URL) throws {
        do {
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(bytes).write(to: url, options: .atomic)
        } catch {
            throw FileWriteError(error, path: url.path) ?? ChartError.write(path: url.path, detail: error.localizedDescription)
        }
        try FailurePoint.reached("wrote \(url.lastPathComponent)")
    }
}
