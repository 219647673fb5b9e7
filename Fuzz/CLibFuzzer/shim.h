// libFuzzer's driver, for fuzz executables whose own main runs (Fuzz/Support/FuzzTarget.swift).
// Declared only: the library is linked by -sanitize=fuzzer in the fuzzing build (Jobs/fuzz).
#include <stddef.h>
#include <stdint.h>

int LLVMFuzzerRunDriver(int *argc, char ***argv, int (*UserCb)(const uint8_t *Data, size_t Size));
