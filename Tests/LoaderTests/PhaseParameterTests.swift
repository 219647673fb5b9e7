import Foundation
import Testing
@testable import Loader
@testable import PEMSCore

/// SPEC 2 §4, §13.27: the phase values of seed 001 附录D are stored under `Ua Ub Uc Ia Ib Ic
/// Pa Pb Pc` from realtime packets, from CN 2051/2061 `CODE-Pa-Avg` and from CSV readings, so
/// the computation finds them by those names whatever brought them.
@Suite struct PhaseParameterTests {
    static let phases = ["Ua", "Ub", "Uc", "Ia", "Ib", "Ic", "Pa", "Pb", "Pc"]
    static let mn = Packet.mn
    static let d = "2024-07-08"

    /// `100000-Ua=220.1,100000-Ub=220.2,…` with value base + i/10 for the i-th phase name.
    static func fields(_ suffix: String, base: Double) -> String {
        phases.enumerated().map { "100000-\($1)\(suffix)=\(base + Double($0) / 10)" }.joined(separator: ",")
    }

    @Test func phaseValuesAreStoredUnderTheirNamesFromEveryCNAndFromCSV() throws {
        let ws = try TestWorkspace()
        try ws.importConformanceRegistry()
        let log = try ws.write("p.log", [
            Packet.frame(Packet.segment(time: "20240708090000", Self.fields("", base: 10) + ",100000-Flag=N")),
            Packet.frame(Packet.segment(cn: 2051, time: "20240708090000", Self.fields("-Avg", base: 20))),
            Packet.frame(Packet.segment(cn: 2061, time: "20240708090000", Self.fields("-Avg", base: 30))),
        ])
        _ = try ws.loader().load(files: [log])
        for (i, name) in Self.phases.enumerated() {
            for (cn, base) in [(2011, 10.0), (2051, 20.0), (2061, 30.0)] {
                let s = try ws.series(mn: Self.mn, code: "100000", day: Self.d, param: name, cn: cn)
                #expect(s?.values == [base + Double(i) / 10], "\(name) CN \(cn)")
            }
        }
        #expect(try ws.store.paramNames().values.filter { $0.hasSuffix("-Avg") }.isEmpty)

        let b = try TestWorkspace()
        try b.importConformanceRegistry()
        let csv = try b.write("p.csv", ["time,mn,code,param,value,flag"]
            + Self.phases.enumerated().map { "2024-07-08 09:00,\(Self.mn),100000,\($1),\(10 + Double($0) / 10),N" }, lineEnd: "\n")
        _ = try b.loader().load(files: [csv])
        for (i, name) in Self.phases.enumerated() {
            #expect(try b.series(mn: Self.mn, code: "100000", day: Self.d, param: name)?.values == [10 + Double(i) / 10], "\(name)")
        }
    }
}
