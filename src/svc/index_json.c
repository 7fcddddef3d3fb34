/* index_json.c — the JSON form of an index result, shared by `hailong index
 * --format json` and GET /api/v1/index. */
#include "svc/index_json.h"

#include <math.h>

static json_t *jnum(bool have, double v)
{
	return have ? json_real(round(v * 100) / 100) : json_null();
}

json_t *index_json(const struct iq_result *r)
{
	char period[64], label[96], a[16], b[16];
	json_t *root = json_object(), *rows = json_array(), *crit = json_array();

	if (!root || !rows || !crit)
		goto fail;
	hl_period_code(&r->period, period, sizeof(period));
	json_object_set_new(root, "period", json_string(period));
	json_object_set_new(root, "label",
		json_string(hl_period_label(&r->period, label, sizeof(label))));
	json_object_set_new(root, "first", json_string(hl_day_iso(r->period.first, a, sizeof(a))));
	json_object_set_new(root, "last", json_string(hl_day_iso(r->period.last, b, sizeof(b))));
	json_object_set_new(root, "previous",
		json_string(hl_period_code(&r->prev, label, sizeof(label))));
	for (int k = 0; k <= r->ncrit; k++)
		json_array_append_new(crit,
			json_pack("{s:s, s:s}", "code", r->crit_code[k], "name", r->crit_name[k]));
	for (size_t i = 0; i < r->nunits; i++) {
		const struct iq_unit *u = &r->units[i];

		for (int k = 0; k <= r->ncrit; k++) {
			const struct hl_idx_cell *c = &u->idx.cell[k];
			json_t *row = json_object();

			json_object_set_new(row, "unit", json_string(u->unit.code));
			json_object_set_new(row, "name", json_string(u->unit.name));
			json_object_set_new(row, "type", json_string(u->unit.type));
			json_object_set_new(row, "period", json_string(period));
			json_object_set_new(row, "criterion", json_string(r->crit_code[k]));
			json_object_set_new(row, "criterion_name", json_string(r->crit_name[k]));
			json_object_set_new(row, "value", jnum(c->cur.valid, c->cur.value));
			json_object_set_new(row, "n", json_integer(c->cur.n));
			json_object_set_new(row, "ci_low", jnum(c->cur.valid, c->cur.lo));
			json_object_set_new(row, "ci_high", jnum(c->cur.valid, c->cur.hi));
			json_object_set_new(row, "target", jnum(c->has_target, c->target));
			json_object_set_new(row, "met",
				c->has_target && c->cur.valid ? json_boolean(c->met) : json_null());
			json_object_set_new(row, "previous", jnum(c->prev.valid, c->prev.value));
			json_object_set_new(row, "change", jnum(c->has_change, c->change));
			json_object_set_new(row, "change_supported",
				c->has_change ? json_boolean(c->change_supported) : json_null());
			json_object_set_new(row, "rank",
				c->rank ? json_integer(c->rank) : json_null());
			json_object_set_new(row, "of", c->rank ? json_integer(c->of) : json_null());
			json_object_set_new(row, "rank_supported",
				c->rank ? json_boolean(c->rank_supported) : json_null());
			json_object_set_new(row, "pooled", json_boolean(u->pooled));
			json_array_append_new(rows, row);
		}
	}
	json_object_set_new(root, "criteria", crit);
	json_object_set_new(root, "rows", rows);
	return root;
fail:
	json_decref(root);
	json_decref(rows);
	json_decref(crit);
	return NULL;
}
