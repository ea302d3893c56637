import Testing
import ArgumentParser
@testable import walras

/// Every command's help, byte for byte, as ArgumentParser renders it at
/// `HelpTextTests.columns` columns (`walras … --help` uses the terminal's width).
/// A failing test prints the new text: if the change is deliberate, paste it
/// over the golden below.
@Suite("walras --help")
struct HelpTextTests {
    static let columns = 100

    @Test(arguments: pinnedHelp)
    func helpTextIsPinned(_ pinned: PinnedHelp) {
        let actual = pinned.render(HelpTextTests.columns)
        #expect(actual == pinned.golden, "\(pinned.path) --help changed; it is now:\n\(actual)")
    }

    @Test func everyCommandHasAPinnedHelpText() {
        var paths = ["walras"]
        var stack = Walras.configuration.subcommands.map { ("walras " + $0._commandName, $0) }
        while let (path, command) = stack.popLast() {
            paths.append(path)
            stack += command.configuration.subcommands.map { (path + " " + $0._commandName, $0) }
        }
        #expect(Set(paths) == Set(pinnedHelp.map(\.path)))
        #expect(paths.count == pinnedHelp.count)
    }
}

/// A command, how to render its help, and the text it must render.
struct PinnedHelp: Sendable, CustomTestStringConvertible {
    let path: String
    let render: @Sendable (_ columns: Int) -> String
    let golden: String

    var testDescription: String { path }
}

let pinnedHelp: [PinnedHelp] = [
    PinnedHelp(path: "walras", render: { Walras.helpMessage(for: Walras.self, columns: $0) }, golden: #"""
        OVERVIEW: Exact verdicts on general-equilibrium theorems for finite economies.

        Exit codes: 0 holds, 1 counterexample, 2 rejected input, 3 undecided.

        USAGE: walras <subcommand>

        OPTIONS:
          -h, --help              Show help information.

        SUBCOMMANDS:
          audit                   Check an economy file against every theorem Walras knows.
          export                  Write an economy as a walras-economy/1 file (agent economies are
                                  compiled).
          generate                Write a generated economy file.
          check-certificate       Run a checker alone on a certificate: of an equilibrium, or that none
                                  exists (or on an audit --json report that holds one).
          plot                    Draw pictures of what Walras computes (SVG).
          sweep                   Check many seeded economies, per property and regime; write results as
                                  JSON lines.
          reproduce               Regenerate the economy of a seed, rerun the checks, and shrink a failure.
          merge                   Combine the results of sharded sweeps into one summary.
          study                   Run the documented study: every theorem on seeded economies of every
                                  regime; write study.md, figures, JSON.

          See 'walras help <subcommand>' for detailed help.
        """#),
    PinnedHelp(path: "walras audit", render: { Walras.helpMessage(for: Audit.self, columns: $0) }, golden: #"""
        OVERVIEW: Check an economy file against every theorem Walras knows.

        FILE is a walras-economy/1 or walras-agent-economy/1 file. Without FILE, audits
        examples/agents-review-pipeline.json (bundled).

        USAGE: walras audit [<options>] [<file>]

        ARGUMENTS:
          <file>                  An economy JSON file. Omit it to audit the bundled default economy.

        OPTIONS:
          --json                  Write the machine-readable JSON report instead of the human one.
          --samples <samples>     Interior prices sampled for Walras' law. (default: 32)
          --seed <seed>           Seed of the interior price sample (decimal or 0x hex). (default: 0)
          --mesh-bits <mesh-bits> The equilibrium search refines the price grid to mesh 1/2^N. (default: 24)
          --search-seconds <search-seconds>
                                  Time budget of the equilibrium search, in seconds. (default: 60.0)
          --search-pivots <search-pivots>
                                  Pivot budget of the equilibrium search. (default: 2000000)
          --search-max-goods <search-max-goods>
                                  Economies with more commodities are not searched (the verdict says
                                  undecided). (default: 24)
          --certificate-out <certificate-out>
                                  Write the exact equilibrium certificate, when there is one, to this file.
          --step <step>           The orchestrator's tâtonnement step η: an exact number in (0, 64] such as
                                  1/64 or 0.015625. Default: Walras chooses.
          --contraction-seconds <contraction-seconds>
                                  Time budget of the contraction certificate search, in seconds. (default:
                                  30.0)
          --budget <budget>       Seconds for the whole audit, shared by its stages; a stage that runs out
                                  says undecided and names itself. (default: 600.0)
          --stage-seconds <stage=seconds>
                                  Seconds for one stage, overriding its share of --budget (repeatable).
                Stages: walras_law, equilibrium, first_welfare, second_welfare, contraction, vector_search,
                closed_form, simplicial_search, newton, planner, enclosure, non_existence, census,
                step_selection, orbits, contraction_certificate, step_range.
          --refine <K1,K2,…>      Galerkin refinement of an agent economy: its equilibrium with the data
                                  projected onto each number of bins, and the exact L² distances between
                                  successive ones.
          --enclosure-width <width>
                                  The widest interval of an enclosure of an irrational equilibrium: an
                                  exact number in (0, 1] such as 2^-60 or 1/1024. (default: 2^-60)
          --all-equilibria        Look for every equilibrium (small economies: up to 12 goods, activities
                                  and quadratic outputs together), each exact or enclosed, with its index,
                                  and decide uniqueness.
          -h, --help              Show help information.

        """#),
    PinnedHelp(path: "walras export", render: { Walras.helpMessage(for: Export.self, columns: $0) }, golden: #"""
        OVERVIEW: Write an economy as a walras-economy/1 file (agent economies are compiled).

        Agents become firms, each source-to-sink path a constant-returns routing firm and a task good (none
        where routing is folded: smooth agents with Leontief orchestrators), orchestrators consumers.
        Without --out, writes to standard output.

        USAGE: walras export [<file>] [--out <out>]

        ARGUMENTS:
          <file>                  A walras-agent-economy/1 or walras-economy/1 JSON file. Omit it to export
                                  the bundled default.

        OPTIONS:
          --out <out>             Write the economy to this file instead of standard output.
          -h, --help              Show help information.

        """#),
    PinnedHelp(path: "walras generate", render: { Walras.helpMessage(for: Generate.self, columns: $0) }, golden: #"""
        OVERVIEW: Write a generated economy file.

        USAGE: walras generate <subcommand>

        OPTIONS:
          -h, --help              Show help information.

        SUBCOMMANDS:
          agents                  Write a layered agent system as a walras-agent-economy/1 file.

          See 'walras help generate <subcommand>' for detailed help.
        """#),
    PinnedHelp(path: "walras generate agents", render: { Walras.helpMessage(for: GenerateAgents.self, columns: $0) }, golden: #"""
        OVERVIEW: Write a layered agent system as a walras-agent-economy/1 file.

        LAYERS × WIDTH agents; each agent of a layer after the first takes work from FAN-IN agents of the
        layer before. It compiles to layers·width·metrics·bins + resources·bins commodities plus one task
        good per source-to-sink path (at most width·fan-in^(layers−1)). Same arguments, same bytes.

        USAGE: walras generate agents <options>

        OPTIONS:
          --layers <layers>       Layers of the agent DAG. (default: 3)
          --width <width>         Agents per layer. (default: 3)
          --metrics <metrics>     Metrics per agent (throughput, quality, …). (default: 3)
          --bins <bins>           Time bins K of the piecewise-constant basis. (default: 8)
          --resources <resources> Primary resources (GPU, memory, …). (default: 1)
          --modes <modes>         Operating modes per agent. (default: 2)
          --fan-in <fan-in>       Upstream agents per agent after the first layer. (default: 1)
          --orchestrators <orchestrators>
                                  Orchestrators (consumers). (default: 1)
          --welfare <welfare>     Orchestrators' welfare: cobb-douglas, leontief or mixed (alternating).
                                  (default: cobb-douglas)
          --discrete              Agents run one mode at full capacity or idle (not convex).
          --smooth                Smooth agents (quadratic cost in one budget), Leontief orchestrators, a
                                  known rational equilibrium.
          --seed <seed>           Seed (decimal or 0x hex). (default: 0)
          --out <out>             Write the file here instead of standard output.
          -h, --help              Show help information.

        """#),
    PinnedHelp(path: "walras check-certificate", render: { Walras.helpMessage(for: CheckCertificate.self, columns: $0) }, golden: #"""
        OVERVIEW: Run a checker alone on a certificate: of an equilibrium, or that none exists (or on an
        audit --json report that holds one).

        The certificate claims a Walrasian equilibrium, an equilibrium with transfers, or that none exists;
        the output states exactly what the checker proved. Exit 0: the claim is proved. 1: it is rejected,
        with the reason. 2: a file is rejected.

        USAGE: walras check-certificate <file> [--economy <economy>]

        ARGUMENTS:
          <file>                  A walras-certificate/2 file, or a walras-report/1 JSON report.

        OPTIONS:
          --economy <economy>     Your economy file (core or agent format): the certificate must be about
                                  exactly this economy.
          -h, --help              Show help information.

        """#),
    PinnedHelp(path: "walras plot", render: { Walras.helpMessage(for: Plot.self, columns: $0) }, golden: #"""
        OVERVIEW: Draw pictures of what Walras computes (SVG).

        USAGE: walras plot <subcommand>

        OPTIONS:
          -h, --help              Show help information.

        SUBCOMMANDS:
          sperner                 Draw the triangulated price simplex of a three-good economy, its labels,
                                  the path and the completely labelled simplex.
          convergence             Draw the tâtonnement's distance to the equilibrium per iteration (log
                                  scale) with the Banach bound, or the failing orbit on the simplex.

          See 'walras help plot <subcommand>' for detailed help.
        """#),
    PinnedHelp(path: "walras plot sperner", render: { Walras.helpMessage(for: Plot.Sperner.self, columns: $0) }, golden: #"""
        OVERVIEW: Draw the triangulated price simplex of a three-good economy, its labels, the path and the
        completely labelled simplex.

        USAGE: walras plot sperner <file> --out <out> [--mesh <mesh>]

        ARGUMENTS:
          <file>                  A three-good economy file.

        OPTIONS:
          --out <out>             Where to write the SVG picture.
          --mesh <mesh>           The grid: prices k/D for D = this mesh (2 to 96). (default: 16)
          -h, --help              Show help information.

        """#),
    PinnedHelp(path: "walras plot convergence", render: { Walras.helpMessage(for: Plot.Convergence.self, columns: $0) }, golden: #"""
        OVERVIEW: Draw the tâtonnement's distance to the equilibrium per iteration (log scale) with the
        Banach bound, or the failing orbit on the simplex.

        USAGE: walras plot convergence <file> --out <out> [--step <step>]

        ARGUMENTS:
          <file>                  An economy file.

        OPTIONS:
          --out <out>             Where to write the SVG picture.
          --step <step>           The orchestrator's tâtonnement step η: an exact number in (0, 64] such as
                                  1/64 or 0.015625. Default: Walras chooses.
          -h, --help              Show help information.

        """#),
    PinnedHelp(path: "walras sweep", render: { Walras.helpMessage(for: Sweep.self, columns: $0) }, golden: #"""
        OVERVIEW: Check many seeded economies, per property and regime; write results as JSON lines.

        Economy k of the sweep has seed SEED + k. Exit 1 if any counterexample (a failure where every
        hypothesis holds).

        USAGE: walras sweep [--properties <properties>] [--property <property>] [--regime <regime>] [--count <count>] [--seed <seed>] [--jobs <jobs>] [--shard <shard>] [--out <out>]

        OPTIONS:
          --properties <properties>
                                  The directory of property specs. (default: properties)
          --property <property>   Only this property (default: every spec in the directory).
          --regime <regime>       Only this regime. (values: all-hold, non-convex, satiation,
                                  profit-leakage, boundary, agents, scale, discrete-agents, smooth,
                                  non-contraction)
          --count <count>         Economies per property and regime (default: each spec's default_count).
          --seed <seed>           The first seed (decimal or 0x hex). (default: 0)
          --jobs <jobs>           Worker threads (default: the number of cores).
          --shard <shard>         Run only shard i of n (i from 1 to n), e.g. 2/8: economy k goes to shard
                                  k mod n + 1. (default: 1/1)
          --out <out>             Append results to this JSON-lines file; seeds already in it are skipped
                                  (resume).
          -h, --help              Show help information.

        """#),
    PinnedHelp(path: "walras reproduce", render: { Walras.helpMessage(for: Reproduce.self, columns: $0) }, golden: #"""
        OVERVIEW: Regenerate the economy of a seed, rerun the checks, and shrink a failure.

        The same SEED and regime always give the same economy, byte for byte.

        USAGE: walras reproduce <seed> [--properties <properties>] [--property <property>] [--regime <regime>] [--emit <emit>] [--emit-shrunk <emit-shrunk>]

        ARGUMENTS:
          <seed>                  The economy's seed (decimal or 0x hex).

        OPTIONS:
          --properties <properties>
                                  The directory of property specs. (default: properties)
          --property <property>   Only this property (default: every spec in the directory).
          --regime <regime>       The regime (all-hold: every hypothesis holds). (values: all-hold,
                                  non-convex, satiation, profit-leakage, boundary, agents, scale,
                                  discrete-agents, smooth, non-contraction; default: all-hold)
          --emit <emit>           Write the (original) economy file here.
          --emit-shrunk <emit-shrunk>
                                  Write the shrunk counterexample, when there is one, here (walras audit
                                  reproduces it).
          -h, --help              Show help information.

        """#),
    PinnedHelp(path: "walras merge", render: { Walras.helpMessage(for: Merge.self, columns: $0) }, golden: #"""
        OVERVIEW: Combine the results of sharded sweeps into one summary.

        USAGE: walras merge <files> ...

        ARGUMENTS:
          <files>                 Results files (JSON lines) written by walras sweep --out.

        OPTIONS:
          -h, --help              Show help information.

        """#),
    PinnedHelp(path: "walras study", render: { Walras.helpMessage(for: Study.self, columns: $0) }, golden: #"""
        OVERVIEW: Run the documented study: every theorem on seeded economies of every regime; write
        study.md, figures, JSON.

        Writes DIR/study.md, DIR/study.json, DIR/figures/*.svg, DIR/exemplars/ and DIR/cost.md (the only
        machine-dependent file, with figures/cost.svg). The records go to DIR/records.jsonl as they are
        made; rerunning resumes. With --shard, only that shard's records are made
        (DIR/records-I-of-N.jsonl); merge them with --from. Exit 1 if a theorem failed where its hypotheses
        hold. Design: docs/study.md.

        USAGE: walras study --out <out> [--design <design>] [--seed <seed>] [--shard <shard>] [--jobs <jobs>] [--from <from> ...]

        OPTIONS:
          --out <out>             The directory of the report.
          --design <design>       The design: tiny (tests), laptop (minutes on 2 cores), large (job
                                  runners). (values: tiny, laptop, large; default: laptop)
          --seed <seed>           The first seed (decimal or 0x hex); economy k of a regime has seed SEED +
                                  k. (default: 0)
          --shard <shard>         Run only shard i of n (i from 1 to n): economy k of each regime goes to
                                  shard k mod n + 1. (default: 1/1)
          --jobs <jobs>           Worker threads (default: the number of cores).
          --from <from>           Make the report from these records files (merged shards) instead of
                                  running.
          -h, --help              Show help information.

        """#),
]
