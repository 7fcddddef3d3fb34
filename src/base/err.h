/* err.h — the one error convention: an int status and a struct hl_err that
 * carries a human message (Vietnamese for users) and where it happened. */
#ifndef HL_ERR_H
#define HL_ERR_H

enum hl_status {
	HL_OK = 0,
	HL_EINVAL = -1, /* bad input: the message names what and where */
	HL_ENOTFOUND = -2,
	HL_EEXIST = -3,
	HL_ENOMEM = -4,
	HL_EIO = -5, /* storage or file system */
	HL_ECONFLICT = -6,
	HL_ELIMIT = -7,    /* a size or count limit was exceeded */
	HL_EPERM = -8,     /* the caller may not see or change this */
	HL_EBUSY = -9,     /* a shared resource stayed busy (the store locked by another
	                   * writer, the password checks all taken): nothing was changed,
	                   * try again in a few seconds */
	HL_ECORRUPT = -10, /* the stored data is damaged: restore it from a backup */
	HL_ERETRY = -11,   /* the transaction lost a race with another writer (a serialization
	                   * failure, a deadlock, a stale snapshot): it was undone and may
	                   * be run again from the start (svc/writer does, a few times) */
};

struct hl_err {
	int code;
	char msg[512];   /* e.g. "dòng 12, cột q3: giá trị 7 ngoài thang đo 1–5" */
	char where[160]; /* file:line of the code, or the input position */
};

/* Fill e (may be NULL) with code, where and a printf-style message; returns code. */
int hl_err_set(struct hl_err *e, int code, const char *where, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

/* Clear e to HL_OK with an empty message. */
void hl_err_clear(struct hl_err *e);

/* A short Vietnamese name for a status code ("dữ liệu không hợp lệ", ...). */
const char *hl_status_name(int code);

#define HL_STR2(x) #x
#define HL_STR(x) HL_STR2(x)
/* Why a file could not be created or written (errno e), in Vietnamese for
 * the common cases ("thư mục không tồn tại"...), else strerror's; static. */
const char *hl_why_file(int e);

/* Source position for hl_err_set's where argument. */
#define HL_HERE (__FILE__ ":" HL_STR(__LINE__))

#endif
