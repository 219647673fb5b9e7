import Foundation
import Testing
@testable import PEMSCore

@Suite struct RegistryTests {
    private func accept(_ files: [String: [UInt8]]) throws -> Registry {
        switch Registry.parse(files: files) {
        case let .success(registry): return registry
        case let .failure(rejection):
            Issue.record("rejected:\n\(rejection.report)")
            throw rejection
        }
    }

    @Test func conformanceRegistryParsesWithNoIssuesAndExpectedCounts() throws {
        let registry: Registry
        switch Registry.load(directory: RegistryFixture.conformanceFolder) {
        case let .success(r): registry = r
        case let .failure(rejection):
            Issue.record("rejected:\n\(rejection.report)")
            return
        }
        #expect(registry.districts.count == 4)
        #expect(registry.enterprises.count == 4)
        #expect(registry.collectors.count == 4)
        #expect(registry.facilities.count == 16)
        #expect(registry.points.count == 31)
        #expect(registry.links.count == 9)
        // SPEC 2 fixture: the red response R20240709-R with its 3 plan rows (E003-P1 stop,
        // E004-P1/P2 limit 0.75), E003-P9's orange stop plan, and E002-T1's approved exemption.
        #expect(registry.plans.count == 16)
        #expect(registry.responses.count == 3)
        #expect(registry.weather.count == 48)
        #expect(registry.exemptions.count == 5)
        #expect(registry.carbonReplacements.count == 6)
        #expect(registry.targets.count == 4)
    }

    @Test func conformanceRegistryKeepsBlanksAndExposesDefaults() throws {
        guard case let .success(r) = Registry.load(directory: RegistryFixture.conformanceFolder) else {
            Issue.record("conformance registry rejected")
            return
        }
        let e001 = try #require(r.enterprise(id: "E001"))
        #expect(e001.industry == .plastics && e001.performanceGrade == .d)
        #expect(e001.minLoadRatio == nil && e001.minLoadRatioOrDefault == 0)
        #expect(r.enterprise(id: "E003")?.minLoadRatioOrDefault == 0.2)

        let p9 = try #require(r.facility(id: "E003-P9"))
        #expect(p9.designCollection == nil && p9.designCollectionOrDefault == 0.8)
        let t1 = try #require(r.facility(id: "E001-T1"))
        #expect(t1.process == .ac && t1.usesActivatedCarbon)
        #expect(t1.minRunning == nil && t1.minRunningOrDefault == 1)
        #expect(t1.carbonMaxHours == 2000 && t1.designAirflowM3h == 15000)
        #expect(r.facility(id: "E002-T1")?.minRunningOrDefault == 2)
        #expect(r.facility(id: "E004-T1")?.process == .acCO)

        let newLine = try #require(r.point(id: "E001-pg8001"))
        #expect(newLine.ratedKW == nil && newLine.ratedKWOrZero == 0)
        let door = try #require(r.point(mn: "13060200010180", code: "i33101"))
        #expect(door.role == .door && door.validMin == nil && door.validMax == 0 && !door.isElectrical)
        #expect(r.point(mn: "13060700030180", code: "a01012")?.validMin == 760)
        #expect(r.point(mn: "13060200010180", code: "nope") == nil)

        #expect(r.treatmentFacilities(linkedTo: "E002-P1").map(\.id) == ["E002-T1", "E002-T2"])
        #expect(r.productionFacilities(linkedTo: "E001-T1").map(\.id) == ["E001-P1", "E001-P8"])
        #expect(r.productionFacilities(linkedTo: "E004-T1").map(\.id) == ["E004-P1", "E004-P2"])
        #expect(r.facilities(ofEnterprise: "E001").map(\.id) == ["E001-P1", "E001-P2", "E001-T1", "E001-T2", "E001-P8"])
        #expect(r.points(ofFacility: "E003-T1").count == 6)
        #expect(r.points(ofEnterprise: "E004").count == 3)
        #expect(r.collectors(ofEnterprise: "E002").map(\.mn) == ["13060600020180"])
        #expect(r.enterprises(inDistrict: "130607").map(\.id) == ["E003"])

        let orange = try #require(r.response(id: "R20240709-O"))
        #expect(orange.districtCodes == nil && orange.covers(districtCode: "130608"))
        #expect(orange.start == Timestamp("2024-07-09 12:00") && orange.end == Timestamp("2024-07-11 00:00"))
        #expect(r.response(id: "R20240703-Y")?.covers(districtCode: "130606") == false)

        let e004 = r.plans(ofEnterprise: "E004")
        #expect(e004.first?.windows.map(\.description) == ["09:00-12:00", "14:00-17:00"])
        #expect(e004.first?.allowedLoadShare == 0.5)
        #expect(r.plans(ofEnterprise: "E001").first?.allowedLoadShare == 0)

        #expect(r.carbonReplacements(ofFacility: "E001-T1").map(\.replacedAt.description)
            == ["2024-01-18 06:00:00", "2024-04-07 06:00:00"])
        #expect(r.weather(districtCode: "130602", on: try #require(Day("2024-07-01")))?.maxTempC == 33.6)
        #expect(r.exemptions(ofEnterprise: "E001").map(\.status) == [.approved, .rejected, .pending])
        #expect(r.targets(ofResponse: "R20240709-O").map(\.reductionKgPerDay) == [1.6, 8.5, 1.6, 5.2])
    }

    @Test func baseFixtureIsValid() throws {
        let r = try accept(RegistryFixture.files())
        #expect(r.points.count == 6)
        #expect(r.district(code: "130602")?.isInZone513 == true)
    }

    @Test func bomAndQuotedFieldsAreRead() throws {
        let r = try accept(RegistryFixture.files([
            .replace("enterprises.csv", "\u{FEFF}" + #"""
                enterprise_id,name,credit_code,district_code,industry,lat,lon,annual_voc_t,performance_grade,min_load_ratio
                "E001","甲公司, 二分厂",,130602,"塑料",39.0,115.3,5.0,D,
                E002,"乙""公司""",,130606,橡胶,38.9,115.3,19.5,,0.1

                """#),
        ]))
        #expect(r.enterprise(id: "E001")?.name == "甲公司, 二分厂")
        #expect(r.enterprise(id: "E002")?.name == "乙\"公司\"")
    }

    @Test func crlfRegistryEqualsLfRegistry() throws {
        let lf = try accept(RegistryFixture.files())
        var crlfFiles: [String: [UInt8]] = [:]
        for (name, text) in RegistryFixture.base {
            crlfFiles[name] = Array(text.replacingOccurrences(of: "\n", with: "\r\n").utf8)
        }
        #expect(try accept(crlfFiles) == lf)
    }

    @Test func shuffledColumnsAndAnExtraColumnReadTheSame() throws {
        let base = try accept(RegistryFixture.files())
        let shuffled = try accept(RegistryFixture.files([
            .replace("points.csv", """
                valid_max,kind,note,point_id,code,facility_id,mn,enterprise_id,role,rated_kw,threshold_kw,valid_min,name
                ,production,x,E001-pg1,pg1001,E001-P1,M1,E001,,75,,,设备
                ,treatment,x,E001-t1,411011,E001-T1,M1,E001,,15,1.5,,风机
                ,total,,E001-tot,100000,,M1,E001,,280,,,总表
                0,sensor,门,E001-door,i33101,E001-T1,M1,E001,door,,,,箱门
                ,production,,E002-pg1,pg1001,E002-P1,M2,E002,,160,,,设备
                ,treatment,,E002-t1,611011,E002-T1,M2,E002,,22,,,风机

                """),
        ]))
        #expect(shuffled == base)
    }

    @Test func optionalFilesMayBeAbsentAndUnknownFilesAreIgnored() throws {
        var files = RegistryFixture.files()
        for name in ["plans.csv", "responses.csv", "weather.csv", "exemptions.csv", "carbon.csv", "targets.csv"] {
            files[name] = nil
        }
        files["notes.txt"] = Array("anything".utf8)
        files["readme.csv"] = [0xFF, 0xFE]
        let r = try accept(files)
        #expect(r.plans.isEmpty && r.responses.isEmpty && r.targets.isEmpty)
        #expect(r.points.count == 6)
    }

    @Test func registryRoundTripsThroughJSONWithItsLookups() throws {
        let r = try accept(RegistryFixture.files())
        let data = try JSONEncoder().encode(r)
        let back = try JSONDecoder().decode(Registry.self, from: data)
        #expect(back == r)
        #expect(back.point(mn: "M2", code: "611011")?.id == "E002-t1")
        #expect(back.treatmentFacilities(linkedTo: "E001-P1").map(\.id) == ["E001-T1"])
    }

    @Test func timeWindowsWrapOverMidnightAndAcceptTwentyFour() throws {
        let night = try #require(TimeWindow("22:00-06:00"))
        #expect(night.wrapsMidnight && night.contains(minuteOfDay: 23 * 60) && night.contains(minuteOfDay: 0))
        #expect(!night.contains(minuteOfDay: 6 * 60) && night.minutes == 480)
        let evening = try #require(TimeWindow("20:00-24:00"))
        #expect(!evening.wrapsMidnight && evening.contains(minuteOfDay: 1439) && evening.minutes == 240)
        #expect(TimeWindow("9:00-11:30")?.description == "09:00-11:30")
        #expect(TimeWindow("24:00-01:00") == nil)
        #expect(TimeWindow("10:60-11:00") == nil)
        #expect(TimeWindow.list(" 09:00-12:00 ; 14:00-17:00 ")?.count == 2)
        #expect(TimeWindow.list(";") == nil)
    }

    @Test func choicesIgnoreASCIICase() {
        #expect(TreatmentProcess(cell: "ac+co") == .acCO)
        #expect(FacilityKind(cell: "Production") == .production)
        #expect(SensorRole(cell: "VOC_IN") == .vocIn)
        #expect(Industry(cell: "工业涂装") == .industrialCoating)
        #expect(Industry.allCases.count == 23)
    }

    @Test func rejectionSummaryCountsPerFile() {
        let rejection = RegistryRejection(issues: [
            RegistryIssue(file: "points.csv", line: 9, reason: "b"),
            RegistryIssue(file: "enterprises.csv", line: 4, reason: "a"),
            RegistryIssue(file: "points.csv", line: 2, reason: "c"),
        ])
        #expect(rejection.issues.map(\.description) == ["enterprises.csv:4: a", "points.csv:2: c", "points.csv:9: b"])
        #expect(rejection.summary == "registry rejected: 3 issues (enterprises.csv 1, points.csv 2)")
    }

    @Test func missingFolderIsOneIssue() {
        guard case let .failure(rejection) = Registry.load(directory: "/nonexistent/registry") else {
            Issue.record("accepted a missing folder")
            return
        }
        #expect(rejection.issues.map(\.description) == ["/nonexistent/registry:0: registry folder does not exist"])
    }

    @Test func cityScaleRegistryParsesWithoutIssues() throws {
        let r = try accept(RegistryFixture.city(enterprises: 2527))
        #expect(r.enterprises.count == 2527)
        #expect(r.points.count == 2527 * 14)
        #expect(r.point(mn: "MN102526", code: "t20002")?.facilityID == "E2526-T2")
    }
}
