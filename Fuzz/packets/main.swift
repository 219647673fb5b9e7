// fuzz-packets: the HJ 212 packet scanner, its CP splitting and the inspector (docs/FUZZING.md).
// No globals here: under libFuzzer this file's top-level code never runs.
import FuzzSupport

#if PEMS_FUZZING
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOne(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    PacketsFuzz.one(UnsafeBufferPointer(start: data, count: size))
    return 0
}
#endif

FuzzTarget.main(name: "fuzz-packets", one: PacketsFuzz.one)
