import Foundation
import Testing

/// The package root, found from this source file (tests run from anywhere).
let packageRoot: URL = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()

func example(_ name: String) -> String { packageRoot.appendingPathComponent("examples/\(name)").path }

/// Runs the built `walras` binary (it sits beside the test bundle).
func runWalras(_ arguments: [String]) throws -> (status: Int32, stdout: String) {
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
    // Output goes to a file, read after exit: reading a pipe with Foundation's
    // readDataToEndOfFile traps when a signal interrupts the read (EINTR).
    let output = FileManager.default.temporaryDirectory.appendingPathComponent("walras-out-\(UUID().uuidString)")
    _ = FileManager.default.createFile(atPath: output.path, contents: nil)
    defer { try? FileManager.default.removeItem(at: output) }
    let handle = try FileHandle(forWritingTo: output)
    process.standardOutput = handle
    process.standardError = handle
    try process.run()
    process.waitUntilExit()
    try handle.close()
    return (process.terminationStatus, try String(contentsOf: output, encoding: .utf8))
}

func temporaryFile(_ contents: String, name: String = "economy.json") throws -> String {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("walras-tests-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    let url = dir.appendingPathComponent(name)
    try contents.write(to: url, atomically: true, encoding: .utf8)
    return url.path
}
