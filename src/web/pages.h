/* pages.h — the HTML pages' handlers (one file per page group in src/web/),
 * listed in the route table (src/http/routes.c). */
#ifndef HL_PAGES_H
#define HL_PAGES_H

#include "http/http.h"

/* static.c: GET /static/NAME — the embedded assets. */
int page_static(struct http_req *r);

/* login.c: GET /login, POST /login, POST /logout. */
int page_login_form(struct http_req *r);
int page_login(struct http_req *r);
int page_logout(struct http_req *r);

/* home.c: GET / — the dashboard; POST /comments/ID (action=approve|withdraw)
 * — a comment approved for publication, or no longer (audited). */
int page_home(struct http_req *r);
int page_comment_post(struct http_req *r);

/* kiosk.c: GET /kiosk (the counter kiosk's survey shell), GET /kiosk-sw.js
 * (its service worker), GET /s/TOKEN (the phone survey of a one-time link). */
int page_kiosk(struct http_req *r);
int page_kiosk_sw(struct http_req *r);
int page_survey(struct http_req *r);

/* review.c: GET /review (held responses of the caller's units), POST
 * /review/ID with action=accept|reject, POST /review/all (upto=the newest id
 * shown; confirm=1 accepts them all, without it the confirmation page). */
int page_review(struct http_req *r);
int page_review_post(struct http_req *r);
int page_review_all(struct http_req *r);

/* paper.c: GET/POST /paper (the batches, opening one), GET/POST /paper/N
 * (typing a pass), POST /paper/N/delete (a row), GET /paper/N/diff (the two
 * passes' differences), POST /paper/N/close (count the batch). */
int page_paper_list(struct http_req *r);
int page_paper_create(struct http_req *r);
int page_paper_batch(struct http_req *r);
int page_paper_entry(struct http_req *r);
int page_paper_delete(struct http_req *r);
int page_paper_diff(struct http_req *r);
int page_paper_close(struct http_req *r);

/* receipts.c: GET /receipts (the form), POST /receipts (a dossier's one-time
 * survey link and its printable slip with the QR code). */
int page_receipts_form(struct http_req *r);
int page_receipts_create(struct http_req *r);

/* receipts.c: the address phones and kiosks open: $HAILONG_URL (the public
 * address, e.g. behind a proxy), else http:// and the Host this request was
 * sent to; in buf (or the environment's memory). */
const char *web_base_url(struct http_req *r, char *buf, size_t size);

/* kiosks.c: GET /kiosks (the caller's units' kiosks, the forms), POST
 * /kiosks (add one: its token and pairing QR code shown once), POST
 * /kiosks/rename, POST /kiosks/revoke (confirm=1 revokes; without, the
 * confirmation). Audited as web:NAME. */
int page_kiosks(struct http_req *r);
int page_kiosks_add(struct http_req *r);
int page_kiosks_rename(struct http_req *r);
int page_kiosks_revoke(struct http_req *r);

/* admin.c, admin_units.c, admin_instruments.c, admin_users.c: the
 * administration pages (ROLE_ADMIN). GET shows a list and its forms; POST
 * writes (audited) and redirects back with a message, or shows the page
 * again with the error. */
int page_admin(struct http_req *r);
int page_admin_units(struct http_req *r);
int page_admin_units_post(struct http_req *r);
int page_admin_units_merge(struct http_req *r);
int page_admin_fields(struct http_req *r);
int page_admin_fields_post(struct http_req *r);
int page_admin_staff(struct http_req *r);
int page_admin_staff_post(struct http_req *r);
int page_admin_instruments(struct http_req *r);
int page_admin_instrument(struct http_req *r);
int page_admin_instruments_post(struct http_req *r);
int page_admin_targets(struct http_req *r);
int page_admin_targets_post(struct http_req *r);
int page_admin_users(struct http_req *r);
int page_admin_users_post(struct http_req *r);
int page_admin_users_disable(struct http_req *r);

/* admin_offices.c, admin_calendar.c, admin_schedules.c: what a clerk (and
 * up) sets for its units without the command line — the offices feedback
 * goes to (POST /admin/offices adds or renames one; /admin/offices/import, a
 * CSV of many units, administrators of everything), the working calendar
 * (POST /admin/calendar/hours, a unit's office hours from a day;
 * /admin/calendar/import, a holiday decision; /admin/calendar/culture, the
 * 24/11 day off), the reporting schedules (POST /admin/schedules,
 * supervisors and administrators). Audited as web:NAME. */
int page_admin_offices(struct http_req *r);
int page_admin_offices_post(struct http_req *r);
int page_admin_offices_import(struct http_req *r);
int page_admin_calendar(struct http_req *r);
int page_admin_calendar_hours(struct http_req *r);
int page_admin_calendar_import(struct http_req *r);
int page_admin_calendar_culture(struct http_req *r);
int page_admin_schedules(struct http_req *r);
int page_admin_schedules_post(struct http_req *r);

/* public.c: GET /public/UNIT — the unit's published results, for anyone;
 * GET /public/UNIT/reports/ID — one published version (the stored document,
 * or its frozen figures). */
int page_public(struct http_req *r);
int page_public_report(struct http_req *r);

/* public.c: the unit named by the path (r->param[0]) into u, or HL_ENOTFOUND. */
struct store_unit;
struct hl_err;
int web_public_unit(struct http_req *r, struct store_unit *u, struct hl_err *err);

/* public.c: a stored period code ("2024-Q1") as people read it ("Quý
 * I/2024"), into buf (returned); the code itself if it does not parse. */
const char *web_period_label(const char *code, char *buf, size_t size);

/* public.c: the SIPAS table of unit_code in a frozen index snapshot (the JSON
 * of svc/index_json.h), appended to b. */
struct hbuf;
void web_figures_table(struct hbuf *b, const char *figures, const char *unit_code);

/* public.c: where citizens reach unit u (hotline, address, e-mail as
 * stored by `hailong units contact`) as a list appended to b; nothing when
 * none is stored. HL_OK or the store's error. */
int web_unit_contact(struct hbuf *b, struct http_req *r, const struct store_unit *u,
	struct hl_err *err);

/* public.c: the fixes unit u published (svc/followup.h) of cases closed at
 * or after since (minutes, 0 = any), newest first, at most max, as a list
 * appended to b: the day, the criteria, the staff's words; *n gets how
 * many (0: nothing appended). */
int web_unit_fixes(struct hbuf *b, struct http_req *r, const struct store_unit *u, int64_t since,
	size_t max, size_t *n, struct hl_err *err);

/* reports.c: GET /reports (the draft form, the reports owed, published
 * versions), GET /reports/preview?unit=&period=&number=&signer= (a draft),
 * GET /reports/draft?…&format=pdf|xlsx|csv (the draft's document, never
 * stored), GET /reports/news?unit=&period=&format=text|html|wav (the news
 * item about it, report/news.h, never stored), POST /reports/publish
 * (freeze it; audited). */
int page_reports(struct http_req *r);
int page_reports_preview(struct http_req *r);
int page_reports_draft(struct http_req *r);
int page_reports_news(struct http_req *r);
int page_reports_publish(struct http_req *r);

/* feedback_public.c: for anyone — GET/POST /public/UNIT/feedback (the form;
 * honeypot and a per-address rate limit), GET/POST /public/feedback/track
 * (?token=: the item's state and published answer; the sender's rating),
 * GET /public/UNIT/answers (the published answers). */
int page_fb_public_form(struct http_req *r);
int page_fb_public_post(struct http_req *r);
int page_fb_track(struct http_req *r);
int page_fb_track_rate(struct http_req *r);
int page_fb_answers(struct http_req *r);

/* feedback.c: GET /feedback (the inbox by deadline), GET /feedback/CODE (one
 * item, its steps, the form for the next step), POST /feedback/CODE
 * (action=classify|forward|answer|publish), GET /feedback/CODE/letter.pdf
 * (the answer as the PDF letter). */
int page_feedback(struct http_req *r);
int page_feedback_item(struct http_req *r);
int page_feedback_post(struct http_req *r);
int page_feedback_letter(struct http_req *r);

/* plan.c: GET /plan?unit=&year= (the unit's improvement plan, the progress
 * of each task, a form per task; without a plan, the suggestion), POST /plan
 * (a task's status and a dated note), GET /plan/task?unit=&year=&no= (a
 * task's edit form), POST /plan/task (a task added or edited), POST
 * /plan/adopt (the suggestion made the plan), POST /plan/import (the plan
 * from CSV text), GET /plan/csv?unit=&year= (the plan, or the suggestion,
 * as that CSV). Writes audited as web:NAME. */
int page_plan(struct http_req *r);
int page_plan_post(struct http_req *r);
int page_plan_task(struct http_req *r);
int page_plan_task_post(struct http_req *r);
int page_plan_adopt(struct http_req *r);
int page_plan_import(struct http_req *r);
int page_plan_csv(struct http_req *r);

/* dossiers.c: GET /dossiers (on-time rates of the caller's units per field
 * and month), GET /dossiers/weekly (the latest Friday list; ?format=pdf|xlsx|csv
 * downloads it). */
int page_dossiers(struct http_req *r);
int page_dossiers_weekly(struct http_req *r);
int page_score766(struct http_req *r);

/* followups.c: the follow-up cases of the caller's units (GET /followups:
 * ?unit=, ?overdue=1, ?all=1 with the closed ones), and closing one (POST
 * /followups/close: code, cause, fix, callback), and putting a closed one's
 * fix on the public page (POST /followups/publish: code, show=1|0). */
int page_followups(struct http_req *r);
int page_followups_close(struct http_req *r);
int page_followups_publish(struct http_req *r);

/* voice.c: GET /audio/CODE/VERSION/KEY.wav — a question ("q-TC1") or an
 * answer ("s-hl5-4") of an instrument version read aloud, for anyone. */
int page_voice(struct http_req *r);

/* display.c: GET /display/UNIT — the counter screen, for anyone: the latest
 * published figures, the survey and feedback QR codes, this month's
 * follow-ups, as slides (?part=slides: the slides alone, for its refresh). */
int page_display(struct http_req *r);

#endif
