#include "CQSoptEx.h"
#include <stdlib.h>
#include <string.h>
#include <pthread.h>
#include <gmp.h>
#include <qsopt_ex/QSopt_ex.h>

static pthread_once_t started = PTHREAD_ONCE_INIT;
static pthread_mutex_t engine = PTHREAD_MUTEX_INITIALIZER;
static void start(void) { QSexactStart(); }

static int set(mpq_t q, const char *text) {
    if (mpq_set_str(q, text, 10) != 0) return -1;
    if (mpz_sgn(mpq_denref(q)) == 0) return -1;
    mpq_canonicalize(q);
    return 0;
}

int walras_qsopt_solve(int rows, int columns, int maximise, const char *const *objective,
                       const int *row_start, const int *column_index, const char *const *values,
                       const char *sense, const char *const *rhs, double seconds, walras_qsopt_result *result) {
    pthread_once(&started, start);
    memset(result, 0, sizeof *result);
    result->rows = rows;
    result->columns = columns;
    /* QSopt_ex keeps global state: one problem at a time. */
    pthread_mutex_lock(&engine);
    int error = 0;
    mpq_QSprob p = mpq_QScreate_prob("walras", maximise ? QS_MAX : QS_MIN);
    if (!p) { pthread_mutex_unlock(&engine); return -1; }
    mpq_t c, lower, upper, v, r;
    mpq_init(c); mpq_init(lower); mpq_init(upper); mpq_init(v); mpq_init(r);
    mpq_set_ui(lower, 0, 1);
    mpq_set_d(v, seconds > 0 ? seconds : 1e-3);
    mpq_QSset_param_EGlpNum(p, QS_PARAM_SIMPLEX_MAX_TIME, v);
    mpq_set(upper, mpq_ILL_MAXDOUBLE);
    for (int j = 0; j < columns && !error; j++) {
        if (set(c, objective[j]) != 0) { error = -2; break; }
        error = mpq_QSnew_col(p, c, lower, upper, NULL);
    }
    for (int i = 0; i < rows && !error; i++) {
        int count = row_start[i + 1] - row_start[i];
        mpq_t *vals = malloc(sizeof(mpq_t) * (count > 0 ? count : 1));
        for (int k = 0; k < count; k++) {
            mpq_init(vals[k]);
            if (set(vals[k], values[row_start[i] + k]) != 0) error = -2;
        }
        if (!error && set(r, rhs[i]) != 0) error = -2;
        if (!error) error = mpq_QSadd_row(p, count, (int *)(column_index + row_start[i]), (const mpq_t *)vals, (const mpq_t *)&r,
                                          sense[i], NULL);
        for (int k = 0; k < count; k++) mpq_clear(vals[k]);
        free(vals);
    }
    if (!error) {
        /* QSexact_solver writes every column of its internal LP, the rows'
         * logical columns included: x needs columns + rows entries. */
        int internal = columns + rows;
        mpq_t *x = malloc(sizeof(mpq_t) * (internal > 0 ? internal : 1));
        mpq_t *y = malloc(sizeof(mpq_t) * (rows > 0 ? rows : 1));
        for (int j = 0; j < internal; j++) mpq_init(x[j]);
        for (int i = 0; i < rows; i++) mpq_init(y[i]);
        int status = 0;
        error = QSexact_solver(p, x, y, NULL, DUAL_SIMPLEX, &status);
        result->status = status;
        if (!error && status == QS_LP_OPTIMAL) {
            result->x = malloc(sizeof(char *) * (columns > 0 ? columns : 1));
            result->y = malloc(sizeof(char *) * (rows > 0 ? rows : 1));
            for (int j = 0; j < columns; j++) result->x[j] = mpq_get_str(NULL, 10, x[j]);
            for (int i = 0; i < rows; i++) result->y[i] = mpq_get_str(NULL, 10, y[i]);
            mpq_t value;
            mpq_init(value);
            mpq_QSget_objval(p, &value);
            result->objective = mpq_get_str(NULL, 10, value);
            mpq_clear(value);
        }
        for (int j = 0; j < internal; j++) mpq_clear(x[j]);
        for (int i = 0; i < rows; i++) mpq_clear(y[i]);
        free(x);
        free(y);
    }
    mpq_clear(c); mpq_clear(lower); mpq_clear(upper); mpq_clear(v); mpq_clear(r);
    mpq_QSfree_prob(p);
    pthread_mutex_unlock(&engine);
    return error;
}

void walras_qsopt_free(walras_qsopt_result *result) {
    void (*release)(void *, size_t);
    mp_get_memory_functions(NULL, NULL, &release);
    if (result->x) { for (int j = 0; j < result->columns; j++) release(result->x[j], strlen(result->x[j]) + 1); free(result->x); }
    if (result->y) { for (int i = 0; i < result->rows; i++) release(result->y[i], strlen(result->y[i]) + 1); free(result->y); }
    if (result->objective) release(result->objective, strlen(result->objective) + 1);
    memset(result, 0, sizeof *result);
}
