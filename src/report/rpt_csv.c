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

/* Feedback per unit (issue 6), only when some came: a report without
 * feedback keeps its sections as before. */
static void feedback(FILE *f, const struct rpt_model *m)
{
	if (m->nfeedback == 0)
		return;
	fputs("\nfeedback_unit,received,answered,due,on_time,on_time_pct,score,rated,satisfied,"
	      "satisfied_pct\n",
		f);
	for (int i = 0; i < m->nfeedback; i++) {
		const struct rpt_feedback *b = &m->feedback[i];

		csvout_cell(f, b->unit);
		fprintf(f, ",%ld,%ld,%ld,%ld", b->received, b->answered, b->due, b->on_time);
		csvout_num(f, b->due > 0,
			b->due > 0 ? 100.0 * (double)b->on_time / (double)b->due : 0);
		fprintf(f, ",%d,%ld,%ld", b->score, b->rated, b->satisfied);
		csvout_num(f, b->rated > 0,
			b->rated > 0 ? 100.0 * (double)b->satisfied / (double)b->rated : 0);
		fputc('\n', f);
	}
}

/* Follow-up cases per unit (issue 14 §1), only when some were opened. */
static void follow(FILE *f, const struct rpt_model *m)
{
	if (m->nfollow == 0)
		return;
	fputs("\nfollow_unit,tt,opened,closed,in_time,in_time_pct,dossiers,callbacks\n", f);
	for (int i = 0; i < m->nfollow; i++) {
		const struct rpt_follow *b = &m->follow[i];

		csvout_cell(f, b->unit);
		csvout_num(f, b->tt_valid, b->tt);
		fprintf(f, ",%ld,%ld,%ld", b->opened, b->closed, b->in_time);
		csvout_num(f, b->opened > 0,
			b->opened > 0 ? 100.0 * (double)b->in_time / (double)b->opened : 0);
		fprintf(f, ",%ld,%ld\n", b->dossiers, b->callbacks);
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
	feedback(o.f, m);
	follow(o.f, m);
	return rpt_out_commit(&o, err);
}
