/* codeset.h — the codes already seen in one import file, for the "same code
 * twice in the file" check, in 16 bytes per code or less (a file of ten
 * million dossiers would take a gigabyte as a map of strings). Codes are kept
 * as 64-bit hashes: two different codes collide with probability about
 * n² / 2^65 over a whole file (3·10⁻⁶ for ten million codes). */
#ifndef HL_CODESET_H
#define HL_CODESET_H

#include <stdbool.h>

struct codeset;

/* New empty set (free with codeset_free); NULL when out of memory. */
struct codeset *codeset_new(void);

/* Free s; NULL is a no-op. */
void codeset_free(struct codeset *s);

/* Add code; *seen tells whether it was there already. HL_ENOMEM or HL_OK. */
int codeset_add(struct codeset *s, const char *code, bool *seen);

#endif
