/* store_fault.h — a store that fails on purpose, for tests: it wraps any
 * backend's store and makes its Nth call fail with an I/O error, as SQLite's
 * own tests make the Nth write of their file system fail, so that every
 * error path above the store can be driven and checked. */
#ifndef HL_STORE_FAULT_H
#define HL_STORE_FAULT_H

#include <stdbool.h>

#include "base/err.h"

struct store;

/* A store forwarding every call to inner, which it takes over (store_close
 * of *out closes inner too; inner is closed as well when this fails). */
int store_fault_wrap(struct store *inner, struct store **out, struct hl_err *err);

/* Make the nth call from now fail with HL_EIO, once (0: none). Rollbacks
 * never fail: they are how callers clean up. */
void store_fault_after(struct store *st, long n);

/* Calls made through st so far, and whether the armed failure happened. */
long store_fault_calls(const struct store *st);
bool store_fault_fired(const struct store *st);

#endif
