# Writes a responses CSV whose indices are exactly the values of seed 003's
# table for 2024 and, for 2023, the 2024 values minus the published change:
# 10 000 answers per unit, year and criterion, one question of each
# criterion per response, satisfied (5) for the first value×100 responses.
# Input: tests/data/core/seed003.txt.
BEGIN {
	split("TC1 TC2 TC3 TC4 HC1 HC2 HC3 HC4 HC5 PV1 PV2 PV3 PV4 PV5 PV6 KQ1 KQ2 KQ3 TT1 TT2 TT3 TT4", q, " ")
	first[1] = 1; cnt[1] = 4; first[2] = 5; cnt[2] = 5; first[3] = 10; cnt[3] = 6
	first[4] = 16; cnt[4] = 3; first[5] = 19; cnt[5] = 4
	printf "id,unit,instrument,date,channel"
	for (k = 1; k <= 22; k++) printf ",%s", q[k]
	printf "\n"
}
/^#/ { next }
NF == 8 {
	for (y = 2023; y <= 2024; y++) {
		for (c = 1; c <= 5; c++) {
			v = $(c + 1) - (y == 2023 ? $8 : 0)
			sat[c] = int(v * 100 + 0.5)
		}
		for (i = 0; i < 10000; i++) {
			printf "%s-%d-%d,%s,sipas-5,%d-%02d-%02d,paper", $1, y, i, $1, y, i % 12 + 1, i % 28 + 1
			for (k = 1; k <= 22; k++) cell[k] = ""
			for (c = 1; c <= 5; c++)
				cell[first[c] + i % cnt[c]] = (i < sat[c] ? 5 : 2)
			for (k = 1; k <= 22; k++) printf ",%s", cell[k]
			printf "\n"
		}
	}
}
