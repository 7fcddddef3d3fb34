# reports_page.sh — the clerk's /reports page (issue 12) on data dated
# relative to today: a unit with responses in June of last year only. The
# page lists what the calendar says is owed, last year's yearly report as
# overdue, and for a period with no counted response says so instead of
# offering a draft that fails (the draft listed "today" used to answer 400
# from both its buttons); every draft link on the page answers 200. Any
# unit in scope and any period as a clerk writes it can be drafted with its
# number and signer, previewed, downloaded as PDF, XLSX and CSV (and its
# news item as text, HTML and WAV), and published; a refused form comes back as typed with the reason beside the
# field.
set -eu
. "$2/tests/e2e/lib.sh"

Y=$(date +%Y)
LAST=$((Y - 1))
ok init
ok units import "$DATA/units.csv"
ok fields import "$DATA/fields.csv"
H=id,unit,date,instrument,TC1,TC2,HC1,PV1,KQ1,TT1
{
	echo "$H"
	for i in 1 2 3 4 5 6; do
		echo "j$i,VT,$LAST-06-1$i,sipas-5,5,4,5,4,5,4"
	done
} >june.csv
ok responses import june.csv
echo 'matkhau-canbo-01' | "$HL" users add canbo --role clerk --unit VT >"$OUT" 2>&1 ||
	fail "users add canbo"
serve_start
login canbo matkhau-canbo-01
C=$JAR

# ---- what is owed ----
req "$C" GET /reports
expect 200 "Báo cáo phải công bố"
has "<strong>Năm $LAST</strong>"
has "Quá hạn"
has "Chưa có phiếu"
has 'id="chua-co-phieu"'
has '<option value="VT" selected>'
hasnt '<option value="VH"'
# every draft the page offers opens (the fix: none answers 400)
grep -o 'href="/reports/preview?[^"]*"' "$OUT" | sed 's/^href="//; s/"$//; s/&amp;/\&/g' >links.txt
[ -s links.txt ] || fail "no draft link on /reports"
while read -r link; do
	req "$C" GET "$link"
	expect 200 "Bản nháp:"
done <links.txt
grep -q "period=$LAST\$" links.txt || fail "no draft link for the yearly report of $LAST"

# ---- any period, as a clerk writes it, with its number and signer ----
req "$C" GET "/reports/preview?unit=VT&period=Qu%C3%BD%202/$LAST&number=12/BC-UBND&signer=Tr%E1%BA%A7n%20V%C4%83n%20An"
expect 200 "Bản nháp: Phường Vĩnh Thọ – Quý II/$LAST"
has "Số: 12/BC-UBND"
has "Trần Văn An"
has '<table class="figures">'
for f in pdf xlsx csv; do
	grep -q "href=\"/reports/draft?unit=VT&amp;period=$LAST-Q2&amp;number=12%2FBC-UBND&amp;signer=[^\"]*&amp;format=$f\"" \
		"$OUT" || fail "no $f download on the preview"
done
for f in pdf xlsx csv; do
	curl -s -b "$C" -o "draft.$f" -w '%{http_code} %{content_type}' --max-time 60 \
		"$BASE/reports/draft?unit=VT&period=$LAST-Q2&number=12/BC-UBND&signer=Tr%E1%BA%A7n%20V%C4%83n%20An&format=$f" >code.txt
	case "$(cat code.txt)" in
	"200 application/pdf" | "200 application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" | \
	"200 text/csv; charset=utf-8") ;;
	*) fail "draft $f answered $(cat code.txt)" ;;
	esac
done
[ "$(head -c 5 draft.pdf)" = "%PDF-" ] || fail "the PDF draft is not a PDF"
[ "$(head -c 2 draft.xlsx)" = "PK" ] || fail "the XLSX draft is not a workbook"
grep -q "^number,Số: 12/BC-UBND" draft.csv || fail "the CSV draft lacks its number"
grep -q "^signer,Trần Văn An" draft.csv || fail "the CSV draft lacks its signer"
if command -v pdftotext >/dev/null 2>&1; then
	pdftotext draft.pdf "$OUT"
	has "Số: 12/BC-UBND"
	has "Trần Văn An"
fi
req "$C" GET "/reports/draft?unit=VT&period=$LAST&format=docx"
expect 400

# ---- the news item about the draft, as text, HTML or WAV (issue 14) ----
req "$C" GET "/reports/preview?unit=VT&period=$LAST-Q2"
expect 200 '<form method="get" action="/reports/news"'
has '<input type="hidden" name="period" value="'"$LAST"'-Q2">'
has '<option value="wav">'
for f in text html wav; do
	curl -s -b "$C" -o "tin.$f" -w '%{http_code} %{content_type}' --max-time 60 \
		"$BASE/reports/news?unit=VT&period=$LAST-Q2&format=$f" >code.txt
	case "$f $(cat code.txt)" in
	"text 200 text/plain; charset=utf-8" | "html 200 text/html; charset=utf-8" | "wav 200 audio/wav") ;;
	*) fail "news $f answered $(cat code.txt)" ;;
	esac
done
grep -qF "Quý II/$LAST: chỉ số hài lòng của người dân đối với phường Vĩnh Thọ đạt" tin.text ||
	fail "the news text lacks its title: $(head -c 300 tin.text)"
grep -qF '<html lang="vi">' tin.html || fail "the news HTML is not a page"
[ "$(head -c 4 tin.wav)" = RIFF ] || fail "the news WAV is not RIFF"
req "$C" GET "/reports/news?unit=VT&period=$LAST-Q2&format=mp3"
expect 400
req "$C" GET "/reports/news?unit=VH&period=$LAST-Q2&format=text"
case "$CODE" in 403* | 404*) ;; *) fail "a clerk had another unit's news ($CODE)" ;; esac
req "$C" GET "/reports/news?unit=VT&period=$Y-$(date +%m)&format=text"
expect 400 "không có phiếu khảo sát nào"
has 'id="loi-period"'

# ---- refused forms come back as typed, the reason beside the field ----
req "$C" GET "/reports/preview?unit=VT&period=Qu%C3%BD%205/$LAST&signer=An"
expect 400 'id="loi-period"'
has "value=\"Quý 5/$LAST\""
has 'aria-invalid="true"'
has 'value="An"'
req "$C" GET "/reports/preview?unit=VT&period=$Y-$(date +%m)"
expect 400 "chưa có phiếu khảo sát nào"
has 'id="loi-period"'
req "$C" GET "/reports/preview?unit=VH&period=$LAST"
case "$CODE" in 403* | 404*) ;; *) fail "a clerk drafted another unit's report ($CODE)" ;; esac
has 'id="loi-unit"'
req "$C" GET "/reports/preview?unit=VT&period=$LAST&number=12%09BC"
expect 400 'id="loi-number"'

# ---- publish with the number and signer ----
csrf_of /reports
req "$C" POST /reports/publish --data-urlencode "csrf=$CSRF" --data-urlencode unit=VT \
	--data-urlencode "period=Năm $LAST" --data-urlencode number=15/BC-UBND \
	--data-urlencode "signer=Trần Văn An"
expect 303
L=${CODE#* }
req "$C" GET "${L#"$BASE"}"
expect 200 "Đã công bố báo cáo"
# no longer owed (only in the published table, below "Đã công bố")
tr '\n' ' ' <"$OUT" | sed 's/.*id="phai-cong-bo"//; s/<h2>Đã công bố.*//' |
	grep -q "<strong>Năm $LAST</strong>" &&
	fail "the published yearly report is still listed as owed"
has "Lập phiên bản mới"
has "canbo"
hasnt "web:canbo"
req - GET /public/VT/reports/1
expect 200 "Số: 15/BC-UBND"
has "Trần Văn An"
serve_stop
# the command line takes the number and signer too
ok reports publish --unit VT --period "Quý 2/$LAST" --number 16/BC-UBND --signer "Trần Văn An"
has "Đã công bố báo cáo Quý II/$LAST"
status 1 reports publish --unit VT --period "Quý 2/$LAST" --number "$(printf '16\nBC')"
has "số văn bản chỉ được viết trên một dòng"
ok audit
has "report.publish"
echo "reports_page: ok"
