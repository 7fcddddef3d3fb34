/* cli.h — the command line's shared pieces: the command descriptor gathered
 * in main.c's table, the context the gate hands to every command, option
 * parsing and the way errors and reports are printed (Vietnamese, stderr). */
#ifndef HL_CLI_H
#define HL_CLI_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "base/err.h"

struct hl_arena;
struct hl_period;
struct store;
struct store_unit;
struct import_report;
struct import_opts;

/* What the gate does with the database before the command runs. */
enum cli_db {
	CLI_DB_NONE,   /* the command does not use the database */
	CLI_DB_OPEN,   /* it must exist and be initialised (else: run init) */
	CLI_DB_CREATE, /* opened or created as is; the command migrates (init, demo) */
};

struct cli_ctx {
	const char *db;      /* --db, else $HAILONG_DB, else ./hailong.db */
	char who[96];        /* for the audit log: "cli:" + $USER, or "cli" */
	struct store *st;    /* opened by the gate (NULL with CLI_DB_NONE) */
	const char *read_db; /* --read-db: a replica for the heavy reads, or NULL */
	struct store *rst;   /* where index, report and dossiers stats read: the
	                      * replica, else st */
	bool tty;            /* stderr is a terminal: show progress */
	bool progress_shown; /* a progress line is on stderr, to be ended */
};

struct cli_sub;

/* One command: `hailong NAME ...`. run gets argv[0] = NAME and the rest
 * without the global options; it returns the exit status (0, 1 error, 2 usage).
 * A command made of subcommands has subs instead (run NULL): the gate runs
 * the one argv[1] names (cli_dispatch). */
struct cli_cmd {
	const char *name;
	const char *summary; /* one Vietnamese line for `hailong --help` */
	const char *help;    /* full Vietnamese help: usage lines and options */
	enum cli_db db;
	int (*run)(struct cli_ctx *ctx, int argc, char **argv);
	const struct cli_sub *subs; /* NULL-name terminated, or NULL */
};

/* The descriptors, one per cmd_<name>.c; main.c lists the ones built. */
extern const struct cli_cmd cmd_init, cmd_units, cmd_fields, cmd_staff, cmd_instruments,
	cmd_responses, cmd_tallies, cmd_targets, cmd_dossiers, cmd_index, cmd_score766,
	cmd_sample_plan, cmd_demo, cmd_serve;
extern const struct cli_cmd cmd_users, cmd_audit;
extern const struct cli_cmd cmd_kiosks;
extern const struct cli_cmd cmd_receipts;
extern const struct cli_cmd cmd_report;
extern const struct cli_cmd cmd_reports;
extern const struct cli_cmd cmd_news;
extern const struct cli_cmd cmd_chart;
extern const struct cli_cmd cmd_plan;
extern const struct cli_cmd cmd_calendar;
extern const struct cli_cmd cmd_feedback, cmd_offices, cmd_followup;
extern const struct cli_cmd cmd_check, cmd_backup, cmd_copy;

struct cli_listing;

/* A subcommand: `hailong NAME SUB ...`; run gets argv[0] = SUB. A `list`
 * that takes no option is data instead: run NULL, and list the table the
 * gate prints with cli_list. */
struct cli_sub {
	const char *name;
	int (*run)(struct cli_ctx *ctx, int argc, char **argv);
	const struct cli_listing *list;
};

/* Run the subcommand named by argv[1] from subs (NULL-name terminated), or
 * print a usage error naming cmd (status 2). */
int cli_dispatch(const struct cli_cmd *cmd, const struct cli_sub *subs, struct cli_ctx *ctx,
	int argc, char **argv);

/* The name among names[0..n) that s was probably meant to be — a slip of a
 * few letters, or its first letters — for a "có phải …?" hint; NULL when
 * none is close. Points into names. */
const char *cli_closest(const char *s, const char *const *names, size_t n);

/* One option a command accepts: "--name VALUE" or "--name=VALUE" sets *value;
 * with flag != NULL the option takes no value and sets *flag. */
struct cli_opt {
	const char *name; /* "year" for --year */
	const char **value;
	bool *flag;
};

/* Parse argv[first..argc): options from opts (NULL-name terminated) and up to
 * maxpos positional arguments into pos (NULL-filled). Returns 0, or prints a
 * usage error naming cmd and returns 2. */
int cli_parse(const struct cli_cmd *cmd, int argc, char **argv, int first,
	const struct cli_opt *opts, const char **pos, int maxpos, int *npos);

/* Parse argv[1..argc): options from opts only, no positional argument.
 * Returns 0, or prints a usage error naming cmd and returns 2. */
int cli_opts(const struct cli_cmd *cmd, int argc, char **argv, const struct cli_opt *opts);

/* The options of a query over a period and a place: --period, --unit,
 * --under and --format (set format's default before parsing). */
struct cli_scope {
	const char *period, *unit, *under, *format;
};

/* Parse argv[1..argc) like cli_opts with the options of *s and those of more
 * (NULL-name terminated, at most 8; may be NULL). Returns 0 or 2. */
int cli_scope_opts(const struct cli_cmd *cmd, int argc, char **argv, struct cli_scope *s,
	const struct cli_opt *more);

/* A usage error naming cmd when s has both --unit and --under. Returns 0 or 2. */
int cli_scope_one(const struct cli_cmd *cmd, const struct cli_scope *s);

/* Parse argv[1..argc): options from opts and exactly one positional argument
 * into *arg; without it, the usage error missing. Returns 0 or 2. */
int cli_parse_one(const struct cli_cmd *cmd, int argc, char **argv, const struct cli_opt *opts,
	const char **arg, const char *missing);

/* cli_parse knows long options only: turn every "-o" in argv[1..argc) into
 * "--output", in place. */
void cli_short_output(int argc, char **argv);

/* Print "hailong: lỗi: <err->msg>" to stderr; returns 1 (the exit status). */
int cli_fail(const struct hl_err *err);

/* Print "hailong: lỗi: <message>" to stderr; returns 1. */
int cli_errorf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Print a usage error and where to read help for cmd; returns 2. */
int cli_usage(const struct cli_cmd *cmd, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* Print cmd's help to f. */
void cli_print_help(const struct cli_cmd *cmd, FILE *f);

/* Progress callback for import_opts (ctx = struct cli_ctx *): "\r" updates on
 * stderr, only when it is a terminal. */
void cli_progress(void *ctx, long rows);

/* End a progress line started by cli_progress (newline if one was shown). */
void cli_progress_done(struct cli_ctx *ctx);

/* Print an import's outcome: the count on stdout, or every problem and the
 * Vietnamese summary on stderr. what = "phiếu", "đơn vị", ... Returns the exit
 * status for rc (import_* return value) and err. */
int cli_import_report(const struct import_report *rep, const char *what, int rc,
	const struct hl_err *err);

/* Run an import_* function on the file at path with the context's store and
 * audit name; prints the report; returns the exit status. */
int cli_import_file(struct cli_ctx *ctx, const char *path, const char *what,
	int (*fn)(struct store *, FILE *, const struct import_opts *, struct import_report *,
		struct hl_err *));

/* cli_import_file, opening no follow-up case when no_followup (responses
 * brought in as history: `responses import --no-followup`). */
int cli_import_file_no_followup(struct cli_ctx *ctx, const char *path, const char *what,
	int (*fn)(struct store *, FILE *, const struct import_opts *, struct import_report *,
		struct hl_err *),
	bool no_followup);

/* `hailong NAME import TỆP.csv` (argv[0] = "import"): parse the one file
 * name, then cli_import_file; returns the exit status. */
int cli_import_cmd(const struct cli_cmd *cmd, struct cli_ctx *ctx, int argc, char **argv,
	const char *what,
	int (*fn)(struct store *, FILE *, const struct import_opts *, struct import_report *,
		struct hl_err *));

/* The table a list command prints, as its print callback fills it: the
 * columns, an arena for the rows, how many rows there are (the callback
 * sets n) and, when the listing asks, every unit (for cli_table_unit). */
struct cli_table {
	const struct cli_col *cols;
	struct hl_arena *a;
	size_t n;
	struct store_unit *u;
	size_t nu;
	bool headed;     /* the headings are printed */
	const void *arg; /* what the command passed to cli_list_print */
};

/* How a `list` subcommand prints: its columns (NULL: print writes all it
 * shows itself), the arena's size, what its rows are called in the closing
 * "(n what)" line (NULL: none), the line shown instead of an empty table
 * (NULL: the headings alone), whether its rows name units, and print, which
 * fetches the rows and prints them (cli_table_row), or returns an error
 * without printing it. */
struct cli_listing {
	const struct cli_col *cols;
	size_t cap;
	const char *what;
	const char *none;
	bool units;
	int (*print)(struct cli_ctx *ctx, struct cli_table *t, struct hl_err *err);
};

/* A `list` subcommand (argv[0] = "list") that takes no argument: parse argv,
 * then print the table l describes with a new arena, freed after. Returns
 * the exit status. */
int cli_list(const struct cli_cmd *cmd, struct cli_ctx *ctx, int argc, char **argv,
	const struct cli_listing *l);

/* cli_list's work after parsing: print the table l describes, its print
 * callback seeing arg in t->arg. Returns the exit status. */
int cli_list_print(struct cli_ctx *ctx, const struct cli_listing *l, const void *arg);

/* Print t's headings, unless they are already printed. */
void cli_table_head(struct cli_table *t);

/* Print one row of t (its headings first, before the first row). */
void cli_table_row(struct cli_table *t, const char *const *cells);

/* The name of the unit with this id among t's units, or "?"; not owned. */
const char *cli_table_unit(const struct cli_table *t, int64_t id);

/* The name of the unit with this id among u[0..n), or "?"; not owned. */
const char *cli_unit_name(const struct store_unit *u, size_t n, int64_t id);

/* --period s into *p: a usage error naming cmd when it is missing ("thiếu
 * --period (ví dụ: --period 2025-Q3)") or not a period. Returns 0 or 2. */
int cli_period(const struct cli_cmd *cmd, const char *s, struct hl_period *p);

/* A table's title line and a blank line: "TITLE – Quý III/2025 (01/07/2025 –
 * 30/09/2025), tính đến 05/12/2026 14:30" for period p at minute at. */
void cli_title_period(const char *title, const struct hl_period *p, int64_t at);

/* A moment option (--at, --from, --received): "year-month-day hour:minute"
 * (or with a T between, or a day alone for its 00:00) into *out, minutes of
 * Vietnam's time; def when s is NULL. Returns 0, or prints why and returns 1
 * (2, a usage error naming cmd, when cmd is not NULL). */
int cli_minute(const struct cli_cmd *cmd, const char *opt, const char *s, int64_t def,
	int64_t *out);

/* --format table|csv (NULL: table) into *csv: a usage error naming cmd for
 * anything else. Returns 0 or 2. */
int cli_csv_format(const struct cli_cmd *cmd, const char *s, bool *csv);

/* Parse a year 1900..2999; false if s is not one. */
bool cli_parse_year(const char *s, int *year);

/* A new arena of cap bytes in *a (the caller frees it). Returns 0, or prints
 * that memory ran out and returns 1. */
int cli_arena(size_t cap, struct hl_arena **a);

/* Free a (may be NULL), then cli_fail(err); returns 1. */
int cli_fail_free(struct hl_arena *a, const struct hl_err *err);

/* End the transaction the caller began: commit when rc is HL_OK, else (or
 * when the commit fails) roll back and print err. Returns the exit status. */
int cli_commit(struct cli_ctx *ctx, int rc, struct hl_err *err);

/* step, one svc call on ctx->st, in a transaction of its own ended by
 * cli_commit; not made when the transaction cannot begin. The exit status. */
#define CLI_TX(ctx, err, step) \
	(store_begin((ctx)->st, (err)) != HL_OK ? cli_fail(err) : cli_commit((ctx), (step), (err)))

/* The unit with this code into *u; when there is none, the error fmt, ...
 * (which names the code). Returns 0 or 1 (printed). */
int cli_unit_get(struct cli_ctx *ctx, const char *code, struct store_unit *u, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

/* One column of a table printed by cli_row: its heading and its width in
 * terminal columns, negative for right-aligned (numbers); the last column
 * has width 0: printed as it is, it ends the line. */
struct cli_col {
	const char *head;
	int width;
};

/* Print one row of the table cols: cells[i] in column i, or the headings
 * when cells is NULL. */
void cli_row(const struct cli_col *cols, const char *const *cells);

/* Print s to stdout padded with spaces to width terminal columns (Vietnamese
 * letters with diacritics take one column each), then one space. */
void cli_cell(const char *s, int width);

/* The same, right-aligned (numbers). */
void cli_rcell(const char *s, int width);

/* Record a change in the audit log as ctx->who; prints and returns 1 on failure. */
int cli_audit(struct cli_ctx *ctx, const char *action, const char *detail);

#endif
