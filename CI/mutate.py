#!/usr/bin/env python3
"""Mutation testing of Walras' trusted and theorem modules.

Each mutant is one small, realistic bug planted in one line: a comparison
loosened or tightened, one condition of a guard dropped, && and || swapped,
a branch skipped. For each: apply it, `swift build --build-tests`, run the
tests that cover that module, and revert. A mutant is killed when the build
of the tests succeeds and some test fails; one that does not compile is
"stillborn" and not counted. The mutants are the curated ones below (bugs
outsiders planted) plus a sample of every operator site in the modules,
ranked by SplitMix64 of --seed and a SHA-256 of the site's text (file, operator, the line
before and after), so a run is reproducible and the sample is stable: editing one line
changes only that line's mutants, never which other sites are drawn.

    python3 CI/mutate.py [--count 48] [--seed 1] [--only NAME] [--list]

Run it in a clean checkout (it edits sources, and reverts each edit with
git checkout). It prints one line per mutant and a summary, and writes
mutation-report.md (kill rate, survivors) beside it.
"""
import argparse, hashlib, os, re, subprocess, sys, time

MODULES = {
    # module directory: tests that cover it (swift test --filter)
    "Sources/LPCertificates": "LinearProgrammingTests|CertificateTests|DifferentialFuzz|SecondWelfareTests|FirstWelfareTests|SingleFaultTests",
    "Sources/EquilibriumCertificates": "CertificateTests|DifferentialFuzz|HardenedCheckerTests|CertificateBindingTests|SecondWelfareTests|SingleFaultTests",
    "Sources/NonExistenceCertificates": "HardenedCheckerTests|NonExistenceTests|CertificateBindingTests|SingleFaultTests|PolynomialSignTests",
    "Sources/ContractionCertificates": "TatonnementTests|ContractionTests|SingleFaultTests",
    "Sources/TheoremChecks": "VerdictTests|WalrasLawTests|FirstWelfareTests|SecondWelfareTests|NonExistenceTests|SingleFaultTests|HardenedCheckerTests",
}

# Bugs found to survive before (issue 15), planted at their sites: (file, old, new, label).
CURATED = [
    ("Sources/LPCertificates/LPCertificateChecker.swift",
     "case .lessOrEqual: y[i].signum() >= 0", "case .lessOrEqual: true", "dual sign of <= rows dropped"),
    ("Sources/EquilibriumCertificates/EquilibriumChecker.swift",
     "guard (p[i] * z[i]).isZero else {", "guard (p[i] * z[i]).isZero || true else {", "complementarity dropped"),
    ("Sources/EquilibriumCertificates/EquilibriumChecker.swift",
     "guard weights.dot(x) >= attainable else {", "guard weights.dot(x) >= attainable || true else {",
     "capped-linear condition dropped"),
    ("Sources/EquilibriumCertificates/EquilibriumChecker.swift",
     "guard profit.signum() >= 0 else {", "guard profit.signum() >= 0 || true else {", "discrete supply forgets inaction"),
    ("Sources/ContractionCertificates/ContractionChecker.swift",
     "let slack = (1 - c.modulus) * c.radius", "let slack = c.radius", "ball-invariance slack (1 - L) r loosened to r"),
    ("Sources/TheoremChecks/WalrasLaw.swift",
     "for pickGreatest in [false, true] {", "for pickGreatest in [true] {", "Walras' law at the greatest-expenditure selection only"),
    ("Sources/TheoremChecks/FirstWelfare.swift",
     "guard comparisons.contains(where: { $0 > 0 }) else {", "guard true else {",
     "a Pareto improvement with no one strictly better off"),
    ("Sources/NonExistenceCertificates/NonExistenceChecker.swift",
     "for i in p.indices where p[i].isZero && lambda[i].signum() < 0 {", "for i in p.indices where false {",
     "separating direction negative on a free good"),
]

def splitmix(seed):
    state = seed & 0xFFFFFFFFFFFFFFFF
    while True:
        state = (state + 0x9E3779B97F4A7C15) & 0xFFFFFFFFFFFFFFFF
        z = state
        z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & 0xFFFFFFFFFFFFFFFF
        z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & 0xFFFFFFFFFFFFFFFF
        yield z ^ (z >> 31)

def top_level_split(cond):
    """Split a guard condition at commas outside brackets and strings."""
    parts, depth, cur, quoted = [], 0, "", False
    for ch in cond:
        if ch == '"':
            quoted = not quoted
        if not quoted:
            if ch in "([{":
                depth += 1
            elif ch in ")]}":
                depth -= 1
            elif ch == "," and depth == 0:
                parts.append(cur)
                cur = ""
                continue
        cur += ch
    parts.append(cur)
    return parts

def in_string(code, position):
    """Whether `position` is inside a string literal (an odd number of unescaped quotes before it)."""
    quotes = 0
    i = 0
    while i < position:
        if code[i] == "\\":
            i += 2
            continue
        if code[i] == '"':
            quotes += 1
        i += 1
    return quotes % 2 == 1

def sites(path):
    """Every operator site in one file: (line number, old line, new line, operator)."""
    out = []
    lines = open(path).read().split("\n")
    for k, line in enumerate(lines):
        code = line.split("//")[0]
        if not code.strip() or code.strip().startswith("///"):
            continue
        # Ordering predicates handed to sort/min/max decide only which of equal elements
        # comes first; `<` → `<=` there makes an invalid predicate, not a realistic bug.
        if re.search(r"\.(sorted|min|max)\s*(\(by:)?\s*\{", code):
            continue
        # Comparisons, spaced (never generics or arrows).
        for old, new in ((" >= ", " > "), (" <= ", " < "), (" > ", " >= "), (" < ", " <= ")):
            for m in re.finditer(re.escape(old), code):
                if in_string(code, m.start()):
                    continue
                out.append((k, line, line[:m.start()] + new + line[m.end():], "comparison %s->%s" % (old.strip(), new.strip())))
        for old, new in (("signum() > 0", "signum() >= 0"), ("signum() >= 0", "signum() > 0"),
                         ("signum() < 0", "signum() <= 0"), ("signum() <= 0", "signum() < 0")):
            for m in re.finditer(re.escape(old), code):
                if in_string(code, m.start()):
                    continue
                out.append((k, line, line[:m.start()] + new + line[m.end():], "sign test %s->%s" % (old, new)))
        for old, new in ((" && ", " || "), (" || ", " && ")):
            for m in re.finditer(re.escape(old), code):
                if in_string(code, m.start()):
                    continue
                out.append((k, line, line[:m.start()] + new + line[m.end():], "logic %s->%s" % (old.strip(), new.strip())))
        # One condition of a guard dropped.
        m = re.match(r"^(\s*guard )(.*)( else \{.*)$", line)
        if m:
            clauses = top_level_split(m.group(2))
            for i, c in enumerate(clauses):
                if c.strip().startswith(("let ", "case ", "var ")):
                    continue
                new = clauses[:i] + [" true" if i > 0 else "true"] + clauses[i + 1:]
                out.append((k, line, m.group(1) + ",".join(new) + m.group(3), "guard clause dropped"))
        # A branch skipped.
        m = re.match(r"^(\s*)if (.*) \{\s*$", line)
        if m and not m.group(2).startswith(("let ", "case ", "var ")) and " let " not in m.group(2):
            out.append((k, line, m.group(1) + "if false && (" + m.group(2) + ") {", "branch skipped"))
    return out

def run(cmd, timeout):
    try:
        r = subprocess.run(cmd, shell=True, capture_output=True, text=True, timeout=timeout)
        return r.returncode, r.stdout + r.stderr
    except subprocess.TimeoutExpired:
        return 124, "timeout"

def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--count", type=int, default=48, help="mutants in all, curated ones included")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--only", help="run only mutants whose label or file contains this")
    ap.add_argument("--list", action="store_true", help="list the mutants, run nothing")
    ap.add_argument("--known", help="a previous run's output: mutants already decided there are not run again")
    ap.add_argument("--test-timeout", type=int, default=600, help="seconds; a test run that hangs longer is a kill")
    args = ap.parse_args()
    os.chdir(os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))

    mutants = []
    curated_texts = set()
    for path, old, new, label in CURATED:
        mutants.append((path, old, new, "curated: " + label))
        text = open(path).read()
        curated_texts.add((path, text.replace(old, new, 1)))
    pool = []
    for module in MODULES:
        for name in sorted(os.listdir(module)):
            path = os.path.join(module, name)
            text = open(path).read()
            seen = {}
            made = set()
            for (k, line, new, op) in sites(path):
                if (path, text.replace(line, new, 1)) in curated_texts or (k, new) in made:
                    continue  # the same bug as a curated mutant, or as another operator's on this line
                made.add((k, new))
                key = "%s|%s|%s|%s" % (path, op, line.strip(), new.strip())
                seen[key] = seen.get(key, 0) + 1  # identical lines: tell them apart by order
                digest = hashlib.sha256(("%s|%d" % (key, seen[key])).encode()).digest()
                rank = next(splitmix(args.seed ^ int.from_bytes(digest[:8], "big")))
                pool.append((rank, (path, line, new, "%s:%d %s" % (path, k + 1, op))))
    pool.sort(key=lambda r: r[0])
    mutants += [m for _, m in pool[:max(0, args.count - len(mutants))]]
    if args.only:
        mutants = [m for m in mutants if args.only in m[3] or args.only in m[0]]
    if args.list:
        for m in mutants:
            print(m[3], "|", m[2].strip())
        print(len(mutants), "mutants from", len(pool), "sites")
        return

    rc, out = run("swift build --build-tests", 1800)
    if rc != 0:
        sys.exit("the unmutated package does not build:\n" + out[-2000:])
    known = {}
    if args.known:
        for line in open(args.known):
            m = re.match(r"^(killed|survived|stillborn)\s+\d+s (.*?)(?: \(from --known\))?$", line)
            if m:
                known[m.group(2)] = m.group(1)
    results = []
    for (path, old, new, label) in mutants:
        key = "%s | %s" % (label, new.strip())
        if key in known:
            results.append((label, known[key], 0))
            print("%-10s %5.0fs %s | %s (from --known)" % (known[key], 0, label, new.strip()), flush=True)
            continue
        module = next(m for m in MODULES if path.startswith(m))
        text = open(path).read()
        if old not in text:
            results.append((label, "missing", 0))
            print("missing   ", label)
            continue
        open(path, "w").write(text.replace(old, new, 1))
        start = time.time()
        try:
            rc, out = run("swift build --build-tests", 1800)
            if rc != 0:
                verdict = "stillborn"
            else:
                rc, out = run("swift test --skip-build --filter '%s'" % MODULES[module], args.test_timeout)  # a hang is a kill
                verdict = "survived" if rc == 0 else "killed"
        finally:
            subprocess.run(["git", "checkout", "--", path])
        results.append((label, verdict, time.time() - start))
        print("%-10s %5.0fs %s | %s" % (verdict, time.time() - start, label, new.strip()), flush=True)
    counted = [r for r in results if r[1] in ("killed", "survived")]
    killed = sum(1 for r in counted if r[1] == "killed")
    rate = 100.0 * killed / max(1, len(counted))
    print("\n%d mutants, %d stillborn or missing, %d killed of %d: kill rate %.1f%%"
          % (len(results), len(results) - len(counted), killed, len(counted), rate))
    with open("mutation-report.md", "w") as f:
        f.write("# Mutation report (seed %d, %d mutants)\n\n" % (args.seed, len(results)))
        f.write("Kill rate: %d of %d = %.1f%% (stillborn or missing: %d)\n\n" % (killed, len(counted), rate, len(results) - len(counted)))
        for r in results:
            f.write("- %s: %s\n" % (r[1], r[0]))
    sys.exit(0 if rate >= 90 else 1)

if __name__ == "__main__":
    main()
