/* index_csv.h — an index result as CSV, the machine form shared by
 * `hailong index --format csv` and the CSV report: header
 * unit,name,period,criterion,value,n,ci_low,ci_high,target,change,rank,of,
 * one row per unit and criterion (SIPAS last), decimal points, empty cells
 * where there is no value. */
#ifndef HL_INDEX_CSV_H
#define HL_INDEX_CSV_H

#include <stdio.h>

#include "svc/indexq.h"

/* Write r's header and rows to f. */
void index_csv(FILE *f, const struct iq_result *r);

#endif
