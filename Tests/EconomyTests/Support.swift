import Foundation
import Testing

/// The package root, found from this source file (tests run from anywhere).
let packageRoot: URL = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()

func example(_ name: String) -> String { packageRoot.appendingPathComponent("examples/\(name)").path }

/// Runs the built `walras` binary (it sits beside the test bundle); its
/// standard output and standard error together, in the order written.
func runWalras(_ arguments: [String]) throws -> (status: Int32, stdout: String) {
    let run = try runWalras(arguments, separatingStandardError: false)
    return (run.status, run.stdout)
}

/// Runs the built `walras` binary; its standard output and standard error apart.
func runWalrasSeparately(_ arguments: [String]) throws -> (status: Int32, stdout: String, stderr: String) {
    try runWalras(arguments, separatingStandardError: true)
}

/// Runs the built `walras` binary and sends it SIGTERM after `seconds`
/// (when it is still running); its standard output and error apart.
func runWalrasTerminated(_ arguments: [String], after seconds: Double) throws -> (status: Int32, stdout: String, stderr: String) {
    try runWalras(arguments, separatingStandardError: true, terminateAfter: seconds)
}

private func runWalras(_ arguments: [String], separatingStandardError: Bool, terminateAfter: Double? = nil) throws
    -> (status: Int32, stdout: String, stderr: String)
{
    let testBinary = URL(fileURLWithPath: CommandLine.arguments[0])
    var dir = testBinary.deletingLastPathComponent()
    if dir.lastPathComponent == "MacOS" || dir.pathExtension == "xctest" { dir = dir.deletingLastPathComponent() }
    var candidates = [dir.appendingPathComponent("walras")]
    candidates.append(packageRoot.appendingPathComponent(".build/debug/walras"))
    guard let binary = candidates.first(where: { FileManager.default.isExecutableFile(atPath: $0.path) }) else {
        throw CocoaError(.fileNoSuchFile, userInfo: [NSFilePathErrorKey: candidates.map(\.path).joined(separator: ", ")])
    }
    let process = Process()
    process.executableURL = binary
    process.arguments = arguments
    process.currentDirectoryURL = packageRoot
    // Output goes to files, read after exit: reading a pipe with Foundation's
    // readDataToEndOfFile traps when a signal interrupts the read (EINTR).
    let output = scratch("walras-out")
    let errors = scratch("walras-err")
    _ = FileManager.default.createFile(atPath: output.path, contents: nil)
    _ = FileManager.default.createFile(atPath: errors.path, contents: nil)
    defer {
        try? FileManager.default.removeItem(at: output)
        try? FileManager.default.removeItem(at: errors)
    }
    let outHandle = try FileHandle(forWritingTo: output)
    let errHandle = try FileHandle(forWritingTo: errors)
    process.standardOutput = outHandle
    process.standardError = separatingStandardError ? errHandle : outHandle
    try process.run()
    if let terminateAfter {
        Thread.sleep(forTimeInterval: terminateAfter)
        if process.isRunning { process.terminate() }  // SIGTERM
    }
    process.waitUntilExit()
    try outHandle.close()
    try errHandle.close()
    return (process.terminationStatus, try String(contentsOf: output, encoding: .utf8),
            try String(contentsOf: errors, encoding: .utf8))
}

/// This test process's scratch directory, removed when the process exits: tests write economies, reports,
/// certificates and pictures under it, and a run leaves nothing behind in the system's temporary directory.
let scratchRoot: URL = {
    let root = FileManager.default.temporaryDirectory.appendingPathComponent("walras-tests-\(getpid())")
    try? FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
    atexit { try? FileManager.default.removeItem(at: FileManager.default.temporaryDirectory.appendingPathComponent("walras-tests-\(getpid())")) }
    return root
}()

/// A fresh path under the scratch directory (not created yet).
func scratch(_ prefix: String) -> URL { scratchRoot.appendingPathComponent("\(prefix)-\(UUID().uuidString)") }

func temporaryFile(_ contents: String, name: String = "economy.json") throws -> String {
    let dir = scratch("walras-tests")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    let url = dir.appendingPathComponent(name)
    try contents.write(to: url, atomically: true, encoding: .utf8)
    return url.path
}
