// fuzz-registry: the registry parser (CSVTable, RegistryParser via Registry.parse); see
// RegistryFuzz and docs/FUZZING.md.
// No globals here: in a fuzzing build libFuzzer's main may run instead of this file's code.
import FuzzSupport

#if PEMS_FUZZING
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOne(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    RegistryFuzz.one(UnsafeBufferPointer(start: data, count: size))
    return 0
}
FuzzTarget.fuzz(fuzzOne)
#else
FuzzTarget.replay(name: "fuzz-registry") { RegistryFuzz.one($0) }
#endif
