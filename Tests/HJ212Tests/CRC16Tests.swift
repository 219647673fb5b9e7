import Testing
@testable import HJ212

@Suite struct CRC16Tests {
    @Test func standardWorkedExampleGives1C80() {
        let segment = "QN=20160801085857223;ST=32;CN=1062;PW=100000;MN=010000A8900016F000169DC0;Flag=5;CP=&&RtdInterval=30&&"
        #expect(segment.utf8.count == 101)
        #expect(CRC16.checksum(segment.utf8) == 0x1C80)
        #expect(CRC16.hex(0x1C80) == "1C80")
    }

    /// The eight-bytes-a-step checksum of a buffer equals the byte-by-byte definition for every
    /// length (the tail loop and the last byte included) and any bytes.
    @Test func theSlicedChecksumOfABufferEqualsTheByteByByteOne() {
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        func next() -> UInt8 {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return UInt8(truncatingIfNeeded: state >> 56)
        }
        for length in 0...300 {
            for _ in 0..<4 {
                let bytes = (0..<length).map { _ in next() }
                let plain = CRC16.checksum(bytes.lazy.map { $0 })  // the generic, one lookup a byte
                let sliced = bytes.withUnsafeBufferPointer { CRC16.checksum($0) }
                #expect(sliced == plain, "length \(length)")
            }
        }
        let segment = Array("QN=20160801085857223;ST=32;CN=1062;PW=100000;MN=010000A8900016F000169DC0;Flag=5;CP=&&RtdInterval=30&&".utf8)
        #expect(segment.withUnsafeBufferPointer { CRC16.checksum($0) } == 0x1C80)
    }

    @Test func frameCarriesByteLengthAndCRC() {
        let segment = "QN=20160801085857223;ST=32;CN=1062;PW=100000;MN=010000A8900016F000169DC0;Flag=5;CP=&&RtdInterval=30&&"
        #expect(Frame.encode(segment: segment) == "##0101" + segment + "1C80")
    }
}
