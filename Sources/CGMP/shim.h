// Thin, named wrappers over GMP. gmp.h spells most of its API as macros
// (`#define mpz_add __gmpz_add`), which Swift does not import, so each entry
// point Walras uses is re-exposed here as a `static inline` function.
// Nothing here allocates except where GMP itself does.
#ifndef WALRAS_CGMP_SHIM_H
#define WALRAS_CGMP_SHIM_H

#include <gmp.h>
#include <limits.h>

// ---- mpz ----
static inline void cgmp_z_init(mpz_ptr r) { mpz_init(r); }
static inline void cgmp_z_clear(mpz_ptr r) { mpz_clear(r); }
static inline void cgmp_z_set(mpz_ptr r, mpz_srcptr a) { mpz_set(r, a); }
static inline void cgmp_z_set_si(mpz_ptr r, long a) { mpz_set_si(r, a); }
static inline void cgmp_z_init_set(mpz_ptr r, mpz_srcptr a) { mpz_init_set(r, a); }
static inline void cgmp_z_init_set_si(mpz_ptr r, long a) { mpz_init_set_si(r, a); }
static inline int cgmp_z_set_str(mpz_ptr r, const char *s, int base) { return mpz_set_str(r, s, base); }
static inline void cgmp_z_add(mpz_ptr r, mpz_srcptr a, mpz_srcptr b) { mpz_add(r, a, b); }
static inline void cgmp_z_sub(mpz_ptr r, mpz_srcptr a, mpz_srcptr b) { mpz_sub(r, a, b); }
static inline void cgmp_z_mul(mpz_ptr r, mpz_srcptr a, mpz_srcptr b) { mpz_mul(r, a, b); }
static inline void cgmp_z_mul_si(mpz_ptr r, mpz_srcptr a, long b) { mpz_mul_si(r, a, b); }
static inline void cgmp_z_addmul(mpz_ptr r, mpz_srcptr a, mpz_srcptr b) { mpz_addmul(r, a, b); }
static inline void cgmp_z_submul(mpz_ptr r, mpz_srcptr a, mpz_srcptr b) { mpz_submul(r, a, b); }
static inline void cgmp_z_neg(mpz_ptr r, mpz_srcptr a) { mpz_neg(r, a); }
static inline void cgmp_z_abs(mpz_ptr r, mpz_srcptr a) { mpz_abs(r, a); }
static inline void cgmp_z_divexact(mpz_ptr r, mpz_srcptr a, mpz_srcptr b) { mpz_divexact(r, a, b); }
static inline void cgmp_z_tdiv_qr(mpz_ptr q, mpz_ptr r, mpz_srcptr a, mpz_srcptr b) { mpz_tdiv_qr(q, r, a, b); }
static inline void cgmp_z_fdiv_q(mpz_ptr q, mpz_srcptr a, mpz_srcptr b) { mpz_fdiv_q(q, a, b); }
static inline void cgmp_z_cdiv_q(mpz_ptr q, mpz_srcptr a, mpz_srcptr b) { mpz_cdiv_q(q, a, b); }
static inline void cgmp_z_gcd(mpz_ptr r, mpz_srcptr a, mpz_srcptr b) { mpz_gcd(r, a, b); }
static inline void cgmp_z_lcm(mpz_ptr r, mpz_srcptr a, mpz_srcptr b) { mpz_lcm(r, a, b); }
static inline void cgmp_z_pow_ui(mpz_ptr r, mpz_srcptr a, unsigned long e) { mpz_pow_ui(r, a, e); }
static inline void cgmp_z_sqrt(mpz_ptr r, mpz_srcptr a) { mpz_sqrt(r, a); }
static inline void cgmp_z_ui_pow_ui(mpz_ptr r, unsigned long b, unsigned long e) { mpz_ui_pow_ui(r, b, e); }
static inline int cgmp_z_cmp(mpz_srcptr a, mpz_srcptr b) { return mpz_cmp(a, b); }
static inline int cgmp_z_sgn(mpz_srcptr a) { return mpz_sgn(a); }
static inline int cgmp_z_fits_long(mpz_srcptr a) { return mpz_fits_slong_p(a); }
static inline long cgmp_z_get_si(mpz_srcptr a) { return mpz_get_si(a); }
static inline double cgmp_z_get_d(mpz_srcptr a) { return mpz_get_d(a); }
static inline size_t cgmp_z_sizeinbase(mpz_srcptr a, int base) { return mpz_sizeinbase(a, base); }
static inline char *cgmp_z_get_str(char *buf, int base, mpz_srcptr a) { return mpz_get_str(buf, base, a); }
static inline size_t cgmp_z_size(mpz_srcptr a) { return mpz_size(a); }
static inline mp_limb_t cgmp_z_getlimbn(mpz_srcptr a, mp_size_t n) { return mpz_getlimbn(a, n); }

// A small value as a mpz_t that borrows the caller's limb: no allocation.
// `*limb` must outlive every use of `r`.
static inline mpz_srcptr cgmp_z_roinit_si(mpz_ptr r, mp_limb_t *limb, long a) {
    // Magnitude of LONG_MIN is representable in an unsigned limb.
    unsigned long m = a < 0 ? 0UL - (unsigned long)a : (unsigned long)a;
    *limb = (mp_limb_t)m;
    return mpz_roinit_n(r, limb, a < 0 ? -1 : (a == 0 ? 0 : 1));
}

// ---- mpq ----
static inline void cgmp_q_init(mpq_ptr r) { mpq_init(r); }
static inline void cgmp_q_clear(mpq_ptr r) { mpq_clear(r); }
static inline void cgmp_q_set(mpq_ptr r, mpq_srcptr a) { mpq_set(r, a); }
static inline void cgmp_q_add(mpq_ptr r, mpq_srcptr a, mpq_srcptr b) { mpq_add(r, a, b); }
static inline void cgmp_q_sub(mpq_ptr r, mpq_srcptr a, mpq_srcptr b) { mpq_sub(r, a, b); }
static inline void cgmp_q_mul(mpq_ptr r, mpq_srcptr a, mpq_srcptr b) { mpq_mul(r, a, b); }
static inline void cgmp_q_div(mpq_ptr r, mpq_srcptr a, mpq_srcptr b) { mpq_div(r, a, b); }
static inline void cgmp_q_neg(mpq_ptr r, mpq_srcptr a) { mpq_neg(r, a); }
static inline void cgmp_q_abs(mpq_ptr r, mpq_srcptr a) { mpq_abs(r, a); }
static inline void cgmp_q_inv(mpq_ptr r, mpq_srcptr a) { mpq_inv(r, a); }
static inline int cgmp_q_cmp(mpq_srcptr a, mpq_srcptr b) { return mpq_cmp(a, b); }
static inline int cgmp_q_sgn(mpq_srcptr a) { return mpq_sgn(a); }
static inline void cgmp_q_canonicalize(mpq_ptr r) { mpq_canonicalize(r); }
static inline double cgmp_q_get_d(mpq_srcptr a) { return mpq_get_d(a); }
static inline mpz_ptr cgmp_q_num(mpq_ptr a) { return mpq_numref(a); }
static inline mpz_ptr cgmp_q_den(mpq_ptr a) { return mpq_denref(a); }
static inline mpz_srcptr cgmp_q_num_c(mpq_srcptr a) { return mpq_numref(a); }
static inline mpz_srcptr cgmp_q_den_c(mpq_srcptr a) { return mpq_denref(a); }
static inline void cgmp_q_set_num_den(mpq_ptr r, mpz_srcptr n, mpz_srcptr d) {
    mpz_set(mpq_numref(r), n); mpz_set(mpq_denref(r), d);
}

// A canonical small rational n/d (d > 0) as a read-only mpq_t over two
// caller-owned limbs: the mixed big/small operations use it to avoid
// allocating a temporary.
static inline mpq_srcptr cgmp_q_roinit_si(mpq_ptr r, mp_limb_t *limbs, long n, long d) {
    cgmp_z_roinit_si(mpq_numref(r), &limbs[0], n);
    cgmp_z_roinit_si(mpq_denref(r), &limbs[1], d);
    return r;
}

#endif
