#ifndef WALRAS_CQSOPTEX_H
#define WALRAS_CQSOPTEX_H

/* A narrow C interface to QSopt_ex's exact (rational) simplex, for the
 * untrusted side of Walras: rationals cross as decimal "p/q" strings, so no
 * GMP or QSopt_ex type appears in Swift. The answer is only a candidate:
 * Walras' checkers decide. */

typedef struct {
    /* 1 optimal, 2 infeasible, 3 unbounded, other: not solved (QS_LP_*). */
    int status;
    int rows, columns;
    /* Exact primal values (columns) and duals (rows) as "p/q" strings,
     * present when status is 1; free with walras_qsopt_free. */
    char **x;
    char **y;
    char *objective;
} walras_qsopt_result;

/* Solves  max (maximise != 0) or min  c·x  subject to, for each row r,
 * Σ_k values[k] x[columns[k]] (k from row_start[r] to row_start[r+1]-1)
 * `sense[r]` ('L' ≤, 'G' ≥, 'E' =) rhs[r], and x ≥ 0 (no upper bounds),
 * within about `seconds` of simplex time (each precision's attempt).
 * Returns 0 when QSopt_ex ran (see result.status), non-zero on an error. */
int walras_qsopt_solve(int rows, int columns, int maximise, const char *const *objective,
                       const int *row_start, const int *column_index, const char *const *values,
                       const char *sense, const char *const *rhs, double seconds, walras_qsopt_result *result);

void walras_qsopt_free(walras_qsopt_result *result);

#endif
