/// A property that must hold for every input. When it does not, the process stops with a
/// trap naming the check (and, in a replay, the input file): libFuzzer saves the input as a
/// crash, a replay fails. Used for what the code promises but a fuzzer cannot see without
/// being told — a range outside the line, two piece sizes reading a file differently — since
/// only crashes are findings to it.
public func invariant(_ condition: @autoclosure () -> Bool, _ message: @autoclosure () -> String,
                      file: StaticString = #fileID, line: UInt = #line) {
    guard !condition() else { return }
    let input = FuzzTarget.current.map { " (input \($0))" } ?? ""
    fatalError("invariant failed: \(message())\(input)", file: file, line: line)
}
