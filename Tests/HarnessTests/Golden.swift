import Harness

/// FNV-1a hashes of the `walras-economy/1` text of a few seeded economies.
/// They pin SplitMix64, our bounded sampling and the generators: if one
/// changes, every printed `walras reproduce` command would name a different
/// economy, so a change here must be deliberate (and noted in the changelog).
let GOLDEN: [(UInt64, Regime, UInt64)] = [
    (0, .allHold, 17156234092517329140),
    (1, .allHold, 8187781278841905241),
    (2, .nonConvex, 6957886343532895938),
    (3, .satiation, 9131562028798139629),
    (4, .profitLeakage, 2196485132967997367),
    (5, .boundary, 2725379900581243112),
    (6, .agents, 8199573351507156483),
]
