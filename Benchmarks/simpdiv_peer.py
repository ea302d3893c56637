#!/usr/bin/env python3
"""The public peer for Walras's simplicial search: Gambit's exact simplicial
subdivision (pygambit.nash.simpdiv_solve, van der Laan & Talman's method)
on random two-player games of the same dimension as the economy (5 + 6
strategies: a product of simplices of dimension 4 + 5 = 9, like the price
simplex of 10 goods), to the same accuracy (maximum regret 2^-40 of the
payoff range). Prints one JSON line. Run by `walras-bench`; needs
`pip install pygambit`."""
import json, random, sys, time

try:
    import pygambit as gbt
except ImportError:
    print(json.dumps({"available": False, "reason": "pygambit is not installed (pip install pygambit)"}))
    sys.exit(0)

import numpy as np

games = int(sys.argv[1]) if len(sys.argv) > 1 else 10
rng = random.Random(0xB5)
times = []
for g in range(games):
    a = np.array([[rng.randint(0, 99) for _ in range(6)] for _ in range(5)])
    b = np.array([[rng.randint(0, 99) for _ in range(6)] for _ in range(5)])
    game = gbt.Game.from_arrays(a, b)
    start = game.mixed_strategy_profile(rational=True)
    t0 = time.perf_counter()
    result = gbt.nash.simpdiv_solve(start, maxregret=gbt.Rational(1, 2**40))
    times.append(time.perf_counter() - t0)
    assert len(result.equilibria) == 1
print(json.dumps({"available": True, "version": gbt.__version__, "games": games,
                  "mean_seconds": sum(times) / len(times), "max_seconds": max(times)}))
