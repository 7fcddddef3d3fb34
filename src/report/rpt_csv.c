/* rpt_csv.c — the report as one CSV file for machines (docs/formats.md,
 * "Báo cáo CSV"): first the index rows exactly as `hailong index --format
 * csv` prints them, then, each after a blank line and under its own header
 * row, the sections of the report. Numbers use a decimal point and two
 * decimals, codes stay codes; text is UTF-8 as stored. */
#include "report/render.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "core/date.h"
#include "io/csvout.h"
#include "report/out.h"
#include "report/rpt_grid.h"
#include "report/index_csv.h"

static void kv(FILE *f, const char *key, const char *value)
{
	fputs(key, f);
	fputc(',', f);
	csvout_cell(f, value);
	fputc('\n', f);
}

static void document(FILE *f, const struct rpt_model *m)
{
	char buf[64];

	fputs("\nkey,value\n", f);
	kv(f, "issuer_parent", m->issuer_parent);
	kv(f, "issuer", m->issuer);
	kv(f, "number", m->o.number ? m->o.number : "");
	kv(f, "place", m->place);
	kv(f, "date", m->o.date != HL_DAY_NONE ? hl_day_iso(m->o.date, buf, sizeof(buf)) : "");
	kv(f, "title", m->title);
	kv(f, "subtitle", m->subtitle);
	kv(f, "period", hl_period_code(&m->o.period, buf, sizeof(buf)));
	kv(f, "period_label", m->period_label);
	kv(f, "scope", m->o.under ? "under" : "unit");
	kv(f, "unit", m->subject->code);
	kv(f, "internal", m->o.internal ? "1" : "0");
	snprintf(buf, sizeof(buf), "%lld", (long long)m->responses);
	kv(f, "responses", buf);
	kv(f, "signer", m->signer);
}

static void counts(FILE *f, const char *what, const struct rpt_count *c, int n)
{
	fprintf(f, "\n%s,name,n\n", what);
	for (int i = 0; i < n; i++) {
		csvout_cells(f, 2, (const char *const[]){c[i].code, c[i].name});
		fprintf(f, ",%lld\n", (long long)c[i].n);
	}
}

static void questions(FILE *f, const struct rpt_model *m)
{
	fputs("\ninstrument,question,criterion,text,level,label,satisfied,n,percent\n", f);
	for (int i = 0; i < m->nquestions; i++) {
		const struct rpt_question *q = &m->questions[i];

		for (int l = 0; l <= q->nlevels; l++) {
			bool na = l == q->nlevels; /* the last row: no answer, apart */

			csvout_cells(f, 4,
				(const char *const[]){q->instrument, q->code, q->criterion,
					q->text});
			if (na) {
				fputs(",0,", f);
				csvout_cell(f, "không trả lời");
				fprintf(f, ",,%lld,\n", (long long)q->no_answer);
				continue;
			}
			fprintf(f, ",%d,", l + 1);
			csvout_cell(f, q->label[l]);
			fprintf(f, ",%d,%lld", q->satisfied[l] ? 1 : 0, (long long)q->count[l]);
			csvout_num(f, q->valid > 0,
				q->valid > 0 ? 100.0 * (double)q->count[l] / (double)q->valid : 0);
			fputc('\n', f);
		}
	}
}

static void themes(FILE *f, const struct rpt_model *m)
{
	fputs("\ntheme,name,n,example1,example2,example3\n", f);
	for (int i = 0; i < m->nthemes; i++) {
		const struct rpt_theme *t = &m->themes[i];

		fprintf(f, "%d,", t->theme);
		csvout_cell(f, t->name);
		fprintf(f, ",%lld", (long long)t->count);
		for (int k = 0; k < RPT_EXAMPLES; k++) {
			fputc(',', f);
			if (k < t->nexamples)
				csvout_cell(f, t->example[k]);
		}
		fputc('\n', f);
	}
}

static void below(FILE *f, const struct rpt_model *m)
{
	fputs("\nbelow_unit,criterion,criterion_name,value,target\n", f);
	for (int i = 0; i < m->nbelow; i++) {
		const struct rpt_below *b = &m->below[i];

		csvout_cells(f, 3, (const char *const[]){b->unit, b->criterion, b->criterion_name});
		csvout_num(f, true, b->value);
		csvout_num(f, true, b->target);
		fputc('\n', f);
	}
	/* The plan for them (issue 6): one row per criterion below target and
	 * task of the unit's plan for it, task columns empty when there is none;
	 * before = the whole year before's value, value = the period's. */
	fputs("\nplan_unit,criterion,before,value,plan_year,task_no,task,status\n", f);
	for (int i = 0; i < m->nbelow; i++) {
		const struct rpt_below *b = &m->below[i];

		for (int k = 0; k < (b->ntasks > 0 ? b->ntasks : 1); k++) {
			csvout_cells(f, 2, (const char *const[]){b->unit, b->criterion});
			csvout_num(f, b->has_before, b->before);
			csvout_num(f, true, b->value);
			fprintf(f, ",%d,", b->plan_year);
			if (k < b->ntasks && b->task_no != NULL)
				fprintf(f, "%d", b->task_no[k]);
			fputc(',', f);
			csvout_cells(f, 2,
				(const char *const[]){k < b->ntasks ? b->tasks[k] : NULL,
					k < b->ntasks && b->status != NULL ? b->status[k] : NULL});
			fputc('\n', f);
		}
	}
}

/* Month by month: one row per month and criterion with a value; the
 * values are means over the units when mean is 1. */
static void trend(FILE *f, const struct rpt_model *m)
{
	const struct trend *t = m->trend;

	fputs("\nmonth,criterion,value,mean\n", f);
	if (t == NULL || t->ncrit < 0)
		return;
	for (int mo = 0; mo < t->nmonths; mo++)
		for (int k = 0; k <= t->ncrit; k++) {
			if (isnan(t->value[k][mo]))
				continue;
			fprintf(f, "%04d-%02d,", t->year, mo + 1);
			csvout_cell(f, t->crit_code[k]);
			csvout_num(f, true, t->value[k][mo]);
			fprintf(f, ",%d\n", t->mean ? 1 : 0);
		}
}

static void staff(FILE *f, const struct rpt_model *m)
{
	fputs("\nstaff,name,unit,n,value\n", f);
	for (int i = 0; i < m->nstaff; i++) {
		const struct rpt_staff *s = &m->staff[i];

		csvout_cells(f, 3, (const char *const[]){s->code, s->name, s->unit});
		fprintf(f, ",%lld", (long long)s->n);
		csvout_num(f, s->valid, s->value);
		fputc('\n', f);
	}
}

/* A table beside TT (rpt_grid.h), only when it has rows: a report without
 * feedback or follow-up cases keeps its sections as before. */
static void grid(FILE *f, const struct rpt_model *m, const struct rpt_grid *g)
{
	struct rpt_gval v[RPT_GRID_MAXCOLS];
	int n = g->rows(m);

	if (n == 0)
		return;
	fputc('\n', f);
	for (int k = 0; k < g->ncols; k++)
		if (g->cols[k].in & RG_CSV)
			fprintf(f, "%s%s", k > 0 ? "," : "", g->cols[k].csv);
	fputc('\n', f);
	for (int i = 0; i < n; i++) {
		csvout_cell(f, g->row(m, i, v));
		for (int k = 1; k < g->ncols; k++) {
			if (!(g->cols[k].in & RG_CSV))
				continue;
			if (v[k].is_dec)
				csvout_num(f, v[k].valid, v[k].v);
			else
				fprintf(f, ",%lld", v[k].n);
		}
		fputc('\n', f);
	}
}

int rpt_csv(const struct rpt_model *m, const char *path, struct hl_err *err)
{
	struct rpt_out o;
	int rc = rpt_out_begin(&o, path, err);

	if (rc != HL_OK)
		return rc;
	index_csv(o.f, m->index);
	document(o.f, m);
	counts(o.f, "channel", m->channels, m->nchannels);
	counts(o.f, "field", m->fields, m->nfields);
	trend(o.f, m);
	questions(o.f, m);
	themes(o.f, m);
	below(o.f, m);
	if (m->o.internal)
		staff(o.f, m);
	for (int k = 0; k < RPT_NGRIDS; k++)
		grid(o.f, m, rpt_grids[k]);
	return rpt_out_commit(&o, err);
}
