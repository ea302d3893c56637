import ArgumentParser

struct Plot: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Draw pictures of what Walras computes (SVG).",
        subcommands: [Sperner.self, Convergence.self])
}
