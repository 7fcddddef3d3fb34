/* store_sqlite_backup.c — the SQLite backend's online backup (issue 13):
 * SQLite's backup API copies the file page by page from one read
 * transaction, so the copy is one consistent moment even while the server
 * writes (WAL: readers and the writer do not wait on each other).
 *
 *  - backup: the copy is written to PATH.tmp-PID, checked (quick_check),
 *    synced, and only then renamed onto path, so path is always either the
 *    previous backup or a whole new one. */
#include "store/store_sqlite_priv.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* Pages per step: 4 MB at 4 KiB pages, a progress tick a few times a second. */
#define STEP_PAGES 1024

/* Sync the directory holding path, so that the rename survives a power cut. */
static int sync_dir(const char *path, struct hl_err *err)
{
	char dir[1024];
	const char *slash = strrchr(path, '/');
	int fd, rc = HL_OK;

	if (slash == NULL)
		snprintf(dir, sizeof(dir), ".");
	else if (slash == path)
		snprintf(dir, sizeof(dir), "/");
	else
		snprintf(dir, sizeof(dir), "%.*s", (int)(slash - path), path);
	fd = open(dir, O_RDONLY | O_DIRECTORY);
	if (fd < 0 || fsync(fd) != 0)
		rc = hl_err_set(err, HL_EIO, HL_HERE, "không ghi chắc được thư mục '%s': %s", dir,
			hl_why_file(errno));
	if (fd >= 0)
		close(fd);
	return rc;
}

/* Copy q's database into the open connection dst, in steps, from one read
 * transaction on q held across them (so that another process's commit
 * cannot restart the copy). */
static int copy_pages(struct sq *q, sqlite3 *dst, store_progress_fn progress, void *pctx,
	struct hl_err *err)
{
	const char *op = "sao lưu cơ sở dữ liệu";
	sqlite3_backup *b = NULL;
	int step = SQLITE_OK, rc = HL_OK;
	bool in_tx = false;

	if (sqlite3_exec(q->db, "BEGIN; SELECT count(*) FROM sqlite_schema", NULL, NULL, NULL) !=
		SQLITE_OK) {
		rc = sq_err(q, err, HL_HERE, op);
		goto cleanup;
	}
	in_tx = true;
	if ((b = sqlite3_backup_init(dst, "main", q->db, "main")) == NULL) {
		rc = hl_err_set(err, HL_EIO, HL_HERE, "không %s được: %s", op, sqlite3_errmsg(dst));
		goto cleanup;
	}
	do {
		step = sqlite3_backup_step(b, STEP_PAGES);
		if (progress != NULL) {
			int total = sqlite3_backup_pagecount(b);

			progress(pctx, total - sqlite3_backup_remaining(b), total);
		}
	} while (step == SQLITE_OK || step == SQLITE_BUSY || step == SQLITE_LOCKED);
	if (step != SQLITE_DONE)
		rc = hl_err_set(err, HL_EIO, HL_HERE, "không %s được: %s", op,
			sqlite3_errstr(step));
cleanup:
	if (b != NULL && sqlite3_backup_finish(b) != SQLITE_OK && rc == HL_OK)
		rc = hl_err_set(err, HL_EIO, HL_HERE, "không %s được: %s", op, sqlite3_errmsg(dst));
	if (in_tx)
		sqlite3_exec(q->db, "COMMIT", NULL, NULL, NULL);
	return rc;
}

/* Is the copy dst sound? A quick_check of its b-trees. */
static int check_copy(sqlite3 *dst, const char *path, struct hl_err *err)
{
	sqlite3_stmt *s = NULL;
	int rc = HL_OK;

	if (sqlite3_prepare_v2(dst, "PRAGMA quick_check(1)", -1, &s, NULL) != SQLITE_OK ||
		sqlite3_step(s) != SQLITE_ROW)
		rc = hl_err_set(err, HL_EIO, HL_HERE, "không kiểm tra được bản sao '%s': %s", path,
			sqlite3_errmsg(dst));
	else if (strcmp((const char *)sqlite3_column_text(s, 0), "ok") != 0)
		rc = hl_err_set(err, HL_ECORRUPT, HL_HERE, "bản sao '%s' hỏng: %s", path,
			(const char *)sqlite3_column_text(s, 0));
	sqlite3_finalize(s);
	return rc;
}

int sq_backup(struct store *st, const char *path, store_progress_fn progress, void *pctx,
	struct hl_err *err)
{
	struct sq *q = st->priv;
	char tmp[1100];
	struct stat to, from;
	sqlite3 *dst = NULL;
	int fd, rc = HL_OK;

	/* Renaming the copy onto the live file would lose every write since. */
	if (stat(path, &to) == 0 && stat(q->path, &from) == 0 && to.st_dev == from.st_dev &&
		to.st_ino == from.st_ino)
		return hl_err_set(err, HL_EINVAL, HL_HERE,
			"bản sao '%s' không được là chính tệp cơ sở dữ liệu: chọn tệp khác", path);
	if ((size_t)snprintf(tmp, sizeof(tmp), "%s.tmp-%ld", path, (long)getpid()) >= sizeof(tmp))
		return hl_err_set(err, HL_EINVAL, HL_HERE, "đường dẫn bản sao quá dài");
	unlink(tmp);
	/* Made here, owner-only (the copy holds password hashes and feedback
	 * senders' contacts; SQLite keeps a file's mode), and so that the
	 * error says why: SQLite would only say "unable to open". */
	if ((fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL, 0600)) < 0)
		return hl_err_set(err, HL_EIO, HL_HERE, "không tạo được tệp bản sao '%s': %s", path,
			hl_why_file(errno));
	close(fd);
	if (sqlite3_open_v2(tmp, &dst, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL) !=
		SQLITE_OK) {
		rc = hl_err_set(err, HL_EIO, HL_HERE, "không tạo được tệp '%s': %s", tmp,
			dst != NULL ? sqlite3_errmsg(dst) : "hết bộ nhớ");
		goto cleanup;
	}
	if ((rc = copy_pages(q, dst, progress, pctx, err)) != HL_OK)
		goto cleanup;
	if ((rc = check_copy(dst, path, err)) != HL_OK)
		goto cleanup;
	/* The copy says WAL like its source: fold it into one file, closed. */
	sqlite3_exec(dst, "PRAGMA wal_checkpoint(TRUNCATE)", NULL, NULL, NULL);
	if (sqlite3_close(dst) != SQLITE_OK) {
		rc = hl_err_set(err, HL_EIO, HL_HERE, "không ghi xong tệp '%s'", tmp);
		goto cleanup;
	}
	dst = NULL;
	if (rename(tmp, path) != 0) {
		rc = hl_err_set(err, HL_EIO, HL_HERE, "không đổi tên '%s' thành '%s': %s", tmp,
			path, strerror(errno));
		goto cleanup;
	}
	rc = sync_dir(path, err);
cleanup:
	if (dst != NULL)
		sqlite3_close(dst);
	if (rc != HL_OK)
		unlink(tmp);
	return rc;
}
