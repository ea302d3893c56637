import Dispatch
import Foundation
import Budgets
import WalrasAudit

/// SIGINT and SIGTERM during an audit: the audit's cancellation is set, so
/// every stage stops at its next budget check and the remaining stages are
/// marked "interrupted" in the report, which is written as usual. Should a
/// stage not reach a check within `grace` seconds, the last report of the
/// stages that finished is written instead, and the process exits 3. Either
/// way exactly one report is written, complete and valid.
final class InterruptionGuard: @unchecked Sendable {
    let cancellation = Cancellation()
    private let lock = NSLock()
    private var last: AuditReport?
    private var written = false
    private let json: Bool
    private let file: String
    private let grace: Double
    private var sources: [DispatchSourceSignal] = []

    init(file: String, json: Bool, grace: Double = 3) {
        self.file = file
        self.json = json
        self.grace = grace
        for sig in [SIGINT, SIGTERM] {
            signal(sig, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: sig, queue: .global())
            source.setEventHandler { [self] in interrupted() }
            source.resume()
            sources.append(source)
        }
    }

    /// The report so far, after each stage.
    func keep(_ report: AuditReport) {
        lock.lock(); defer { lock.unlock() }
        last = report
    }

    /// Writes `text` unless the interruption already wrote a report; true if written.
    func write(_ body: () -> Void) -> Bool {
        lock.lock(); defer { lock.unlock() }
        guard !written else { return false }
        written = true
        body()
        return true
    }

    private func interrupted() {
        cancellation.cancel()
        DispatchQueue.global().asyncAfter(deadline: .now() + grace) { [self] in
            lock.lock()
            guard !written else {
                lock.unlock()
                return
            }
            written = true
            // Stopped before the economy was even read: a report that says so, every theorem interrupted.
            let text = last.map { Auditor.render($0, json: json) } ?? Auditor.interruptedBeforeReading(file: file, json: json)
            let code = last?.exitCode ?? .undecided
            FileHandle.standardOutput.write(Data(text.utf8))
            lock.unlock()
            Foundation.exit(code.rawValue)
        }
    }
}
