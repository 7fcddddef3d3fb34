// pages_fit.mjs — the last round of issue 12 on the pages, at the kiosk
// (1920×1080, 1080×1920), phone (390×844) and desktop (1366×768) sizes: the
// staff menu's links are 48 px touch targets; /receipts lets a supervisor
// pick the receiving unit by name; /dossiers and its Friday list show TT
// 01/2018's columns with units by type then name; the report preview on
// /reports fits a phone without sideways scrolling; a published HTML report
// on the public page is styled under the strict CSP; /admin/units keeps a
// refused day in its box with the error beside it; a kiosk whose server is
// unreachable when the countdown sends keeps the response in its queue, says
// so calmly and returns to the start by itself — and, when the device cannot
// keep it either, apologises and returns to the start all the same. axe-core
// finds nothing on any of these pages. Screenshots go to $HAILONG_SHOTS when
// it names a folder.
//
// Run: node pages_fit.mjs HAILONG_BINARY SOURCE_ROOT (see run.sh).
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import {
	DATA, axeRun, check, heading, hl, hlInput, launch, login, main, overflow, queueLength,
	screenOf, setupDb, startServer, stopServer, until, waitScreen,
} from './lib.mjs';

const SIZES = [
	['kiosk-landscape', { width: 1920, height: 1080 }],
	['kiosk-portrait', { width: 1080, height: 1920 }],
	['phone', { width: 390, height: 844 }],
	['desktop', { width: 1366, height: 768 }],
];
const PHONE = { width: 390, height: 844 };
const found = [];

async function shot(page, name) {
	if (!process.env.HAILONG_SHOTS)
		return;
	await page.screenshot({ path: path.join(process.env.HAILONG_SHOTS, `${name}.png`), fullPage: true });
	// and the first screen as a person sees it
	await page.screenshot({ path: path.join(process.env.HAILONG_SHOTS, `${name}-top.png`) });
}

// page at every size: axe (every violation counts), a screenshot, and what
// more(page, tag) checks.
async function everySize(page, name, more) {
	for (const [tag, size] of SIZES) {
		await page.setViewportSize(size);
		for (const v of await axeRun(page, `${name} ${tag}`))
			found.push(`${name} ${tag}: [${v.impact}] ${v.id} (${v.where})`);
		await shot(page, `${name}-${tag}`);
		if (more)
			await more(page, tag);
	}
}

// The menu's links and buttons smaller than 48 px either way.
async function smallMenu(page) {
	return page.evaluate(() => [...document.querySelectorAll('header.top a, header.top button')]
		.map((e) => [e.textContent.trim(), e.getBoundingClientRect()])
		.filter(([, r]) => r.width < 48 || r.height < 48)
		.map(([t, r]) => `"${t}" ${Math.round(r.width)}×${Math.round(r.height)}`));
}

// Boxes of page that scroll sideways (content wider than the box).
async function sideways(page) {
	return page.evaluate(() => [...document.querySelectorAll('main, main *')]
		.filter((e) => e.scrollWidth > e.clientWidth + 1 && ['auto', 'scroll'].includes(getComputedStyle(e).overflowX))
		.map((e) => `${e.tagName.toLowerCase()}.${e.className} ${e.scrollWidth}>${e.clientWidth}`));
}

// From the kiosk's start screen: field and staff skipped, five answers (a
// whole criterion and one more: enough to be sent by the countdown).
async function fiveAnswers(page) {
	await page.getByRole('button', { name: 'Bắt đầu đánh giá' }).click();
	for (let s = await screenOf(page); s === 'field' || s === 'staff'; s = await screenOf(page))
		await page.getByRole('button', { name: 'Bỏ qua', exact: true }).click();
	for (let i = 0; i < 5; i++)
		await page.locator('button.sv-level').last().click();
}

const ymd = (d) => d.toISOString().slice(0, 10);

await main('pages_fit', async (ctx) => {
	const db = path.join(ctx.dir, 'fit.db');
	const token = setupDb(db);
	hl(db, 'responses', 'import', path.join(DATA, 'responses.csv'));
	hl(db, 'reports', 'publish', '--unit', 'VT', '--period', '2024-Q1', '--format', 'html',
		'--number', '12/BC-UBND', '--signer', 'Nguyễn Văn An');
	// dossiers of three wards received in the last weeks
	const day = (n) => ymd(new Date(Date.now() + 7 * 3600e3 + n * 86400e3));
	const rows = ['code,unit,field,procedure,channel,received_at,due_at,finished_at,returned_at,' +
		'supplements,reschedules,apology,submitted_at'];
	for (const [i, unit] of [[1, 'VT'], [2, 'VH'], [3, 'VHA'], [4, 'VT'], [5, 'VHA']])
		rows.push(`D${i},${unit},ho-tich,Đăng ký khai sinh,direct,${day(-20 - i)} 09:00,${day(-10)} 17:00,` +
			`${i % 2 ? `${day(-12)} 10:00` : ''},,0,0,0,`);
	writeFileSync(path.join(ctx.dir, 'd.csv'), rows.join('\n') + '\n');
	hl(db, 'dossiers', 'import', path.join(ctx.dir, 'd.csv'));
	hlInput(db, 'mat-khau-rat-dai-1\n', 'users', 'add', 'canbo1', '--role', 'clerk', '--unit', 'VT');
	hlInput(db, 'mat-khau-rat-dai-2\n', 'users', 'add', 'giamsat1', '--role', 'supervisor', '--unit', 'NT');
	hlInput(db, 'mat-khau-rat-dai-3\n', 'users', 'add', 'quantri1', '--role', 'admin');
	let srv = await startServer(db);
	ctx.servers.push(srv);
	ctx.browser = await launch();
	const errors = [];
	const csp = [];
	const as = async (user, password) => {
		const c = await ctx.browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'en-US' });
		const p = await c.newPage();
		p.on('pageerror', (e) => errors.push(String(e)));
		p.on('console', (m) => { if (/Content Security Policy/.test(m.text())) csp.push(m.text()); });
		if (user)
			await login(p, srv.base, user, password);
		return p;
	};

	// ---- the staff menu: 48 px touch targets at every size ----
	const clerk = await as('canbo1', 'mat-khau-rat-dai-1');
	await clerk.goto(`${srv.base}/dossiers`);
	await everySize(clerk, 'dossiers-clerk', async (p, tag) => {
		const small = await smallMenu(p);
		check(small.length === 0, `the menu at ${tag} has small targets: ${small.join(', ')}`);
	});

	// ---- /dossiers and the Friday list of a supervisor: TT 01/2018's columns, units in order ----
	const sup = await as('giamsat1', 'mat-khau-rat-dai-2');
	await sup.goto(`${srv.base}/dossiers`);
	const units = await sup.locator('table.tt01 tbody th[scope="row"]').allTextContents();
	check(JSON.stringify(units) === JSON.stringify(['Phường Vĩnh Hải', 'Phường Vĩnh Hòa', 'Phường Vĩnh Thọ', 'Tổng cộng']),
		`/dossiers per unit: ${JSON.stringify(units)}`);
	const heads = (await sup.locator('table.tt01 thead').textContent()) || '';
	for (const h of ['Tiếp nhận', 'Đã giải quyết', 'Trước hạn', 'Đúng hạn', 'Quá hạn', 'Đang giải quyết',
		'Trong hạn', 'Tỷ lệ đúng hạn'])
		check(heads.includes(h), `/dossiers lacks the column ${h}: ${heads}`);
	await everySize(sup, 'dossiers');
	await sup.goto(`${srv.base}/dossiers/weekly`);
	await everySize(sup, 'dossiers-weekly');

	// ---- /receipts: a supervisor picks the unit by name ----
	await sup.goto(`${srv.base}/receipts`);
	const opts = await sup.getByLabel('Đơn vị tiếp nhận').locator('option').allTextContents();
	check(opts.indexOf('Phường Vĩnh Hải') >= 0 && opts.indexOf('Phường Vĩnh Hải') < opts.indexOf('Phường Vĩnh Hòa'),
		`the units to pick on /receipts: ${JSON.stringify(opts)}`);
	await everySize(sup, 'receipts-supervisor');
	await sup.getByLabel('Mã hồ sơ').fill('HS-MOI-1');
	await sup.getByLabel(/Hồ sơ mới/).check();
	await sup.getByLabel('Đơn vị tiếp nhận').selectOption({ label: 'Phường Vĩnh Hải' });
	await Promise.all([sup.waitForNavigation(), sup.getByRole('button', { name: 'Tạo mã QR và phiếu' }).click()]);
	check(((await sup.locator('.slip').textContent()) || '').includes('Phường Vĩnh Hải'),
		'the slip is not for the unit picked');

	// ---- /reports: the list and the preview fit a phone ----
	await clerk.goto(`${srv.base}/reports`);
	await everySize(clerk, 'reports', async (p, tag) => {
		const over = await overflow(p);
		check(over.x === 0, `/reports at ${tag} scrolls sideways by ${over.x} px`);
	});
	await clerk.goto(`${srv.base}/reports/preview?unit=VT&period=2024-Q1&number=1/BC-UBND&signer=An`);
	await everySize(clerk, 'reports-preview', async (p, tag) => {
		const wide = await sideways(p);
		const over = await overflow(p);
		check(over.x === 0 && (tag !== 'phone' || wide.length === 0),
			`the preview at ${tag} scrolls sideways: page ${over.x} px, ${wide.join('; ')}`);
	});

	// ---- the public report: its own stylesheet applies under the CSP ----
	const pub = await as();
	await pub.goto(`${srv.base}/public/VT/reports/1`);
	await everySize(pub, 'public-report', async (p, tag) => {
		const font = await p.evaluate(() => getComputedStyle(document.body).fontFamily);
		const border = await p.evaluate(() => {
			const td = document.querySelector('td');
			return td ? getComputedStyle(td).borderTopStyle : 'none';
		});
		check(font.includes('Liberation Serif') && border === 'solid',
			`the public report at ${tag} is unstyled (font ${font}, cell border ${border})`);
		const over = await overflow(p);
		check(over.x === 0, `the public report at ${tag} runs ${over.x} px past the screen`);
	});
	check(csp.length === 0, `the CSP refused something: ${csp.join('; ')}`);

	// ---- /admin/units: a refused day stays in its box, the error beside it ----
	const adm = await as('quantri1', 'mat-khau-rat-dai-3');
	await adm.goto(`${srv.base}/admin/units`);
	const form = adm.locator('form#sua');
	await form.getByLabel('Mã', { exact: true }).fill('THU');
	await form.getByLabel('Tên', { exact: true }).fill('Phường Thử');
	await form.getByLabel('Có hiệu lực từ ngày').fill('31/02/2026');
	await Promise.all([adm.waitForNavigation(), form.getByRole('button', { name: 'Lưu' }).click()]);
	const box = adm.locator('form#sua').getByLabel('Có hiệu lực từ ngày');
	check(await box.inputValue() === '31/02/2026', `the day typed is lost: "${await box.inputValue()}"`);
	check(await adm.locator('form#sua').getByLabel('Tên', { exact: true }).inputValue() === 'Phường Thử',
		'the name typed is lost');
	const desc = await box.getAttribute('aria-describedby');
	check(desc && ((await adm.locator(`#${desc}`).textContent()) || '').includes('không phải một ngày'),
		'no error beside the day box');
	await everySize(adm, 'admin-units-refused');

	// ---- the kiosk: the server unreachable when the countdown sends ----
	const kc = await ctx.browser.newContext({ viewport: { width: 1920, height: 1080 }, hasTouch: true });
	const k = await kc.newPage();
	k.on('pageerror', (e) => errors.push(String(e)));
	await k.clock.install();
	await k.goto(`${srv.base}/kiosk#token=${token}`);
	await waitScreen(k, 'start');
	await fiveAnswers(k);
	await stopServer(srv);
	ctx.servers.length = 0;
	await k.clock.fastForward(61000);
	await waitScreen(k, 'ask', 5000);
	await k.clock.runFor(21000);
	await k.clock.runFor(5000);   // the sender's pass, at most 4 s
	await waitScreen(k, 'thanks', 10000);
	const kept = (await k.locator('main').textContent()) || '';
	check((await heading(k)) === 'Đã lưu ý kiến của ông/bà' && kept.includes('sẽ tự gửi khi kết nối lại'),
		`unreachable: "${await heading(k)}" ${kept}`);
	check((await queueLength(k)) === 1, `the queue holds ${await queueLength(k)}, not 1`);
	await everySize(k, 'kiosk-kept');
	await k.setViewportSize({ width: 1920, height: 1080 });
	await k.clock.runFor(9000);
	await waitScreen(k, 'start', 5000);   // nobody touched it
	srv = await startServer(db, srv.port);
	ctx.servers.push(srv);
	await k.clock.runFor(61000);          // the sender's next try
	await until(async () => (await queueLength(k)) === 0, 30000, 'the kept response to be sent');
	await kc.close();

	// ---- the kiosk: no storage on the device and no server ----
	const nc = await ctx.browser.newContext({ viewport: { width: 1080, height: 1920 }, hasTouch: true });
	await nc.addInitScript(() => {
		// every IndexedDB open fails, as on a device whose storage is full
		Object.defineProperty(window, 'indexedDB', { value: { open() {
			const req = { error: new DOMException('full', 'QuotaExceededError') };
			Promise.resolve().then(() => req.onerror && req.onerror());
			return req;
		} } });
	});
	const n = await nc.newPage();
	n.on('pageerror', (e) => errors.push(String(e)));
	await n.clock.install();
	await n.goto(`${srv.base}/kiosk#token=${token}`);
	await waitScreen(n, 'start');
	await fiveAnswers(n);
	await stopServer(srv);
	ctx.servers.length = 0;
	await n.clock.fastForward(61000);
	await waitScreen(n, 'ask', 5000);
	await n.clock.runFor(21000);
	await waitScreen(n, 'message', 10000);
	check((await heading(n)) === 'Chưa gửi được', `no storage, no server: "${await heading(n)}"`);
	await everySize(n, 'kiosk-unsent');
	await n.clock.runFor(9000);
	await waitScreen(n, 'start', 5000);   // nobody touched it
	await nc.close();

	check(errors.length === 0, `page errors: ${errors.join('; ')}`);
	check(found.length === 0, `axe found:\n${found.join('\n')}`);
});
