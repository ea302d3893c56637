import Dispatch
import Foundation
import Budgets

/// Progress on standard error, only on a terminal and only once a task has
/// run for a second: pipes and CI logs stay clean. Each audit stage shows
/// its name and a bar of the time it has used out of its budget, redrawn
/// twice a second.
final class TerminalProgress: @unchecked Sendable {
    let start = Date()
    let enabled = isatty(2) != 0
    private let lock = NSLock()
    private var shown = false
    private var timer: DispatchSourceTimer?
    private var current: (name: String, began: ContinuousClock.Instant, deadline: ContinuousClock.Instant?)?

    func report(_ line: String) {
        lock.lock(); defer { lock.unlock() }
        guard enabled, Date().timeIntervalSince(start) > 1 else { return }
        FileHandle.standardError.write(Data("\r\u{1B}[K\(line)".utf8))
        shown = true
    }

    /// A stage begins; `deadline` is when its budget ends (nil: none).
    func stage(_ name: String, until deadline: ContinuousClock.Instant?) {
        guard enabled else { return }
        lock.lock()
        current = (name, .now, deadline)
        if timer == nil {
            let t = DispatchSource.makeTimerSource(queue: .global())
            t.schedule(deadline: .now() + 0.5, repeating: 0.5)
            t.setEventHandler { [weak self] in self?.redraw() }
            t.resume()
            timer = t
        }
        lock.unlock()
        redraw()
    }

    private func redraw() {
        lock.lock(); defer { lock.unlock() }
        guard let c = current, Date().timeIntervalSince(start) > 1 else { return }
        let used = c.began.duration(to: .now).inSeconds
        var line = "[\(Int(Date().timeIntervalSince(start))) s] \(c.name)"
        if let deadline = c.deadline {
            let allowed = max(c.began.duration(to: deadline).inSeconds, 1e-9)
            let width = 24, filled = min(width, Int(Double(width) * used / allowed))
            line += " [" + String(repeating: "#", count: filled) + String(repeating: ".", count: width - filled) + "]"
                + String(format: " %.0f of %.0f s", used, allowed)
        }
        FileHandle.standardError.write(Data("\r\u{1B}[K\(line)".utf8))
        shown = true
    }

    func finish() {
        lock.lock(); defer { lock.unlock() }
        timer?.cancel()
        timer = nil
        current = nil
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
