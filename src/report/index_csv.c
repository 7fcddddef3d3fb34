/* index_csv.c — the CSV form of an index result. */
#include "report/index_csv.h"

#include "io/csvout.h"

void index_csv(FILE *f, const struct iq_result *r)
{
	char period[64];

	hl_period_code(&r->period, period, sizeof(period));
	fputs("unit,name,period,criterion,value,n,ci_low,ci_high,target,change,rank,of\n", f);
	for (size_t i = 0; i < r->nunits; i++) {
		const struct iq_unit *u = &r->units[i];

		for (int k = 0; k <= r->ncrit; k++) {
			const struct hl_idx_cell *c = &u->idx.cell[k];

			csvout_cells(f, 4,
				(const char *const[]){u->unit.code, u->unit.name, period,
					r->crit_code[k]});
			csvout_num(f, c->cur.valid, c->cur.value);
			fprintf(f, ",%lld", (long long)c->cur.n);
			csvout_num(f, c->cur.valid, c->cur.lo);
			csvout_num(f, c->cur.valid, c->cur.hi);
			csvout_num(f, c->has_target, c->target);
			csvout_num(f, c->has_change, c->change);
			if (c->rank > 0)
				fprintf(f, ",%d,%d\n", c->rank, c->of);
			else
				fputs(",,\n", f);
		}
	}
}
