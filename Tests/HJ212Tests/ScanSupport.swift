@testable import HJ212

/// A scanned line together with its bytes, so tests can read the ranges as text.
struct Scanned {
    let bytes: [UInt8]
    let packet: ScannedPacket

    func text(_ range: Range<Int>?) -> String? {
        guard let range else { return nil }
        return String(decoding: bytes[range], as: UTF8.self)
    }

    /// The CP items (DataTime excluded) as (key, value) text pairs.
    var fields: [(key: String, value: String)] {
        packet.fields.map { (String(decoding: bytes[$0.key], as: UTF8.self),
                             String(decoding: bytes[$0.value], as: UTF8.self)) }
    }

    func value(of key: String) -> String? {
        fields.last(where: { $0.key == key })?.value
    }
}

func scan(bytes: [UInt8], maxLineBytes: Int = 65_536) -> Scanned {
    var scanner = PacketScanner(maxLineBytes: maxLineBytes)
    let packet = bytes.withUnsafeBufferPointer { scanner.scan($0) }
    return Scanned(bytes: bytes, packet: packet)
}

func scan(_ line: String, maxLineBytes: Int = 65_536) -> Scanned {
    scan(bytes: Array(line.utf8), maxLineBytes: maxLineBytes)
}

/// Real packets used across the tests.
enum Samples {
    /// Seed 001 appendix E table 1: treatment-facility (t10001) realtime data, as printed
    /// (a bare data segment). 329 bytes, CRC 9241 (computed independently in Python).
    static let appendixETreatment = "QN=20180914131547043;ST=80;CN=2011;PW=123456;MN=010000A8900016F000169DC0;Flag=5;CP=&&DataTime=20180914131500;t10001-Ia=1.488,t10001-Ib=1.496,t10001-Ic=0.000,t10001-Io=0.000,t10001-P=0.4762,t10001-Q=0.0016,t10001-Pv=1.0500,t10001-Qv=0.0000,t10001-The=0.9999,t10001-Ua=99.6,t10001-Ub=219.3,t10001-Uc=0.0,t10001-RS=1,t10001-Flag=N&&"
    /// Seed 001 appendix E table 2: production-facility (pg0001) data. 329 bytes, CRC FE41.
    static let appendixEProduction = "QN=20180914131547043;ST=80;CN=2011;PW=123456;MN=010000A8900016F000169DC0;Flag=5;CP=&&DataTime=20180914131500;pg0001-Ia=1.488,pg0001-Ib=1.496,pg0001-Ic=0.000,pg0001-Io=0.000,pg0001-P=0.4762,pg0001-Q=0.0016,pg0001-Pv=1.0500,pg0001-Qv=0.0000,pg0001-The=0.9999,pg0001-Ua=99.6,pg0001-Ub=219.3,pg0001-Uc=0.0,pg0001-RS=1,pg0001-Flag=N&&"
    /// Seed 001 appendix E: the platform's data answer. 87 bytes, CRC C181.
    static let appendixEAnswer = "QN=20180914131547043;ST=91;CN=9014;PW=123456;MN=010000A8900016F000169DC0;Flag=4;CP=&&&&"
    /// The standard's worked CRC example (NOTES.md): 101 bytes, CRC 1C80.
    static let workedExample = "QN=20160801085857223;ST=32;CN=1062;PW=100000;MN=010000A8900016F000169DC0;Flag=5;CP=&&RtdInterval=30&&"
    /// Conformance 2024-07-01.log line 2401: a CN=9014 response as logged.
    static let conformanceAnswer = "##0077QN=20240701100000000;ST=91;CN=9014;PW=123456;MN=13060200010180;Flag=4;CP=&&&&35C0\r"
    /// Conformance 2024-07-05.log line 3514: a bare data segment.
    static let conformanceBare = "QN=20240705143904473;ST=80;CN=2011;PW=123456;MN=13060200010180;Flag=5;CP=&&DataTime=20240705143900;pg1001-Pt=65.12,pg1001-Ept=476960.51,pg1001-RS=1,pg1001-Flag=N;pg2001-Pt=25.31,pg2001-Ept=243969.20,pg2001-RS=1,pg2001-Flag=N;411011-Pt=11.78,411011-Ept=81165.94,411011-RS=1,411011-Flag=N;412011-Pt=45.99,412011-Ept=495458.94,412011-RS=1,412011-Flag=N;412012-Pt=0.00,412012-Ept=125312.68,412012-RS=0,412012-Flag=N;100000-Pt=254.97,100000-Ept=26258.83,100000-RS=1,100000-Flag=N;a00000-Rtd=12964.9,a00000-Flag=N;i33101-Rtd=0.0,i33101-Flag=N;pg8001-Pt=63.30,pg8001-Ept=418597.65,pg8001-RS=1,pg8001-Flag=N&&\r"
}
