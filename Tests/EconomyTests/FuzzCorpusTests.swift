import Testing
import Foundation
import FuzzTargets

/// Every input libFuzzer ever found interesting enough to keep (the fixed
/// findings in fuzz/corpus) and every seed, replayed through its reader: a
/// trap here is a regression. The campaign itself is `fuzz/run.sh`.
@Suite("Fuzz corpus replay")
struct FuzzCorpusTests {
    @Test(arguments: FuzzTarget.allCases)
    func theCorpusReplaysWithoutATrap(_ target: FuzzTarget) throws {
        var count = 0
        for dir in ["fuzz/corpus", "fuzz/seeds"] {
            let folder = packageRoot.appendingPathComponent("\(dir)/\(target.rawValue)")
            let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
            for name in names.sorted() {
                let data = try #require(FileManager.default.contents(atPath: folder.appendingPathComponent(name).path))
                target.run(Array(data))
                count += 1
            }
        }
        #expect(count > 0, "no inputs for \(target.rawValue)")
    }
}
