#!/bin/sh
# news.sh BIN SRCROOT — end-to-end test of `hailong news` on the demo
# province: the text of phường Vĩnh Thọ's 2024 news item holds the
# sentences its figures give (seed 003's SIPAS 88,90 %, +3,28, the rank and
# the responses as `hailong index` prints them, the criterion below target,
# how to give feedback); after a plan is adopted it names the plan's tasks;
# the HTML page escapes a unit name holding markup; the WAV file is RIFF/WAVE
# PCM with speech in it, not silence; bad requests exit non-zero with a
# Vietnamese message and leave no file.
set -eu
. "$(dirname "$0")/lib.sh"

ok news --help
has "hailong news --period KỲ --unit MÃ --format text|html|wav -o TỆP"
ok demo

# Text: the sentences, with the figures of the index.
ok news --period 2024 --unit vinh-tho --format text -o tin.txt
has "Đã ghi bản tin text vào tin.txt"
"$HL" index --period 2024 --unit vinh-tho --format csv >idx.csv
set -- $(awk -F, '$4 == "SIPAS" { print $6, $11, $12 }' idx.csv)
n=$(printf '%s' "$1" | sed -E ':a;s/([0-9])([0-9]{3})($| )/\1 \2\3/;ta')
for s in "Năm 2024: chỉ số hài lòng của người dân đối với UBND phường Vĩnh Thọ đạt 88,90 %" \
	"Theo kết quả khảo sát $n phiếu ý kiến của người dân, tổ chức" \
	"trong năm 2024, chỉ số hài lòng về sự phục vụ hành chính (SIPAS) của UBND phường Vĩnh Thọ đạt 88,90 %, tăng 3,28 điểm phần trăm so với cùng kỳ năm trước." \
	"Kết quả này đạt chỉ tiêu 85,00 % đề ra cho năm 2024." \
	"Đơn vị xếp thứ $2 trong số $3 đơn vị cùng loại" \
	"Còn 1 tiêu chí chưa đạt chỉ tiêu: “Tiếp cận dịch vụ” (82,58 %, chỉ tiêu 85,00 %)." \
	"Người dân, tổ chức có thể tiếp tục góp ý về chất lượng phục vụ của UBND phường Vĩnh Thọ"; do
	grep -qF "$s" tin.txt || fail "news text lacks: $s"
done
head -n 1 tin.txt | grep -q '^Năm 2024: chỉ số hài lòng' || fail "the news does not start with its title"
[ "$(wc -c <tin.txt)" -lt 4000 ] || fail "the news item is not short: $(wc -c <tin.txt) bytes"

# With the year's plan adopted, the criteria below target name its work.
ok plan adopt --unit vinh-tho --year 2025
ok news --period 2025-Q1 --unit vinh-tho --format text -o plan.txt
grep -qF "Để cải thiện tiêu chí “Tiếp cận dịch vụ”, kế hoạch năm 2025 của đơn vị có" plan.txt ||
	fail "news lacks the plan's tasks: $(cat plan.txt)"
[ "$(wc -c <plan.txt)" -lt 4000 ] || fail "the plan made the news item long: $(wc -c <plan.txt) bytes"

# HTML: a unit name with markup comes out escaped.
printf 'code,name,type,parent,valid_from,valid_to\nvinh-tho,UBND phường <b>Vĩnh & Thọ</b>,ubnd-xa,nha-trang,,2025-06-30\n' >u.csv
ok units import u.csv
ok news --period 2024 --unit vinh-tho --format html -o tin.html
grep -qF '<html lang="vi">' tin.html || fail "news HTML lacks its language"
grep -qF '<h1>Năm 2024: chỉ số hài lòng của người dân đối với UBND phường &lt;b&gt;Vĩnh &amp; Thọ&lt;/b&gt; đạt 88,90 %</h1>' tin.html ||
	fail "news HTML title not escaped: $(head -c 600 tin.html)"
grep -qF '<b>' tin.html && fail "news HTML lets a unit's markup through"

# WAV: RIFF/WAVE, PCM 16-bit mono, and speech rather than silence.
ok news --period 2024 --unit vinh-tho --format wav -o tin.wav
has "Đã ghi bản tin wav vào tin.wav"
[ "$(head -c 4 tin.wav)" = RIFF ] || fail "news WAV is not RIFF"
[ "$(dd if=tin.wav bs=1 skip=8 count=8 2>/dev/null)" = "WAVEfmt " ] || fail "news WAV is not WAVE"
set -- $(od -An -tu2 -j20 -N4 tin.wav) $(od -An -tu2 -j34 -N2 tin.wav)
[ "$1 $2 $3" = "1 1 16" ] || fail "news WAV is not 16-bit mono PCM: $*"
size=$(wc -c <tin.wav)
[ "$size" -gt 400000 ] || fail "news WAV is too short to hold the item: $size bytes"
loud=$(od -An -v -td2 -j44 tin.wav | awk '{ for (i = 1; i <= NF; i++) if ($i > 2000 || $i < -2000) n++ } END { print n + 0 }')
[ "$loud" -gt $(((size - 44) / 2 / 50)) ] || fail "news WAV is silent ($loud loud samples)"

# Bad requests: exit 1 or 2, a Vietnamese message, no file and no temporary.
status 1 news --period 2024 --unit khong-co --format text -o bad.txt
has "không có đơn vị mã 'khong-co'"
status 1 news --period 2030 --unit vinh-tho --format wav -o bad.wav
has "Năm 2030 không có phiếu khảo sát nào"
status 2 news --period 2024 --unit vinh-tho --format mp3 -o bad.mp3
has "--format phải là text, html hoặc wav"
status 2 news --period 2024 --under nha-trang --format text -o bad.txt
has "bản tin viết cho một đơn vị"
status 2 news --period 2024 --unit vinh-tho --format text
status 2 news --unit vinh-tho --format text -o bad.txt
status 1 news --period 2024 --unit vinh-tho --format text -o khong-co/bad.txt
left=$(find . -name 'bad*' -o -name '*.tmp-*' | head -n 5)
[ -z "$left" ] || fail "a refused news item left files: $left"

echo "ok: news"
