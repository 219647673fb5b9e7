// fuzz-packets: the HJ 212 packet scanner, its CP splitting and the inspector (docs/FUZZING.md).
// No globals here: in a fuzzing build libFuzzer's main may run instead of this file's code.
import FuzzSupport

#if PEMS_FUZZING
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOne(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    PacketsFuzz.one(UnsafeBufferPointer(start: data, count: size))
    return 0
}
FuzzTarget.fuzz(fuzzOne)
#else
FuzzTarget.replay(name: "fuzz-packets") { PacketsFuzz.one($0) }
#endif
