import Foundation
import JobRunner
import PEMSCore
import Testing

/// SPEC §11: the nightly runs, an auditor's rerun of their days, and late data, on a small
/// demo city whose day files arrive in an inbox night by night.
@Suite(.serialized) struct NightlyRerunTests {
    static func day(_ s: String) -> Day { Day(s)! }

    /// Names of the files whose bytes differ (or exist on one side only), for short messages.
    static func differences(_ a: [String: Data], _ b: [String: Data]) -> [String] {
        Set(a.keys).union(b.keys).filter { a[$0] != b[$0] }.sorted()
    }

    @Test func aRerunMonthsLaterWritesTheNightlyRunsBytesAndLateDataIsListedUntilRerun() throws {
        let f = try JobFixture()
        let (_, registry) = try f.store.registry(for: Self.day("2026-06-14"))
        try f.deliver(from: JobFixture.first, to: Self.day("2026-06-05"))
        // Friday 06-05 … Monday 06-08, one night at a time; Sunday 06-07 also renders the week.
        for d in ["2026-06-05", "2026-06-06", "2026-06-07", "2026-06-08"].map(Self.day) {
            try f.deliver(from: d, to: d)
            let o = try f.run(JobPlan.nightly(d, registry: registry), out: "out")
            #expect(o.exitCode == .ok, "\(d): \(o.partialDays)")
            #expect(o.filesLoaded == (d == Self.day("2026-06-05") ? 10 : 2))
        }
        let nightly = try f.files("out")
        #expect(nightly["weekly/2026-06-01/周报_2026-06-01_2026-06-07.xlsx"] != nil)
        #expect(nightly["daily/2026-06-08/日报_2026-06-08.xlsx"] != nil)
        #expect(nightly["daily/2026-06-08/brief.pdf"] != nil)
        #expect(nightly["daily/2026-06-06/abnormal_2026-06-06.json"] != nil)
        #expect(!FileManager.default.fileExists(atPath: f.dir.appendingPathComponent("out/.staging").path))

        // Later days arrive (they must not change a reported day), then the auditor reruns.
        try f.deliver(from: Self.day("2026-06-09"), to: Self.day("2026-06-14"))
        _ = try f.run(JobPlan.nightly(Self.day("2026-06-14"), registry: registry), out: "out")
        #expect(try LateData.detect(store: f.store, lookBack: 74).isEmpty)
        let rerun = try f.run(JobPlan.rerun(from: Self.day("2026-06-05"), to: Self.day("2026-06-08"), registry: registry),
                              out: "audit")
        #expect(rerun.exitCode == .ok)
        let audited = try f.files("audit")
        // Everything but the later nightly's 06-14 day and week, byte for byte.
        let original = nightly.filter { !$0.key.hasPrefix("daily/2026-06-14") && !$0.key.hasPrefix("weekly/2026-06-08") }
        let differ = Self.differences(original, audited)
        #expect(differ.isEmpty, "differ: \(differ.prefix(5))")
        #expect(audited.count > 30)
        // The ledger holds the same hashes for the rerun's outputs as for the files on disk.
        let recorded = try f.store.runOutputs(RunID(rerun.runID))
        #expect(recorded.count == audited.count)
        for o in recorded { #expect(ContentHashCheck.sha256(audited[o.path]) == o.sha256, "\(o.path)") }

        // A corrected reading for 06-07 arrives after its nightly run: 06-07 and 06-08 (whose
        // look-back reads 06-07) are late; 06-06 is not.
        let late = f.inbox.appendingPathComponent("late-2026-06-07.csv")
        try Self.correctedReading(from: f.city.appendingPathComponent("readings/2026-06-07.csv")).write(to: late)
        let next = try f.run(JobPlan.nightly(Self.day("2026-06-09"), registry: registry), out: "out")
        #expect(next.lateDays.contains(Self.day("2026-06-07")) && next.lateDays.contains(Self.day("2026-06-08")))
        #expect(!next.lateDays.contains(Self.day("2026-06-06")))
        #expect(try LateData.detect(store: f.store, lookBack: 74, outDir: f.dir.appendingPathComponent("out")).first == Self.day("2026-06-07"))
        // An auditor's rerun into another folder leaves the outbox's reports stale: they are
        // still listed for it. Rerunning into the outbox clears the list, and its new 06-07
        // differs from the nightly's.
        let outbox = f.dir.appendingPathComponent("out", isDirectory: true)
        let lateDays = try LateData.detect(store: f.store, lookBack: 74, outDir: outbox)
        #expect(lateDays.first == Self.day("2026-06-07"))
        for r in LateData.ranges(lateDays) {
            _ = try f.run(JobPlan.rerun(from: r.from, to: r.to, registry: registry), out: "audit2")
        }
        #expect(try LateData.detect(store: f.store, lookBack: 74, outDir: f.dir.appendingPathComponent("audit2")).isEmpty)
        #expect(try LateData.detect(store: f.store, lookBack: 74, outDir: outbox) == lateDays)
        let fixedNightly = try f.files("out")["daily/2026-06-07/日报_2026-06-07.xlsx"]
        for r in LateData.ranges(lateDays) {
            _ = try f.run(JobPlan.rerun(from: r.from, to: r.to, registry: registry), out: "out")
        }
        #expect(try LateData.detect(store: f.store, lookBack: 74, outDir: outbox).isEmpty)
        let fixed = try f.files("out")
        #expect(fixed["daily/2026-06-07/日报_2026-06-07.xlsx"] == (try f.files("audit2"))["daily/2026-06-07/日报_2026-06-07.xlsx"])
        #expect(fixedNightly == nightly["daily/2026-06-07/日报_2026-06-07.xlsx"])
        #expect(fixed["daily/2026-06-07/日报_2026-06-07.xlsx"] != nil)
        #expect(fixed["daily/2026-06-07/日报_2026-06-07.xlsx"] != nightly["daily/2026-06-07/日报_2026-06-07.xlsx"])
    }

    /// A re-send of the day's CSV readings in which the third line's point (a production line
    /// of the first enterprise) reads 0 kW from 10:00 to 14:00: a conflicting late correction.
    static func correctedReading(from csv: URL) throws -> Data {
        let text = try String(contentsOf: csv, encoding: .utf8)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: true).map(String.init)
        guard lines.count >= 4 else { throw CocoaError(.fileReadCorruptFile) }
        let key = lines[3].split(separator: ",").prefix(3).dropFirst().joined(separator: ",")   // mn,code
        var out = [lines[0]]
        for line in lines.dropFirst() {
            var f = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            guard f.count >= 5, f[1] + "," + f[2] == key, f[3] == "Pt", f[0] >= "2026-06-07 10:00", f[0] < "2026-06-07 14:00" else { continue }
            f[4] = "0.00"
            out.append(f.joined(separator: ","))
        }
        guard out.count > 10 else { throw CocoaError(.fileReadCorruptFile) }
        return Data((out.joined(separator: "\n") + "\n").utf8)
    }

    @Test func aDayWithoutDataEndsPartialAndStillPublishes() throws {
        let f = try JobFixture()
        let (_, registry) = try f.store.registry(for: Self.day("2026-06-14"))
        try f.deliver(from: JobFixture.first, to: Self.day("2026-06-03"))
        var plan = JobPlan.nightly(Self.day("2026-06-04"), registry: registry)   // nothing delivered for 06-04
        plan.loadInbox = true
        let o = try f.run(plan, out: "out")
        #expect(o.exitCode == .partialData)
        #expect(o.partialDays.map(\.day) == [Self.day("2026-06-04")])
        #expect(o.partialDays.first?.completeness == 0)
        #expect(try f.files("out")["daily/2026-06-04/日报_2026-06-04.xlsx"] != nil)
        let run = try f.store.run(RunID(o.runID))
        #expect(run?.status == .partial)
    }
}

enum ContentHashCheck {
    static func sha256(_ data: Data?) -> String? { data.map { ContentHash.sha256($0) } }
}
