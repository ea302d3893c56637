// swift-tools-version: 6.1
// Walras: exact verification of general-equilibrium theorems on finite economies.
//
// Targets follow the flow of data; a lower layer never imports a higher one:
//   CGMP → ExactArithmetic → ExactLinearAlgebra → LPCertificates → LPSolver → …
// `LPCertificates` (the trusted checker) does not depend on `LPSolver` (the
// untrusted search): a certificate is checked with arithmetic alone.
import PackageDescription

let strict: [SwiftSetting] = [
    .swiftLanguageMode(.v6),
    .enableUpcomingFeature("InternalImportsByDefault"),
]

let package = Package(
    name: "Walras",
    products: [
        .executable(name: "walras", targets: ["walras"]),
        .library(name: "Walras", targets: [
            "SeededRandom", "ExactArithmetic", "ExactLinearAlgebra", "LPCertificates", "LPSolver",
            "ExactJSON", "EconomyModel", "AgentEconomy", "EconomyFormat", "EquilibriumCertificates", "EquilibriumSearch",
            "TheoremChecks",
            "WalrasPlots", "WalrasAudit", "Harness", "Tatonnement",
        ]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
    ],
    targets: [
        // GMP, through a shim of named static-inline wrappers.
        .systemLibrary(name: "CGMP", pkgConfig: "gmp", providers: [.apt(["libgmp-dev"])]),

        // Our own documented PRNG: the same seed gives the same stream everywhere.
        .target(name: "SeededRandom", swiftSettings: strict),

        // Arbitrary-precision integers and rationals with a word-sized fast path.
        .target(name: "ExactArithmetic", dependencies: ["CGMP"], swiftSettings: strict),

        // Vectors, matrices, fraction-free (Bareiss) elimination.
        .target(name: "ExactLinearAlgebra", dependencies: ["ExactArithmetic"], swiftSettings: strict),

        // Linear programs, their certificates, and the small trusted checker.
        .target(name: "LPCertificates", dependencies: ["ExactArithmetic"], swiftSettings: strict),

        // The (untrusted) exact simplex method that produces certificates.
        .target(name: "LPSolver", dependencies: ["ExactArithmetic", "LPCertificates"], swiftSettings: strict),

        // A strict JSON reader that keeps number literals as text (exactness).
        .target(name: "ExactJSON", swiftSettings: strict),

        // The finite economy: utilities, technologies, exact demand and supply.
        .target(name: "EconomyModel", dependencies: ["ExactArithmetic", "ExactLinearAlgebra"], swiftSettings: strict),

        // Agents as firms, orchestrators as consumers, functional prices on V_K;
        // compiles to the core model.
        .target(name: "AgentEconomy", dependencies: ["ExactArithmetic", "ExactLinearAlgebra", "EconomyModel"],
                swiftSettings: strict),

        // The walras-economy/1 and walras-agent-economy/1 file formats, with
        // path-carrying input errors.
        .target(name: "EconomyFormat",
                dependencies: ["ExactArithmetic", "ExactLinearAlgebra", "ExactJSON", "EconomyModel", "AgentEconomy",
                               "EquilibriumCertificates"],
                swiftSettings: strict),

        // Equilibrium certificates and their small trusted checker (no search imports).
        .target(name: "EquilibriumCertificates",
                dependencies: ["ExactArithmetic", "ExactLinearAlgebra", "EconomyModel", "LPCertificates"],
                swiftSettings: strict),

        // Simplicial (Sperner) fixed-point search on the price simplex.
        .target(name: "EquilibriumSearch",
                dependencies: ["ExactArithmetic", "ExactLinearAlgebra", "EconomyModel", "LPCertificates", "LPSolver",
                               "EquilibriumCertificates"],
                swiftSettings: strict),

        // The orchestrator's price dynamics: exact projection, tâtonnement, orbits.
        .target(name: "Tatonnement",
                dependencies: ["ExactArithmetic", "ExactLinearAlgebra", "EconomyModel", "SeededRandom"],
                swiftSettings: strict),

        // Theorem checks: verdicts, witnesses, named hypotheses.
        .target(name: "TheoremChecks",
                dependencies: ["ExactArithmetic", "ExactLinearAlgebra", "EconomyModel", "EquilibriumCertificates",
                               "EquilibriumSearch", "LPCertificates", "LPSolver", "SeededRandom", "Tatonnement"],
                swiftSettings: strict),

        // Seeds, generators by regime, property catalog, shrinking, sweeps.
        // No test framework: the CLI and the tests share it.
        .target(name: "Harness",
                dependencies: ["SeededRandom", "ExactArithmetic", "ExactLinearAlgebra", "ExactJSON", "EconomyModel",
                               "AgentEconomy", "EconomyFormat", "EquilibriumSearch", "TheoremChecks", "Tatonnement"],
                swiftSettings: strict),

        // Pictures (SVG) of searches and dynamics; display only.
        .target(name: "WalrasPlots", dependencies: ["EquilibriumSearch"], swiftSettings: strict),

        // The audit: all verdicts for one economy, as human text and JSON.
        .target(name: "WalrasAudit",
                dependencies: ["ExactArithmetic", "ExactLinearAlgebra", "ExactJSON", "EconomyModel", "AgentEconomy",
                               "EconomyFormat", "EquilibriumCertificates", "EquilibriumSearch", "TheoremChecks", "Tatonnement",
                               "WalrasPlots"],
                swiftSettings: strict),

        // The command-line tool.
        .executableTarget(name: "walras",
                          dependencies: ["WalrasAudit", "WalrasPlots", "EquilibriumSearch", "EconomyModel", "EconomyFormat",
                                         "EquilibriumCertificates", "ExactJSON", "Harness",
                                         .product(name: "ArgumentParser", package: "swift-argument-parser")],
                          swiftSettings: strict),

        // Oracles and generators for tests only; not API.
        .target(name: "_TestSupport",
                dependencies: ["SeededRandom", "ExactArithmetic", "ExactLinearAlgebra", "LPCertificates"],
                swiftSettings: strict),

        // Benchmarks: run with `swift run -c release walras-bench`. The C
        // baseline over GMP mpq_t is compiled into the same binary so every
        // ratio comes from one run.
        .target(name: "GMPBaseline", dependencies: ["CGMP"],
                cSettings: [.unsafeFlags(["-O2"])]),
        .executableTarget(name: "walras-bench",
                          dependencies: ["SeededRandom", "ExactArithmetic", "ExactLinearAlgebra", "GMPBaseline",
                                         "EconomyModel", "EquilibriumSearch", "Harness", "Tatonnement", "EconomyFormat",
                                         "TheoremChecks", "AgentEconomy", "EquilibriumCertificates"],
                          swiftSettings: strict),

        .testTarget(name: "ExactArithmeticTests",
                    dependencies: ["ExactArithmetic", "SeededRandom", "_TestSupport"], swiftSettings: strict),
        .testTarget(name: "ExactLinearAlgebraTests",
                    dependencies: ["ExactArithmetic", "ExactLinearAlgebra", "SeededRandom", "_TestSupport"],
                    swiftSettings: strict),
        .testTarget(name: "EconomyTests",
                    dependencies: ["ExactArithmetic", "ExactLinearAlgebra", "ExactJSON", "EconomyModel", "AgentEconomy",
                                   "EconomyFormat", "EquilibriumCertificates", "EquilibriumSearch", "TheoremChecks",
                                   "WalrasAudit", "Harness", "LPCertificates", "SeededRandom", "_TestSupport", "walras",
                                   .product(name: "ArgumentParser", package: "swift-argument-parser")],
                    swiftSettings: strict),
        .testTarget(name: "EquilibriumSearchTests",
                    dependencies: ["ExactArithmetic", "ExactLinearAlgebra", "EconomyModel", "EconomyFormat",
                                   "EquilibriumSearch", "WalrasPlots", "SeededRandom", "_TestSupport"],
                    swiftSettings: strict),
        .testTarget(name: "HarnessTests",
                    dependencies: ["ExactArithmetic", "ExactJSON", "EconomyModel", "AgentEconomy", "EconomyFormat", "Harness",
                                   "SeededRandom", "_TestSupport"],
                    swiftSettings: strict),
        .testTarget(name: "TatonnementTests",
                    dependencies: ["ExactArithmetic", "ExactLinearAlgebra", "EconomyModel", "EconomyFormat", "Tatonnement",
                                   "TheoremChecks", "Harness", "SeededRandom", "_TestSupport"],
                    swiftSettings: strict),
        .testTarget(name: "LinearProgrammingTests",
                    dependencies: ["ExactArithmetic", "LPCertificates", "LPSolver", "SeededRandom", "_TestSupport"],
                    swiftSettings: strict),
    ]
)
