#include "GMPBaseline.h"
int gmp_baseline_placeholder(void){return 0;}
