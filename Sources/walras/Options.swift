import ArgumentParser
import Harness

/// The property catalog a harness command runs (`sweep`, `reproduce`).
struct HarnessOptions: ParsableArguments {
    @Option(help: "The directory of property specs.")
    var properties: String = "properties"

    @Option(help: "Only this property (default: every spec in the directory).")
    var property: String?

    /// The specs to run; throws (exit 2, reason on standard error) for an
    /// unreadable or empty directory or an unknown `--property`.
    func specs() throws -> [PropertySpec] {
        let all: [PropertySpec]
        do {
            all = try PropertyCatalog.load(directory: properties)
        } catch {
            throw rejection("\(error)")
        }
        guard !all.isEmpty else {
            throw rejection("\(properties): expected a directory of property specs (*.json), found none")
        }
        guard let property else { return all }
        guard let spec = all.first(where: { $0.name == property }) else {
            throw rejection("--property: expected one of \(all.map(\.name).joined(separator: ", ")), found \(property)")
        }
        return [spec]
    }
}

/// The orchestrator's step, shared by `audit` and `plot convergence`.
struct StepOptions: ParsableArguments {
    @Option(help: "The orchestrator's tâtonnement step η: an exact number in (0, \(Step.maximum)] such as 1/64 or 0.015625. Default: Walras chooses.")
    var step: Step?
}
