int gmp_baseline_placeholder(void);
