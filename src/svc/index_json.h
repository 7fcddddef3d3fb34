/* index_json.h — an index result as JSON: {"period","label","first","last",
 * "previous","criteria":[{"code","name"}],"rows":[{"unit","name","type",
 * "period","criterion","criterion_name","value","n","ci_low","ci_high",
 * "target","met","previous","change","change_supported","rank","of",
 * "rank_supported","pooled"}]}; numbers rounded to two decimals, null where
 * there is none. */
#ifndef HL_INDEX_JSON_H
#define HL_INDEX_JSON_H

#include <jansson.h>

#include "svc/indexq.h"

/* A new JSON object (the caller json_decref's it), or NULL out of memory. */
json_t *index_json(const struct iq_result *r);

#endif
