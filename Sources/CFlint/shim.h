// Thin wrappers over FLINT's rational matrices (fmpq_mat), for the untrusted
// exact solver FlintLinearAlgebra. FLINT's types are structs Swift imports;
// GMP rationals cross as `const void *` so that callers need not import gmp.h.
#ifndef WALRAS_CFLINT_SHIM_H
#define WALRAS_CFLINT_SHIM_H

#include <gmp.h>
#include <flint/flint.h>
#include <flint/fmpq.h>
#include <flint/fmpq_mat.h>

typedef struct { fmpq_mat_struct m[1]; } cflint_matrix;

static inline cflint_matrix *cflint_matrix_new(long rows, long columns) {
    cflint_matrix *a = (cflint_matrix *) flint_malloc(sizeof(cflint_matrix));
    fmpq_mat_init(a->m, rows, columns);
    return a;
}
static inline void cflint_matrix_free(cflint_matrix *a) { fmpq_mat_clear(a->m); flint_free(a); }
static inline void cflint_matrix_set(cflint_matrix *a, long i, long j, const void *q) {
    fmpq_set_mpq(fmpq_mat_entry(a->m, i, j), (mpq_srcptr) q);
}
static inline void cflint_matrix_get(void *q, const cflint_matrix *a, long i, long j) {
    fmpq_get_mpq((mpq_ptr) q, fmpq_mat_entry(a->m, i, j));
}
/// x = A⁻¹ b for square nonsingular A (FLINT picks Dixon's p-adic lifting or a
/// multimodular method); 0 when A is singular.
static inline int cflint_solve(cflint_matrix *x, const cflint_matrix *a, const cflint_matrix *b) {
    return fmpq_mat_solve(x->m, a->m, b->m);
}
/// An initialised mpq_t on the heap, for reading entries back.
static inline void *cflint_mpq_new(void) { mpq_ptr q = (mpq_ptr) flint_malloc(sizeof(__mpq_struct)); mpq_init(q); return q; }
static inline void cflint_mpq_free(void *q) { mpq_clear((mpq_ptr) q); flint_free(q); }

#endif
