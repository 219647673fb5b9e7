/// The platform asking a data collector (数采仪) for data it stored but did not deliver
/// (补采, seed 001 §5.5.2; issue 19), and the collector's replies (HJ 212-2017 §6.6, appendix C;
/// NOTES.md "HJ 212-2017 answers"):
///
///     platform → collector   QN=…;ST=<its ST>;CN=2051;PW=…;MN=…;Flag=<edition|A>;CP=&&BeginTime=…;EndTime=…&&
///     collector → platform   CN 9011 (请求应答) with the request's QN, CP QnRtn=1 (accepted) or another code
///                            the minute data of the window: CN 2051 packets, as uploaded
///                            CN 9012 (执行结果) with the request's QN, CP ExeRtn=1 (done), 100 (no data) …
///
/// Times are CST, `YYYYMMDDhhmmss`; both ends of the window are included (the standard's
/// examples end a day at 235959), and a minute packet's DataTime is its minute's start.
public enum HistoryRequest {
    /// What the request needs to know of the collector, from a packet it sent: its system type
    /// (ST), password (PW) and Flag (for the edition bits).
    public struct Collector: Sendable, Equatable {
        public var mn: String
        public var st: String
        public var pw: String?
        public var flag: Int

        public init(mn: String, st: String, pw: String?, flag: Int) {
            self.mn = mn
            self.st = st
            self.pw = pw
            self.flag = flag
        }

        /// The collector of a packet line that passes the loader's checks and has MN and ST;
        /// nil otherwise.
        public static func of(_ line: [UInt8]) -> Collector? {
            var scanner = PacketScanner(maxLineBytes: max(line.count, 16))
            return line.withUnsafeBufferPointer { buf -> Collector? in
                let p = scanner.scan(buf)
                guard p.error == nil, let mn = p.mn, let st = p.st else { return nil }
                let flag = p.flag.flatMap { Int(text(buf, $0)) } ?? 0
                return Collector(mn: text(buf, mn), st: text(buf, st), pw: p.pw.map { text(buf, $0) }, flag: flag)
            }
        }
    }

    /// The request frame (with CR LF) for the minute data (`cn` 2051; 2061 for hours) of
    /// `begin`…`end` (`YYYYMMDDhhmmss`, both included), numbered `qn` (17 digits, CST, the
    /// platform's clock). It asks for an answer (Flag bit A) in the collector's edition.
    public static func frame(qn: String, to collector: Collector, cn: Int = 2051, begin: String, end: String) -> [UInt8] {
        var segment = "QN=\(qn);ST=\(collector.st);CN=\(cn);"
        if let pw = collector.pw { segment += "PW=\(pw);" }
        segment += "MN=\(collector.mn);Flag=\((collector.flag & ~3) | 1);CP=&&BeginTime=\(begin);EndTime=\(end)&&"
        return Array(Frame.encode(segment: segment).utf8) + [0x0D, 0x0A]
    }

    /// A collector's reply frame (with CR LF): CN 9011 with `QnRtn=code` or CN 9012 with
    /// `ExeRtn=code`, carrying the request's QN, ST 91 and a Flag asking for no answer.
    public static func reply(to request: Parsed, cn: Int, code: Int) -> [UInt8] {
        let key = cn == 9011 ? "QnRtn" : "ExeRtn"
        var segment = "QN=\(request.qn);ST=91;CN=\(cn);"
        if let pw = request.pw { segment += "PW=\(pw);" }
        segment += "MN=\(request.mn);Flag=\(request.flag & ~3);CP=&&\(key)=\(code)&&"
        return Array(Frame.encode(segment: segment).utf8) + [0x0D, 0x0A]
    }

    /// The fields of a line that matter to a history request or its replies.
    public struct Parsed: Sendable, Equatable {
        public var qn: String
        public var mn: String
        public var cn: Int
        public var pw: String?
        public var flag: Int
        /// `BeginTime`, `EndTime` (a request), `DataTime` (data), first 14 digits.
        public var begin: String?
        public var end: String?
        public var dataTime: String?
        /// `QnRtn` (CN 9011) or `ExeRtn` (CN 9012).
        public var returnCode: Int?
    }

    /// The line's QN, MN, CN and the CP values above, when it is a whole frame with a good
    /// length and CRC and has QN, MN and CN; nil otherwise.
    public static func parse(_ line: [UInt8]) -> Parsed? {
        var scanner = PacketScanner(maxLineBytes: max(line.count, 16))
        return line.withUnsafeBufferPointer { buf -> Parsed? in
            let p = scanner.scan(buf)
            guard p.framed, p.lengthOK == true, p.crcOK == true, let qn = p.qn, let mn = p.mn,
                  let cnRange = p.cn, let cn = Int(text(buf, cnRange)) else { return nil }
            var out = Parsed(qn: text(buf, qn), mn: text(buf, mn), cn: cn, pw: p.pw.map { text(buf, $0) },
                             flag: p.flag.flatMap { Int(text(buf, $0)) } ?? 0)
            out.dataTime = p.dataTime.map { String(text(buf, $0).prefix(14)) }
            for f in p.fields {
                switch text(buf, f.key) {
                case "BeginTime": out.begin = String(text(buf, f.value).prefix(14))
                case "EndTime": out.end = String(text(buf, f.value).prefix(14))
                case "QnRtn" where cn == 9011, "ExeRtn" where cn == 9012: out.returnCode = Int(text(buf, f.value))
                default: break
                }
            }
            return out
        }
    }

    /// `QnRtn` codes (HJ 212-2017, 请求命令返回): 1 ready to execute; 2 refused; 3 PW wrong;
    /// 4 MN wrong; 5 ST wrong; 6 Flag wrong; 7 QN wrong; 8 CN wrong; 9 CRC wrong; 100 unknown.
    /// `ExeRtn` codes (执行结果): 1 succeeded; 2 failed, reason unknown; 3 wrong condition;
    /// 4 communication timeout; 5 busy; 6 system fault; 100 no data.
    public static let accepted = 1, succeeded = 1, noData = 100

    private static func text(_ buf: UnsafeBufferPointer<UInt8>, _ r: Range<Int>) -> String {
        String(decoding: UnsafeBufferPointer(rebasing: buf[r]), as: UTF8.self)
    }
}
