import Foundation

extension Registry {
    /// Reads and validates a registry from its files (name → raw bytes; a name may carry a
    /// folder, only its last component counts). Unknown files are ignored.
    ///
    /// Every problem is collected — form and range of each cell, required files and
    /// columns, unique keys, references between files — and any problem rejects the whole
    /// registry (SPEC §2).
    ///
    /// To keep one mistake from burying the report under its consequences, references into
    /// a required file that is missing or empty, a file that lacks a required column and a
    /// file with unreadable bytes are not checked (an absent optional file is simply empty); a row with a bad cell still counts as existing for references; and an
    /// attribute that is itself bad (a facility's unknown `kind`) is not checked against.
    public static func parse(files: [String: [UInt8]]) -> Result<Registry, RegistryRejection> {
        var byName: [String: [UInt8]] = [:]
        for (name, bytes) in files {
            let base = name.split(separator: "/").last.map(String.init) ?? name
            byName[base] = bytes
        }
        var parser = RegistryParser(files: byName)
        return parser.run()
    }

    /// Reads the registry files of a folder and validates them as `parse(files:)` does.
    /// A folder that cannot be listed or a file that cannot be read is an issue on line 0.
    public static func load(directory: String) -> Result<Registry, RegistryRejection> {
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory, isDirectory: &isFolder), isFolder.boolValue else {
            return .failure(RegistryRejection(issues: [
                RegistryIssue(file: directory, line: 0, reason: "registry folder does not exist"),
            ]))
        }
        var files: [String: [UInt8]] = [:], issues: [RegistryIssue] = []
        let folder = URL(fileURLWithPath: directory, isDirectory: true)
        for file in RegistryFile.allCases {
            let url = folder.appendingPathComponent(file.name)
            guard FileManager.default.fileExists(atPath: url.path) else { continue }
            do {
                files[file.name] = Array(try Data(contentsOf: url))
            } catch {
                issues.append(RegistryIssue(file: file.name, line: 0, reason: "cannot be read: \(error.localizedDescription)"))
            }
        }
        guard issues.isEmpty else { return .failure(RegistryRejection(issues: issues)) }
        return parse(files: files)
    }
}

/// The validation run behind `Registry.parse(files:)`: reads each file, decodes rows
/// (cell checks live with each model type), then checks keys and references across files.
struct RegistryParser {
    private let files: [String: [UInt8]]
    private var issues: [RegistryIssue] = []
    /// Files whose rows cannot be trusted as a reference target (a required file missing or
    /// empty, a required column absent, unreadable bytes).
    private var unusable: Set<RegistryFile> = []

    init(files: [String: [UInt8]]) { self.files = files }

    /// A decoded row: the reader (for raw cells of rows that failed) and the value if clean.
    struct Row<T> {
        var cells: RegistryRowReader
        var value: T?
        var line: Int { cells.line }
    }

    mutating func run() -> Result<Registry, RegistryRejection> {
        let districts = rows(.districts, District.init(row:))
        let enterprises = rows(.enterprises, Enterprise.init(row:))
        let collectors = rows(.collectors, Collector.init(row:))
        let facilities = rows(.facilities, Facility.init(row:))
        let points = rows(.points, Point.init(row:))
        let links = rows(.links, Link.init(row:))
        let plans = rows(.plans, PlanRow.init(row:))
        let responses = rows(.responses, Response.init(row:))
        let weather = rows(.weather, WeatherDay.init(row:))
        let exemptions = rows(.exemptions, Exemption.init(row:))
        let carbon = rows(.carbon, CarbonReplacement.init(row:))
        let targets = rows(.targets, Target.init(row:))

        // Keys (first row wins; later ones are duplicates).
        let districtKeys = unique(districts, .districts, "district_code")
        let enterpriseKeys = unique(enterprises, .enterprises, "enterprise_id")
        let collectorKeys = unique(collectors, .collectors, "mn")
        let facilityKeys = unique(facilities, .facilities, "facility_id")
        _ = unique(points, .points, "point_id")
        let responseKeys = unique(responses, .responses, "response_id")

        let districtOK = !unusable.contains(.districts), enterpriseOK = !unusable.contains(.enterprises)
        let collectorOK = !unusable.contains(.collectors), facilityOK = !unusable.contains(.facilities)
        let responseOK = !unusable.contains(.responses)

        // What other files need to know about a facility, read leniently from its cells.
        var facilityInfo: [String: FacilityInfo] = [:]
        for row in facilities {
            guard let id = row.cells.text("facility_id"), facilityKeys[id] == row.line else { continue }
            facilityInfo[id] = FacilityInfo(
                enterpriseID: row.cells.text("enterprise_id"),
                kind: row.cells.text("kind").flatMap(FacilityKind.init(cell:)),
                process: row.cells.text("process").flatMap(TreatmentProcess.init(cell:)))
        }
        var collectorOwner: [String: String] = [:]
        for row in collectors {
            if let mn = row.cells.text("mn"), collectorKeys[mn] == row.line,
               let e = row.cells.text("enterprise_id") { collectorOwner[mn] = e }
        }
        var responseDistricts: [String: [String]?] = [:], responseLevels: Set<String> = []
        for row in responses {
            if let level = row.cells.text("level") { responseLevels.insert(level.lowercased()) }
            if let r = row.value, responseKeys[r.id] == row.line { responseDistricts[r.id] = r.districtCodes }
        }

        /// Reports `<column> '<value>' is not in <file>`. Returns the value when it exists or
        /// cannot be checked (target file unusable), nil when blank or dangling — so checks
        /// that build on it (belongs to, kind) are skipped after a dangling reference.
        func exists(_ row: Row<some Any>, _ column: String, in keys: [String: Int], _ target: RegistryFile, _ usable: Bool)
            -> String? {
            guard let v = row.cells.text(column) else { return nil }
            guard usable else { return v }
            if keys[v] == nil {
                issue(row, column, v, "\(column) '\(v)' is not in \(target.name)")
                return nil
            }
            return v
        }

        /// Checks that a facility named in `column` belongs to `enterprise` and, when `kind`
        /// is given, is of that kind (`what` says who needs it, for the message).
        func facility(_ row: Row<some Any>, _ column: String, of enterprise: String?, kind: FacilityKind?, what: String) {
            guard let f = exists(row, column, in: facilityKeys, .facilities, facilityOK), let info = facilityInfo[f] else { return }
            if let enterprise, let owner = info.enterpriseID, owner != enterprise {
                issue(row, column, f, "\(column) '\(f)' belongs to enterprise \(owner), not \(enterprise)")
            }
            if let kind, let actual = info.kind, actual != kind {
                issue(row, column, f, "\(column) '\(f)' is a \(actual.rawValue) facility, but \(what)")
            }
        }

        for row in enterprises { _ = exists(row, "district_code", in: districtKeys, .districts, districtOK) }
        for row in collectors { _ = exists(row, "enterprise_id", in: enterpriseKeys, .enterprises, enterpriseOK) }
        for row in facilities { _ = exists(row, "enterprise_id", in: enterpriseKeys, .enterprises, enterpriseOK) }

        // Points: enterprise, collector of the same enterprise, (mn, code) unique, facility.
        var addresses: [PointAddress: Int] = [:]
        var treatmentPoints: [String: Int] = [:]
        for row in points {
            let enterprise = exists(row, "enterprise_id", in: enterpriseKeys, .enterprises, enterpriseOK)
            if let mn = row.cells.text("mn"), collectorOK {
                if let owner = collectorOwner[mn] {
                    if let enterprise, owner != enterprise {
                        issue(row, "mn", mn, "mn '\(mn)' is not a collector of enterprise \(enterprise) (it belongs to \(owner))")
                    }
                } else if collectorKeys[mn] == nil {
                    issue(row, "mn", mn, "mn '\(mn)' is not in collectors.csv")
                }
            }
            if let mn = row.cells.text("mn"), let code = row.cells.text("code") {
                let key = PointAddress(mn: mn, code: code)
                if let first = addresses[key] {
                    issue(row, "code", code, "code '\(code)' of mn '\(mn)' is a duplicate of line \(first)")
                } else {
                    addresses[key] = row.line
                }
            }
            let kind = row.cells.text("kind").flatMap(PointKind.init(cell:))
            if let kind, kind != .total {
                facility(row, "facility_id", of: enterprise, kind: kind.requiredFacilityKind,
                         what: "the point kind is \(kind.rawValue)")
            }
            if kind == .treatment, let f = row.cells.text("facility_id") { treatmentPoints[f, default: 0] += 1 }
        }

        // A treatment facility that needs more running points than it has can never run.
        for row in facilities {
            guard let f = row.value, f.kind == .treatment, let need = f.minRunning,
                  let have = treatmentPoints[f.id], have < need else { continue }
            issue(row, "min_running", String(need),
                  "min_running '\(need)' is more than the \(have) treatment point\(have == 1 ? "" : "s") of \(f.id)")
        }

        // Links: production → treatment, same enterprise, each pair once.
        var pairs: [Link: Int] = [:]
        for row in links {
            facility(row, "production_facility_id", of: nil, kind: .production, what: "a link starts at a production facility")
            facility(row, "treatment_facility_id", of: nil, kind: .treatment, what: "a link ends at a treatment facility")
            guard let link = row.value else { continue }
            if let p = facilityInfo[link.productionFacilityID]?.enterpriseID,
               let t = facilityInfo[link.treatmentFacilityID]?.enterpriseID, p != t {
                issue(row, "treatment_facility_id", link.treatmentFacilityID,
                      "treatment_facility_id '\(link.treatmentFacilityID)' belongs to enterprise \(t), not \(p) (the production facility's)")
            }
            if let first = pairs[link] {
                issue(row, nil, nil, "link \(link.productionFacilityID) -> \(link.treatmentFacilityID) is a duplicate of line \(first)")
            } else {
                pairs[link] = row.line
            }
        }

        // Plans: enterprise, facility of it and production, a level someone can call, once.
        var planKeys: [String: Int] = [:]
        let knownLevels = Set(PlanRow.standardLevels).union(responseLevels)
        for row in plans {
            let enterprise = exists(row, "enterprise_id", in: enterpriseKeys, .enterprises, enterpriseOK)
            facility(row, "facility_id", of: enterprise, kind: .production, what: "plan measures apply to production facilities")
            if responseOK, let level = row.cells.text("level"), !knownLevels.contains(level.lowercased()) {
                issue(row, "level", level, "level '\(level)' is not yellow, orange, red, heat or the level of a response")
            }
            guard let p = row.value else { continue }
            let key = [p.enterpriseID, p.level, p.facilityID ?? "", p.measure.rawValue].joined(separator: "\u{1F}")
            if let first = planKeys[key] {
                issue(row, nil, nil, "plan row (\(p.enterpriseID), \(p.level), \(p.facilityID ?? "all facilities"), \(p.measure.rawValue)) is a duplicate of line \(first)")
            } else {
                planKeys[key] = row.line
            }
        }

        // Responses: their districts exist.
        if districtOK {
            for row in responses {
                for code in row.value?.districtCodes ?? [] where districtKeys[code] == nil {
                    issue(row, "districts", code, "districts '\(code)' is not in districts.csv")
                }
            }
        }

        // Weather: district, one row per district and day.
        var weatherKeys: [Registry.WeatherKey: Int] = [:]
        for row in weather {
            _ = exists(row, "district_code", in: districtKeys, .districts, districtOK)
            guard let w = row.value else { continue }
            let key = Registry.WeatherKey(districtCode: w.districtCode, date: w.date)
            if let first = weatherKeys[key] {
                issue(row, "date", w.date.description,
                      "date '\(w.date)' of district_code '\(w.districtCode)' is a duplicate of line \(first)")
            } else {
                weatherKeys[key] = row.line
            }
        }

        // Exemptions: enterprise, and facility of that enterprise.
        for row in exemptions {
            let enterprise = exists(row, "enterprise_id", in: enterpriseKeys, .enterprises, enterpriseOK)
            facility(row, "facility_id", of: enterprise, kind: nil, what: "")
        }

        // Carbon: an AC / AC+CO treatment facility, one record per facility and time.
        var carbonKeys: [String: Int] = [:]
        for row in carbon {
            facility(row, "facility_id", of: nil, kind: .treatment, what: "carbon replacements need a treatment facility")
            if let f = row.cells.text("facility_id"), let info = facilityInfo[f], info.kind == .treatment,
               let process = info.process, !process.usesActivatedCarbon {
                issue(row, "facility_id", f,
                      "facility_id '\(f)' has process \(process.rawValue); carbon replacements need AC or AC+CO")
            }
            guard let c = row.value else { continue }
            let key = c.facilityID + "\u{1F}" + String(c.replacedAt.seconds)
            if let first = carbonKeys[key] {
                issue(row, "replaced_at", c.replacedAt.description,
                      "replaced_at '\(row.cells.text("replaced_at") ?? "")' of facility_id '\(c.facilityID)' is a duplicate of line \(first)")
            } else {
                carbonKeys[key] = row.line
            }
        }

        // Targets: response, district inside the response's area, once per pair.
        var targetKeys: [String: Int] = [:]
        for row in targets {
            let response = exists(row, "response_id", in: responseKeys, .responses, responseOK)
            let district = exists(row, "district_code", in: districtKeys, .districts, districtOK)
            if let response, let district, let area = responseDistricts[response], let codes = area,
               !codes.contains(district) {
                issue(row, "district_code", district,
                      "district_code '\(district)' is not covered by response \(response) (districts \(codes.joined(separator: ";")))")
            }
            guard let t = row.value else { continue }
            let key = t.responseID + "\u{1F}" + t.districtCode
            if let first = targetKeys[key] {
                issue(row, "district_code", t.districtCode,
                      "district_code '\(t.districtCode)' of response_id '\(t.responseID)' is a duplicate of line \(first)")
            } else {
                targetKeys[key] = row.line
            }
        }

        guard issues.isEmpty else { return .failure(RegistryRejection(issues: issues)) }
        return .success(Registry(
            districts: districts.compactMap(\.value), enterprises: enterprises.compactMap(\.value),
            collectors: collectors.compactMap(\.value), facilities: facilities.compactMap(\.value),
            points: points.compactMap(\.value), links: links.compactMap(\.value), plans: plans.compactMap(\.value),
            responses: responses.compactMap(\.value), weather: weather.compactMap(\.value),
            exemptions: exemptions.compactMap(\.value), carbonReplacements: carbon.compactMap(\.value),
            targets: targets.compactMap(\.value)))
    }

    /// What the cross-file checks need to know about a facility (nil = its own cell is bad).
    private struct FacilityInfo {
        var enterpriseID: String?
        var kind: FacilityKind?
        var process: TreatmentProcess?
    }

    private mutating func issue(_ row: Row<some Any>, _ column: String?, _ value: String?, _ reason: String) {
        issues.append(RegistryIssue(file: row.cells.file, line: row.line, column: column, value: value, reason: reason))
    }

    /// Reads one file and decodes its rows. File-level problems (missing required file, no
    /// header, a required column absent, bad bytes) are reported here; a file with a required
    /// column absent yields no rows, since every row would repeat the same complaint.
    private mutating func rows<T>(_ file: RegistryFile, _ decode: (inout RegistryRowReader) -> T?) -> [Row<T>] {
        let name = file.name
        guard let bytes = files[name] else {
            // An absent optional file means "none" and can be referred to as such.
            if file.isRequired {
                issues.append(RegistryIssue(file: name, line: 0, reason: "required file is missing"))
                unusable.insert(file)
            }
            return []
        }
        let table = CSVTable(bytes: bytes)
        for p in table.problems {
            let reason = p.reason == "invalid UTF-8"
                ? "line is not valid UTF-8 (save the file as UTF-8, not GBK)" : p.reason
            issues.append(RegistryIssue(file: name, line: p.line, reason: reason))
        }
        if !table.problems.isEmpty { unusable.insert(file) }
        guard !table.header.isEmpty else {
            // An optional file with nothing in it is the same as no file.
            if file.isRequired, table.problems.isEmpty {
                issues.append(RegistryIssue(file: name, line: 1, reason: "header row is missing (the file is empty)"))
                unusable.insert(file)
            }
            return []
        }
        for column in table.duplicateColumns {
            issues.append(RegistryIssue(file: name, line: table.headerLine, column: column, value: column,
                                        reason: "column '\(column)' appears more than once in the header"))
        }
        let columns = table.columns
        let missing = file.requiredColumns.filter { columns[$0] == nil }
        for column in missing {
            issues.append(RegistryIssue(file: name, line: table.headerLine, column: column,
                                        reason: "missing required column '\(column)'"))
        }
        guard missing.isEmpty else {
            unusable.insert(file)
            return []
        }
        var result: [Row<T>] = []
        result.reserveCapacity(table.records.count)
        for record in table.records {
            var reader = RegistryRowReader(file: name, record: record, columns: columns)
            let value = decode(&reader)
            issues.append(contentsOf: reader.issues)
            result.append(Row(cells: reader, value: value))
        }
        return result
    }

    /// Reports repeated keys (`<column> 'v' is a duplicate of line N`) and returns key → the
    /// line of its first row.
    private mutating func unique<T>(_ rows: [Row<T>], _ file: RegistryFile, _ column: String) -> [String: Int] {
        var first: [String: Int] = [:]
        first.reserveCapacity(rows.count)
        for row in rows {
            guard let key = row.cells.text(column) else { continue }
            if let line = first[key] {
                issue(row, column, key, "\(column) '\(key)' is a duplicate of line \(line)")
            } else {
                first[key] = row.line
            }
        }
        return first
    }
}
