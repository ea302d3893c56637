/* walras-lp-engine: QSopt_ex in a process of its own.
 *
 * QSopt_ex installs its own GMP memory functions and keeps global state, so
 * it must not share a process with Walras' exact arithmetic; in its own
 * process it also cannot hang or crash an audit (the caller kills it at the
 * end of the budget). Untrusted, like every solver: its answer is a
 * candidate for Walras' checkers.
 *
 * Input (file argv[1]), whitespace-separated tokens:
 *   walras-lp/1 COLUMNS ROWS MAXIMISE(0|1) SECONDS
 *   COLUMNS objective coefficients
 *   per row: SENSE(L|G|E) RHS COUNT, then COUNT pairs COLUMN VALUE
 * Rationals are decimal "p/q" or "p".
 * Output (file argv[2]): "optimal VALUE" then COLUMNS primal values then ROWS
 * duals, one per line; or "infeasible", "unbounded", "unsolved STATUS". */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "CQSoptEx.h"

static char *token(FILE *f) {
    static char buffer[1 << 16];
    if (fscanf(f, "%65535s", buffer) != 1) return NULL;
    return strdup(buffer);
}

int main(int argc, char **argv) {
    if (argc != 3) { fprintf(stderr, "usage: walras-lp-engine INPUT OUTPUT\n"); return 2; }
    FILE *in = fopen(argv[1], "r");
    if (!in) { perror(argv[1]); return 2; }
    char *magic = token(in);
    int columns, rows, maximise;
    double seconds;
    if (!magic || strcmp(magic, "walras-lp/1") != 0 || fscanf(in, "%d %d %d %lf", &columns, &rows, &maximise, &seconds) != 4
        || columns < 0 || rows < 0) {
        fprintf(stderr, "%s: not a walras-lp/1 file\n", argv[1]);
        return 2;
    }
    char **objective = calloc(columns + 1, sizeof(char *));
    for (int j = 0; j < columns; j++) if (!(objective[j] = token(in))) return 2;
    int *row_start = calloc(rows + 1, sizeof(int));
    char *sense = calloc(rows + 1, 1);
    char **rhs = calloc(rows + 1, sizeof(char *));
    int capacity = 1024, used = 0;
    int *index = malloc(sizeof(int) * capacity);
    char **values = malloc(sizeof(char *) * capacity);
    for (int i = 0; i < rows; i++) {
        char *s = token(in);
        int count;
        if (!s || !(rhs[i] = token(in)) || fscanf(in, "%d", &count) != 1 || count < 0) return 2;
        sense[i] = s[0];
        free(s);
        row_start[i] = used;
        for (int k = 0; k < count; k++) {
            if (used == capacity) {
                capacity *= 2;
                index = realloc(index, sizeof(int) * capacity);
                values = realloc(values, sizeof(char *) * capacity);
            }
            if (fscanf(in, "%d", &index[used]) != 1 || index[used] < 0 || index[used] >= columns) return 2;
            if (!(values[used] = token(in))) return 2;
            used++;
        }
    }
    row_start[rows] = used;
    fclose(in);
    walras_qsopt_result result;
    int error = walras_qsopt_solve(rows, columns, maximise, (const char *const *)objective, row_start, index,
                                   (const char *const *)values, sense, (const char *const *)rhs, seconds, &result);
    FILE *out = fopen(argv[2], "w");
    if (!out) { perror(argv[2]); return 2; }
    if (error) fprintf(out, "unsolved error-%d\n", error);
    else if (result.status == 1) {
        fprintf(out, "optimal %s\n", result.objective);
        for (int j = 0; j < columns; j++) fprintf(out, "%s\n", result.x[j]);
        for (int i = 0; i < rows; i++) fprintf(out, "%s\n", result.y[i]);
    } else if (result.status == 2) fprintf(out, "infeasible\n");
    else if (result.status == 3) fprintf(out, "unbounded\n");
    else fprintf(out, "unsolved status-%d\n", result.status);
    walras_qsopt_free(&result);
    return fclose(out) == 0 ? 0 : 2;
}
