// The C/GMP floor for Walras's benchmarks: each workload written directly
// over mpq_t, as a careful C programmer would. Each function prepares its
// inputs, times only the kernel (best of `repetitions`, in nanoseconds,
// CLOCK_MONOTONIC), and writes a textual checksum of its result so the
// benchmark can confirm that Swift and C computed the same thing.
#ifndef WALRAS_GMP_BASELINE_H
#define WALRAS_GMP_BASELINE_H
#include <stddef.h>

/// W1/W1s: Σ a_i b_i for rationals given as numerator/denominator arrays.
long long baseline_dot(const long *an, const long *ad, const long *bn, const long *bd, int n,
                       int repetitions, char *checksum, size_t checksum_len);

/// W2: solve A x = b (A is n×n row-major, small integers) by rational
/// Gaussian elimination; checksum is x[0].
long long baseline_solve(const long *a, const long *b, int n, int repetitions, char *checksum, size_t checksum_len);

/// W3: `evaluations` Cobb–Douglas excess demands at price vectors drawn in
/// turn from a pool, each followed by the exact check p·z(p) == 0.
/// exponents: consumers×goods numerators over exp_den[h]; endowments:
/// consumers×goods integers; prices: pool×goods numerator/denominator.
/// Checksum: the number of evaluations where p·z(p) != 0 (expected 0).
long long baseline_excess_demand(const long *exp_num, const long *exp_den, const long *endowment,
                                 const long *price_num, const long *price_den, int goods, int consumers,
                                 int pool, int evaluations, int repetitions, char *checksum, size_t checksum_len);
#endif
