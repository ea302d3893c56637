// swift-tools-version: 6.1
// Walras: exact verification of general-equilibrium theorems on finite economies.
//
// Targets follow the flow of data; a lower layer never imports a higher one:
//   CGMP → ExactArithmetic → ExactLinearAlgebra → EconomyModel → certificates → solvers → theorems → audit, harness → CLI
//
// Every module has one of three roles, and the trust boundary is read off this file:
// - trusted certificates and checkers (`trusted` below): small, and depending only on
//   ExactArithmetic, ExactLinearAlgebra, EconomyModel and each other. Each exports a
//   `Checked…` evidence type that only its checker can create. A bug here is a false proof.
// - untrusted solvers and searches (`untrusted`): fast and clever; their output is only a
//   candidate until a checker accepts it.
// - theorems (`TheoremChecks`): one function per verdict, called by the audit, the harness
//   and the tests alike.
import PackageDescription

let strict: [SwiftSetting] = [
    .swiftLanguageMode(.v6),
    .enableUpcomingFeature("InternalImportsByDefault"),
]

/// The exact-arithmetic hot path (rationals, intervals, enclosures, searches)
/// is optimised in debug builds too, so that `swift test` exercises
/// realistic workloads (a census of Kehoe's economy) in a few seconds.
let optimised: [SwiftSetting] = strict + [.unsafeFlags(["-O"], .when(configuration: .debug))]

let package = Package(
    name: "Walras",
    products: [
        .executable(name: "walras", targets: ["walras"]),
        .library(name: "Walras", targets: [
            "SeededRandom", "Budgets", "ExactArithmetic", "ExactLinearAlgebra", "LPCertificates", "LPSolver",
            "ExactJSON", "EconomyModel", "AgentEconomy", "EconomyFormat", "EquilibriumCertificates", "ContractionCertificates",
            "EnclosureCertificates",
            "NonExistenceCertificates", "EquilibriumSearch", "WelfareSolvers", "TheoremChecks",
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

        // The audit's one time budget, shared by its stages, and its cancellation
        // (SIGINT, SIGTERM). Decides nothing: an exhausted budget only leaves a verdict undecided.
        .target(name: "Budgets", swiftSettings: strict),

        // Arbitrary-precision integers and rationals with a word-sized fast path.
        .target(name: "ExactArithmetic", dependencies: ["CGMP"], swiftSettings: optimised),

        // Vectors, matrices, fraction-free (Bareiss) elimination.
        .target(name: "ExactLinearAlgebra", dependencies: ["ExactArithmetic"], swiftSettings: optimised),

        // trusted: linear programs, their certificates, and the small checker (`CheckedLPCertificate`).
        .target(name: "LPCertificates", dependencies: ["ExactArithmetic"], swiftSettings: strict),

        // untrusted: FLINT (Debian libflint-dev): exact linear solves at hundreds of unknowns, each
        // verified by exact substitution before it is used.
        .systemLibrary(name: "CFlint", providers: [.apt(["libflint-dev"])]),
        .target(name: "FlintLinearAlgebra", dependencies: ["CFlint", "ExactArithmetic", "ExactLinearAlgebra"],
                swiftSettings: strict),

        // untrusted: QSopt_ex's exact simplex (Debian libqsopt-ex-dev), for LPs of thousands of
        // rows, behind a narrow C interface (rationals cross as text), run in a process of its own
        // (walras-lp-engine: QSopt_ex replaces GMP's memory functions), and the Swift side that runs it.
        .target(name: "CQSoptEx", linkerSettings: [.linkedLibrary("qsopt_ex"), .linkedLibrary("gmp")]),
        .executableTarget(name: "walras-lp-engine", dependencies: ["CQSoptEx"]),
        .target(name: "ExactLPEngine", dependencies: ["ExactArithmetic", "Budgets"], swiftSettings: strict),

        // untrusted: the exact simplex method that produces LP certificates.
        .target(name: "LPSolver", dependencies: ["ExactArithmetic", "LPCertificates", "Budgets"], swiftSettings: strict),

        // A strict JSON reader that keeps number literals as text (exactness).
        .target(name: "ExactJSON", swiftSettings: strict),

        // The finite economy: utilities, technologies, exact demand and supply.
        .target(name: "EconomyModel", dependencies: ["ExactArithmetic", "ExactLinearAlgebra"], swiftSettings: optimised),

        // Agents as firms, orchestrators as consumers, functional prices on V_K;
        // compiles to the core model.
        .target(name: "AgentEconomy", dependencies: ["ExactArithmetic", "ExactLinearAlgebra", "EconomyModel"],
                swiftSettings: strict),

        // The walras-economy/1 and walras-agent-economy/1 file formats, with
        // path-carrying input errors.
        .target(name: "EconomyFormat",
                dependencies: ["ExactArithmetic", "ExactLinearAlgebra", "ExactJSON", "EconomyModel", "AgentEconomy",
                               "EquilibriumCertificates", "EnclosureCertificates", "ContractionCertificates", "NonExistenceCertificates"],
                swiftSettings: strict),

        // trusted: equilibrium certificates and their small checker (`CheckedEquilibrium`).
        .target(name: "EquilibriumCertificates",
                dependencies: ["ExactArithmetic", "ExactLinearAlgebra", "EconomyModel", "LPCertificates"],
                swiftSettings: strict),

        // trusted: contraction certificates of the tâtonnement, outward-rounded rational
        // intervals, interval Jacobians of excess demand, and the small checker
        // (`CheckedContraction`, which carries L, the region and Banach's bounds).
        .target(name: "ContractionCertificates",
                dependencies: ["ExactArithmetic", "ExactLinearAlgebra", "EconomyModel"],
                swiftSettings: optimised),

        // trusted: enclosure certificates of irrational equilibria (Krawczyk's operator over a
        // regime's square system, evaluated exactly) and box exclusions (`CheckedEnclosure`).
        .target(name: "EnclosureCertificates",
                dependencies: ["ExactArithmetic", "ExactLinearAlgebra", "EconomyModel", "LPCertificates", "ContractionCertificates"],
                swiftSettings: optimised),

        // trusted: non-existence certificates (price-line partitions, reducible exchange,
        // free production) and their small checker (`CheckedNonExistence`).
        .target(name: "NonExistenceCertificates",
                dependencies: ["ExactArithmetic", "ExactLinearAlgebra", "EconomyModel"],
                swiftSettings: strict),

        // untrusted: simplicial (Sperner) fixed-point search on the price simplex.
        .target(name: "EquilibriumSearch",
                dependencies: ["ExactArithmetic", "ExactLinearAlgebra", "EconomyModel", "LPCertificates", "LPSolver",
                               "EquilibriumCertificates", "EnclosureCertificates", "ContractionCertificates", "Budgets",
                               "FlintLinearAlgebra"],
                swiftSettings: optimised),

        // untrusted: the search for contraction certificates, expanding pairs and orbits.
        .target(name: "Tatonnement",
                dependencies: ["ExactArithmetic", "ExactLinearAlgebra", "EconomyModel", "SeededRandom",
                               "ContractionCertificates", "EquilibriumSearch", "Budgets"],
                swiftSettings: strict),

        // untrusted: welfare solvers — planner optima, Negishi, Pareto-improvement LPs,
        // Pareto optima, supporting-price LPs, the two-good price-line analysis.
        .target(name: "WelfareSolvers",
                dependencies: ["ExactArithmetic", "ExactLinearAlgebra", "EconomyModel", "EquilibriumCertificates",
                               "NonExistenceCertificates", "EquilibriumSearch", "LPCertificates", "LPSolver", "Budgets", "ExactLPEngine"],
                swiftSettings: strict),

        // theorems: one file, one function and one verdict per theorem identifier, with
        // its hypotheses first; a shared `Outcome`.
        .target(name: "TheoremChecks",
                dependencies: ["ExactArithmetic", "ExactLinearAlgebra", "EconomyModel", "EquilibriumCertificates",
                               "NonExistenceCertificates",
                               "ContractionCertificates", "EnclosureCertificates", "EquilibriumSearch", "LPCertificates", "LPSolver", "Budgets",
                               "SeededRandom", "Tatonnement", "WelfareSolvers"],
                swiftSettings: strict),

        // Seeds, generators by regime, property catalog, shrinking, sweeps, studies.
        // No test framework: the CLI and the tests share it.
        .target(name: "Harness",
                dependencies: ["SeededRandom", "ExactArithmetic", "ExactLinearAlgebra", "ExactJSON", "EconomyModel",
                               "AgentEconomy", "EconomyFormat", "EquilibriumSearch", "TheoremChecks", "Tatonnement",
                               "ContractionCertificates", "WalrasPlots", "Budgets"],
                swiftSettings: strict),

        // Pictures (SVG) of searches and dynamics; display only.
        .target(name: "WalrasPlots", dependencies: ["EquilibriumSearch"], swiftSettings: strict),

        // The audit: all verdicts for one economy, as human text and JSON.
        .target(name: "WalrasAudit",
                dependencies: ["ExactArithmetic", "ExactLinearAlgebra", "ExactJSON", "EconomyModel", "AgentEconomy",
                               "EconomyFormat", "EquilibriumCertificates", "NonExistenceCertificates", "EquilibriumSearch",
                               "TheoremChecks", "Tatonnement", "ContractionCertificates", "EnclosureCertificates", "WelfareSolvers", "WalrasPlots", "Budgets"],
                swiftSettings: strict),

        // The command-line tool.
        .executableTarget(name: "walras",
                          dependencies: ["WalrasAudit", "WalrasPlots", "EquilibriumSearch", "EconomyModel", "EconomyFormat",
                                         "EquilibriumCertificates", "ExactJSON", "Harness", "Budgets",
                                         .product(name: "ArgumentParser", package: "swift-argument-parser")],
                          swiftSettings: strict),

        // The readers under fuzzing (JSON, both economy formats, certificates) and the
        // libFuzzer entry point; `fuzz/run.sh` builds it with -sanitize=fuzzer, and
        // `swift test` replays the corpus through `FuzzTargets`.
        .target(name: "FuzzTargets",
                dependencies: ["EnclosureCertificates", "ExactArithmetic", "ExactLinearAlgebra", "ExactJSON", "EconomyModel", "AgentEconomy",
                               "EconomyFormat", "EquilibriumCertificates", "NonExistenceCertificates"],
                swiftSettings: strict),
        .executableTarget(name: "walras-fuzz", dependencies: ["FuzzTargets"], swiftSettings: strict),

        // Oracles and generators for tests only; not API.
        .target(name: "_TestSupport",
                dependencies: ["SeededRandom", "ExactArithmetic", "ExactLinearAlgebra", "LPCertificates", "EconomyModel",
                               "LPSolver"],
                swiftSettings: strict),

        // Benchmarks: run with `swift run -c release walras-bench`. The C
        // baseline over GMP mpq_t is compiled into the same binary so every
        // ratio comes from one run.
        .target(name: "GMPBaseline", dependencies: ["CGMP"],
                cSettings: [.unsafeFlags(["-O2"])]),
        .executableTarget(name: "walras-bench",
                          dependencies: ["SeededRandom", "ExactArithmetic", "ExactLinearAlgebra", "GMPBaseline",
                                         "EconomyModel", "EquilibriumSearch", "Harness", "Tatonnement", "EconomyFormat",
                                         "TheoremChecks", "AgentEconomy", "EquilibriumCertificates",
                                         "ContractionCertificates", "EnclosureCertificates", "WelfareSolvers", "ExactLPEngine", "Budgets",
                                         "FlintLinearAlgebra"],
                          swiftSettings: strict),

        .testTarget(name: "ExactArithmeticTests",
                    dependencies: ["ExactArithmetic", "SeededRandom", "_TestSupport"], swiftSettings: strict),
        .testTarget(name: "ExactLinearAlgebraTests",
                    dependencies: ["ExactArithmetic", "ExactLinearAlgebra", "SeededRandom", "_TestSupport", "FlintLinearAlgebra"],
                    swiftSettings: strict),
        .testTarget(name: "EconomyTests",
                    dependencies: ["ExactArithmetic", "ExactLinearAlgebra", "ExactJSON", "EconomyModel", "AgentEconomy",
                                   "EconomyFormat", "EquilibriumCertificates", "NonExistenceCertificates",
                                   "EquilibriumSearch", "TheoremChecks",
                                   "ContractionCertificates", "EnclosureCertificates", "WelfareSolvers", "WalrasAudit", "Harness", "LPCertificates", "LPSolver", "Budgets", "ExactLPEngine",
                                   "SeededRandom", "_TestSupport", "walras", "FuzzTargets",
                                   .product(name: "ArgumentParser", package: "swift-argument-parser")],
                    swiftSettings: strict),
        .testTarget(name: "EquilibriumSearchTests",
                    dependencies: ["ExactArithmetic", "ExactLinearAlgebra", "EconomyModel", "EconomyFormat",
                                   "EquilibriumSearch", "WalrasPlots", "SeededRandom", "_TestSupport",
                                   "EnclosureCertificates", "ContractionCertificates"],
                    swiftSettings: strict),
        .testTarget(name: "HarnessTests",
                    dependencies: ["ExactArithmetic", "ExactJSON", "EconomyModel", "AgentEconomy", "EconomyFormat", "Harness",
                                   "SeededRandom", "_TestSupport"],
                    swiftSettings: strict),
        .testTarget(name: "TatonnementTests",
                    dependencies: ["ExactArithmetic", "ExactLinearAlgebra", "EconomyModel", "EconomyFormat", "Tatonnement",
                                   "ContractionCertificates", "TheoremChecks", "Harness", "SeededRandom", "_TestSupport"],
                    swiftSettings: strict),
        .testTarget(name: "LinearProgrammingTests",
                    dependencies: ["ExactArithmetic", "LPCertificates", "LPSolver", "SeededRandom", "_TestSupport"],
                    swiftSettings: strict),
    ]
)
