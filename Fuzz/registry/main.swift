// fuzz-registry: the registry parser (CSVTable, RegistryParser via Registry.parse); see
// RegistryFuzz and docs/FUZZING.md.
// No globals here: under libFuzzer this file's top-level code never runs.
import FuzzSupport

#if PEMS_FUZZING
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOne(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    RegistryFuzz.one(UnsafeBufferPointer(start: data, count: size))
    return 0
}
#endif

FuzzTarget.main(name: "fuzz-registry", one: RegistryFuzz.one)
