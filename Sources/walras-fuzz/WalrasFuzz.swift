// libFuzzer entry point for the readers (see fuzz/run.sh and docs/fuzzing.md).
//
// Built with `-sanitize=fuzzer,address -parse-as-library -D FUZZING`, libFuzzer
// supplies `main` and calls `LLVMFuzzerTestOneInput`; the target is chosen by
// the environment variable WALRAS_FUZZ_TARGET (json, economy, agents,
// certificate). Built normally, this is a small program that replays files:
// `walras-fuzz TARGET FILE…`.
import FuzzTargets

#if FUZZING
import Foundation

nonisolated(unsafe) let fuzzTarget: FuzzTarget = {
    let name = ProcessInfo.processInfo.environment["WALRAS_FUZZ_TARGET"] ?? "json"
    guard let t = FuzzTarget(rawValue: name) else { fatalError("WALRAS_FUZZ_TARGET must be one of json, economy, agents, certificate") }
    return t
}()

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    fuzzTarget.run(size == 0 ? [] : Array(UnsafeBufferPointer(start: data, count: size)))
    return 0
}

// SwiftPM links an executable's entry point as `walras_fuzz_main`, so libFuzzer's own
// `main` is not used: hand control to its driver from here.
@_silgen_name("LLVMFuzzerRunDriver")
func LLVMFuzzerRunDriver(_ argc: UnsafeMutablePointer<CInt>,
                         _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
                         _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt) -> CInt

@_cdecl("walras_fuzz_main")
public func walrasFuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    var count = argc
    var values = argv
    return LLVMFuzzerRunDriver(&count, &values) { data, size in fuzzOneInput(data, size) }
}
#else
import Foundation

@main
struct Replay {
    static func main() {
        let args = CommandLine.arguments.dropFirst()
        guard let name = args.first, let target = FuzzTarget(rawValue: name) else {
            print("usage: walras-fuzz json|economy|agents|certificate FILE…")
            exit(2)
        }
        for path in args.dropFirst() {
            guard let data = FileManager.default.contents(atPath: path) else { print("cannot read \(path)"); exit(2) }
            target.run(Array(data))
        }
        print("replayed \(args.count - 1) inputs through \(name)")
    }
}
#endif
