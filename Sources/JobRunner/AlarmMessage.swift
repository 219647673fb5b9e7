import PEMSCore

/// The short Chinese text of an alarm line, ready for an SMS (seed 001 §4.2 "短信、微信、APP等告警方式"):
/// at most `limit` characters (`Character`s, as a phone counts them).
///
///     新告警：竞秀区 保定华通1有限公司 AC治理设施2 治理设施停运 07-12 09:00至10:00，共1小时
///     告警持续：竞秀区 保定华通1有限公司 AC治理设施2 活性炭更换超期 07-10 00:00起，已2天
///
/// Names are shortened only when the text would be too long: first the facility name is
/// left out, then the enterprise name is cut and ends in "…"; the district, the rule, the
/// times and the duration are always kept. Times are CST.
public enum AlarmMessage {
    /// The longest text an SMS of Chinese characters carries in one part.
    public static let limit = 70

    public static func text(state: AlarmState, ongoing: Bool, district: String, enterprise: String, facility: String?,
                            ruleName: String, start: Timestamp, end: Timestamp) -> String {
        let minutes = Int((end.seconds - start.seconds) / 60)
        let when: String
        if ongoing {
            when = "\(stamp(start))起，" + (state == .new ? "持续中，已" : "已") + duration(minutes)
        } else {
            let sameDay = start.day == end.day || (end.secondOfDay == 0 && end.day == start.day.adding(days: 1))
            let endText = sameDay ? clock(end) : stamp(end)
            when = "\(stamp(start))至\(endText)，共" + duration(minutes)
        }
        let tail = " \(ruleName) \(when)"
        let head = "\(state.word)：" + (district.isEmpty ? "" : district + " ")
        if let facility, !facility.isEmpty {
            let full = head + enterprise + " " + facility + tail
            if full.count <= limit { return full }
        }
        let plain = head + enterprise + tail
        if plain.count <= limit { return plain }
        let room = limit - head.count - tail.count - 1
        guard room > 0 else { return String((head + tail).prefix(limit)) }
        return head + String(enterprise.prefix(room)) + "…" + tail
    }

    /// "07-12 09:00" (CST).
    static func stamp(_ t: Timestamp) -> String {
        let s = t.description   // YYYY-MM-DD HH:MM:SS
        return String(s.dropFirst(5).prefix(11))
    }

    /// "09:00"; the end of a day reads "24:00".
    static func clock(_ t: Timestamp) -> String {
        t.secondOfDay == 0 ? "24:00" : String(t.description.dropFirst(11).prefix(5))
    }

    /// "45分钟", "2小时30分钟", "3天", "1天6小时" (whole minutes; days of 24 hours).
    static func duration(_ minutes: Int) -> String {
        let m = max(0, minutes)
        if m < 60 { return "\(m)分钟" }
        if m < 1440 { return "\(m / 60)小时" + (m % 60 == 0 ? "" : "\(m % 60)分钟") }
        let days = m / 1440, hours = m % 1440 / 60
        return "\(days)天" + (hours == 0 ? "" : "\(hours)小时")
    }
}
