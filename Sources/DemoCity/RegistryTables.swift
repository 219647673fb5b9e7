import Foundation

/// The SPEC §2 registry files of a city, with their exact column names.
enum RegistryTables {
    static let headers: [(String, [String])] = [
        ("districts.csv", ["district_code", "district_name", "zone_513"]),
        ("enterprises.csv", ["enterprise_id", "name", "credit_code", "district_code", "industry", "lat", "lon",
                             "annual_voc_t", "performance_grade", "min_load_ratio"]),
        ("collectors.csv", ["mn", "enterprise_id"]),
        ("facilities.csv", ["facility_id", "enterprise_id", "kind", "name", "process", "min_running", "voc_kg_per_kwh",
                            "design_collection", "design_removal", "design_airflow_m3h", "carbon_cycle_days",
                            "carbon_max_hours", "carbon_max_kwh", "carbon_max_m3"]),
        ("points.csv", ["point_id", "enterprise_id", "mn", "code", "kind", "facility_id", "name", "rated_kw",
                        "threshold_kw", "role", "valid_min", "valid_max"]),
        ("links.csv", ["production_facility_id", "treatment_facility_id"]),
        ("plans.csv", ["enterprise_id", "level", "facility_id", "measure", "ratio", "windows"]),
        ("responses.csv", ["response_id", "level", "start", "end", "districts"]),
        ("weather.csv", ["date", "district_code", "max_temp_c"]),
        ("exemptions.csv", ["enterprise_id", "facility_id", "start", "end", "reason", "status"]),
        ("carbon.csv", ["facility_id", "replaced_at", "fill_kg"]),
        ("targets.csv", ["response_id", "district_code", "reduction_kg_per_day"]),
    ]

    static func make(city: City, startDay: Int, days: Int) -> [(String, CSVTable)] {
        var out: [(String, CSVTable)] = []
        let periodStart = startDay * 1440
        func fmt(_ v: Double, _ d: Int) -> String { Fmt.fixedString(v, decimals: d) }
        func time(_ m: Int) -> String { Civil.timeString(minutes: m, seconds: false) }
        for (name, header) in headers {
            var t = CSVTable(header)
            switch name {
            case "districts.csv":
                for d in city.districts { t.add([d.code, d.name, d.zone513 ? "1" : "0"]) }
            case "enterprises.csv":
                for e in city.enterprises {
                    t.add([e.id, e.name, e.credit, city.districts[e.district].code, e.industry, fmt(e.lat, 6), fmt(e.lon, 6),
                           fmt(e.annualVOC, 1), e.grade, e.minLoad])
                }
            case "collectors.csv":
                for c in city.collectors { t.add([c.mn, city.enterprises[c.enterprise].id]) }
            case "facilities.csv":
                for f in city.facilities {
                    let e = city.enterprises[f.enterprise].id
                    if f.isProduction {
                        t.add([f.id, e, "production", f.name, "", "", f.vocPerKWh, f.designCollection, "", "", "", "", "", ""])
                    } else {
                        t.add([f.id, e, "treatment", f.name, f.process, f.minRunningText, "", "", f.designRemoval,
                               fmt(f.designAirflow, 0), f.carbonCycle, f.carbonHours, f.carbonKWh, f.carbonM3])
                    }
                }
            case "points.csv":
                for p in city.points where !p.unregistered {
                    t.add([p.id, city.enterprises[p.enterprise].id, city.collectors[p.collector].mn, p.code, p.kind.rawValue,
                           p.facility >= 0 ? city.facilities[p.facility].id : "", p.name, p.ratedText, p.thresholdText,
                           p.sensor?.role ?? "", p.validMin, p.validMax])
                }
            case "links.csv":
                for f in city.facilities where f.isProduction {
                    for l in f.links { t.add([f.id, city.facilities[l].id]) }
                }
            case "plans.csv":
                for p in city.plans {
                    t.add([city.enterprises[p.enterprise].id, p.level, p.facility >= 0 ? city.facilities[p.facility].id : "",
                           p.measure, p.ratio, p.windows])
                }
            case "responses.csv":
                for r in city.responses {
                    t.add([r.id, r.level, time(periodStart + r.start), time(periodStart + r.end),
                           r.districts.map { city.districts[$0].code }.joined(separator: ";")])
                }
            case "weather.csv":
                for d in 0..<min(days, city.weather.count) {
                    for (k, dist) in city.districts.enumerated() {
                        t.add([Civil.dateString(startDay + d), dist.code, fmt(Double(city.weather[d][k]) / 10, 1)])
                    }
                }
            case "exemptions.csv":
                for x in city.exemptions {
                    t.add([city.enterprises[x.enterprise].id, x.facility >= 0 ? city.facilities[x.facility].id : "",
                           time(periodStart + x.startMin), time(periodStart + x.endMin), x.reason, x.status])
                }
            case "carbon.csv":
                let sorted = city.carbon.enumerated().sorted { a, b in
                    a.element.facility != b.element.facility ? a.element.facility < b.element.facility
                        : (a.element.replacedAt != b.element.replacedAt ? a.element.replacedAt < b.element.replacedAt : a.offset < b.offset)
                }
                for (_, c) in sorted { t.add([city.facilities[c.facility].id, time(c.replacedAt), String(c.fillKg)]) }
            case "targets.csv":
                for x in city.targets { t.add([x.response, city.districts[x.district].code, fmt(x.kg, 1)]) }
            default: break
            }
            out.append((name, t))
        }
        return out
    }
}
