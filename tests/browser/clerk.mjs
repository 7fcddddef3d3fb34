// clerk.mjs — the clerk's pages that used to lose or corrupt work (issue 12),
// in a browser whose locale is English (a native date box would read and show
// mm/dd/yyyy there): a complaint is closed only after a confirmation and can
// be reopened with a reason; a ballot box's day is typed dd/mm/yyyy, one
// months back is confirmed first, a spoiled ballot is typed as "x" and counted
// apart, "Đã lưu phiếu." never stands beside a new error, closing a batch asks
// first; the review queue's "accept all" after a confirmation; /reports
// drafts a period as a clerk writes it with its number and signer, downloads
// it and publishes it; the dashboard keeps a bad period in its box. axe-core
// finds nothing (of any impact) on each of these pages at desktop and phone
// sizes. Screenshots go to $HAILONG_SHOTS when it names a folder.
//
// Run: node clerk.mjs HAILONG_BINARY SOURCE_ROOT (see run.sh).
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { axeRun, check, hl, hlInput, launch, main, setupDb, startServer, stopServer } from './lib.mjs';

const SIZES = [['desktop', { width: 1366, height: 768 }], ['phone', { width: 390, height: 844 }]];
const violations = [];

// axe on what page shows now: every violation counts.
async function audit(page, label) {
	for (const v of await axeRun(page, label))
		violations.push(`${label}: [${v.impact}] ${v.id} (${v.where})`);
}

async function shot(page, name) {
	if (process.env.HAILONG_SHOTS)
		await page.screenshot({ path: path.join(process.env.HAILONG_SHOTS, `${name}.png`), fullPage: true });
}

const pad = (n) => String(n).padStart(2, '0');
const vn = (d) => `${pad(d.getDate())}/${pad(d.getMonth() + 1)}/${d.getFullYear()}`;

// Today in Vietnam (UTC+7) as a local Date at midnight.
function vnToday() {
	const t = new Date(Date.now() + 7 * 3600 * 1000);
	return new Date(t.getUTCFullYear(), t.getUTCMonth(), t.getUTCDate());
}

await main('clerk', async (ctx) => {
	const db = path.join(ctx.dir, 'clerk.db');
	const token = setupDb(db);
	const today = vnToday();
	const last = today.getFullYear() - 1;
	// a unit with responses in June of last year only (for /reports)
	const csv = ['id,unit,date,instrument,TC1,TC2,HC1,PV1,KQ1,TT1'];
	for (let i = 1; i <= 6; i++)
		csv.push(`j${i},VT,${last}-06-1${i},sipas-5,5,4,5,4,5,4`);
	writeFileSync(path.join(ctx.dir, 'june.csv'), csv.join('\n') + '\n');
	hl(db, 'responses', 'import', path.join(ctx.dir, 'june.csv'));
	hlInput(db, 'matkhau-canbo-01\n', 'users', 'add', 'canbo', '--role', 'clerk', '--unit', 'VT');
	const now = `${today.getFullYear()}-${pad(today.getMonth() + 1)}-${pad(today.getDate())} 08:00`;
	const code = hl(db, 'feedback', 'add', '--unit', 'VT', '--channel', 'counter', '--received', now,
		'--text', 'Đề nghị lắp thêm quạt ở phòng chờ.').trim();
	const srv = await startServer(db);
	ctx.servers.push(srv);
	ctx.browser = await launch();
	const errors = [];

	// One login, its session reused by every context.
	const login = await ctx.browser.newContext({ locale: 'en-US' });
	const lp = await login.newPage();
	await lp.goto(`${srv.base}/login`);
	await lp.getByLabel('Tên đăng nhập').fill('canbo');
	await lp.getByLabel('Mật khẩu').fill('matkhau-canbo-01');
	await lp.getByRole('button', { name: 'Đăng nhập' }).click();
	await lp.waitForURL((u) => !u.pathname.startsWith('/login'));
	const state = await login.storageState();
	await login.close();
	const open = async ([tag, viewport]) => {
		const c = await ctx.browser.newContext({ viewport, locale: 'en-US', timezoneId: 'America/New_York',
			isMobile: tag === 'phone', hasTouch: tag === 'phone', storageState: state });
		const p = await c.newPage();
		p.on('pageerror', (e) => errors.push(String(e)));
		return p;
	};
	const page = await open(SIZES[0]);
	const text = async (sel = 'main') => (await page.locator(sel).textContent()) || '';

	// ---- a complaint: no class chosen beforehand, closing confirmed, reopened ----
	await page.goto(`${srv.base}/feedback/${code}`);
	const cls = page.getByLabel('Loại');
	check(await cls.inputValue() === '', `the class list starts on "${await cls.inputValue()}", not on a choice to make`);
	await audit(page, 'feedback classify');
	await page.getByRole('button', { name: 'Phân loại' }).click();
	check(await cls.evaluate((e) => e.matches(':invalid')), 'no class chosen, yet the form was not stopped');
	check((await text('#fb-state')) === 'Đã tiếp nhận', 'the item changed without a class');
	await cls.selectOption('khong-tiep-nhan');
	await page.getByRole('button', { name: 'Phân loại' }).click();
	await page.locator('#fb-confirm').waitFor();
	check((await text('#fb-state')) === 'Đã tiếp nhận', 'asking to confirm closed the item already');
	await audit(page, 'feedback confirm close');
	await shot(page, 'feedback-confirm-desktop');
	await page.getByRole('link', { name: 'Quay lại, chọn loại khác' }).click();
	await page.getByLabel('Loại').selectOption('khong-tiep-nhan');
	await page.getByRole('button', { name: 'Phân loại' }).click();
	await page.getByRole('button', { name: 'Đóng phản ánh (không tiếp nhận)' }).click();
	check((await text('#fb-state')) === 'Đã đóng', 'the confirmed close did not close');
	await audit(page, 'feedback closed');
	await page.getByLabel(/Lý do mở lại/).fill('Phân loại nhầm: thuộc thẩm quyền');
	await page.getByRole('button', { name: 'Mở lại' }).click();
	check((await text('#fb-state')) === 'Đã tiếp nhận', 'reopening did not bring the item back to classification');
	check((await text()).includes('Phân loại nhầm: thuộc thẩm quyền'), 'the reason is not in the steps');

	// ---- paper: the day as dd/mm/yyyy in an English browser ----
	await page.goto(`${srv.base}/paper`);
	const day = page.getByLabel('Ngày mở hòm');
	check(await day.getAttribute('type') === null, 'the day box is not a text box');
	check(await day.inputValue() === vn(today), `the day box shows "${await day.inputValue()}", not ${vn(today)}`);
	await audit(page, 'paper list');
	const openBatch = async (typed) => {
		await page.getByLabel('Ngày mở hòm').fill(typed);
		await page.getByLabel('Người mở hòm').fill('Nguyễn Văn An');
		await page.getByLabel('Người chứng kiến').fill('Trần Thị Bình');
		await page.getByLabel(/Số phiếu đếm được/).fill('3');
		await page.getByRole('button', { name: 'Mở lô' }).click();
	};
	// months back: a warning to confirm, the form kept
	await openBatch(`01/01/${last}`);
	check((await text()).includes('cách đây hơn 2 tháng'), 'no warning for a day months back');
	check(await page.getByLabel('Người mở hòm').inputValue() === 'Nguyễn Văn An', 'the form lost a name');
	await audit(page, 'paper old day');
	await shot(page, 'paper-old-day-desktop');
	await page.getByLabel(/Đúng, hòm phiếu mở ngày/).check();
	await page.getByRole('button', { name: 'Mở lô' }).click();
	check((await text('dl.paper-sum')).includes(`01/01/${last}`), 'the confirmed old day was not kept');
	// a day of the month ≤ 12 (mm/dd would swap it), within the last weeks
	let d = new Date(today);
	while (d.getDate() > 12 || d.getDate() === d.getMonth() + 1)
		d = new Date(d.getFullYear(), d.getMonth(), d.getDate() - 1);
	await page.goto(`${srv.base}/paper`);
	await openBatch(`${d.getDate()}/${d.getMonth() + 1}/${d.getFullYear()}`);
	check((await text('dl.paper-sum')).includes(vn(d)), `typed ${vn(d)} (d/m/yyyy), the batch says otherwise`);
	await audit(page, 'paper batch');
	const answers = page.locator('#answers');
	await answers.fill('4545 45454 545454 545 4545');
	await answers.press('Enter');
	await page.locator('#paper-saved').waitFor();
	// a new mistake: the last save's message goes, never beside the error
	await answers.pressSequentially('9');
	check(await page.locator('#paper-saved').count() === 0, '"Đã lưu phiếu." stays beside a new error');
	check((await text('#paper-live')).includes('không phải') || (await text('#paper-live')).includes('ngoài thang đo'),
		`no error for a 9: "${await text('#paper-live')}"`);
	await answers.fill('x');
	check(await page.locator('#spoiled').isChecked(), 'typing x did not mark the ballot spoiled');
	await answers.press('Enter');
	await page.locator('#paper-saved').waitFor();
	check((await text('table.paper-rows')).includes('Phiếu không hợp lệ'), 'the spoiled ballot is not shown as such');
	check((await text('#paper-totals')).startsWith('1 / 1'), `totals: ${await text('#paper-totals')}`);
	await page.getByRole('button', { name: /Đóng lô và tính phiếu/ }).click();
	check((await text('#close-err')).includes('còn thiếu 1 phiếu'), 'closing early does not say what is missing');
	await audit(page, 'paper close refused');
	await answers.fill('5555 55555 555555 555 5555');
	await answers.press('Enter');
	await page.locator('#paper-saved').waitFor();
	await shot(page, 'paper-batch-desktop');
	await page.getByRole('button', { name: /Đóng lô và tính phiếu/ }).click();
	check((await text()).includes('2 phiếu hợp lệ'), 'the confirmation does not count the valid ballots');
	await audit(page, 'paper close confirm');
	await shot(page, 'paper-confirm-desktop');
	await page.getByRole('button', { name: 'Đóng lô, tính 2 phiếu' }).click();
	check((await text()).includes('Lô đã đóng: 2 phiếu đã được tính vào chỉ số; 1 phiếu không hợp lệ'),
		'the closed batch does not count the spoiled ballot apart');
	const batchUrl = page.url();

	// ---- review: accept all after a confirmation ----
	const fut = new Date(Date.now() + 2 * 3600 * 1000).toISOString().replace(/\.\d+Z$/, 'Z');
	for (const id of ['h1', 'h2']) {
		const res = await fetch(`${srv.base}/api/v1/responses`, {
			method: 'POST', headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
			body: JSON.stringify({ id, instrument: 'sipas-5@1', collected_at: fut, answers: { TC1: 5 } }),
		});
		check(res.status === 201 && (await res.json()).status === 'held', `${id} was not held`);
	}
	await page.goto(`${srv.base}/review`);
	await audit(page, 'review');
	await page.getByRole('button', { name: 'Chấp nhận tất cả 2 phiếu…' }).click();
	check((await text()).includes('Chấp nhận tất cả 2 phiếu đang chờ?'), 'no confirmation before accepting all');
	await audit(page, 'review confirm');
	await shot(page, 'review-confirm-desktop');
	await page.getByRole('button', { name: 'Chấp nhận 2 phiếu' }).click();
	check((await text()).includes('Đã chấp nhận 2 phiếu'), 'accept all did not say so');
	check((await text()).includes('Không có phiếu nào chờ xem xét'), 'held responses remain');

	// ---- reports: any period as written, number and signer, download, publish ----
	await page.goto(`${srv.base}/reports`);
	check((await text()).includes(`Năm ${last}`) && (await text()).includes('Quá hạn'),
		`last year's report is not listed as overdue`);
	await audit(page, 'reports');
	await page.getByLabel('Kỳ báo cáo').fill('Quý 5/2025');
	await page.getByRole('button', { name: 'Xem bản nháp' }).click();
	check(await page.getByLabel('Kỳ báo cáo').inputValue() === 'Quý 5/2025', 'the bad period was not kept');
	check(await page.locator('#loi-period').count() === 1, 'the period error is not beside the box');
	await audit(page, 'reports bad period');
	await page.getByLabel('Kỳ báo cáo').fill(`Quý 2/${last}`);
	await page.getByLabel(/Số văn bản/).fill('12/BC-UBND');
	await page.getByLabel(/Người ký/).fill('Trần Văn An');
	await page.getByRole('button', { name: 'Xem bản nháp' }).click();
	check((await text('h1')).includes(`Quý II/${last}`), `the preview is of ${await text('h1')}`);
	check((await text()).includes('Số: 12/BC-UBND') && (await text()).includes('Trần Văn An'),
		'the preview lacks the number or signer');
	await audit(page, 'reports preview');
	await shot(page, 'reports-preview-desktop');
	const pdf = await page.request.get(await page.getByRole('link', { name: 'Văn bản báo cáo (PDF)' }).getAttribute('href')
		.then((h) => new URL(h, srv.base).href));
	check(pdf.status() === 200 && (await pdf.body()).subarray(0, 5).toString() === '%PDF-', 'the PDF draft');
	await page.getByRole('button', { name: 'Công bố báo cáo' }).click();
	check((await text()).includes('Đã công bố báo cáo'), 'publishing did not say so');

	// ---- the dashboard keeps a bad period in its box ----
	await page.goto(`${srv.base}/?period=${encodeURIComponent('Quý 3/2025x')}`);
	check(await page.getByLabel('Kỳ').inputValue() === 'Quý 3/2025x', 'the dashboard lost the typed period');
	await audit(page, 'dashboard bad period');
	await page.goto(`${srv.base}/?period=${encodeURIComponent(`6 tháng đầu năm ${last}`)}`);
	check((await text('h1')).includes(`6 tháng đầu năm ${last}`), 'the dashboard does not read 6 tháng đầu năm');

	// ---- the same pages on a phone ----
	const phone = await open(SIZES[1]);
	for (const [name, url] of [['feedback', `/feedback/${code}`], ['paper', '/paper'],
		['batch', new URL(batchUrl).pathname], ['review', '/review'], ['reports', '/reports'],
		['preview', `/reports/preview?unit=VT&period=${last}&number=1/BC-UBND&signer=An`]]) {
		await phone.goto(`${srv.base}${url}`);
		await audit(phone, `phone ${name}`);
		await shot(phone, `${name}-phone`);
		const wide = await phone.evaluate(() => document.documentElement.scrollWidth);
		check(wide <= 390, `phone ${name}: the page is ${wide} px wide`);
	}
	await stopServer(srv);
	check(errors.length === 0, `page errors: ${errors.join('; ')}`);
	check(violations.length === 0, `axe found:\n${violations.join('\n')}`);
});
