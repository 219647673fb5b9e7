import Foundation

// The registry of a generated city (SPEC §2) as plain value types with integer cross-references.

struct DistrictInfo {
    var code: String
    var name: String
    var zone513: Bool
    var lat: Double
    var lon: Double
    /// Short prefix for enterprise names.
    var short: String
}

/// Baoding districts (real codes and names; approximate centres).
let baodingDistricts: [DistrictInfo] = [
    DistrictInfo(code: "130602", name: "竞秀区", zone513: true, lat: 38.885, lon: 115.455, short: "竞秀"),
    DistrictInfo(code: "130606", name: "莲池区", zone513: true, lat: 38.862, lon: 115.520, short: "莲池"),
    DistrictInfo(code: "130607", name: "满城区", zone513: false, lat: 38.950, lon: 115.322, short: "满城"),
    DistrictInfo(code: "130608", name: "清苑区", zone513: false, lat: 38.820, lon: 115.495, short: "清苑"),
    DistrictInfo(code: "130609", name: "徐水区", zone513: false, lat: 39.020, lon: 115.655, short: "徐水"),
    DistrictInfo(code: "130681", name: "涿州市", zone513: false, lat: 39.085, lon: 115.690, short: "涿州"),
    DistrictInfo(code: "130683", name: "安国市", zone513: false, lat: 38.840, lon: 115.330, short: "安国"),
    DistrictInfo(code: "130684", name: "高碑店市", zone513: false, lat: 39.060, lon: 115.600, short: "高碑店"),
]

/// The other cities of Hebei a bench region can hold besides Baoding (`DemoOptions.benchCity`
/// 1…10): real city codes and approximate centres; their districts are numbered (`…02` on,
/// named 一区, 二区, …) — the bench needs distinct codes, not real district names.
let hebeiBenchCities: [(code: String, name: String, lat: Double, lon: Double)] = [
    ("1301", "石家庄", 38.04, 114.51), ("1302", "唐山", 39.63, 118.18), ("1303", "秦皇岛", 39.94, 119.60),
    ("1304", "邯郸", 36.61, 114.49), ("1305", "邢台", 37.07, 114.50), ("1307", "张家口", 40.77, 114.89),
    ("1308", "承德", 40.95, 117.96), ("1309", "沧州", 38.30, 116.84), ("1310", "廊坊", 39.54, 116.68),
    ("1311", "衡水", 37.74, 115.67),
]

/// The name of bench city `k` ≥ 1.
public func hebeiBenchCityName(_ k: Int) -> String {
    k > 0 && k <= hebeiBenchCities.count ? hebeiBenchCities[k - 1].name : "保定"
}

/// The districts of bench city `k`: Baoding's for 0, else those of `hebeiBenchCities[k − 1]`.
func benchDistricts(city k: Int) -> [DistrictInfo] {
    guard k > 0, k <= hebeiBenchCities.count else { return baodingDistricts }
    let c = hebeiBenchCities[k - 1]
    let numerals = ["一", "二", "三", "四", "五", "六", "七", "八"]
    return numerals.indices.map { j in
        DistrictInfo(code: c.code + String(format: "%02d", 2 + j), name: "\(c.name)\(numerals[j])区", zone513: j < 2,
                     lat: c.lat + Double(j % 3 - 1) * 0.06, lon: c.lon + Double(j / 3 - 1) * 0.07,
                     short: c.name + numerals[j])
    }
}

enum ShiftType: String {
    case day = "白班"          // 08:00–17:00 Mon–Fri, Sat 08:00–12:00, Sun off
    case two = "两班"          // 06:00–22:00 Mon–Sat, Sun 08:00–16:00
    case continuous = "24小时" // all day, weekends lighter
}

/// How a collector's data reaches the platform.
enum Vendor: String {
    case standard = "标准 CN 2011"
    case pInsteadOfPt = "CN 2011，功率写作 CODE-P"
    case lowerCRC = "CN 2011，CRC 小写"
    case headerOrder = "CN 2011，包头字段顺序不同"
    case v2025 = "HJ 212-2025（Flag=9）"
    case split = "CN 2011 拆分包（PNUM/PNO，Flag=7）"
    case cn2051 = "CN 2051 分钟均值"
    case cn2061 = "CN 2061 小时数据"
    case csv = "CSV 读数文件（readings/）"
}

enum PointKind: String { case total, production, treatment, sensor }

enum SensorKind {
    case rtoTemp, coTemp, condTemp, flow, pressure, door, vocIn, vocOut, sprayFlow, uvState

    var role: String {
        switch self {
        case .rtoTemp, .coTemp, .condTemp: return "temperature"
        case .flow: return "flow"
        case .pressure: return "pressure"
        case .door: return "door"
        case .vocIn: return "voc_in"
        case .vocOut: return "voc_out"
        case .sprayFlow, .uvState: return "other"
        }
    }
}

struct Enterprise {
    var index: Int
    var id: String
    var name: String
    var credit: String
    var district: Int
    var industry: String
    var lat: Double
    var lon: Double
    var annualVOC: Double
    var grade: String
    var minLoad: String
    var shift: ShiftType
    var collectors: [Int] = []
    var production: [Int] = []
    var treatment: [Int] = []
    var points: [Int] = []
    /// Base load of the site (kW) seen only by the total meters.
    var baseKW: Double = 0
}

struct Collector {
    var mn: String
    var mnBytes: [UInt8]
    var enterprise: Int
    var vendor: Vendor
    /// Points in packet order (electrical first, then sensors).
    var points: [Int] = []
    var total: Int = -1
}

struct Facility {
    var id: String
    var enterprise: Int
    var isProduction: Bool
    var name: String
    var process: String = ""
    var minRunningText: String = ""
    var minRunning = 1
    var vocPerKWh: String = ""
    var designCollection: String = ""
    var designRemoval: String = ""
    var removal: Double = 0
    var designAirflow: Double = 0
    var carbonCycle: String = ""
    var carbonHours: String = ""
    var carbonKWh: String = ""
    var carbonM3: String = ""
    var electrical: [Int] = []
    var sensors: [Int] = []
    /// Production: linked treatment facilities; treatment: linked production facilities.
    var links: [Int] = []
    /// Production load level (share of rated) and schedule jitter in slots.
    var startJitter = 0
    var endJitter = 0
    /// First global slot with data (new lines), else 0.
    var firstSlot = 0
}

struct Point {
    var id: String
    var enterprise: Int
    var collector: Int
    var code: String
    var codeBytes: [UInt8]
    var kind: PointKind
    var facility: Int
    var name: String
    var rated: Double
    var ratedText: String
    var thresholdText: String = ""
    var sensor: SensorKind? = nil
    var validMin: String = ""
    var validMax: String = ""
    /// Production: load level (share of rated when running); treatment: running share of rated.
    var level: Double = 0
    /// Standby share of rated for production points.
    var standby: Double = 0
    var isBackup = false
    var eptOnly = false
    /// Sends `Pa`, `Pb`, `Pc` and no `Pt` or `Ept` (SPEC 2 §4: its power is their sum).
    var phaseOnly = false
    /// Sends `Ua Ub Uc Ia Ib Ic Pa Pb Pc` next to `Pt` (seed 001 appendix D).
    var phases = false
    var unregistered = false
    /// Counter at the period start, in hundredths of kWh.
    var ept0: Int64 = 0
}

struct PlanRow {
    var enterprise: Int
    var level: String
    var facility: Int     // -1 = all production facilities
    var measure: String   // stop | limit | shift
    var ratio: String
    var windows: String
    /// Windows as slot ranges of the day [a, b).
    var windowSlots: [(Int, Int)] = []
    var ratioValue: Double = 0
}

struct Exemption {
    var enterprise: Int
    var facility: Int  // -1 = all
    var startMin: Int  // minutes since the period start
    var endMin: Int
    var reason: String
    var status: String
}

struct CarbonRecord {
    var facility: Int
    /// Absolute minutes since 1970-01-01 CST.
    var replacedAt: Int
    var fillKg: Int
}

/// The whole registry.
struct City {
    var districts: [DistrictInfo] = []
    var enterprises: [Enterprise] = []
    var collectors: [Collector] = []
    var facilities: [Facility] = []
    var points: [Point] = []
    var plans: [PlanRow] = []
    var exemptions: [Exemption] = []
    var carbon: [CarbonRecord] = []
    /// response_id, level, start/end minutes since period start, district indices (empty = city).
    var responses: [(id: String, level: String, start: Int, end: Int, districts: [Int])] = []
    var targets: [(response: String, district: Int, kg: Double)] = []
    /// [day][district] max temperature × 10.
    var weather: [[Int]] = []
    /// Enterprise/point ids width.
    var idWidth = 3
}

/// Unified social credit code (GB 32100) with a correct check character.
func creditCode(division: String, serial: UInt64) -> String {
    let alphabet = Array("0123456789ABCDEFGHJKLMNPQRTUWXY")
    let weights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]
    var body = Array("91") + Array(division)
    var s = serial
    var org: [Character] = []
    for _ in 0..<9 { org.append(alphabet[Int(s % 10)]); s /= 10 }
    body += org
    var sum = 0
    for (i, c) in body.enumerated() {
        guard let v = alphabet.firstIndex(of: c) else { continue }
        sum += v * weights[i]
    }
    let check = (31 - sum % 31) % 31
    return String(body) + String(alphabet[check])
}
