import Foundation
import Testing
@testable import PEMSCore

/// One way to spoil the base fixture and the exact messages it must give.
struct BadRegistryCase: Sendable, CustomTestStringConvertible {
    var name: String
    var edits: [RegistryFixture.Edit]
    var expected: [String]
    var testDescription: String { name }

    init(_ name: String, _ edits: [RegistryFixture.Edit], _ expected: String...) {
        self.name = name
        self.edits = edits
        self.expected = expected
    }

    /// Appends rows to one file.
    init(_ name: String, append file: String, _ rows: [String], _ expected: String...) {
        self.name = name
        self.edits = [.append(file, rows)]
        self.expected = expected
    }
}

@Suite struct RegistryValidationTests {
    // Base fixture line counts (header = 1): districts 3, enterprises 3, collectors 3,
    // facilities 5, points 7, links 3, plans 4, responses 3, weather 3, exemptions 3,
    // carbon 2, targets 3. An appended row is the next line.
    static let cases: [BadRegistryCase] = [
        // Cell form
        .init("bad number", append: "enterprises.csv", ["E003,丙,,130602,塑料,abc,115.3,,,"],
              "enterprises.csv:4: lat 'abc' is not a number"),
        .init("bad whole number", append: "facilities.csv", ["E002-T2,E002,treatment,x,UV,1.5,,,,,,,,"],
              "facilities.csv:6: min_running '1.5' is not a whole number"),
        .init("bad enum", append: "facilities.csv", ["E001-P2,E001,prod,x,,,0.01,,,,,,,"],
              "facilities.csv:6: kind 'prod' is not one of production, treatment"),
        .init("bad industry", append: "enterprises.csv", ["E003,丙,,130602,化工厂,,,,,"],
              "enterprises.csv:4: industry '化工厂' is not one of \(Industry.choicesText)"),
        .init("bad grade", append: "enterprises.csv", ["E003,丙,,130602,化工,,,,E,"],
              "enterprises.csv:4: performance_grade 'E' is not one of A, B, C, D"),
        .init("bad zone flag", append: "districts.csv", ["130607,满城区,yes"],
              "districts.csv:4: zone_513 'yes' is not 0 or 1"),
        .init("out-of-range ratio", append: "enterprises.csv", ["E003,丙,,130602,塑料,,,,,1.5"],
              "enterprises.csv:4: min_load_ratio '1.5' is out of range 0..1"),
        .init("out-of-range removal", append: "facilities.csv", ["E002-T2,E002,treatment,x,UV,,,,1.2,,,,,"],
              "facilities.csv:6: design_removal '1.2' is out of range 0..1"),
        .init("out-of-range latitude", append: "enterprises.csv", ["E003,丙,,130602,塑料,95,115,,,"],
              "enterprises.csv:4: lat '95' is out of range -90..90"),
        .init("half a position", append: "enterprises.csv", ["E003,丙,,130602,塑料,39.1,,,,"],
              "enterprises.csv:4: lon is blank while lat '39.1' is given"),
        .init("negative kW", append: "points.csv", ["E001-pg2,E001,M1,pg2001,production,E001-P1,,-3,,,,"],
              "points.csv:8: rated_kw '-3' is negative"),
        .init("min_running below one", append: "facilities.csv", ["E002-T2,E002,treatment,x,UV,0,,,,,,,,"],
              "facilities.csv:6: min_running '0' must be at least 1"),
        .init("zero airflow", append: "facilities.csv", ["E002-T2,E002,treatment,x,UV,,,,,0,,,,"],
              "facilities.csv:6: design_airflow_m3h '0' must be greater than 0"),
        .init("implausible temperature", append: "weather.csv", ["2024-07-02,130602,85"],
              "weather.csv:4: max_temp_c '85' is out of range -60..60"),
        .init("bad date", append: "weather.csv", ["2024-02-30,130602,30"],
              "weather.csv:4: date '2024-02-30' is not a date YYYY-MM-DD"),
        .init("bad time", append: "responses.csv", ["R3,red,2024-07-12 24:00,2024-07-13 00:00,"],
              "responses.csv:4: start '2024-07-12 24:00' is not a time YYYY-MM-DD HH:MM"),
        .init("blank required cell", append: "collectors.csv", ["M3,"],
              "collectors.csv:4: enterprise_id is blank"),
        .init("production facility without factor", append: "facilities.csv", ["E001-P2,E001,production,x,,,,,,,,,,"],
              "facilities.csv:6: voc_kg_per_kwh is blank"),
        .init("treatment facility without process", append: "facilities.csv", ["E002-T2,E002,treatment,x,,,,,,,,,,"],
              "facilities.csv:6: process is blank (a treatment facility needs one of \(TreatmentProcess.choicesText))"),
        .init("sensor without role", append: "points.csv", ["E001-s,E001,M1,a01012,sensor,E001-T1,,,,,,"],
              "points.csv:8: role is blank (a sensor point needs one of temperature, pressure, flow, door, voc_in, voc_out, other)"),
        .init("inverted sensor range", append: "points.csv", ["E001-s,E001,M1,a01012,sensor,E001-T1,,,,temperature,800,760"],
              "points.csv:8: valid_min '800' is greater than valid_max '760'"),

        // Windows and measures
        .init("bad window", append: "plans.csv", ["E002,orange,E002-P1,shift,0,11:00-25:00"],
              "plans.csv:5: windows '11:00-25:00' is not HH:MM-HH:MM[;HH:MM-HH:MM]"),
        .init("limit without ratio", append: "plans.csv", ["E002,orange,E002-P1,limit,,"],
              "plans.csv:5: ratio is blank (a limit measure needs one)"),
        .init("shift without windows", append: "plans.csv", ["E002,orange,E002-P1,shift,0.5,"],
              "plans.csv:5: windows is blank (a shift measure needs them)"),
        .init("windows on a limit", append: "plans.csv", ["E002,orange,E002-P1,limit,0.5,09:00-12:00"],
              "plans.csv:5: windows '09:00-12:00' only apply to a shift measure, not limit"),
        .init("ratio on a stop", append: "plans.csv", ["E002,orange,E002-P1,stop,0.5,"],
              "plans.csv:5: ratio '0.5' does not apply to a stop measure (leave it blank)"),
        .init("unknown level", append: "plans.csv", ["E002,purple,E002-P1,stop,,"],
              "plans.csv:5: level 'purple' is not yellow, orange, red, heat or the level of a response"),
        .init("duplicate plan row", append: "plans.csv", ["E001,Orange,E001-P1,stop,,"],
              "plans.csv:5: plan row (E001, orange, E001-P1, stop) is a duplicate of line 2"),

        // Start and end
        .init("response start equals end", append: "responses.csv", ["R3,red,2024-07-12 00:00,2024-07-12 00:00,"],
              "responses.csv:4: end '2024-07-12 00:00' is not after start '2024-07-12 00:00'"),
        .init("exemption ends before it starts", append: "exemptions.csv",
              ["E001,,2024-07-08 12:45,2024-07-08 10:00,x,approved"],
              "exemptions.csv:4: end '2024-07-08 10:00' is not after start '2024-07-08 12:45'"),

        // Uniqueness
        .init("duplicate enterprise id", append: "enterprises.csv", ["E001,重复,,130602,塑料,,,,,"],
              "enterprises.csv:4: enterprise_id 'E001' is a duplicate of line 2"),
        .init("duplicate district code", append: "districts.csv", ["130602,又一个,0"],
              "districts.csv:4: district_code '130602' is a duplicate of line 2"),
        .init("duplicate collector mn", append: "collectors.csv", ["M1,E002"],
              "collectors.csv:4: mn 'M1' is a duplicate of line 2"),
        .init("duplicate facility id", append: "facilities.csv", ["E001-P1,E001,production,x,,,0.01,,,,,,,"],
              "facilities.csv:6: facility_id 'E001-P1' is a duplicate of line 2"),
        .init("duplicate point id", append: "points.csv", ["E001-pg1,E001,M1,pg2001,production,E001-P1,,,,,,"],
              "points.csv:8: point_id 'E001-pg1' is a duplicate of line 2"),
        .init("duplicate mn and code", append: "points.csv", ["E001-pg2,E001,M1,pg1001,production,E001-P1,,,,,,"],
              "points.csv:8: code 'pg1001' of mn 'M1' is a duplicate of line 2"),
        .init("duplicate link", append: "links.csv", ["E001-P1,E001-T1"],
              "links.csv:4: link E001-P1 -> E001-T1 is a duplicate of line 2"),
        .init("duplicate weather day", append: "weather.csv", ["2024-07-01,130602,30"],
              "weather.csv:4: date '2024-07-01' of district_code '130602' is a duplicate of line 2"),
        .init("duplicate target", append: "targets.csv", ["R1,130602,3"],
              "targets.csv:4: district_code '130602' of response_id 'R1' is a duplicate of line 2"),

        // Dangling references
        .init("enterprise without district", append: "enterprises.csv", ["E003,丙,,999999,塑料,,,,,"],
              "enterprises.csv:4: district_code '999999' is not in districts.csv"),
        .init("collector without enterprise", append: "collectors.csv", ["M3,E009"],
              "collectors.csv:4: enterprise_id 'E009' is not in enterprises.csv"),
        .init("facility without enterprise", append: "facilities.csv", ["E009-P1,E009,production,x,,,0.01,,,,,,,"],
              "facilities.csv:6: enterprise_id 'E009' is not in enterprises.csv"),
        .init("point without enterprise", append: "points.csv", ["E009-pg1,E009,M1,pg9001,total,,,,,,,"],
              "points.csv:8: enterprise_id 'E009' is not in enterprises.csv"),
        .init("point without collector", append: "points.csv", ["E001-pg2,E001,M9,pg2001,production,E001-P1,,,,,,"],
              "points.csv:8: mn 'M9' is not in collectors.csv"),
        .init("point without facility", append: "points.csv", ["E001-pg2,E001,M1,pg2001,production,E001-P9,,,,,,"],
              "points.csv:8: facility_id 'E001-P9' is not in facilities.csv"),
        .init("link without facility", append: "links.csv", ["E001-P1,E001-T9"],
              "links.csv:4: treatment_facility_id 'E001-T9' is not in facilities.csv"),
        .init("plan without enterprise", append: "plans.csv", ["E009,orange,,stop,,"],
              "plans.csv:5: enterprise_id 'E009' is not in enterprises.csv"),
        .init("plan without facility", append: "plans.csv", ["E001,red,E001-P9,stop,,"],
              "plans.csv:5: facility_id 'E001-P9' is not in facilities.csv"),
        .init("response without district", append: "responses.csv",
              ["R3,red,2024-07-12 00:00,2024-07-13 00:00,130602;999999"],
              "responses.csv:4: districts '999999' is not in districts.csv"),
        .init("weather without district", append: "weather.csv", ["2024-07-02,999999,30"],
              "weather.csv:4: district_code '999999' is not in districts.csv"),
        .init("exemption without enterprise", append: "exemptions.csv", ["E009,,2024-07-08 12:45,2024-07-08 15:15,x,approved"],
              "exemptions.csv:4: enterprise_id 'E009' is not in enterprises.csv"),
        .init("exemption without facility", append: "exemptions.csv",
              ["E001,E001-T9,2024-07-08 12:45,2024-07-08 15:15,x,approved"],
              "exemptions.csv:4: facility_id 'E001-T9' is not in facilities.csv"),
        .init("carbon without facility", append: "carbon.csv", ["E001-T9,2024-04-07 06:00,750"],
              "carbon.csv:3: facility_id 'E001-T9' is not in facilities.csv"),
        .init("target without response", append: "targets.csv", ["R9,130602,1"],
              "targets.csv:4: response_id 'R9' is not in responses.csv"),
        .init("target without district", append: "targets.csv", ["R1,999999,1"],
              "targets.csv:4: district_code '999999' is not in districts.csv"),

        // Belonging and kinds
        .init("point mn of another enterprise", append: "points.csv", ["E001-pg2,E001,M2,pg2001,production,E001-P1,,,,,,"],
              "points.csv:8: mn 'M2' is not a collector of enterprise E001 (it belongs to E002)"),
        .init("point facility of another enterprise", append: "points.csv",
              ["E001-pg2,E001,M1,pg2001,production,E002-P1,,,,,,"],
              "points.csv:8: facility_id 'E002-P1' belongs to enterprise E002, not E001"),
        .init("production point on treatment facility", append: "points.csv",
              ["E001-pg2,E001,M1,pg2001,production,E001-T1,,,,,,"],
              "points.csv:8: facility_id 'E001-T1' is a treatment facility, but the point kind is production"),
        .init("treatment point on production facility", append: "points.csv",
              ["E001-t2,E001,M1,411012,treatment,E001-P1,,,,,,"],
              "points.csv:8: facility_id 'E001-P1' is a production facility, but the point kind is treatment"),
        .init("total point with facility", append: "points.csv", ["E001-tot2,E001,M1,100001,total,E001-P1,,,,,,"],
              "points.csv:8: facility_id 'E001-P1' must be blank for a total point"),
        .init("production point without facility", append: "points.csv", ["E001-pg2,E001,M1,pg2001,production,,,,,,,"],
              "points.csv:8: facility_id is blank (a production point needs its facility)"),
        .init("link from a treatment facility", append: "links.csv", ["E001-T1,E001-T1"],
              "links.csv:4: production_facility_id 'E001-T1' is a treatment facility, but a link starts at a production facility"),
        .init("link across enterprises", append: "links.csv", ["E001-P1,E002-T1"],
              "links.csv:4: treatment_facility_id 'E002-T1' belongs to enterprise E002, not E001 (the production facility's)"),
        .init("plan on a treatment facility", append: "plans.csv", ["E001,red,E001-T1,stop,,"],
              "plans.csv:5: facility_id 'E001-T1' is a treatment facility, but plan measures apply to production facilities"),
        .init("plan on another enterprise's facility", append: "plans.csv", ["E001,red,E002-P1,stop,,"],
              "plans.csv:5: facility_id 'E002-P1' belongs to enterprise E002, not E001"),
        .init("exemption on another enterprise's facility", append: "exemptions.csv",
              ["E001,E002-T1,2024-07-08 12:45,2024-07-08 15:15,x,approved"],
              "exemptions.csv:4: facility_id 'E002-T1' belongs to enterprise E002, not E001"),
        .init("carbon on a production facility", append: "carbon.csv", ["E001-P1,2024-04-07 06:00,750"],
              "carbon.csv:3: facility_id 'E001-P1' is a production facility, but carbon replacements need a treatment facility"),
        .init("carbon on a spray tower", append: "carbon.csv", ["E002-T1,2024-04-07 06:00,750"],
              "carbon.csv:3: facility_id 'E002-T1' has process SPRAY; carbon replacements need AC or AC+CO"),
        .init("target outside the response's districts", append: "targets.csv", ["R2,130606,1"],
              "targets.csv:4: district_code '130606' is not covered by response R2 (districts 130602)"),
        .init("min_running above the treatment points", [
            .replace("facilities.csv", (RegistryFixture.base["facilities.csv"] ?? "").replacingOccurrences(
                of: "SPRAY,1,", with: "SPRAY,2,")),
        ], "facilities.csv:5: min_running '2' is more than the 1 treatment point of E002-T1"),

        // Files and headers
        .init("missing required column", [
            .replace("enterprises.csv", """
                enterprise_id,name,credit_code,district_code,lat,lon
                E001,甲公司,,130602,39.0,115.3
                E002,乙公司,,130606,38.9,115.3

                """),
        ], "enterprises.csv:1: missing required column 'industry'"),
        .init("missing required file", [.remove("points.csv")], "points.csv:0: required file is missing"),
        .init("empty required file", [.replace("links.csv", "\n")], "links.csv:1: header row is missing (the file is empty)"),
        .init("duplicate header column", [.replace("collectors.csv", "mn,enterprise_id,MN\nM1,E001,x\nM2,E002,y\n")],
              "collectors.csv:1: column 'mn' appears more than once in the header"),
        .init("file saved as GBK", [
            .bytes("districts.csv", Array("district_code,district_name,zone_513\n130602,竞秀区,1\n".utf8)
                + Array("130606,".utf8) + [0xC1, 0xAB, 0xB3, 0xD8, 0xC7, 0xF8] + Array(",0\n".utf8)),
        ], "districts.csv:3: line is not valid UTF-8 (save the file as UTF-8, not GBK)"),
        .init("plan level when there are no responses", [
            .remove("responses.csv"), .remove("targets.csv"), .append("plans.csv", ["E002,purple,E002-P1,stop,,"]),
        ], "plans.csv:5: level 'purple' is not yellow, orange, red, heat or the level of a response"),
        .init("targets when there are no responses", [.remove("responses.csv")],
              "targets.csv:2: response_id 'R1' is not in responses.csv",
              "targets.csv:3: response_id 'R2' is not in responses.csv"),
        .init("unclosed quote", [.append("weather.csv", ["2024-07-02,130602,\"30"])],
              "weather.csv:4: quoted field is not closed before the end of the file"),
    ]

    @Test(arguments: cases)
    func badRowIsReportedExactly(_ c: BadRegistryCase) {
        #expect(RegistryFixture.issues(c.edits) == c.expected)
    }

    @Test func everyBadRowIsReportedInFileAndLineOrder() {
        let issues = RegistryFixture.issues([
            .append("points.csv", [
                "E001-pg2,E001,M2,pg2001,production,E001-T1,,abc,,,,",
                "E001-pg3,E001,M1,pg3001,sensor,E001-T1,,,,,,",
            ]),
            .append("enterprises.csv", ["E001,重复,,999999,塑料,,,,,"]),
            .append("plans.csv", ["E001,orange,E001-P1,limit,2,"]),
            .append("responses.csv", ["R3,red,2024-07-12 08:00,2024-07-12 07:00,"]),
        ])
        #expect(issues == [
            "enterprises.csv:4: enterprise_id 'E001' is a duplicate of line 2",
            "enterprises.csv:4: district_code '999999' is not in districts.csv",
            "plans.csv:5: ratio '2' is out of range 0..1",
            "points.csv:8: rated_kw 'abc' is not a number",
            "points.csv:8: mn 'M2' is not a collector of enterprise E001 (it belongs to E002)",
            "points.csv:8: facility_id 'E001-T1' is a treatment facility, but the point kind is production",
            "points.csv:9: role is blank (a sensor point needs one of temperature, pressure, flow, door, voc_in, voc_out, other)",
            "responses.csv:4: end '2024-07-12 07:00' is not after start '2024-07-12 08:00'",
        ])
    }

    @Test func issuesCarryColumnAndValue() throws {
        guard case let .failure(rejection) = Registry.parse(files: RegistryFixture.files([
            .append("points.csv", ["E001-pg2,E001,M2,pg2001,production,E001-P1,,,,,,"]),
        ])) else {
            Issue.record("accepted a bad registry")
            return
        }
        let issue = try #require(rejection.issues.first)
        #expect(issue.file == "points.csv" && issue.line == 8 && issue.column == "mn" && issue.value == "M2")
        #expect(rejection.summary == "registry rejected: 1 issue (points.csv 1)")
    }
}
