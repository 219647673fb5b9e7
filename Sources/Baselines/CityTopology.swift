import PEMSCore

/// Index-based views of a registry that the per-slot loops need (no string lookups per slot).
public struct CityTopology: Sendable {
    /// Per facility: indices of its electrical points (sensors excluded).
    public let electricalPoints: [[Int]]
    /// Per facility: indices of its sensor points.
    public let sensorPoints: [[Int]]
    /// Per treatment facility: indices of the linked production facilities.
    public let linkedProduction: [[Int]]
    /// Per production facility: indices of the linked treatment facilities.
    public let linkedTreatment: [[Int]]
    /// Per facility: index of its enterprise.
    public let enterpriseOfFacility: [Int]
    /// Per enterprise: indices of its points (every kind) and facilities.
    public let pointsOfEnterprise: [[Int]]
    public let facilitiesOfEnterprise: [[Int]]
    /// Per point: index of its enterprise.
    public let enterpriseOfPoint: [Int]

    public init(_ r: Registry) {
        var facilityIndex: [String: Int] = [:]
        for (i, f) in r.facilities.enumerated() { facilityIndex[f.id] = i }
        var enterpriseIndex: [String: Int] = [:]
        for (i, e) in r.enterprises.enumerated() { enterpriseIndex[e.id] = i }
        var elec = Array(repeating: [Int](), count: r.facilities.count)
        var sens = Array(repeating: [Int](), count: r.facilities.count)
        var pOfE = Array(repeating: [Int](), count: r.enterprises.count)
        var eOfP = Array(repeating: -1, count: r.points.count)
        for (i, p) in r.points.enumerated() {
            if let e = enterpriseIndex[p.enterpriseID] { pOfE[e].append(i); eOfP[i] = e }
            guard let fid = p.facilityID, let f = facilityIndex[fid] else { continue }
            if p.isElectrical { elec[f].append(i) } else { sens[f].append(i) }
        }
        var lp = Array(repeating: [Int](), count: r.facilities.count)
        var lt = Array(repeating: [Int](), count: r.facilities.count)
        for l in r.links {
            guard let p = facilityIndex[l.productionFacilityID], let t = facilityIndex[l.treatmentFacilityID] else { continue }
            if !lp[t].contains(p) { lp[t].append(p) }
            if !lt[p].contains(t) { lt[p].append(t) }
        }
        var fOfE = Array(repeating: [Int](), count: r.enterprises.count)
        var eOfF = Array(repeating: -1, count: r.facilities.count)
        for (i, f) in r.facilities.enumerated() {
            if let e = enterpriseIndex[f.enterpriseID] { fOfE[e].append(i); eOfF[i] = e }
        }
        electricalPoints = elec
        sensorPoints = sens
        linkedProduction = lp
        linkedTreatment = lt
        enterpriseOfFacility = eOfF
        pointsOfEnterprise = pOfE
        facilitiesOfEnterprise = fOfE
        enterpriseOfPoint = eOfP
    }
}
