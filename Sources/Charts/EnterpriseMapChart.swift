import Foundation
import PEMSCore

/// Enterprises by lat/lon (SPEC §2 `lat`, `lon`; §10 map) with no map tiles and no district
/// outlines (not available): a point per enterprise coloured and shaped by its status over the
/// period, each district's name at the centre of its enterprises, a north arrow and a scale bar.
/// Equirectangular projection around the mean latitude (fine at city scale).
///
/// Status: 离线 when an OFFLINE event of the enterprise overlaps the period; else 报警 when
/// any other §7 event does; else 正常. A county edition draws its district's enterprises.
public struct EnterpriseMapChart: Chart {
    public enum Status: Int, Sendable, CaseIterable { case normal, offline, alarm }
    public struct Dot: Sendable {
        public var lat: Double
        public var lon: Double
        public var district: String
        public var status: Status
    }
    public var title: String
    public var dots: [Dot]
    /// Enterprises without coordinates (listed under the map, not drawn).
    public var withoutCoordinates: Int

    public init(_ facts: PeriodFacts) {
        title = "企业分布与状态（\(facts.periodText)）"
        var status: [String: Status] = [:]
        for e in facts.events {
            let s: Status = e.rule == .offline ? .offline : .alarm
            if s == .offline || status[e.enterpriseID] == nil { status[e.enterpriseID] = s }
        }
        var dots: [Dot] = []
        var missing = 0
        for e in facts.registry.enterprises where facts.scope.includes(districtCode: e.districtCode) {
            guard let lat = e.lat, let lon = e.lon else { missing += 1; continue }
            dots.append(Dot(lat: lat, lon: lon, district: facts.districtName(e.districtCode), status: status[e.id] ?? .normal))
        }
        self.dots = dots
        withoutCoordinates = missing
    }

    public var preferredSize: (width: Double, height: Double) { (560, 420) }

    static func label(_ s: Status) -> String {
        switch s {
        case .normal: return "正常"
        case .alarm: return "报警"
        case .offline: return "离线"
        }
    }

    /// Projects (lat, lon) into `plot`, keeping the aspect ratio (km per degree of longitude =
    /// 111.32 × cos(mean latitude)); also returns points per km.
    func projection(_ plot: Rect) -> (project: (Double, Double) -> (Double, Double), pointsPerKm: Double) {
        let lats = dots.map(\.lat), lons = dots.map(\.lon)
        let lat0 = ((lats.min() ?? 0) + (lats.max() ?? 0)) / 2
        let kx = 111.32 * cos(lat0 * Double.pi / 180), ky = 110.57
        let minLon = lons.min() ?? 0, maxLon = lons.max() ?? 1, minLat = lats.min() ?? 0, maxLat = lats.max() ?? 1
        let wKm = max((maxLon - minLon) * kx, 1), hKm = max((maxLat - minLat) * ky, 1)
        let ppk = min(plot.w / wKm, plot.h / hKm)
        let ox = plot.midX - wKm * ppk / 2, oy = plot.midY + hKm * ppk / 2
        return ({ lat, lon in (ox + (lon - minLon) * kx * ppk, oy - (lat - minLat) * ky * ppk) }, ppk)
    }

    public func draw(on canvas: Canvas, in rect: Rect) {
        let body = ChartFrame.title(canvas, rect, title)
        let plot = body.inset(top: 24, left: 16, bottom: 30, right: 16)
        canvas.stroke(body.inset(top: 18, bottom: 6), Palette.grid, width: 0.8)
        guard !dots.isEmpty else {
            canvas.text("登记表中无企业坐标", x: body.midX, y: body.midY, size: 10, color: Palette.mutedInk, align: .center)
            return
        }
        let (project, ppk) = projection(plot)
        for s in [Status.normal, .offline, .alarm] {
            for d in dots where d.status == s {
                let (x, y) = project(d.lat, d.lon)
                switch s {
                case .normal: canvas.circle(x: x, y: y, r: 2.6, fill: Palette.normal)
                case .offline: canvas.circle(x: x, y: y, r: 3, fill: Palette.background, stroke: Palette.ink, width: 1.2)
                case .alarm: canvas.polygon([(x, y - 4.5), (x + 4, y + 3), (x - 4, y + 3)], fill: Palette.alarm, stroke: Palette.ink)
                }
            }
        }
        // District names at the mean position of their enterprises.
        var groups: [String: [(Double, Double)]] = [:]
        for d in dots { groups[d.district, default: []].append(project(d.lat, d.lon)) }
        for name in groups.keys.sorted() {
            let ps = groups[name] ?? []
            let x = ps.map(\.0).reduce(0, +) / Double(ps.count), y = ps.map(\.1).reduce(0, +) / Double(ps.count)
            canvas.label(name, x: x, y: y - 8, size: 9.5, color: Palette.ink, align: .center)
        }
        // Scale bar: a round number of km about a fifth of the width.
        let target = plot.w / 5 / ppk
        let mag = pow(10, floor(log10(max(target, 1e-6))))
        let km = [1.0, 2, 5, 10].map { $0 * mag }.last { $0 <= target } ?? mag
        let sx = body.x + 10, sy = body.maxY - 14
        canvas.segment(sx, sy, sx + km * ppk, sy, Palette.ink, width: 1.5)
        canvas.segment(sx, sy - 3, sx, sy + 1, Palette.ink, width: 1)
        canvas.segment(sx + km * ppk, sy - 3, sx + km * ppk, sy + 1, Palette.ink, width: 1)
        canvas.text("\(NumberText.fixed(km, km < 1 ? 1 : 0)) km", x: sx + km * ppk + 4, y: sy, size: 7.5, valign: .middle)
        // North arrow.
        let nx = body.maxX - 16, ny = body.y + 28
        canvas.polygon([(nx, ny), (nx + 4, ny + 10), (nx - 4, ny + 10)], fill: Palette.ink)
        canvas.text("北", x: nx, y: ny + 12, size: 7.5, align: .center, valign: .top)
        // Legend with counts.
        var counts = [Status: Int]()
        for d in dots { counts[d.status, default: 0] += 1 }
        let items = [
            LegendItem(swatch: .dot(Palette.normal), label: "正常 \(counts[.normal] ?? 0) 家"),
            LegendItem(swatch: .triangle(Palette.alarm), label: "报警 \(counts[.alarm] ?? 0) 家"),
            LegendItem(swatch: .ringDot(Palette.ink), label: "离线 \(counts[.offline] ?? 0) 家"),
        ]
        let y = ChartFrame.legend(canvas, x: body.x + 4, y: body.y + 6, maxX: body.maxX, items: items)
        if withoutCoordinates > 0 {
            canvas.text("另有 \(withoutCoordinates) 家企业无坐标未绘制", x: body.maxX - 4, y: y - 8, size: 7.5, color: Palette.mutedInk, align: .right)
        }
    }
}
