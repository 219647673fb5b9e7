import PEMSCore

/// A stable identifier of a §7 event: `RULE.SUBJECT.YYYYMMDDTHHMM`, where SUBJECT is the
/// facility id (the enterprise id for OFFLINE, which has no facility) and the time is the
/// event's full start in CST, e.g. `TREATMENT_STOPPED.E001-T1.20240706T0000`. Rule, facility
/// and start are the §12 key of `events.csv`, so the id names one event in every computation
/// and rerun of any period that contains it (an event's start never depends on the period).
/// Its facility and enterprise ids are registry text: file names made from it go through
/// `FileName.safe`.
public enum EventID {
    public static func of(_ e: EventRecord) -> String {
        let start = e.start
        let c = start.day.civil
        let s = start.secondOfDay
        let time = Digits.pad(c.year, 4) + Digits.pad(c.month, 2) + Digits.pad(c.day, 2) + "T"
            + Digits.pad(s / 3600, 2) + Digits.pad(s % 3600 / 60, 2)
        return "\(e.rule.rawValue).\(e.facilityID ?? e.enterpriseID).\(time)"
    }
}
