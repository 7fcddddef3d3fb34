/* paper.c — the paper ballot pages: the batches of the caller's units and
 * opening a new one (/paper), keyboard-only entry of a batch's ballots, one
 * row per ballot (/paper/N), the differences between the two passes of a
 * double entry (/paper/N/diff) and closing a batch (/paper/N/close). The rules
 * are in svc/paper.c; every write goes through srv_write. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "base/arena.h"
#include "base/clock.h"
#include "base/text.h"
#include "http/page.h"
#include "http/scope.h"
#include "http/srv.h"
#include "svc/accounts.h"
#include "svc/fields.h"
#include "svc/ingest.h"
#include "svc/instruments.h"
#include "svc/paper.h"
#include "svc/units.h"
#include "web/pages.h"

#define LIST_MAX 200       /* batches shown on /paper */
#define PAGE_MAX (6 << 20) /* bytes of one page */
#define NAMES_MAX 8        /* user names remembered per page */

/* What every paper page needs: the units and which the caller sees, the fields. */
struct pg {
	struct http_req *r;
	struct store_unit *units;
	size_t nunits;
	bool *vis;
	struct store_field *fields;
	size_t nfields;
};

/* Is units[i] the unit root or below it? */
static bool under(const struct store_unit *u, size_t n, size_t i, int64_t root)
{
	int64_t id = u[i].id, parent = u[i].parent_id;

	for (int depth = 0; depth < 64; depth++) {
		size_t k;

		if (id == root)
			return true;
		if (parent == 0)
			return false;
		for (k = 0; k < n && u[k].id != parent; k++)
			;
		if (k == n)
			return false;
		id = u[k].id;
		parent = u[k].parent_id;
	}
	return false;
}

/* The units, which of them the caller sees (as http/scope.c decides, for all
 * of them at once), and the fields. */
static int pg_load(struct pg *p, struct http_req *r, struct hl_err *err)
{
	int rc;

	memset(p, 0, sizeof(*p));
	p->r = r;
	if ((rc = units_list(r->st, r->a, &p->units, &p->nunits, err)) != HL_OK ||
		(rc = fields_list(r->st, r->a, &p->fields, &p->nfields, err)) != HL_OK)
		return rc;
	p->vis = hl_arena_alloc(r->a, (p->nunits + 1) * sizeof(*p->vis));
	if (p->vis == NULL)
		return hl_err_set(err, HL_ENOMEM, HL_HERE, "hết bộ nhớ");
	for (size_t i = 0; i < p->nunits; i++) {
		switch (r->role) {
		case ROLE_ADMIN:
			p->vis[i] = r->user.unit_id == 0 ||
				under(p->units, p->nunits, i, r->user.unit_id);
			break;
		case ROLE_SUPERVISOR:
			p->vis[i] = under(p->units, p->nunits, i, r->user.unit_id);
			break;
		case ROLE_CLERK:
		case ROLE_ENTRY: p->vis[i] = p->units[i].id == r->user.unit_id; break;
		default: p->vis[i] = false;
		}
	}
	return HL_OK;
}

static const struct store_unit *pg_unit(const struct pg *p, int64_t id)
{
	return units_by_id(p->units, p->nunits, id);
}

static bool pg_sees(const struct pg *p, int64_t unit_id)
{
	for (size_t i = 0; i < p->nunits; i++)
		if (p->units[i].id == unit_id)
			return p->vis[i];
	return false;
}

/* The field's name, as the clerk reads and types it. */
static const char *pg_field_name(const struct pg *p, int64_t id)
{
	for (size_t i = 0; i < p->nfields; i++)
		if (p->fields[i].id == id)
			return p->fields[i].name;
	return "?";
}

static const char *who_of(struct http_req *r)
{
	return hl_arena_printf(r->a, "web:%s", r->user.name);
}

/* Today in Vietnam, whatever the server's time zone. */
static hl_day today(void)
{
	return hl_clock_today();
}

/* A form value trimmed and NFC-normalised, "" when absent; NULL when it is
 * longer than max bytes. */
static const char *form_text(struct http_req *r, const char *name, size_t max)
{
	const char *v = http_form(r, name);
	char *s, *n;

	if (v == NULL)
		return "";
	s = hl_trim(hl_arena_strdup(r->a, v));
	if (s == NULL)
		return NULL;
	n = hl_utf8_nfc(r->a, s);
	if (n == NULL || strlen(n) > max)
		return NULL;
	return n;
}

/* A positive integer form or query value; 0 when absent or not one. */
static long pos_int(const char *s, long max)
{
	char *end;
	long v;

	if (s == NULL || s[0] == '\0')
		return 0;
	v = strtol(s, &end, 10);
	if (*end != '\0' || v < 1 || v > max)
		return -1;
	return v;
}

/* ---- GET /paper, POST /paper ---- */

/* Values of the new-batch form, to show again after an error or a warning. */
struct open_form {
	const char *unit, *opened_on, *opened_by, *witness, *counted, *instrument;
	bool double_entry;
	const char *bad, *msg; /* the field in error ("opened_on", ...) and why */
	bool old;              /* the day is months back: asks for a confirmation */
};

/* The attributes of field name of f: invalid and described by its error. */
static void field_attrs(struct hbuf *b, const struct open_form *f, const char *name)
{
	if (f == NULL || f->bad == NULL || strcmp(f->bad, name) != 0)
		return;
	hb_txt_in(b, " autofocus aria-invalid=\"true\" aria-describedby=\"err-", name, "\"");
}

/* Field name's error under it, when it is f's. */
static void field_error(struct hbuf *b, const struct open_form *f, const char *name)
{
	if (f == NULL || f->bad == NULL || strcmp(f->bad, name) != 0 || f->msg == NULL)
		return;
	hb_raw(b,
		f->old ? "<p class=\"warn\" role=\"alert\" id=\"err-" :
			 "<p class=\"error\" role=\"alert\" id=\"err-");
	hb_txt(b, name);
	hb_txt_in(b, "\">", f->msg, "</p>");
}

/* The rest of input name of the open form, after its attributes: f's
 * state, value as sent (NULL = empty), the label closed, the error. */
static void field_end(struct hbuf *b, const struct open_form *f, const char *name,
	const char *value)
{
	field_attrs(b, f, name);
	hb_txt_in(b, " value=\"", value, "\"></label>");
	field_error(b, f, name);
}

static void instrument_options(struct hbuf *b, const struct store_instrument *in, size_t n,
	const char *chosen)
{
	/* Default: the newest sipas-5. */
	int64_t def = 0;
	int best = 0;

	for (size_t i = 0; i < n; i++)
		if (strcmp(in[i].code, "sipas-5") == 0 && in[i].version > best) {
			best = in[i].version;
			def = in[i].id;
		}
	for (size_t i = 0; i < n; i++) {
		char key[96];
		bool sel;

		snprintf(key, sizeof(key), "%s@%d", in[i].code, in[i].version);
		sel = chosen != NULL && chosen[0] != '\0' ? strcmp(chosen, key) == 0 :
							    in[i].id == def;
		hb_raw(b, "<option value=\"");
		hb_txt(b, key);
		hb_raw(b, sel ? "\" selected>" : "\">");
		hb_txt(b, in[i].name);
		hb_txt_in(b, " (", key, ")</option>");
	}
}

/* Ballots typed in each pass of batch id (a throwaway arena per batch: only
 * the counts are kept). */
static void typed_counts(struct http_req *r, int64_t id, size_t *n1, size_t *n2)
{
	struct hl_arena *a = hl_arena_new((size_t)16 << 20);
	struct store_paper_entry *e = NULL;
	struct hl_err err;
	size_t n = 0;

	*n1 = *n2 = 0;
	hl_err_clear(&err);
	if (a != NULL && paper_entries(r->st, id, 0, a, &e, &n, &err) == HL_OK)
		for (size_t i = 0; i < n; i++) {
			if (e[i].pass == 1)
				(*n1)++;
			else
				(*n2)++;
		}
	hl_arena_free(a);
}

static int list_page(struct http_req *r, int status, const char *msg, const struct open_form *f)
{
	struct pg p;
	struct store_paper_batch *bs = NULL;
	struct store_instrument *ins = NULL;
	struct hl_err err;
	struct hbuf b;
	size_t nb = 0, nins = 0, shown = 0, nvis = 0;
	char buf[64];
	int rc;

	hl_err_clear(&err);
	if ((rc = pg_load(&p, r, &err)) != HL_OK ||
		(rc = paper_batches(r->st,
			 r->role == ROLE_CLERK || r->role == ROLE_ENTRY ? r->user.unit_id : 0, r->a,
			 &bs, &nb, &err)) != HL_OK ||
		(rc = instruments_list(r->st, r->a, &ins, &nins, &err)) != HL_OK)
		return http_send_err(r, &err);
	page_start(&b, r, PAGE_MAX, "Phiếu giấy");
	hb_raw(&b, "<h1>Phiếu giấy</h1>");
	page_error(&b, msg);
	if (f != NULL && (f->bad != NULL || f->old))
		hb_raw(&b,
			"<p><a href=\"#mo-lo\">Lô mới chưa được mở: xem lại biểu mẫu bên dưới."
			"</a></p>");
	hb_raw(&b, "<h2>Các lô phiếu</h2>");
	for (size_t i = 0; i < nb; i++)
		if (pg_sees(&p, bs[i].unit_id))
			nvis++;
	if (nvis == 0) {
		hb_raw(&b, "<p>Chưa có lô phiếu nào.</p>");
	} else {
		page_table(&b, "paper-list",
			"<th class=\"num\">Số</th><th>Đơn vị</th><th>Ngày mở hòm</th><th>Người mở</th>"
			"<th>Người chứng kiến</th><th class=\"num\">Đếm được</th>"
			"<th class=\"num\">Đã nhập (lần 1 / lần 2)</th><th>Trạng thái</th>");
		for (size_t i = 0; i < nb && shown < LIST_MAX; i++) {
			const struct store_paper_batch *x = &bs[i];
			const struct store_unit *u = pg_unit(&p, x->unit_id);
			size_t n1 = 0, n2 = 0;

			if (!pg_sees(&p, x->unit_id))
				continue;
			shown++;
			if (x->closed)
				n1 = n2 = (size_t)x->counted;
			else
				typed_counts(r, x->id, &n1, &n2);
			hb_printf(&b,
				"<tr><td class=\"num\"><a href=\"/paper/%lld\">%lld</a></td><td>",
				(long long)x->id, (long long)x->id);
			hb_txt(&b, u != NULL ? u->name : "?");
			hb_txt_in(&b, "</td><td>", hl_day_vn(x->opened_on, buf, sizeof(buf)),
				"</td><td>");
			hb_txt(&b, x->opened_by);
			hb_raw(&b, "</td><td>");
			hb_txt(&b, x->witness);
			hb_printf(&b, "</td><td class=\"num\">%d</td><td class=\"num\">%zu",
				x->counted, n1);
			if (x->double_entry)
				hb_printf(&b, " / %zu", n2);
			hb_raw(&b, "</td><td>");
			if (x->closed) {
				hb_raw(&b, "Đã đóng ");
				hb_txt(&b, hl_clock_fmt(x->closed_at, buf, sizeof(buf)));
			} else {
				hb_raw(&b, "<strong>Đang nhập</strong>");
			}
			hb_raw(&b, "</td></tr>");
		}
		hb_raw(&b, "</tbody></table></div>");
		if (nvis > shown)
			hb_printf(&b, "<p class=\"note\">Hiện %zu lô mới nhất trong %zu lô.</p>",
				shown, nvis);
	}

	/* Opening a new batch. */
	hb_raw(&b,
		"<h2 id=\"mo-lo\">Mở hòm phiếu: lô mới</h2>"
		"<form method=\"post\" action=\"/paper\" class=\"paper-open\">");
	hb_csrf(&b, r);
	hb_raw(&b, "<label>Đơn vị <select name=\"unit\" required");
	field_attrs(&b, f, "unit");
	hb_raw(&b, ">");
	for (size_t i = 0; i < p.nunits; i++) {
		if (!p.vis[i])
			continue;
		hb_raw(&b, "<option value=\"");
		hb_txt(&b, p.units[i].code);
		hb_raw(&b,
			f != NULL && f->unit != NULL && strcmp(f->unit, p.units[i].code) == 0 ?
				"\" selected>" :
				"\">");
		hb_txt(&b, p.units[i].name);
		hb_raw(&b, "</option>");
	}
	hb_raw(&b, "</select></label>");
	field_error(&b, f, "unit");
	{
		bool bad = f != NULL && f->bad != NULL && strcmp(f->bad, "opened_on") == 0;

		hb_raw(&b, "<label>Ngày mở hòm ");
		hb_date_input(&b, "opened_on",
			f != NULL && f->opened_on != NULL ? f->opened_on :
							    hl_day_vn(today(), buf, sizeof(buf)),
			HB_REQUIRED | (bad ? HB_INVALID : 0),
			bad ? "err-opened_on" : "opened-help");
		hb_raw(&b, "</label>");
	}
	field_error(&b, f, "opened_on");
	if (f != NULL && f->old) {
		hl_day d;

		hb_raw(&b,
			"<label class=\"check warn\"><input type=\"checkbox\" name=\"confirm_old\" "
			"value=\"1\" required> Đúng, hòm phiếu mở ngày ");
		hb_txt(&b,
			hl_day_parse_vn(f->opened_on, &d) ? hl_day_vn(d, buf, sizeof(buf)) :
							    f->opened_on);
		hb_raw(&b, "</label>");
	}
	hb_raw(&b, "<p class=\"note\" id=\"opened-help\">Gõ ngày/tháng/năm, ví dụ ");
	hb_txt(&b, hl_day_vn(today(), buf, sizeof(buf)));
	hb_raw(&b,
		" (hôm nay).</p><label>Người mở hòm <input name=\"opened_by\" required "
		"maxlength=\"200\" autocomplete=\"name\"");
	field_end(&b, f, "opened_by", f != NULL ? f->opened_by : NULL);
	hb_raw(&b,
		"<label>Người chứng kiến <input name=\"witness\" required maxlength=\"200\" "
		"autocomplete=\"off\"");
	field_end(&b, f, "witness", f != NULL ? f->witness : NULL);
	hb_printf(&b,
		"<label>Số phiếu đếm được (cả phiếu không hợp lệ) <input type=\"number\" "
		"name=\"counted\" required min=\"1\" max=\"%d\" inputmode=\"numeric\"",
		PAPER_MAX_BALLOTS);
	field_end(&b, f, "counted", f != NULL ? f->counted : NULL);
	hb_raw(&b, "<label>Bộ câu hỏi <select name=\"instrument\"");
	field_attrs(&b, f, "instrument");
	hb_raw(&b, ">");
	instrument_options(&b, ins, nins, f != NULL ? f->instrument : NULL);
	hb_raw(&b, "</select></label>");
	field_error(&b, f, "instrument");
	hb_raw(&b,
		"<label class=\"check\"><input type=\"checkbox\" "
		"name=\"double_entry\" value=\"1\"");
	if (f != NULL && f->double_entry)
		hb_raw(&b, " checked");
	hb_raw(&b,
		"> Nhập hai lần (hai người nhập độc lập, chỉ tính khi khớp)</label>"
		"<button type=\"submit\">Mở lô</button></form>");
	return page_send(r, status, &b);
}

int page_paper_list(struct http_req *r)
{
	return list_page(r, 200, NULL, NULL);
}

/* The form again with msg next to field bad. */
static int refuse(struct http_req *r, int status, struct open_form *f, const char *bad,
	const char *msg)
{
	f->bad = bad;
	f->msg = msg;
	return list_page(r, status, NULL, f);
}

struct open_arg {
	struct store_paper_batch b;
	const char *who;
	char detail[512];
};

static int write_open(struct writer_tx *tx, void *arg, struct hl_err *err)
{
	struct open_arg *o = arg;

	return paper_open_in(writer_tx_store(tx), &o->b, o->who, o->detail, err);
}

int page_paper_create(struct http_req *r)
{
	struct open_form f;
	struct open_arg o;
	struct store_unit u;
	struct store_instrument meta;
	struct hl_err err;
	struct pg p;
	const char *at;
	char code[STORE_CODE_MAX], day[16], loc[64];
	const char *confirm = http_form(r, "confirm_old");
	long counted, version;
	bool old = false;
	char *end;
	int rc;

	hl_err_clear(&err);
	memset(&f, 0, sizeof(f));
	memset(&o, 0, sizeof(o));
	f.unit = http_form(r, "unit");
	f.opened_on = http_form(r, "opened_on");
	f.opened_by = form_text(r, "opened_by", STORE_NAME_MAX - 1);
	f.witness = form_text(r, "witness", STORE_NAME_MAX - 1);
	f.counted = http_form(r, "counted");
	f.instrument = http_form(r, "instrument");
	f.double_entry = http_form(r, "double_entry") != NULL;
	if ((rc = pg_load(&p, r, &err)) != HL_OK)
		return http_send_err(r, &err);
	if (f.unit == NULL || units_get(r->st, f.unit, &u, &err) != HL_OK)
		return refuse(r, 400, &f, "unit", "Hãy chọn đơn vị.");
	if (!pg_sees(&p, u.id))
		return refuse(r, 403, &f, "unit", "Bạn không được nhập phiếu cho đơn vị này.");
	if (!hl_day_parse_vn(f.opened_on, &o.b.opened_on))
		return refuse(r, 400, &f, "opened_on",
			hl_arena_printf(r->a,
				"Ngày mở hòm “%s” không "
				"hợp lệ: gõ ngày/tháng/năm, ví dụ %s.",
				f.opened_on != NULL ? f.opened_on : "",
				hl_day_vn(today(), day, sizeof(day))));
	if (paper_check_opened(o.b.opened_on, today(), &old, &err) != HL_OK)
		return refuse(r, 400, &f, "opened_on", err.msg);
	if (old && (confirm == NULL || strcmp(confirm, "1") != 0)) {
		/* a warning, not a refusal: the clerk confirms and sends again */
		f.old = true;
		return refuse(r, 200, &f, "opened_on",
			hl_arena_printf(r->a,
				"Ngày mở hòm phiếu "
				"cách đây hơn 2 tháng: kiểm tra lại? Ngày đã gõ: %s. Nếu đúng, đánh dấu ô xác nhận "
				"rồi bấm Mở lô.",
				hl_day_vn(o.b.opened_on, day, sizeof(day))));
	}
	if (f.opened_by == NULL || f.opened_by[0] == '\0')
		return refuse(r, 400, &f, "opened_by",
			"Hãy ghi tên người mở hòm (tối đa 255 byte).");
	if (f.witness == NULL || f.witness[0] == '\0')
		return refuse(r, 400, &f, "witness",
			"Hãy ghi tên người chứng kiến (tối đa 255 byte).");
	counted = pos_int(f.counted, PAPER_MAX_BALLOTS);
	if (counted <= 0)
		return refuse(r, 400, &f, "counted",
			hl_arena_printf(r->a, "Số phiếu đếm được phải là số nguyên từ 1 đến %d.",
				PAPER_MAX_BALLOTS));
	/* "code@version" */
	if (f.instrument == NULL || (at = strrchr(f.instrument, '@')) == NULL ||
		(size_t)(at - f.instrument) >= sizeof(code))
		return refuse(r, 400, &f, "instrument", "Hãy chọn bộ câu hỏi.");
	snprintf(code, sizeof(code), "%.*s", (int)(at - f.instrument), f.instrument);
	version = strtol(at + 1, &end, 10);
	if (*end != '\0' || version < 1 || version > 100000 ||
		instruments_get(r->st, r->a, code, (int)version, &meta, NULL, NULL, &err) != HL_OK)
		return refuse(r, 400, &f, "instrument", "Bộ câu hỏi không có.");
	o.b.unit_id = u.id;
	snprintf(o.b.opened_by, sizeof(o.b.opened_by), "%s", f.opened_by);
	snprintf(o.b.witness, sizeof(o.b.witness), "%s", f.witness);
	o.b.counted = (int)counted;
	o.b.double_entry = f.double_entry;
	o.b.instrument_id = meta.id;
	o.b.created_by = r->user.id;
	o.who = who_of(r);
	snprintf(o.detail, sizeof(o.detail), "đơn vị %s, ngày %s, %ld phiếu, %s%s", u.code,
		hl_day_vn(o.b.opened_on, day, sizeof(day)), counted, f.instrument,
		f.double_entry ? ", nhập hai lần" : "");
	if ((rc = srv_write(r, write_open, &o, &err)) != HL_OK)
		return list_page(r, http_status_of(rc), err.msg, &f);
	snprintf(loc, sizeof(loc), "/paper/%lld", (long long)o.b.id);
	return http_redirect(r, loc);
}

/* ---- one batch ---- */

/* A batch the caller may see, its unit, its instrument and its entries. */
struct bctx {
	struct pg p;
	struct store_paper_batch b;
	const struct store_unit *unit;
	struct store_instrument meta;
	struct hl_instrument *in;
	struct store_paper_entry *e;
	size_t n;
	int nnames; /* user names met on the page */
	int64_t name_id[NAMES_MAX];
	const char *name[NAMES_MAX];
};

static int load_batch(struct http_req *r, struct bctx *c, struct hl_err *err)
{
	long id = pos_int(r->param[0], 1L << 40);
	char missing[64];
	int rc;

	memset(c, 0, sizeof(*c));
	if (id <= 0)
		return hl_err_set(err, HL_ENOTFOUND, HL_HERE, "không có lô phiếu '%.40s'",
			r->param[0] != NULL ? r->param[0] : "");
	if ((rc = pg_load(&c->p, r, err)) != HL_OK)
		return rc;
	snprintf(missing, sizeof(missing), "không có lô phiếu số %ld", id);
	rc = paper_batch(r->st, id, &c->b, err);
	if (rc == HL_ENOTFOUND)
		return hl_err_set(err, HL_ENOTFOUND, HL_HERE, "%s", missing);
	if (rc != HL_OK)
		return rc;
	c->unit = pg_unit(&c->p, c->b.unit_id);
	if ((rc = scope_object(r, c->unit, HL_HERE, missing, err)) != HL_OK)
		return rc;
	if ((rc = instruments_get_id(r->st, r->a, c->b.instrument_id, &c->meta, &c->in, err)) !=
		HL_OK)
		return rc;
	return paper_entries(r->st, c->b.id, 0, r->a, &c->e, &c->n, err);
}

/* The name of user id, remembered for the page in c. */
static const char *user_name(struct http_req *r, struct bctx *c, int64_t id)
{
	struct store_user u;
	struct hl_err err;
	int k;

	if (id == 0)
		return "";
	for (k = 0; k < c->nnames; k++)
		if (c->name_id[k] == id)
			return c->name[k];
	hl_err_clear(&err);
	if (account_get_id(r->st, id, &u, &err) != HL_OK)
		return "?";
	if (c->nnames < NAMES_MAX) {
		c->name_id[c->nnames] = id;
		c->name[c->nnames] = hl_arena_strdup(r->a, u.name);
		if (c->name[c->nnames] != NULL)
			return c->name[c->nnames++];
	}
	return hl_arena_strdup(r->a, u.name);
}

static void batch_summary(struct hbuf *b, struct bctx *c)
{
	char buf[64];

	hb_printf(b, "<h1>Lô phiếu số %lld – ", (long long)c->b.id);
	hb_txt(b, c->unit != NULL ? c->unit->name : "?");
	hb_txt_in(b, "</h1><dl class=\"paper-sum\"><div><dt>Ngày mở hòm</dt><dd>",
		hl_day_vn(c->b.opened_on, buf, sizeof(buf)),
		"</dd></div><div><dt>Người mở</dt><dd>");
	hb_txt(b, c->b.opened_by);
	hb_raw(b, "</dd></div><div><dt>Người chứng kiến</dt><dd>");
	hb_txt(b, c->b.witness);
	hb_printf(b,
		"</dd></div><div><dt>Số phiếu đếm được</dt><dd>%d</dd></div>"
		"<div><dt>Bộ câu hỏi</dt><dd>",
		c->b.counted);
	hb_txt(b, c->meta.name);
	hb_printf(b, " (%s@%d)", c->meta.code, c->meta.version);
	hb_raw(b, "</dd></div><div><dt>Cách nhập</dt><dd>");
	hb_raw(b, c->b.double_entry ? "nhập hai lần" : "nhập một lần");
	hb_raw(b, "</dd></div>");
	{
		struct paper_totals t;

		/* once closed, the ballots are pass 1's (the passes agreed) */
		paper_totals(c->e, c->n, &t);
		hb_printf(b,
			"<div><dt>Phiếu hợp lệ / không hợp lệ</dt><dd id=\"paper-totals\">"
			"%zu / %zu",
			t.typed[1] - t.spoiled[1], t.spoiled[1]);
		if (c->b.double_entry && !c->b.closed)
			hb_printf(b, " (lần 2: %zu / %zu)", t.typed[2] - t.spoiled[2],
				t.spoiled[2]);
		hb_raw(b, "</dd></div>");
	}
	hb_raw(b, "<div><dt>Trạng thái</dt><dd>");
	if (c->b.closed) {
		hb_raw(b, "đã đóng ");
		hb_txt(b, hl_clock_fmt(c->b.closed_at, buf, sizeof(buf)));
	} else {
		hb_raw(b, "đang nhập – chưa tính vào chỉ số");
	}
	hb_raw(b, "</dd></div></dl>");
}

/* Answers a[0..n), a space between criteria; positions flagged in mark[]
 * (may be NULL) are highlighted. */
static void answers_html(struct hbuf *b, const struct hl_instrument *in, const unsigned char *a,
	int n, const bool *mark)
{
	hb_raw(b, "<span class=\"digits\">");
	for (int i = 0; i < n; i++) {
		char ch[2];

		if (i > 0 && i < in->nquestions &&
			in->questions[i].criterion != in->questions[i - 1].criterion)
			hb_raw(b, " ");
		paper_format_answers(NULL, a + i, 1, ch, sizeof(ch));
		if (mark != NULL && mark[i]) {
			hb_txt_in(b, "<mark>", ch, "</mark>");
		} else {
			hb_txt(b, ch);
		}
	}
	hb_raw(b, "</span>");
}

/* What the entry form shows again after a refused row. */
struct row_form {
	int seq;
	const char *field, *answers, *comment;
	bool spoiled;
	const char *bad; /* the field in error: "field", "answers", "comment" */
	const char *msg; /* why, shown under the row */
};

/* The row number a new row of pass gets now. */
static int next_seq(const struct bctx *c, int pass)
{
	int top = 0;

	for (size_t i = 0; i < c->n; i++)
		if (c->e[i].pass == pass && c->e[i].seq > top)
			top = c->e[i].seq;
	return top + 1;
}

/* The row's form; focus: put the cursor in it (not when the page answers
 * something else, e.g. a refused close). */
static void entry_form(struct hbuf *b, struct http_req *r, struct bctx *c, int pass,
	const struct row_form *f, bool focus)
{
	const struct hl_instrument *in = c->in;
	bool focus_answers = f != NULL && f->bad != NULL && strcmp(f->bad, "answers") == 0;

	hb_printf(b,
		"<form method=\"post\" action=\"/paper/%lld\" id=\"nhap\" "
		"class=\"paper-entry\">",
		(long long)c->b.id);
	hb_csrf(b, r);
	hb_printf(b, "<input type=\"hidden\" name=\"pass\" value=\"%d\">", pass);
	if (f != NULL && f->seq > 0)
		hb_printf(b, "<input type=\"hidden\" name=\"seq\" value=\"%d\">", f->seq);
	else /* the row it becomes: the same form sent twice adds one row */
		hb_printf(b, "<input type=\"hidden\" name=\"typed_as\" value=\"%d\">",
			next_seq(c, pass));
	/* The question codes, in typing order, grouped by criterion. */
	hb_raw(b,
		"<p class=\"note\" id=\"qhelp\">Mỗi câu một chữ số theo thứ tự dưới đây; 0 hoặc - "
		"là không trả lời; dấu cách tùy ý. Enter để lưu phiếu. Phiếu không hợp lệ (rách, tẩy "
		"xóa, không đọc được): gõ x rồi Enter, hoặc đánh dấu ô “Phiếu không hợp lệ”.</p>"
		"<ol class=\"qcodes\" id=\"qcodes\" aria-label=\"Thứ tự các câu hỏi\">");
	for (int i = 0; i < in->nquestions; i++) {
		const struct hl_question *q = &in->questions[i];

		hb_printf(b, "<li data-max=\"%d\"", in->scales[q->scale].nlevels);
		if (i > 0 && q->criterion != in->questions[i - 1].criterion)
			hb_raw(b, " class=\"grp\"");
		hb_txt_in(b, " title=\"", q->text, "\">");
		hb_txt(b, q->code);
		hb_raw(b, "</li>");
	}
	hb_raw(b,
		"</ol><div class=\"paper-row\"><label class=\"pf\">Lĩnh vực "
		"<input name=\"field\" list=\"paper-fields\" autocomplete=\"off\" spellcheck=\"false\" "
		"maxlength=\"255\"");
	if (focus && !focus_answers)
		hb_raw(b, " autofocus");
	if (f != NULL && f->bad != NULL && strcmp(f->bad, "field") == 0)
		hb_raw(b, " aria-invalid=\"true\"");
	hb_raw(b, " value=\"");
	hb_txt(b, f != NULL && f->field != NULL ? f->field : "");
	hb_printf(b,
		"\"></label><label class=\"pa\">Trả lời (%d câu) <input name=\"answers\" "
		"id=\"answers\" autocomplete=\"off\" spellcheck=\"false\" inputmode=\"numeric\" "
		"aria-describedby=\"qhelp paper-live%s\" maxlength=\"%d\"",
		in->nquestions, f != NULL && f->msg != NULL ? " paper-err" : "", PAPER_ANSWERS_MAX);
	if (focus_answers)
		hb_raw(b, focus ? " autofocus aria-invalid=\"true\"" : " aria-invalid=\"true\"");
	hb_raw(b, " value=\"");
	hb_txt(b, f != NULL && f->answers != NULL ? f->answers : "");
	hb_printf(b,
		"\"></label><label class=\"pc\">Ý kiến (nếu có) <input name=\"comment\" "
		"autocomplete=\"off\" maxlength=\"%d\" value=\"",
		STORE_COMMENT_MAX);
	hb_txt(b, f != NULL && f->comment != NULL ? f->comment : "");
	hb_raw(b, "\"></label><button type=\"submit\">");
	hb_raw(b, f != NULL && f->seq > 0 ? "Lưu sửa" : "Lưu phiếu");
	hb_raw(b,
		"</button></div><label class=\"check spoil\"><input type=\"checkbox\" "
		"name=\"spoiled\" id=\"spoiled\" value=\"1\"");
	if (f != NULL && f->spoiled)
		hb_raw(b, " checked");
	hb_raw(b,
		"> Phiếu không hợp lệ (không tính vào chỉ số, vẫn tính vào số phiếu của lô)"
		"</label>");
	if (f != NULL && f->msg != NULL) {
		hb_txt_in(b, "<p class=\"error\" role=\"alert\" id=\"paper-err\">", f->msg, "</p>");
	}
	hb_raw(b, "<p id=\"paper-live\" class=\"note\" aria-live=\"polite\"></p>");
	if (f != NULL && f->seq > 0)
		hb_printf(b,
			"<p><a href=\"/paper/%lld?pass=%d#nhap\">Thôi sửa, nhập phiếu mới</a></p>",
			(long long)c->b.id, pass);
	/* the names to pick from as the first letters are typed (svc/fields.h) */
	hb_raw(b, "</form><datalist id=\"paper-fields\">");
	for (size_t i = 0; i < c->p.nfields; i++) {
		hb_txt_in(b, "<option value=\"", c->p.fields[i].name, "\"></option>");
	}
	hb_raw(b, "</datalist>");
}

/* The rows of pass (newest first), with edit and delete when open. */
static void rows_table(struct hbuf *b, struct http_req *r, struct bctx *c, int pass, bool edit)
{
	const struct store_paper_entry **rows = NULL;
	struct hl_err err;
	size_t m = 0;

	hl_err_clear(&err);
	if (paper_pass_rows(c->e, c->n, pass, r->a, &rows, &m, &err) != HL_OK || m == 0) {
		hb_raw(b, "<p>Chưa nhập phiếu nào.</p>");
		return;
	}
	hb_raw(b,
		"<div class=\"scroll\"><table class=\"paper-rows stack\"><thead><tr>"
		"<th class=\"num\">Phiếu</th><th>Lĩnh vực</th><th>Trả lời</th><th>Ý kiến</th>"
		"<th>Người nhập</th>");
	if (edit)
		hb_raw(b, "<th><span class=\"sr\">Thao tác</span></th>");
	hb_raw(b, "</tr></thead><tbody>");
	for (size_t k = m; k-- > 0;) {
		const struct store_paper_entry *e = rows[k];

		hb_printf(b,
			"<tr><td class=\"num\" data-label=\"Phiếu\">%zu</td>"
			"<td data-label=\"Lĩnh vực\">",
			k + 1);
		hb_txt(b, pg_field_name(&c->p, e->field_id));
		hb_raw(b, "</td><td data-label=\"Trả lời\">");
		if (e->spoiled)
			hb_raw(b, "<strong>Phiếu không hợp lệ</strong>");
		else
			answers_html(b, c->in, e->answers, e->nanswers, NULL);
		hb_txt_in(b, "</td><td data-label=\"Ý kiến\">", e->comment,
			"</td><td data-label=\"Người nhập\">");
		hb_txt(b, user_name(r, c, e->entered_by));
		hb_raw(b, "</td>");
		if (edit) {
			hb_printf(b,
				"<td class=\"acts\"><a href=\"/paper/%lld?pass=%d&amp;edit=%d#nhap\">"
				"Sửa<span class=\"sr\"> phiếu %zu</span></a> "
				"<form method=\"post\" action=\"/paper/%lld/delete\" class=\"inline-del\">",
				(long long)c->b.id, pass, e->seq, k + 1, (long long)c->b.id);
			hb_csrf(b, r);
			hb_printf(b,
				"<input type=\"hidden\" name=\"pass\" value=\"%d\">"
				"<input type=\"hidden\" name=\"seq\" value=\"%d\">"
				"<button type=\"submit\" class=\"secondary\">Xóa<span class=\"sr\"> phiếu %zu"
				"</span></button></form></td>",
				pass, e->seq, k + 1);
		}
		hb_raw(b, "</tr>");
	}
	hb_raw(b, "</tbody></table></div>");
}

/* What is left to do before the batch closes, or that it may close now. */
static void next_step(struct hbuf *b, struct http_req *r, struct bctx *c)
{
	struct hl_err err;

	hl_err_clear(&err);
	hb_raw(b, "<p class=\"next\" id=\"paper-next\"><strong>Việc tiếp theo:</strong> ");
	if (paper_check_close(&c->b, c->e, c->n, r->a, &err) == HL_OK)
		hb_printf(b,
			"đã nhập đủ %d phiếu%s. Kiểm tra lại rồi đóng lô (cuối trang) để tính "
			"các phiếu vào chỉ số.",
			c->b.counted, c->b.double_entry ? ", hai lần nhập khớp nhau" : "");
	else
		hb_txt(b, err.msg);
	hb_raw(b, "</p>");
}

/* The batch's page for pass; msg (may be NULL) at the top, f (may be NULL)
 * the row sent with its error, close_msg (may be NULL) why it did not close. */
static int batch_page(struct http_req *r, struct bctx *c, int status, const char *msg, int pass,
	const struct row_form *f, const char *close_msg)
{
	struct hbuf b;
	struct hl_err err;
	const char *saved = http_query(r, "saved");
	struct paper_totals t;
	bool may;

	hl_err_clear(&err);
	paper_totals(c->e, c->n, &t);
	page_start(&b, r, PAGE_MAX, "Nhập phiếu giấy");
	hb_raw(&b, "<p><a href=\"/paper\">← Các lô phiếu</a></p>");
	batch_summary(&b, c);
	page_error(&b, msg);
	if (c->b.closed) {
		page_error(&b, close_msg);
		hb_printf(&b,
			"<p class=\"ok\">Lô đã đóng: %zu phiếu đã được tính vào chỉ số; %zu "
			"phiếu không hợp lệ không tính.</p>",
			t.typed[1] - t.spoiled[1], t.spoiled[1]);
		hb_raw(&b, "<h2>Các phiếu</h2>");
		rows_table(&b, r, c, 1, false);
		return page_send(r, status, &b);
	}
	if (c->b.double_entry) {
		hb_raw(&b, "<nav class=\"passes\" aria-label=\"Lần nhập\">");
		for (int p = 1; p <= 2; p++) {
			hb_printf(&b,
				"<a href=\"/paper/%lld?pass=%d#nhap\"%s>Lần nhập %d: %zu/%d phiếu</a> ",
				(long long)c->b.id, p, p == pass ? " aria-current=\"page\"" : "", p,
				t.typed[p], c->b.counted);
		}
		hb_printf(&b, "<a href=\"/paper/%lld/diff\">So sánh hai lần nhập</a></nav>",
			(long long)c->b.id);
	}
	if (pass == 0) {
		hb_raw(&b,
			"<p>Cả hai lần nhập đều đã có người khác nhập. Chọn lần nhập ở trên để "
			"nhập tiếp (bạn chỉ được nhập một trong hai lần).</p>");
		return page_send(r, status, &b);
	}
	may = paper_may_type(&c->b, c->e, c->n, pass, r->user.id, &err) == HL_OK;
	hb_printf(&b, "<h2>Lần nhập %d: đã nhập %zu/%d phiếu</h2>", pass, t.typed[pass],
		c->b.counted);
	next_step(&b, r, c);
	/* only right after a save: never beside a new error */
	if (saved != NULL && msg == NULL && (f == NULL || f->msg == NULL) && close_msg == NULL)
		hb_raw(&b, "<p class=\"ok\" role=\"status\" id=\"paper-saved\">Đã lưu phiếu.</p>");
	if (may)
		entry_form(&b, r, c, pass, f, close_msg == NULL);
	else
		page_error(&b, err.msg);
	rows_table(&b, r, c, pass, may);
	hb_raw(&b, "<h2 id=\"dong-lo\">Đóng lô</h2><p>Khi đã nhập đủ ");
	hb_raw(&b, c->b.double_entry ? "cả hai lần và hai lần khớp nhau" : "số phiếu đếm được");
	hb_printf(&b,
		", đóng lô để tính các phiếu vào chỉ số. Sau khi đóng không sửa được nữa; "
		"bạn sẽ được hỏi lại trước khi đóng.</p>");
	if (close_msg != NULL) {
		/* the answer to the Close button, where the button is */
		hb_raw(&b,
			"<p class=\"error\" role=\"alert\" id=\"close-err\" tabindex=\"-1\" "
			"autofocus>");
		hb_txt(&b, close_msg);
		hb_raw(&b, "</p>");
	}
	hb_printf(&b, "<form method=\"post\" action=\"/paper/%lld/close\">", (long long)c->b.id);
	hb_csrf(&b, r);
	hb_raw(&b,
		"<button type=\"submit\">Đóng lô và tính phiếu…</button></form>"
		"<script src=\"/static/paper.js\" defer></script>");
	return page_send(r, status, &b);
}

/* The pass asked for (?pass= or the form's), else the default for the caller. */
static int chosen_pass(struct http_req *r, struct bctx *c, const char *s)
{
	long p = pos_int(s, 2);

	if (p >= 1)
		return (int)p;
	return paper_default_pass(&c->b, c->e, c->n, r->user.id);
}

int page_paper_batch(struct http_req *r)
{
	struct bctx c;
	struct hl_err err;
	struct row_form f;
	long edit;
	int pass;

	hl_err_clear(&err);
	if (load_batch(r, &c, &err) != HL_OK)
		return http_send_err(r, &err);
	pass = chosen_pass(r, &c, http_query(r, "pass"));
	edit = pos_int(http_query(r, "edit"), 1L << 30);
	if (edit > 0) {
		for (size_t i = 0; i < c.n; i++) {
			const struct store_paper_entry *e = &c.e[i];
			char *ans;

			if (e->pass != pass || e->seq != edit)
				continue;
			ans = hl_arena_alloc(r->a, STORE_ANSWERS_MAX * 2 + 2);
			if (ans == NULL)
				break;
			memset(&f, 0, sizeof(f));
			f.seq = e->seq;
			f.field = pg_field_name(&c.p, e->field_id);
			f.answers = paper_format_answers(c.in, e->answers, e->nanswers, ans,
				STORE_ANSWERS_MAX * 2 + 2);
			f.comment = e->comment;
			f.spoiled = e->spoiled;
			if (e->spoiled)
				f.answers = "";
			return batch_page(r, &c, 200, NULL, pass, &f, NULL);
		}
		return batch_page(r, &c, 404, "Không có phiếu cần sửa.", pass, NULL, NULL);
	}
	return batch_page(r, &c, 200, NULL, pass, NULL, NULL);
}

/* Whether the typed answers say "spoiled ballot": x alone. */
static bool is_spoiled_key(const char *s)
{
	if (s == NULL)
		return false;
	while (*s == ' ')
		s++;
	if (*s != 'x' && *s != 'X')
		return false;
	for (s++; *s == ' '; s++)
		;
	return *s == '\0';
}

/* The batch page again with the row as sent and why it was refused under it. */
static int row_refused(struct http_req *r, struct bctx *c, int pass, struct row_form *f,
	const char *bad, const char *msg)
{
	f->bad = bad;
	f->msg = msg;
	return batch_page(r, c, 400, NULL, pass, f, NULL);
}

/* A write that needs a scratch arena of max bytes, freed when it ends. */
struct arena_op {
	size_t max;
	int (*fn)(struct writer_tx *tx, void *arg, struct hl_arena *a, struct hl_err *err);
	void *arg;
};

static int write_in_arena(struct writer_tx *tx, void *arg, struct hl_err *err)
{
	const struct arena_op *op = arg;
	struct hl_arena *a = hl_arena_new(op->max);
	int rc;

	if (a == NULL)
		return hl_err_set(err, HL_ENOMEM, HL_HERE, "hết bộ nhớ");
	rc = op->fn(tx, op->arg, a, err);
	hl_arena_free(a);
	return rc;
}

struct entry_arg {
	struct store_paper_entry e;
	int typed_as;
	const char *who;
};

static int save_entry(struct writer_tx *tx, void *arg, struct hl_arena *a, struct hl_err *err)
{
	struct entry_arg *x = arg;

	return paper_save_entry(writer_tx_store(tx), &x->e, x->typed_as, x->who, a, err);
}

int page_paper_entry(struct http_req *r)
{
	struct bctx c;
	struct hl_err err;
	struct row_form f;
	struct entry_arg *x;
	char loc[96];
	long seq;
	int pass, rc;

	hl_err_clear(&err);
	if (load_batch(r, &c, &err) != HL_OK)
		return http_send_err(r, &err);
	memset(&f, 0, sizeof(f));
	pass = chosen_pass(r, &c, http_form(r, "pass"));
	seq = pos_int(http_form(r, "seq"), 1L << 30);
	f.seq = seq > 0 ? (int)seq : 0;
	f.field = form_text(r, "field", STORE_NAME_MAX - 1);
	f.answers = http_form(r, "answers");
	f.comment = form_text(r, "comment", STORE_COMMENT_MAX);
	/* spoiled: the box ticked, or "x" typed for the answers (keyboard only) */
	f.spoiled = http_form(r, "spoiled") != NULL || is_spoiled_key(f.answers);
	if (pass == 0)
		return batch_page(r, &c, 400, "Hãy chọn lần nhập.", pass, &f, NULL);
	if (seq < 0)
		return batch_page(r, &c, 400, "Số dòng không hợp lệ.", pass, NULL, NULL);
	x = hl_arena_alloc(r->a, sizeof(*x));
	if (x == NULL)
		return http_send_error(r, 500, "nomem", "hết bộ nhớ", NULL);
	x->e.batch_id = c.b.id;
	x->e.pass = pass;
	x->e.seq = f.seq;
	x->e.spoiled = f.spoiled;
	x->typed_as = (int)pos_int(http_form(r, "typed_as"), 1L << 30);
	x->e.entered_by = r->user.id;
	x->who = who_of(r);
	if (f.field == NULL) {
		f.field = "";
		return row_refused(r, &c, pass, &f, "field", "Tên lĩnh vực dài quá.");
	}
	if (f.field[0] != '\0' && !f.spoiled) {
		size_t i;

		if (!fields_find(c.p.fields, c.p.nfields, f.field, &i))
			return row_refused(r, &c, pass, &f, "field",
				hl_arena_printf(r->a,
					"Lĩnh vực '%s' không có: gõ vài chữ đầu của tên lĩnh vực rồi chọn trong danh "
					"sách, hoặc để trống.",
					f.field));
		x->e.field_id = c.p.fields[i].id;
	}
	if (f.comment == NULL) {
		f.comment = "";
		return row_refused(r, &c, pass, &f, "comment",
			hl_arena_printf(r->a, "Ý kiến dài quá %d byte.", STORE_COMMENT_MAX));
	}
	if (!f.spoiled &&
		paper_parse_answers(c.in, f.answers, x->e.answers, &x->e.nanswers, &err) != HL_OK)
		return row_refused(r, &c, pass, &f, "answers",
			hl_arena_printf(r->a, "Trả lời: %s. (Phiếu không hợp lệ: gõ x.)", err.msg));
	snprintf(x->e.comment, sizeof(x->e.comment), "%s", f.comment);
	if ((rc = srv_write(r, write_in_arena, &(struct arena_op){(size_t)32 << 20, save_entry, x},
		     &err)) != HL_OK) {
		/* Show the page as it is now (another clerk may have typed meanwhile). */
		struct hl_err e2;

		hl_err_clear(&e2);
		if (load_batch(r, &c, &e2) != HL_OK)
			return http_send_err(r, &err);
		f.msg = err.msg;
		return batch_page(r, &c, http_status_of(rc), NULL, pass, &f, NULL);
	}
	snprintf(loc, sizeof(loc), "/paper/%lld?pass=%d&saved=%d", (long long)c.b.id, pass,
		x->e.seq);
	return http_redirect(r, loc);
}

struct del_arg {
	int64_t batch, user;
	int pass, seq;
	const char *who;
};

static int delete_entry(struct writer_tx *tx, void *arg, struct hl_arena *a, struct hl_err *err)
{
	struct del_arg *d = arg;

	return paper_delete_entry(writer_tx_store(tx), d->batch, d->pass, d->seq, d->user, d->who,
		a, err);
}

int page_paper_delete(struct http_req *r)
{
	struct bctx c;
	struct hl_err err;
	struct del_arg d;
	char loc[96];
	long pass = pos_int(http_form(r, "pass"), 2), seq = pos_int(http_form(r, "seq"), 1L << 30);
	int rc;

	hl_err_clear(&err);
	if (load_batch(r, &c, &err) != HL_OK)
		return http_send_err(r, &err);
	if (pass <= 0 || seq <= 0)
		return batch_page(r, &c, 400, "Thiếu lần nhập hoặc số dòng cần xóa.",
			chosen_pass(r, &c, NULL), NULL, NULL);
	d.batch = c.b.id;
	d.user = r->user.id;
	d.pass = (int)pass;
	d.seq = (int)seq;
	d.who = who_of(r);
	if ((rc = srv_write(r, write_in_arena,
		     &(struct arena_op){(size_t)32 << 20, delete_entry, &d}, &err)) != HL_OK)
		return batch_page(r, &c, http_status_of(rc), err.msg, (int)pass, NULL, NULL);
	snprintf(loc, sizeof(loc), "/paper/%lld?pass=%ld", (long long)c.b.id, pass);
	return http_redirect(r, loc);
}

/* ---- GET /paper/N/diff ---- */

int page_paper_diff(struct http_req *r)
{
	struct bctx c;
	struct hl_err err;
	struct paper_diff *d = NULL;
	size_t nd = 0;
	struct hbuf b;

	hl_err_clear(&err);
	if (load_batch(r, &c, &err) != HL_OK)
		return http_send_err(r, &err);
	if (!c.b.double_entry) {
		hl_err_set(&err, HL_ENOTFOUND, HL_HERE,
			"lô phiếu số %lld chỉ nhập một lần: không có gì để so sánh",
			(long long)c.b.id);
		return http_send_err(r, &err);
	}
	if (paper_compare(c.e, c.n, r->a, &d, &nd, &err) != HL_OK)
		return http_send_err(r, &err);
	page_start(&b, r, PAGE_MAX, "So sánh hai lần nhập");
	hb_printf(&b, "<p><a href=\"/paper/%lld\">← Lô phiếu số %lld</a></p>", (long long)c.b.id,
		(long long)c.b.id);
	batch_summary(&b, &c);
	{
		struct paper_totals t;

		paper_totals(c.e, c.n, &t);
		hb_printf(&b,
			"<h2>So sánh hai lần nhập</h2><p>Lần 1: %zu/%d phiếu (%zu không hợp lệ); "
			"lần 2: %zu/%d phiếu (%zu không hợp lệ).</p>",
			t.typed[1], c.b.counted, t.spoiled[1], t.typed[2], c.b.counted,
			t.spoiled[2]);
	}
	if (nd == 0) {
		hb_raw(&b, "<p class=\"ok\">Hai lần nhập khớp nhau ở mọi phiếu đã nhập.</p>");
		return page_send(r, 200, &b);
	}
	hb_printf(&b,
		"<p class=\"error\">Hai lần nhập khác nhau ở %zu phiếu. Đối chiếu với phiếu "
		"giấy rồi sửa lần nhập sai.</p>",
		nd);
	page_table(&b, "paper-diff",
		"<th class=\"num\">Phiếu</th><th>Khác ở</th><th>Lần 1</th><th>Lần 2</th>");
	for (size_t i = 0; i < nd; i++) {
		const struct paper_diff *x = &d[i];
		bool mark[STORE_ANSWERS_MAX] = {false};
		const char *sep = "";

		for (int k = 0; k < x->nq; k++)
			if (x->q[k] < STORE_ANSWERS_MAX)
				mark[x->q[k]] = true;
		hb_printf(&b, "<tr><td class=\"num\">%d</td><td>", x->pos);
		if (x->what & PD_ONLY1)
			hb_raw(&b, "chỉ có ở lần 1");
		if (x->what & PD_ONLY2)
			hb_raw(&b, "chỉ có ở lần 2");
		if (x->what & PD_SPOILED)
			hb_raw(&b, "phiếu không hợp lệ ở một lần nhập");
		if (x->what & PD_ANSWERS) {
			hb_raw(&b, "câu ");
			for (int k = 0; k < x->nq; k++) {
				hb_raw(&b, k > 0 ? ", " : "");
				hb_txt(&b,
					x->q[k] < c.in->nquestions ? c.in->questions[x->q[k]].code :
								     "?");
			}
			sep = "; ";
		}
		if (x->what & PD_FIELD) {
			hb_txt(&b, sep);
			hb_raw(&b, "lĩnh vực");
			sep = "; ";
		}
		if (x->what & PD_STAFF) {
			hb_txt(&b, sep);
			hb_raw(&b, "công chức");
			sep = "; ";
		}
		if (x->what & PD_COMMENT) {
			hb_txt(&b, sep);
			hb_raw(&b, "ý kiến");
		}
		hb_raw(&b, "</td>");
		for (int p = 1; p <= 2; p++) {
			const struct store_paper_entry *e = p == 1 ? x->e1 : x->e2;

			if (e == NULL) {
				hb_raw(&b, "<td>–</td>");
				continue;
			}
			hb_raw(&b, "<td>");
			if (e->field_id != 0 || (x->what & PD_FIELD)) {
				hb_raw(&b, "Lĩnh vực: ");
				hb_txt(&b,
					e->field_id != 0 ? pg_field_name(&c.p, e->field_id) :
							   "(trống)");
				hb_raw(&b, "<br>");
			}
			if (e->spoiled)
				hb_raw(&b, "<strong>Phiếu không hợp lệ</strong>");
			else
				answers_html(&b, c.in, e->answers, e->nanswers, mark);
			if (e->comment[0] != '\0') {
				hb_raw(&b, "<br>Ý kiến: ");
				hb_txt(&b, e->comment);
			}
			hb_txt_in(&b, "<br><span class=\"note\">", user_name(r, &c, e->entered_by),
				"</span>");
			if (!c.b.closed)
				hb_printf(&b,
					" <a href=\"/paper/%lld?pass=%d&amp;edit=%d#nhap\">Sửa"
					"<span class=\"sr\"> phiếu %d lần %d</span></a>",
					(long long)c.b.id, p, e->seq, x->pos, p);
			hb_raw(&b, "</td>");
		}
		hb_raw(&b, "</tr>");
	}
	hb_raw(&b, "</tbody></table></div>");
	return page_send(r, 200, &b);
}

/* ---- POST /paper/N/close ---- */

struct close_arg {
	int64_t id;
	const char *who;
	int nresp;
};

static int close_batch(struct writer_tx *tx, void *arg, struct hl_arena *a, struct hl_err *err)
{
	struct close_arg *x = arg;

	return paper_close(writer_tx_store(tx), x->id, srv_now(), x->who, writer_tx_counter, tx, a,
		&x->nresp, err);
}

/* Before closing: what closing does, the ballots it counts, a way back. */
static int close_confirm(struct http_req *r, struct bctx *c)
{
	struct paper_totals t;
	struct hbuf b;
	char day[16];

	paper_totals(c->e, c->n, &t);
	page_start(&b, r, PAGE_MAX, "Đóng lô phiếu");
	batch_summary(&b, c);
	hb_printf(&b,
		"<section class=\"confirm\" aria-labelledby=\"xac-nhan\"><h2 id=\"xac-nhan\">"
		"Đóng lô phiếu số %lld?</h2><p>",
		(long long)c->b.id);
	hb_printf(&b, "<strong>%zu phiếu hợp lệ</strong> sẽ được tính vào chỉ số của ",
		t.typed[1] - t.spoiled[1]);
	hb_txt(&b, c->unit != NULL ? c->unit->name : "?");
	hb_raw(&b, ", ngày ");
	hb_txt(&b, hl_day_vn(c->b.opened_on, day, sizeof(day)));
	hb_printf(&b,
		"; %zu phiếu không hợp lệ được ghi nhận nhưng không tính. Sau khi đóng "
		"không sửa, xóa hay nhập thêm phiếu của lô được nữa.</p>",
		t.spoiled[1]);
	hb_printf(&b, "<form method=\"post\" action=\"/paper/%lld/close\">", (long long)c->b.id);
	hb_csrf(&b, r);
	hb_printf(&b,
		"<input type=\"hidden\" name=\"confirm\" value=\"1\"><div class=\"actions\">"
		"<button type=\"submit\" class=\"danger\">Đóng lô, tính %zu phiếu</button> "
		"<a class=\"button secondary\" href=\"/paper/%lld\">Quay lại, chưa đóng</a></div>"
		"</form></section>",
		t.typed[1] - t.spoiled[1], (long long)c->b.id);
	return page_send(r, 200, &b);
}

int page_paper_close(struct http_req *r)
{
	struct bctx c;
	struct hl_err err;
	struct close_arg x;
	const char *confirm = http_form(r, "confirm");
	char loc[64];
	int rc;

	hl_err_clear(&err);
	if (load_batch(r, &c, &err) != HL_OK)
		return http_send_err(r, &err);
	if (confirm == NULL || strcmp(confirm, "1") != 0) {
		/* not closable: why, where the button is; else ask first */
		if (paper_check_close(&c.b, c.e, c.n, r->a, &err) != HL_OK)
			return batch_page(r, &c, http_status_of(err.code), NULL,
				chosen_pass(r, &c, NULL), NULL, err.msg);
		return close_confirm(r, &c);
	}
	memset(&x, 0, sizeof(x));
	x.id = c.b.id;
	x.who = who_of(r);
	if ((rc = srv_write(r, write_in_arena,
		     &(struct arena_op){(size_t)64 << 20, close_batch, &x}, &err)) != HL_OK) {
		struct hl_err e2;

		hl_err_clear(&e2);
		if (load_batch(r, &c, &e2) != HL_OK)
			return http_send_err(r, &err);
		return batch_page(r, &c, http_status_of(rc), NULL, chosen_pass(r, &c, NULL), NULL,
			err.msg);
	}
	snprintf(loc, sizeof(loc), "/paper/%lld", (long long)c.b.id);
	return http_redirect(r, loc);
}
