/// A whole registry (一企一档; SPEC §2): every file's rows in file order, plus the lookups
/// the engine needs, built once when the registry is made.
///
/// Make one with `Registry.parse(files:)` / `Registry.load(directory:)`, which validate
/// everything, or with `init(…)` from rows already known to be consistent (tests, demo
/// data); `init` does not validate (on a duplicate key the first row wins in the lookups).
/// Coding covers the rows only; decoding rebuilds the lookups. Equality compares the rows.
public struct Registry: Sendable, Codable, Equatable {
    public let districts: [District]
    public let enterprises: [Enterprise]
    public let collectors: [Collector]
    public let facilities: [Facility]
    public let points: [Point]
    public let links: [Link]
    public let plans: [PlanRow]
    public let responses: [Response]
    public let weather: [WeatherDay]
    public let exemptions: [Exemption]
    public let carbonReplacements: [CarbonReplacement]
    public let targets: [Target]

    private let index: Index

    public init(districts: [District] = [], enterprises: [Enterprise] = [], collectors: [Collector] = [],
                facilities: [Facility] = [], points: [Point] = [], links: [Link] = [], plans: [PlanRow] = [],
                responses: [Response] = [], weather: [WeatherDay] = [], exemptions: [Exemption] = [],
                carbonReplacements: [CarbonReplacement] = [], targets: [Target] = []) {
        self.districts = districts
        self.enterprises = enterprises
        self.collectors = collectors
        self.facilities = facilities
        self.points = points
        self.links = links
        self.plans = plans
        self.responses = responses
        self.weather = weather
        self.exemptions = exemptions
        self.carbonReplacements = carbonReplacements
        self.targets = targets
        var ix = Index()
        ix.district = Index.firstPosition(districts.map(\.code))
        ix.enterprise = Index.firstPosition(enterprises.map(\.id))
        ix.collector = Index.firstPosition(collectors.map(\.mn))
        ix.facility = Index.firstPosition(facilities.map(\.id))
        ix.point = Index.firstPosition(points.map(\.id))
        ix.pointByAddress = Index.firstPosition(points.map { PointAddress(mn: $0.mn, code: $0.code) })
        ix.response = Index.firstPosition(responses.map(\.id))
        ix.enterprisesOfDistrict = Index.grouped(enterprises.map(\.districtCode))
        ix.collectorsOfEnterprise = Index.grouped(collectors.map(\.enterpriseID))
        ix.facilitiesOfEnterprise = Index.grouped(facilities.map(\.enterpriseID))
        ix.pointsOfEnterprise = Index.grouped(points.map(\.enterpriseID))
        ix.pointsOfFacility = Index.grouped(points.map(\.facilityID))
        ix.plansOfEnterprise = Index.grouped(plans.map(\.enterpriseID))
        ix.exemptionsOfEnterprise = Index.grouped(exemptions.map(\.enterpriseID))
        ix.targetsOfResponse = Index.grouped(targets.map(\.responseID))
        ix.weather = Index.firstPosition(weather.map { WeatherKey(districtCode: $0.districtCode, date: $0.date) })
        ix.carbonOfFacility = Index.grouped(carbonReplacements.map(\.facilityID))
        for (key, rows) in ix.carbonOfFacility {
            ix.carbonOfFacility[key] = rows.sorted {
                (carbonReplacements[$0].replacedAt, $0) < (carbonReplacements[$1].replacedAt, $1)
            }
        }
        for link in links {
            guard let p = ix.facility[link.productionFacilityID], let t = ix.facility[link.treatmentFacilityID]
            else { continue }
            if !(ix.treatmentsOfProduction[link.productionFacilityID]?.contains(t) ?? false) {
                ix.treatmentsOfProduction[link.productionFacilityID, default: []].append(t)
            }
            if !(ix.productionsOfTreatment[link.treatmentFacilityID]?.contains(p) ?? false) {
                ix.productionsOfTreatment[link.treatmentFacilityID, default: []].append(p)
            }
        }
        index = ix
    }

    // MARK: By key

    public func district(code: String) -> District? { index.district[code].map { districts[$0] } }
    public func enterprise(id: String) -> Enterprise? { index.enterprise[id].map { enterprises[$0] } }
    public func collector(mn: String) -> Collector? { index.collector[mn].map { collectors[$0] } }
    public func facility(id: String) -> Facility? { index.facility[id].map { facilities[$0] } }
    public func point(id: String) -> Point? { index.point[id].map { points[$0] } }
    /// The point packets address by `(MN, factor code)` (SPEC §2), case-sensitive.
    public func point(mn: String, code: String) -> Point? {
        index.pointByAddress[PointAddress(mn: mn, code: code)].map { points[$0] }
    }
    public func response(id: String) -> Response? { index.response[id].map { responses[$0] } }
    /// A district's maximum temperature on a day, when `weather.csv` has it.
    public func weather(districtCode: String, on date: Day) -> WeatherDay? {
        index.weather[WeatherKey(districtCode: districtCode, date: date)].map { weather[$0] }
    }

    // MARK: Relations (each in file order)

    public func enterprises(inDistrict code: String) -> [Enterprise] { rows(enterprises, index.enterprisesOfDistrict[code]) }
    public func collectors(ofEnterprise id: String) -> [Collector] { rows(collectors, index.collectorsOfEnterprise[id]) }
    public func facilities(ofEnterprise id: String) -> [Facility] { rows(facilities, index.facilitiesOfEnterprise[id]) }
    /// Every point of an enterprise: meters and sensors, totals included.
    public func points(ofEnterprise id: String) -> [Point] { rows(points, index.pointsOfEnterprise[id]) }
    /// The points measuring a facility: its meters and its sensors.
    public func points(ofFacility id: String) -> [Point] { rows(points, index.pointsOfFacility[id]) }
    /// The treatment facilities handling a production facility's exhaust (links, forward).
    public func treatmentFacilities(linkedTo productionID: String) -> [Facility] {
        rows(facilities, index.treatmentsOfProduction[productionID])
    }
    /// The production facilities whose exhaust a treatment facility handles (links, backward).
    public func productionFacilities(linkedTo treatmentID: String) -> [Facility] {
        rows(facilities, index.productionsOfTreatment[treatmentID])
    }
    public func plans(ofEnterprise id: String) -> [PlanRow] { rows(plans, index.plansOfEnterprise[id]) }
    public func exemptions(ofEnterprise id: String) -> [Exemption] { rows(exemptions, index.exemptionsOfEnterprise[id]) }
    /// A facility's activated-carbon replacements, oldest first.
    public func carbonReplacements(ofFacility id: String) -> [CarbonReplacement] {
        rows(carbonReplacements, index.carbonOfFacility[id])
    }
    public func targets(ofResponse id: String) -> [Target] { rows(targets, index.targetsOfResponse[id]) }

    private func rows<T>(_ all: [T], _ positions: [Int]?) -> [T] { positions?.map { all[$0] } ?? [] }

    // MARK: Coding and equality (rows only; the index is derived)

    private enum CodingKeys: String, CodingKey {
        case districts, enterprises, collectors, facilities, points, links, plans, responses, weather,
             exemptions, carbonReplacements, targets
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(districts: try c.decode([District].self, forKey: .districts),
                  enterprises: try c.decode([Enterprise].self, forKey: .enterprises),
                  collectors: try c.decode([Collector].self, forKey: .collectors),
                  facilities: try c.decode([Facility].self, forKey: .facilities),
                  points: try c.decode([Point].self, forKey: .points),
                  links: try c.decode([Link].self, forKey: .links),
                  plans: try c.decode([PlanRow].self, forKey: .plans),
                  responses: try c.decode([Response].self, forKey: .responses),
                  weather: try c.decode([WeatherDay].self, forKey: .weather),
                  exemptions: try c.decode([Exemption].self, forKey: .exemptions),
                  carbonReplacements: try c.decode([CarbonReplacement].self, forKey: .carbonReplacements),
                  targets: try c.decode([Target].self, forKey: .targets))
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(districts, forKey: .districts)
        try c.encode(enterprises, forKey: .enterprises)
        try c.encode(collectors, forKey: .collectors)
        try c.encode(facilities, forKey: .facilities)
        try c.encode(points, forKey: .points)
        try c.encode(links, forKey: .links)
        try c.encode(plans, forKey: .plans)
        try c.encode(responses, forKey: .responses)
        try c.encode(weather, forKey: .weather)
        try c.encode(exemptions, forKey: .exemptions)
        try c.encode(carbonReplacements, forKey: .carbonReplacements)
        try c.encode(targets, forKey: .targets)
    }

    public static func == (a: Registry, b: Registry) -> Bool {
        a.districts == b.districts && a.enterprises == b.enterprises && a.collectors == b.collectors
            && a.facilities == b.facilities && a.points == b.points && a.links == b.links && a.plans == b.plans
            && a.responses == b.responses && a.weather == b.weather && a.exemptions == b.exemptions
            && a.carbonReplacements == b.carbonReplacements && a.targets == b.targets
    }
}

/// Where packets find a point: collector MN and factor code (SPEC §2).
public struct PointAddress: Hashable, Sendable {
    public var mn: String
    public var code: String

    public init(mn: String, code: String) {
        self.mn = mn
        self.code = code
    }
}

extension Registry {
    /// Row positions by key, built once in `init`.
    struct Index: Sendable {
        var district: [String: Int] = [:]
        var enterprise: [String: Int] = [:]
        var collector: [String: Int] = [:]
        var facility: [String: Int] = [:]
        var point: [String: Int] = [:]
        var pointByAddress: [PointAddress: Int] = [:]
        var response: [String: Int] = [:]
        var weather: [WeatherKey: Int] = [:]
        var enterprisesOfDistrict: [String: [Int]] = [:]
        var collectorsOfEnterprise: [String: [Int]] = [:]
        var facilitiesOfEnterprise: [String: [Int]] = [:]
        var pointsOfEnterprise: [String: [Int]] = [:]
        var pointsOfFacility: [String: [Int]] = [:]
        var treatmentsOfProduction: [String: [Int]] = [:]
        var productionsOfTreatment: [String: [Int]] = [:]
        var plansOfEnterprise: [String: [Int]] = [:]
        var exemptionsOfEnterprise: [String: [Int]] = [:]
        var carbonOfFacility: [String: [Int]] = [:]
        var targetsOfResponse: [String: [Int]] = [:]

        /// Key → position of its first row.
        static func firstPosition<K: Hashable>(_ keys: [K]) -> [K: Int] {
            var result = [K: Int](minimumCapacity: keys.count)
            for (i, k) in keys.enumerated() where result[k] == nil { result[k] = i }
            return result
        }

        /// Key → positions of its rows, in order; nil keys are left out.
        static func grouped(_ keys: [String?]) -> [String: [Int]] {
            var result: [String: [Int]] = [:]
            for (i, k) in keys.enumerated() {
                if let k { result[k, default: []].append(i) }
            }
            return result
        }
    }

    struct WeatherKey: Hashable, Sendable {
        var districtCode: String
        var date: Day
    }
}
