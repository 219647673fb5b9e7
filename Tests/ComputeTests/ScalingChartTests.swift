import Foundation
import Testing
@testable import Charts

/// `pems bench scale`'s chart: log axes on 1-2-5 steps, points where their values fall, the
/// ideal linear line through the smallest city.
@Suite struct ScalingChartTests {
    @Test func aLogAxisWidensToOneTwoFiveStepsAndPlacesValuesByTheirLogarithm() {
        let a = ScalingChart.LogAxis(values: [250, 10_000])
        #expect(a.lo == 200 && a.hi == 10_000)
        #expect(a.ticks == [200, 500, 1_000, 2_000, 5_000, 10_000])
        #expect(abs(a.fraction(2_000) - 1 / (log10(10_000) - log10(200))) < 1e-12)   // one decade above 200
        #expect(a.fraction(200) == 0 && abs(a.fraction(10_000) - 1) < 1e-12)
        let b = ScalingChart.LogAxis(values: [3.3, 41])
        #expect(b.lo == 2 && b.hi == 50)
    }

    @Test func theIdealLineDoublesWhenTheCityDoublesAndPointsAreDrawnWhereTheyFall() throws {
        let chart = ScalingChart(points: [.init(enterprises: 500, seconds: ["end to end": 10], peakMB: 200),
                                          .init(enterprises: 250, seconds: ["end to end": 6], peakMB: 150)],
                                 series: ["end to end"], title: "t", subtitle: "s")
        #expect(chart.points.map(\.enterprises) == [250, 500])
        let ideal = chart.idealLine([(250, 6), (500, 10)])
        #expect(ideal.count == 2 && ideal[1].0 == 500 && ideal[1].1 == 12)
        let canvas = try Canvas(format: .png, width: ScalingChart.width, height: ScalingChart.height)
        chart.draw(on: canvas)
        // The left panel (x 70…420, y 80…370): x axis 200…500, y axis 5…20 (6, 10 and the ideal 12).
        let x = ScalingChart.LogAxis(values: [250, 500]), y = ScalingChart.LogAxis(values: [6, 10, 12])
        #expect(x.lo == 200 && x.hi == 500 && y.lo == 5 && y.hi == 20)
        func at(_ e: Double, _ s: Double) -> (Double, Double) { (70 + x.fraction(e) * 350, 370 - y.fraction(s) * 290) }
        let (px, py) = at(500, 10)
        #expect(ChartTests.close(canvas.pixel(x: px, y: py), Palette.primary))
        let (qx, qy) = at(500, 15)   // between the point and the top: nothing drawn there
        #expect(!ChartTests.close(canvas.pixel(x: qx, y: qy), Palette.primary))
        let png = try chart.render()
        #expect(Array(png.prefix(4)) == [0x89, 0x50, 0x4E, 0x47])
    }
}
