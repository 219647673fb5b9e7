import Foundation
import PEMSCore

/// `point_hour.csv` and `point_day.csv` (`pems export --hourly`; definitions in
/// docs/COMPUTE.md): the hourly and daily data tables of each electrical point, written as
/// every SPEC §12 export is (UTF-8, header row, `ExportNumber` decimals, empty = no value),
/// each file atomically (`CSVFile`: a temporary name, renamed once whole).
///
/// The writer only writes the records it is handed (the caller reads them, one CST day at
/// a time: `PointHourTable.read`). It holds one date's rows at most, to put
/// `point_hour.csv` in its key order — date, hour, point_id — while the records come
/// point by point.
public final class PointHourExport {
    /// The two files, in the order written.
    public static let fileNames = ["point_hour.csv", "point_day.csv"]
    static let hourHeader = ["date", "hour", "point_id", "enterprise_id", "energy_kwh", "mean_kw", "completeness"]
    static let dayHeader = ["date", "point_id", "enterprise_id", "energy_kwh", "mean_kw", "max_kw", "completeness"]

    let hourFile: CSVFile
    let dayFile: CSVFile
    /// The date whose rows are held, its hour rows by hour and its day rows.
    var date: Day?
    var hours: [[PointHourRecord]] = Array(repeating: [], count: 24)
    var days: [PointDayRecord] = []

    init(directory: URL) throws {
        hourFile = try CSVFile(url: directory.appendingPathComponent(Self.fileNames[0]), header: Self.hourHeader)
        dayFile = try CSVFile(url: directory.appendingPathComponent(Self.fileNames[1]), header: Self.dayHeader)
    }

    /// Writes both files into `directory` (created if needed) from the point-days `produce`
    /// hands to its sink, dates ascending; returns the paths written. A failure leaves
    /// neither file (the temporary ones are removed).
    @discardableResult
    public static func write(to directory: URL,
                             _ produce: (_ sink: (PointDayRecord, [PointHourRecord]) throws -> Void) throws -> Void) throws -> [URL] {
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let export = try PointHourExport(directory: directory)
        try produce { day, hours in try export.append(day, hours) }
        try export.flush()
        try export.hourFile.finish()
        try FailurePoint.reached("wrote point_hour.csv")
        try export.dayFile.finish()
        try FailurePoint.reached("wrote point_day.csv")
        return [export.hourFile.url, export.dayFile.url]
    }

    func append(_ day: PointDayRecord, _ hourRecords: [PointHourRecord]) throws {
        if date != day.date {
            try flush()
            date = day.date
        }
        days.append(day)
        for h in hourRecords where (0..<24).contains(h.hour) { hours[h.hour].append(h) }
    }

    /// Writes the held date's rows in key order and lets them go.
    func flush() throws {
        defer {
            for h in hours.indices { hours[h].removeAll(keepingCapacity: true) }
            days.removeAll(keepingCapacity: true)
        }
        let n = CSVExport.number
        for h in hours.indices {
            if !hours[h].isSorted(by: { $0.pointID < $1.pointID }) { hours[h].sort { $0.pointID < $1.pointID } }
            for r in hours[h] {
                try hourFile.append([r.date.description, String(r.hour), r.pointID, r.enterpriseID, n(r.energyKWh),
                                     n(r.meanKW), n(r.completeness)])
            }
        }
        if !days.isSorted(by: { $0.pointID < $1.pointID }) { days.sort { $0.pointID < $1.pointID } }
        for r in days {
            try dayFile.append([r.date.description, r.pointID, r.enterpriseID, n(r.energyKWh), n(r.meanKW), n(r.maxKW),
                                n(r.completeness)])
        }
    }
}

fileprivate extension Array {
    /// Whether the elements are already in the order `less` gives (each not before its predecessor).
    func isSorted(by less: (Element, Element) -> Bool) -> Bool {
        guard count > 1 else { return true }
        for i in 1..<count where less(self[i], self[i - 1]) { return false }
        return true
    }
}
