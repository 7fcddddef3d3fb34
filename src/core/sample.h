/* sample.h — how many opinions a unit must collect in a year: the sample
 * size from its number of dossiers (Slovin by default, as the 1383-era
 * method; Cochran with finite-population correction as an alternative), and
 * its allocation to fields in proportion to their dossiers (seed 004 §II.2). */
#ifndef HL_SAMPLE_H
#define HL_SAMPLE_H

#include <stdint.h>

#include "base/err.h"

enum hl_sample_method { HL_SAMPLE_SLOVIN, HL_SAMPLE_COCHRAN };

/* Required sample for population N at margin e (0 < e < 1), 95 % confidence:
 * Slovin n = N / (1 + N e^2); Cochran n0 = z^2 p(1-p) / e^2 with p = 0,5,
 * n = n0 / (1 + (n0 - 1) / N). Rounded up; never more than N; 0 when N = 0. */
int64_t hl_sample_size(enum hl_sample_method m, int64_t population, double margin);

/* Split total over k strata in proportion to counts[i] (largest remainder),
 * each stratum with dossiers getting at least min_each (but never more than
 * its count). The result may exceed total because of the minimum. */
int hl_sample_allocate(int64_t total, const int64_t *counts, int k, int64_t min_each, int64_t *out,
	struct hl_err *err);

/* Opinions expected by day `elapsed` of a period of `length` days (pro rata,
 * rounded up), for a requirement of `required`. */
int64_t hl_sample_expected(int64_t required, int elapsed, int length);

#endif
