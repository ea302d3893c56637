#include "GMPBaseline.h"
#include <gmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

static long long now_ns(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (long long)t.tv_sec * 1000000000LL + t.tv_nsec;
}

static void set_q(mpq_t q, long n, long d) {
    mpq_set_si(q, n, (unsigned long)d);
    mpq_canonicalize(q);
}

long long baseline_dot(const long *an, const long *ad, const long *bn, const long *bd, int n,
                       int repetitions, char *checksum, size_t checksum_len) {
    mpq_t *a = malloc(sizeof(mpq_t) * n), *b = malloc(sizeof(mpq_t) * n);
    for (int i = 0; i < n; i++) {
        mpq_init(a[i]); mpq_init(b[i]);
        set_q(a[i], an[i], ad[i]); set_q(b[i], bn[i], bd[i]);
    }
    mpq_t sum, t;
    mpq_init(sum); mpq_init(t);
    long long best = -1;
    for (int r = 0; r < repetitions; r++) {
        long long start = now_ns();
        mpq_set_ui(sum, 0, 1);
        for (int i = 0; i < n; i++) {
            mpq_mul(t, a[i], b[i]);
            mpq_add(sum, sum, t);
        }
        long long elapsed = now_ns() - start;
        if (best < 0 || elapsed < best) best = elapsed;
    }
    gmp_snprintf(checksum, checksum_len, "%Qd", sum);
    for (int i = 0; i < n; i++) { mpq_clear(a[i]); mpq_clear(b[i]); }
    mpq_clear(sum); mpq_clear(t);
    free(a); free(b);
    return best;
}

long long baseline_solve(const long *a_in, const long *b_in, int n, int repetitions, char *checksum, size_t checksum_len) {
    int w = n + 1;
    mpq_t *m = malloc(sizeof(mpq_t) * n * w);
    mpq_t *x = malloc(sizeof(mpq_t) * n);
    for (int i = 0; i < n * w; i++) mpq_init(m[i]);
    for (int i = 0; i < n; i++) mpq_init(x[i]);
    mpq_t f, t;
    mpq_init(f); mpq_init(t);
    long long best = -1;
    for (int r = 0; r < repetitions; r++) {
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) mpq_set_si(m[i * w + j], a_in[i * n + j], 1);
            mpq_set_si(m[i * w + n], b_in[i], 1);
        }
        long long start = now_ns();
        for (int k = 0; k < n; k++) {
            int p = k;
            while (p < n && mpq_sgn(m[p * w + k]) == 0) p++;
            if (p == n) { snprintf(checksum, checksum_len, "singular"); goto done; }
            if (p != k) for (int j = 0; j < w; j++) mpq_swap(m[p * w + j], m[k * w + j]);
            for (int i = k + 1; i < n; i++) {
                if (mpq_sgn(m[i * w + k]) == 0) continue;
                mpq_div(f, m[i * w + k], m[k * w + k]);
                for (int j = k + 1; j < w; j++) {
                    mpq_mul(t, f, m[k * w + j]);
                    mpq_sub(m[i * w + j], m[i * w + j], t);
                }
                mpq_set_ui(m[i * w + k], 0, 1);
            }
        }
        for (int i = n - 1; i >= 0; i--) {
            mpq_set(x[i], m[i * w + n]);
            for (int j = i + 1; j < n; j++) {
                mpq_mul(t, m[i * w + j], x[j]);
                mpq_sub(x[i], x[i], t);
            }
            mpq_div(x[i], x[i], m[i * w + i]);
        }
        long long elapsed = now_ns() - start;
        if (best < 0 || elapsed < best) best = elapsed;
    }
    gmp_snprintf(checksum, checksum_len, "%Qd", x[0]);
done:
    for (int i = 0; i < n * w; i++) mpq_clear(m[i]);
    for (int i = 0; i < n; i++) mpq_clear(x[i]);
    mpq_clear(f); mpq_clear(t);
    free(m); free(x);
    return best;
}

long long baseline_excess_demand(const long *exp_num, const long *exp_den, const long *endowment,
                                 const long *price_num, const long *price_den, int goods, int consumers,
                                 int pool, int evaluations, int repetitions, char *checksum, size_t checksum_len) {
    mpq_t *a = malloc(sizeof(mpq_t) * goods * consumers);
    mpq_t *omega = malloc(sizeof(mpq_t) * goods * consumers);
    mpq_t *total = malloc(sizeof(mpq_t) * goods);
    mpq_t *p = malloc(sizeof(mpq_t) * goods * pool);
    mpq_t *z = malloc(sizeof(mpq_t) * goods);
    for (int h = 0; h < consumers; h++)
        for (int i = 0; i < goods; i++) {
            mpq_init(a[h * goods + i]); set_q(a[h * goods + i], exp_num[h * goods + i], exp_den[h]);
            mpq_init(omega[h * goods + i]); mpq_set_si(omega[h * goods + i], endowment[h * goods + i], 1);
        }
    for (int i = 0; i < goods; i++) {
        mpq_init(total[i]); mpq_init(z[i]);
        for (int h = 0; h < consumers; h++) mpq_add(total[i], total[i], omega[h * goods + i]);
    }
    for (int k = 0; k < goods * pool; k++) { mpq_init(p[k]); set_q(p[k], price_num[k], price_den[k]); }
    mpq_t w, t, value;
    mpq_init(w); mpq_init(t); mpq_init(value);
    long failures = 0;
    long long best = -1;
    for (int r = 0; r < repetitions; r++) {
        failures = 0;
        long long start = now_ns();
        for (int e = 0; e < evaluations; e++) {
            mpq_t *pe = p + (e % pool) * goods;
            for (int i = 0; i < goods; i++) mpq_neg(z[i], total[i]);
            for (int h = 0; h < consumers; h++) {
                mpq_set_ui(w, 0, 1);
                for (int i = 0; i < goods; i++) {
                    mpq_mul(t, pe[i], omega[h * goods + i]);
                    mpq_add(w, w, t);
                }
                for (int i = 0; i < goods; i++) {
                    mpq_mul(t, a[h * goods + i], w);
                    mpq_div(t, t, pe[i]);
                    mpq_add(z[i], z[i], t);
                }
            }
            mpq_set_ui(value, 0, 1);
            for (int i = 0; i < goods; i++) {
                mpq_mul(t, pe[i], z[i]);
                mpq_add(value, value, t);
            }
            if (mpq_sgn(value) != 0) failures++;
        }
        long long elapsed = now_ns() - start;
        if (best < 0 || elapsed < best) best = elapsed;
    }
    snprintf(checksum, checksum_len, "%ld", failures);
    for (int k = 0; k < goods * consumers; k++) { mpq_clear(a[k]); mpq_clear(omega[k]); }
    for (int i = 0; i < goods; i++) { mpq_clear(total[i]); mpq_clear(z[i]); }
    for (int k = 0; k < goods * pool; k++) mpq_clear(p[k]);
    mpq_clear(w); mpq_clear(t); mpq_clear(value);
    free(a); free(omega); free(total); free(p); free(z);
    return best;
}
