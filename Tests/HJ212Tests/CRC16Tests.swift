import Testing
@testable import HJ212

@Suite struct CRC16Tests {
    @Test func standardWorkedExampleGives1C80() {
        let segment = "QN=20160801085857223;ST=32;CN=1062;PW=100000;MN=010000A8900016F000169DC0;Flag=5;CP=&&RtdInterval=30&&"
        #expect(segment.utf8.count == 101)
        #expect(CRC16.checksum(segment.utf8) == 0x1C80)
        #expect(CRC16.hex(0x1C80) == "1C80")
    }

    @Test func frameCarriesByteLengthAndCRC() {
        let segment = "QN=20160801085857223;ST=32;CN=1062;PW=100000;MN=010000A8900016F000169DC0;Flag=5;CP=&&RtdInterval=30&&"
        #expect(Frame.encode(segment: segment) == "##0101" + segment + "1C80")
    }
}
