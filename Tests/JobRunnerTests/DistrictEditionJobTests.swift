import Foundation
import JobRunner
import PEMSCore
import Testing

/// County editions written by the jobs (issue 17 deliver 1): with `district_editions: true`
/// (the default) a nightly run writes one edition of each of its steps per district under
/// `districts/<code>/`, listed in the run ledger; a rerun writes the same bytes; with the
/// setting off none is written.
@Suite(.serialized) struct DistrictEditionJobTests {
    static let sunday = Day("2026-06-07")!

    /// One nightly of Sunday 06-07 (its day and its week) into `out`, the rerun of the day
    /// into `audit`, and the rerun with the setting off into `off`.
    struct Story: Sendable {
        var districts: [String] = []
        var dayEvents: [String: Int] = [:]
        var nightly: [String: Data] = [:]
        /// The outbox with its portal root pages (`PortalPageTests`).
        var withRootPages: [String: Data] = [:]
        var recorded: [String] = []
        var audited: [String: Data] = [:]
        var off: [String: Data] = [:]

        static func tell() throws -> Story {
            var s = Story()
            let f = try JobFixture()
            let (_, registry) = try f.store.registry(for: sunday)
            s.districts = registry.districts.map(\.code)
            try f.deliver(from: JobFixture.first, to: sunday)
            let night = try f.run(JobPlan.nightly(sunday, registry: registry), out: "out")
            s.nightly = try f.files("out")
            s.withRootPages = try f.files("out", rootPages: true)
            s.recorded = try f.store.runOutputs(RunID(night.runID)).map(\.path)
            _ = try f.run(JobPlan.rerun(from: sunday, to: sunday, registry: registry), out: "audit")
            s.audited = try f.files("audit")
            var settings = Settings()
            settings.districtEditions = false
            _ = try f.run(JobPlan.rerun(from: sunday, to: sunday, registry: registry), out: "off", settings: settings)
            s.off = try f.files("off")
            return s
        }
    }

    static let story: Result<Story, Error> = Result { try Story.tell() }

    @Test func theNightlyWritesOneEditionPerDistrictOfEachStepUnderDistricts() throws {
        let s = try Self.story.get()
        #expect(s.districts.count >= 2)
        for code in s.districts {
            let day = "districts/\(code)/daily/2026-06-07/", week = "districts/\(code)/weekly/2026-06-01/"
            for name in ["日报_2026-06-07_\(code).xlsx", "brief_\(code).pdf", "trend_\(code).png", "ranking_\(code).png"] {
                #expect(s.nightly[day + name] != nil, "\(day + name)")
            }
            for name in ["周报_2026-06-01_2026-06-07_\(code).xlsx", "brief_\(code).pdf"] {
                #expect(s.nightly[week + name] != nil, "\(week + name)")
            }
            // The provincial JSON is the city's alone.
            #expect(!s.nightly.keys.contains { $0.hasPrefix(day) && $0.hasSuffix(".json") })
        }
        // The city edition stays where it was, named as before.
        for name in ["daily/2026-06-07/日报_2026-06-07.xlsx", "daily/2026-06-07/abnormal_2026-06-07.json",
                     "daily/2026-06-07/brief.pdf", "weekly/2026-06-01/周报_2026-06-01_2026-06-07.xlsx"] {
            #expect(s.nightly[name] != nil, "\(name)")
        }
        // Evidence: the city's pages are split between the districts' packs.
        let cityEvidence = s.nightly.keys.filter { $0.hasPrefix("daily/2026-06-07/evidence-") && $0.hasSuffix(".png") }
        let countyEvidence = s.nightly.keys.filter { $0.hasPrefix("districts/") && $0.contains("/evidence-") && $0.hasSuffix(".png") }
        #expect(!cityEvidence.isEmpty)
        #expect(countyEvidence.count == cityEvidence.count)
        // Nothing else appears under districts/: only the registry's codes, only the steps' folders.
        for path in s.nightly.keys where path.hasPrefix("districts/") {
            let parts = path.split(separator: "/").map(String.init)
            #expect(s.districts.contains(parts[1]), "\(path)")
            #expect(parts[2] == "daily" || parts[2] == "weekly", "\(path)")
        }
    }

    @Test func theLedgerListsEveryCountyFile() throws {
        let s = try Self.story.get()
        #expect(Set(s.recorded) == Set(s.nightly.keys))
        #expect(s.recorded.contains { $0.hasPrefix("districts/") })
    }

    @Test func aRerunWritesTheSameBytesForEveryEdition() throws {
        let s = try Self.story.get()
        let county = s.nightly.filter { $0.key.hasPrefix("districts/") }
        #expect(!county.isEmpty)
        for (path, bytes) in county { #expect(s.audited[path] == bytes, "\(path)") }
        #expect(Set(s.audited.keys) == Set(s.nightly.keys))
    }

    @Test func withTheSettingOffNoEditionIsWritten() throws {
        let s = try Self.story.get()
        #expect(!s.off.isEmpty)
        #expect(!s.off.keys.contains { $0.hasPrefix("districts/") })
        // The city's files are those of the run with editions.
        for (path, bytes) in s.off { #expect(s.audited[path] == bytes, "\(path)") }
    }
}
