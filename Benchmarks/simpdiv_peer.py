#!/usr/bin/env python3
"""The public peer for Walras's simplicial searches: Gambit's exact
simplicial subdivision (pygambit.nash.simpdiv_solve, van der Laan and
Talman's restart method) on random two-player games whose strategy space,
a product of two simplices, has the given dimension d = (m1 - 1) + (m2 - 1),
like the price simplex of d + 1 goods; solved to maximum regret 2^-40 (of
the payoff range). Prints one JSON line with each game's payoffs and time,
so that `walras-bench` can run Walras's own search on the same games.

    python3 simpdiv_peer.py GAMES DIMENSION [SECONDS_PER_GAME]

Run by `walras-bench`; needs `pip install pygambit`."""
import json, multiprocessing, random, sys, time

try:
    import pygambit as gbt
except ImportError:
    print(json.dumps({"available": False, "reason": "pygambit is not installed (pip install pygambit)"}))
    sys.exit(0)

import numpy as np


def solve(a, b, queue):
    """One game, in a child process (a long simpdiv call cannot be interrupted otherwise)."""
    game = gbt.Game.from_arrays(np.array(a), np.array(b))
    start = game.mixed_strategy_profile(rational=True)
    t0 = time.perf_counter()
    result = gbt.nash.simpdiv_solve(start, maxregret=gbt.Rational(1, 2**40))
    seconds = time.perf_counter() - t0
    assert len(result.equilibria) == 1
    queue.put(seconds)


if __name__ == "__main__":
    games = int(sys.argv[1]) if len(sys.argv) > 1 else 10
    dimension = int(sys.argv[2]) if len(sys.argv) > 2 else 9
    limit = float(sys.argv[3]) if len(sys.argv) > 3 else 120  # seconds per game; a game past it is reported, not averaged
    m1 = (dimension + 2) // 2
    m2 = dimension + 2 - m1
    rng = random.Random(0xB5 + dimension)
    out = []
    for g in range(games):
        a = [[rng.randint(0, 99) for _ in range(m2)] for _ in range(m1)]
        b = [[rng.randint(0, 99) for _ in range(m2)] for _ in range(m1)]
        queue = multiprocessing.Queue()
        child = multiprocessing.Process(target=solve, args=(a, b, queue))
        child.start()
        child.join(limit)
        if child.is_alive():
            child.terminate()
            child.join()
            out.append({"a": a, "b": b, "seconds": None, "timeout": limit})
        else:
            out.append({"a": a, "b": b, "seconds": queue.get()})
    print(json.dumps({"available": True, "version": gbt.__version__, "dimension": dimension, "strategies": [m1, m2],
                      "games": out}))
