import Accounting
import Baselines
import Foundation
import PEMSCore

/// A tiny hand-made city for the unit tests of SPEC §4–§8, small enough to compute every
/// expected number by hand.
///
/// Standard layout (district 130602, enterprise E1, collector M1):
/// - `P1` production, point `p1` (code pg1001, rated 100 kW, θ 10 kW from the registry);
/// - `T1` treatment (SPRAY, `min_running` 1) with a primary fan `ta` (t10001) and a backup
///   fan `tb` (t10002), both rated 20 kW with θ 5 kW, and a temperature sensor `temp`
///   (a01012, valid_min 760 °C);
/// - `tot` total meter (100000, rated 300 kW, no θ);
/// - link P1 → T1. No plans, responses, weather, exemptions or carbon rows.
struct MiniCity {
    static let headers: [String: String] = [
        "districts.csv": "district_code,district_name,zone_513",
        "enterprises.csv": "enterprise_id,name,credit_code,district_code,industry,lat,lon,annual_voc_t,performance_grade,min_load_ratio",
        "collectors.csv": "mn,enterprise_id",
        "facilities.csv": "facility_id,enterprise_id,kind,name,process,min_running,voc_kg_per_kwh,design_collection,design_removal,design_airflow_m3h,carbon_cycle_days,carbon_max_hours,carbon_max_kwh,carbon_max_m3",
        "points.csv": "point_id,enterprise_id,mn,code,kind,facility_id,name,rated_kw,threshold_kw,role,valid_min,valid_max",
        "links.csv": "production_facility_id,treatment_facility_id",
        "plans.csv": "enterprise_id,level,facility_id,measure,ratio,windows",
        "responses.csv": "response_id,level,start,end,districts",
        "weather.csv": "date,district_code,max_temp_c",
        "exemptions.csv": "enterprise_id,facility_id,start,end,reason,status",
        "carbon.csv": "facility_id,replaced_at,fill_kg",
        "targets.csv": "response_id,district_code,reduction_kg_per_day",
    ]

    /// Rows per file (without the header).
    var rows: [String: [String]]

    static var standard: MiniCity {
        MiniCity(rows: [
            "districts.csv": ["130602,竞秀区,1", "130606,莲池区,0"],
            "enterprises.csv": ["E1,甲公司,,130602,塑料,39.0,115.3,5.0,B,"],
            "collectors.csv": ["M1,E1"],
            "facilities.csv": [
                "P1,E1,production,注塑,,,0.02,0.8,,,,,,",
                "T1,E1,treatment,喷淋,SPRAY,1,,,0.5,10000,,,,",
            ],
            "points.csv": [
                "p1,E1,M1,pg1001,production,P1,设备,100,10,,,",
                "ta,E1,M1,t10001,treatment,T1,主风机,20,5,,,",
                "tb,E1,M1,t10002,treatment,T1,备风机,20,5,,,",
                "tot,E1,M1,100000,total,,总表,300,,,,",
                "temp,E1,M1,a01012,sensor,T1,温度,,,temperature,760,",
            ],
            "links.csv": ["P1,T1"],
        ])
    }

    /// Adds rows to a file.
    mutating func add(_ file: String, _ newRows: String...) {
        rows[file, default: []] += newRows
    }

    /// Replaces every row of a file.
    mutating func set(_ file: String, _ newRows: [String]) {
        rows[file] = newRows
    }

    var files: [String: [UInt8]] {
        var out: [String: [UInt8]] = [:]
        for (file, r) in rows {
            out[file] = Array(([Self.headers[file]!] + r).joined(separator: "\n").appending("\n").utf8)
        }
        return out
    }

    func registry() throws -> Registry {
        switch Registry.parse(files: files) {
        case .success(let r): return r
        case .failure(let rejection): throw rejection
        }
    }

    func write(to dir: URL) throws {
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        for (name, bytes) in files { try Data(bytes).write(to: dir.appendingPathComponent(name)) }
    }
}

/// A CSV readings file (SPEC §3.2: `time,mn,code,param,value,flag`).
struct ReadingsFile {
    var lines: [String] = []
    /// The collector rows are written for unless `add` names another.
    var mn = "M1"

    mutating func add(_ time: String, _ code: String, _ value: Double, param: String = "Pt", flag: String = "N",
                      mn: String? = nil) {
        lines.append("\(time),\(mn ?? self.mn),\(code),\(param),\(value),\(flag)")
    }

    /// One reading at HH:00 of `day` for each hour in `hours`; a nil value writes nothing.
    mutating func hourly(_ day: String, _ code: String, hours: some Sequence<Int> = 0..<24, param: String = "Pt",
                         flag: String = "N", _ value: (Int) -> Double?) {
        for h in hours {
            if let v = value(h) { add("\(day) \(h < 10 ? "0" : "")\(h):00", code, v, param: param, flag: flag) }
        }
    }

    /// The standard city running normally all day on `day`: p1 50 kW, ta 10 kW, tb 0 kW,
    /// tot 70 kW, temp 800 °C — unless `override` gives another value (nil = no reading).
    mutating func normalDay(_ day: String, override: (_ code: String, _ hour: Int) -> Double?? = { _, _ in .none }) {
        let standard: [(String, Double)] = [("pg1001", 50), ("t10001", 10), ("t10002", 0), ("100000", 70), ("a01012", 800)]
        for (code, v) in standard {
            hourly(day, code) { h in
                if let o = override(code, h) { return o }
                return v
            }
        }
    }

    var text: String { (["time,mn,code,param,value,flag"] + lines).joined(separator: "\n") + "\n" }
}

/// Runs the whole engine (registry import → CSV load → `PeriodComputation`) on a mini city.
enum MiniRun {
    /// Hour slots keep the fixtures small (SPEC §1 allows slot_minutes = 60).
    static var hourly: Settings {
        var s = Settings()
        s.slotMinutes = 60
        return s
    }

    /// `packets`: HJ 212 data segments (SPEC §3.1, bare segments are accepted) loaded besides the CSV.
    static func compute(_ city: MiniCity, _ readings: ReadingsFile, packets: [String] = [], from: String, to: String,
                        settings: Settings = hourly) throws -> ComputationResult {
        let ws = try ComputeWorkspace()
        let registryDir = ws.dir.appendingPathComponent("registry")
        try city.write(to: registryDir)
        try ws.importRegistry(registryDir.path, from: "2024-06-01")
        let file = ws.dir.appendingPathComponent("readings.csv")
        try Data(readings.text.utf8).write(to: file)
        var paths = [file.path]
        if !packets.isEmpty {
            let log = ws.dir.appendingPathComponent("packets.log")
            try Data((packets.joined(separator: "\r\n") + "\r\n").utf8).write(to: log)
            paths.append(log.path)
        }
        try ws.load(paths, registryDay: to)
        return try ws.compute(from: from, to: to, settings: settings)
    }
}

extension ComputationResult {
    func events(_ rule: AnomalyRule) -> [EventRecord] { events.filter { $0.rule == rule } }

    func dq(_ check: DQCheck, point: String? = nil, date: String? = nil) -> [DQFinding] {
        dq.filter { f in
            f.check == check && (point == nil || f.pointID == point!) && (date == nil || f.date.description == date!)
        }
    }

    func facilityDay(_ facility: String, _ date: String) -> FacilityDayRecord? {
        facilityDays.first { $0.facilityID == facility && $0.date.description == date }
    }
}

extension EventRecord {
    /// `start – end` as `YYYY-MM-DD HH:MM:SS` text, for compact expectations.
    var span: String { "\(start) – \(end)" }
}

extension Registry {
    func pointIndex(_ id: String) -> Int { points.firstIndex { $0.id == id }! }
    func facilityIndex(_ id: String) -> Int { facilities.firstIndex { $0.id == id }! }
}
