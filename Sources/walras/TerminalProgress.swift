import Foundation

/// Progress on standard error, only on a terminal and only once a task has
/// run for a second: pipes and CI logs stay clean.
final class TerminalProgress {
    let start = Date()
    let enabled = isatty(2) != 0
    var shown = false

    func report(_ line: String) {
        guard enabled, Date().timeIntervalSince(start) > 1 else { return }
        FileHandle.standardError.write(Data("\r\u{1B}[K\(line)".utf8))
        shown = true
    }

    /// A stage begins: always said on a terminal, however soon.
    func stage(_ name: String) {
        guard enabled else { return }
        FileHandle.standardError.write(Data("\r\u{1B}[K[\(String(format: "%.0f", Date().timeIntervalSince(start))) s] \(name)…".utf8))
        shown = true
    }

    func finish() {
        if shown { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
    }
}

/// A progress bar with rate and ETA on standard error, on a terminal only.
final class SweepProgress: @unchecked Sendable {
    let total: Int
    let start = Date()
    var done = 0
    let enabled = isatty(2) != 0
    let lock = NSLock()

    init(total: Int) { self.total = total }

    func tick() {
        lock.lock(); defer { lock.unlock() }
        done += 1
        guard enabled, done % max(1, total / 200) == 0 || done == total else { return }
        let elapsed = Date().timeIntervalSince(start)
        let rate = Double(done) / max(elapsed, 1e-9)
        let eta = Double(total - done) / max(rate, 1e-9)
        let width = 30, filled = total == 0 ? width : width * done / total
        let bar = String(repeating: "#", count: filled) + String(repeating: ".", count: width - filled)
        FileHandle.standardError.write(Data(String(format: "\r\u{1B}[K[%@] %d/%d  %.1f/s  ETA %.0f s", bar, done, total, rate, eta).utf8))
    }

    func finish() { if enabled { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) } }
}
