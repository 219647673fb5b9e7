import Foundation
@testable import PEMSCore
import TestSupport

/// A small valid registry as text, and ways to spoil it, for the registry tests.
/// Line numbers in the tests count from the header (line 1) of these texts.
enum RegistryFixture {
    static let base: [String: String] = [
        "districts.csv": """
            district_code,district_name,zone_513
            130602,竞秀区,1
            130606,莲池区,0

            """,
        "enterprises.csv": """
            enterprise_id,name,credit_code,district_code,industry,lat,lon,annual_voc_t,performance_grade,min_load_ratio
            E001,甲公司,91130600525869827A,130602,塑料,39.0,115.3,5.0,D,
            E002,乙公司,,130606,橡胶,38.9,115.3,19.5,,0.1

            """,
        "collectors.csv": """
            mn,enterprise_id
            M1,E001
            M2,E002

            """,
        "facilities.csv": """
            facility_id,enterprise_id,kind,name,process,min_running,voc_kg_per_kwh,design_collection,design_removal,design_airflow_m3h,carbon_cycle_days,carbon_max_hours,carbon_max_kwh,carbon_max_m3
            E001-P1,E001,production,注塑,,,0.02,0.9,,,,,,
            E001-T1,E001,treatment,活性炭,AC,,,,0.7,15000,90,2000,60000,80000000
            E002-P1,E002,production,密炼,,,0.03,,,,,,,
            E002-T1,E002,treatment,喷淋,SPRAY,1,,,0.25,10000,,,,

            """,
        "points.csv": """
            point_id,enterprise_id,mn,code,kind,facility_id,name,rated_kw,threshold_kw,role,valid_min,valid_max
            E001-pg1,E001,M1,pg1001,production,E001-P1,设备,75,,,,
            E001-t1,E001,M1,411011,treatment,E001-T1,风机,15,1.5,,,
            E001-tot,E001,M1,100000,total,,总表,280,,,,
            E001-door,E001,M1,i33101,sensor,E001-T1,箱门,,,door,,0
            E002-pg1,E002,M2,pg1001,production,E002-P1,设备,160,,,,
            E002-t1,E002,M2,611011,treatment,E002-T1,风机,22,,,,

            """,
        "links.csv": """
            production_facility_id,treatment_facility_id
            E001-P1,E001-T1
            E002-P1,E002-T1

            """,
        "plans.csv": """
            enterprise_id,level,facility_id,measure,ratio,windows
            E001,orange,E001-P1,stop,,
            E001,yellow,,limit,0.8,
            E002,heat,E002-P1,shift,0,11:00-15:00

            """,
        "responses.csv": """
            response_id,level,start,end,districts
            R1,orange,2024-07-09 12:00,2024-07-11 00:00,
            R2,yellow,2024-07-03 08:00,2024-07-04 08:00,130602

            """,
        "weather.csv": """
            date,district_code,max_temp_c
            2024-07-01,130602,33.6
            2024-07-01,130606,35.2

            """,
        "exemptions.csv": """
            enterprise_id,facility_id,start,end,reason,status
            E001,E001-T1,2024-07-08 12:45,2024-07-08 15:15,检修,approved
            E002,,2024-07-08 00:30,2024-07-08 03:30,停电,pending

            """,
        "carbon.csv": """
            facility_id,replaced_at,fill_kg
            E001-T1,2024-01-18 06:00,750

            """,
        "targets.csv": """
            response_id,district_code,reduction_kg_per_day
            R1,130602,1.6
            R2,130602,2.0

            """,
    ]

    /// A change to the base registry.
    enum Edit: Sendable {
        /// Add rows at the end of a file.
        case append(String, [String])
        /// Replace a file's whole text.
        case replace(String, String)
        /// Replace the bytes of a file.
        case bytes(String, [UInt8])
        /// Take a file out.
        case remove(String)
    }

    static func files(_ edits: [Edit] = []) -> [String: [UInt8]] {
        var text = base
        var raw: [String: [UInt8]] = [:]
        for edit in edits {
            switch edit {
            case let .append(file, rows): text[file, default: ""] += rows.map { $0 + "\n" }.joined()
            case let .replace(file, content): text[file] = content
            case let .bytes(file, bytes): text[file] = nil; raw[file] = bytes
            case let .remove(file): text[file] = nil
            }
        }
        var result = raw
        for (name, content) in text { result[name] = Array(content.utf8) }
        return result
    }

    /// The `file:line: reason` lines of a rejected registry, or [] when it was accepted.
    static func issues(_ edits: [Edit]) -> [String] {
        switch Registry.parse(files: files(edits)) {
        case .success: return []
        case let .failure(rejection): return rejection.issues.map(\.description)
        }
    }

    /// The conformance fixture's registry folder (`../shared/conformance-spec2/registry` beside
    /// the repository).
    static var conformanceFolder: String { SharedFixture.path("conformance-spec2/registry") }
    /// A city-sized registry: `enterprises` enterprises in 10 districts, each with one
    /// collector, 2 production and 2 treatment facilities (linked pairwise) and 16 points.
    static func city(enterprises n: Int) -> [String: [UInt8]] {
        var districts = "district_code,district_name,zone_513\n"
        for d in 0..<10 { districts += "1306\(10 + d),区\(d),\(d % 2)\n" }
        var enterprises = "enterprise_id,name,credit_code,district_code,industry,lat,lon,annual_voc_t,performance_grade,min_load_ratio\n"
        var collectors = "mn,enterprise_id\n"
        var facilities = "facility_id,enterprise_id,kind,name,process,min_running,voc_kg_per_kwh,design_collection,design_removal,design_airflow_m3h,carbon_cycle_days,carbon_max_hours,carbon_max_kwh,carbon_max_m3\n"
        var points = "point_id,enterprise_id,mn,code,kind,facility_id,name,rated_kw,threshold_kw,role,valid_min,valid_max\n"
        var links = "production_facility_id,treatment_facility_id\n"
        let industries = Industry.allCases
        for i in 0..<n {
            let e = "E\(i)", mn = "MN\(100_000 + i)"
            enterprises += "\(e),企业\(i),,1306\(10 + i % 10),\(industries[i % industries.count].rawValue),38.9,115.4,3.5,B,0.1\n"
            collectors += "\(mn),\(e)\n"
            points += "\(e)-tot,\(e),\(mn),100000,total,,总电表,300,,,,\n"
            for k in 1...2 {
                facilities += "\(e)-P\(k),\(e),production,生产线\(k),,,0.02,0.9,,,,,,\n"
                facilities += "\(e)-T\(k),\(e),treatment,治理\(k),AC,1,,,0.7,15000,90,2000,60000,80000000\n"
                links += "\(e)-P\(k),\(e)-T\(k)\n"
                for m in 1...4 {
                    points += "\(e)-pg\(k)\(m),\(e),\(mn),pg\(k)00\(m),production,\(e)-P\(k),设备,75,,,,\n"
                }
                for m in 1...2 {
                    points += "\(e)-t\(k)\(m),\(e),\(mn),t\(k)000\(m),treatment,\(e)-T\(k),风机,15,1.5,,,\n"
                }
            }
            points += "\(e)-temp,\(e),\(mn),a01012,sensor,\(e)-T1,温度,,,temperature,0,80\n"
        }
        let text = ["districts.csv": districts, "enterprises.csv": enterprises, "collectors.csv": collectors,
                    "facilities.csv": facilities, "points.csv": points, "links.csv": links]
        return text.mapValues { Array($0.utf8) }
    }
}
