/* sample.c — sample sizes and proportional allocation. */
#include "core/sample.h"
#include "core/stats.h"
#include "base/mem.h"

#include <math.h>

int64_t hl_sample_size(enum hl_sample_method m, int64_t population, double margin)
{
	double N = (double)population, n;

	if (population <= 0 || margin <= 0 || margin >= 1)
		return 0;
	if (m == HL_SAMPLE_COCHRAN) {
		double n0 = HL_Z95 * HL_Z95 * 0.25 / (margin * margin);

		n = n0 / (1 + (n0 - 1) / N);
	} else {
		n = N / (1 + N * margin * margin);
	}
	/* Guard against 384.0000001 becoming 385. */
	n = ceil(n - 1e-9);
	return n > N ? population : (int64_t)n;
}

int hl_sample_allocate(int64_t total, const int64_t *counts, int k, int64_t min_each, int64_t *out,
	struct hl_err *err)
{
	double *rem = NULL;
	int64_t sum = 0, given = 0;
	int rc = HL_OK;

	for (int i = 0; i < k; i++) {
		if (counts[i] < 0)
			return hl_err_set(err, HL_EINVAL, HL_HERE, "số hồ sơ âm ở lĩnh vực thứ %d",
				i + 1);
		sum += counts[i];
		out[i] = 0;
	}
	if (sum == 0 || total <= 0)
		return HL_OK;
	rem = hl_malloc((size_t)(k > 0 ? k : 1) * sizeof(*rem));
	if (rem == NULL) {
		rc = hl_err_set(err, HL_ENOMEM, HL_HERE, "hết bộ nhớ khi phân bổ mẫu");
		goto cleanup;
	}
	for (int i = 0; i < k; i++) {
		double exact = (double)total * (double)counts[i] / (double)sum;

		out[i] = (int64_t)floor(exact);
		rem[i] = exact - (double)out[i];
		given += out[i];
	}
	/* Largest remainder: hand out what rounding down left, biggest shares first. */
	while (given < total) {
		int best = -1;

		for (int i = 0; i < k; i++)
			if (counts[i] > 0 && (best < 0 || rem[i] > rem[best]))
				best = i;
		if (best < 0)
			break;
		out[best]++;
		rem[best] = -1;
		given++;
	}
	for (int i = 0; i < k; i++) {
		int64_t floor_i = min_each < counts[i] ? min_each : counts[i];

		if (counts[i] > 0 && out[i] < floor_i)
			out[i] = floor_i;
	}
cleanup:
	hl_free(rem);
	return rc;
}

int64_t hl_sample_expected(int64_t required, int elapsed, int length)
{
	if (length <= 0 || elapsed <= 0)
		return 0;
	if (elapsed >= length)
		return required;
	return (int64_t)ceil((double)required * elapsed / length - 1e-9);
}
