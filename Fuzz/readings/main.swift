// fuzz-readings: CSV readings (SPEC §3.2) loaded by DataLoader; see LoaderFuzz and docs/FUZZING.md.
// No globals here: in a fuzzing build libFuzzer's main may run instead of this file's code.
import FuzzSupport
import LoaderFuzzing

#if PEMS_FUZZING
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOne(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    LoaderFuzz.one(UnsafeBufferPointer(start: data, count: size), format: .csv)
    return 0
}
FuzzTarget.fuzz(fuzzOne)
#else
FuzzTarget.replay(name: "fuzz-readings") { LoaderFuzz.one($0, format: .csv) }
#endif
