// dashboard.mjs — what a supervisor, a clerk, a data-entry clerk and a
// citizen read, in Vietnamese and in order (issue 12): the supervisor's
// dashboard opens on its own scope — its units by type then by name, STT
// for the row number, the red-bold legend, a mean row of its units and the
// charts of that mean — and a unit when one is picked; a clerk's has its
// one unit and no mean; the paper entry takes a field by its name typed
// without diacritics and shows names; the inbox picks a unit by name; a
// merged ward's public page says into which unit and since when, with the
// link. axe-core finds nothing on any of these pages, desktop and phone.
//
// Run: node dashboard.mjs HAILONG_BINARY SOURCE_ROOT (see run.sh).
import path from 'node:path';
import { DATA, axeRun, check, hl, hlInput, launch, login, main, setupDb, startServer } from './lib.mjs';

const found = [];

async function audit(page, label) {
	for (const size of [{ width: 1366, height: 768 }, { width: 390, height: 844 }]) {
		await page.setViewportSize(size);
		for (const v of await axeRun(page, `${label} ${size.width}`))
			found.push(`${label} ${size.width}: [${v.impact}] ${v.id} (${v.where})`);
	}
	await page.setViewportSize({ width: 1366, height: 768 });
}

const num = (s) => Number(s.trim().replace(/\s/g, '').replace(',', '.'));

async function as(ctx, srv, user, password) {
	const bctx = await ctx.browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'en-US' });
	const page = await bctx.newPage();
	page.on('pageerror', (e) => ctx.errors.push(String(e)));
	await login(page, srv.base, user, password);
	return page;
}

await main('dashboard', async (ctx) => {
	const db = path.join(ctx.dir, 'dashboard.db');
	setupDb(db);
	hl(db, 'responses', 'import', path.join(DATA, 'responses.csv'));
	hl(db, 'targets', 'set', '--year', '2024', '--type', 'ubnd-xa', '95');
	hl(db, 'units', 'merge', 'BNT', '--from', 'VH,VHA,VP,VT,VL,VPH', '--date', '2025-07-01');
	hlInput(db, 'mat-khau-rat-dai-1\n', 'users', 'add', 'canbo1', '--role', 'clerk', '--unit', 'VT');
	hlInput(db, 'mat-khau-rat-dai-2\n', 'users', 'add', 'giamsat1', '--role', 'supervisor', '--unit', 'KH');
	hlInput(db, 'mat-khau-rat-dai-3\n', 'users', 'add', 'nhap1', '--role', 'entry', '--unit', 'VT');
	const srv = await startServer(db);
	ctx.servers.push(srv);
	ctx.browser = await launch();
	ctx.errors = [];

	// ---- the supervisor: its scope, with the mean of its units ----
	const sup = await as(ctx, srv, 'giamsat1', 'mat-khau-rat-dai-2');
	await sup.goto(`${srv.base}/?period=2024`);
	check(await sup.locator('select[name="unit"]').locator('option:checked').textContent() === 'Tất cả (bình quân)',
		'the supervisor\'s dashboard does not open on its scope');
	check(await sup.locator('table.index thead th').first().textContent() === 'STT', 'no STT header');
	const note = await sup.locator('table.index + p, .scroll + p.note').first().textContent();
	check(note.includes('Số in đậm màu đỏ: dưới chỉ tiêu') && !note.includes('Ô tô'), `the legend: ${note}`);
	const rows = sup.locator('table.index tbody tr');
	const n = await rows.count();
	check(n >= 3, `${n} units listed`);
	const names = [], sipas = [];
	let ballots = 0;
	for (let i = 0; i < n; i++) {
		const cells = rows.nth(i).locator('td');
		const k = await cells.count();
		names.push((await cells.nth(1).textContent()).trim());
		const v = (await cells.nth(k - 4).textContent()).trim();
		if (v !== '–')
			sipas.push(num(v));
		ballots += num(await cells.nth(k - 1).textContent());
	}
	// ward offices first, then health stations; by name within each
	const stations = names.filter((x) => x.startsWith('Trạm y tế'));
	const wards = names.filter((x) => !x.startsWith('Trạm y tế') && !x.startsWith('Thành phố'));
	check(names.indexOf(stations[0]) > names.indexOf(wards[wards.length - 1]),
		`health stations before ward offices: ${names.join(' | ')}`);
	const sorted = [...wards].sort((a, b) => a.localeCompare(b, 'vi'));
	check(JSON.stringify(wards) === JSON.stringify(sorted), `wards not by name: ${wards.join(' | ')}`);
	const mean = sup.locator('table.index tfoot tr');
	check((await mean.locator('th').textContent()) === 'Bình quân các đơn vị thuộc Tỉnh Khánh Hòa',
		`the mean row: ${await mean.textContent()}`);
	const mcells = mean.locator('td');
	const mk = await mcells.count();
	const want = sipas.reduce((s, v) => s + v, 0) / sipas.length;
	check(Math.abs(num(await mcells.nth(mk - 4).textContent()) - want) < 0.006,
		`mean SIPAS ${await mcells.nth(mk - 4).textContent()}, the units' mean ${want}`);
	check(num(await mcells.nth(mk - 1).textContent()) === ballots, 'the mean row does not total the ballots');
	check((await sup.locator('#don-vi').textContent()) === 'Bình quân các đơn vị thuộc Tỉnh Khánh Hòa',
		'the charts are not the scope\'s');
	check(await sup.locator('figure.chart svg').count() === 2, 'the scope has no charts');
	await audit(sup, 'dashboard (supervisor)');
	await sup.locator('select[name="unit"]').selectOption({ label: 'Phường Vĩnh Thọ' });
	await Promise.all([sup.waitForNavigation(), sup.getByRole('button', { name: 'Xem' }).click()]);
	check((await sup.locator('#don-vi').textContent()) === 'Phường Vĩnh Thọ', 'picking a unit shows another');
	check(await sup.locator('#gop-y').count() === 1, 'a picked unit has no comments section');

	// ---- the clerk: its unit, no mean ----
	const clerk = await as(ctx, srv, 'canbo1', 'mat-khau-rat-dai-1');
	await clerk.goto(`${srv.base}/?period=2024`);
	check(await clerk.locator('table.index tfoot').count() === 0, 'a single unit gets a mean row');
	check((await clerk.locator('#don-vi').textContent()) === 'Phường Vĩnh Thọ', 'the clerk\'s unit');
	await audit(clerk, 'dashboard (clerk)');
	await clerk.goto(`${srv.base}/feedback`);
	check(await clerk.locator('select[name="unit"]').locator('option:checked').textContent() === 'Phường Vĩnh Thọ',
		'the inbox does not pick the unit by name');
	await audit(clerk, 'feedback inbox');

	// ---- paper entry: a field by its name, without diacritics ----
	const entry = await as(ctx, srv, 'nhap1', 'mat-khau-rat-dai-3');
	await entry.goto(`${srv.base}/paper`);
	await entry.getByLabel(/Người mở hòm/).fill('Nguyễn Văn An');
	await entry.getByLabel(/Người chứng kiến/).fill('Trần Thị Bình');
	await entry.getByLabel(/Số phiếu/).fill('1');
	await Promise.all([entry.waitForNavigation(), entry.getByRole('button', { name: /Mở/ }).click()]);
	await entry.getByLabel('Lĩnh vực').fill('ho tich');
	await entry.locator('#answers').fill('5555 55555 555555 555 5555');
	await Promise.all([entry.waitForNavigation(), entry.getByRole('button', { name: 'Lưu phiếu' }).click()]);
	check((await entry.locator('table.paper-rows tbody').textContent()).includes('Hộ tịch'),
		`the row does not name the field: ${await entry.locator('table.paper-rows tbody').textContent()}`);
	await audit(entry, 'paper entry');

	// ---- a merged ward's public page ----
	const pub = await (await ctx.browser.newContext({ viewport: { width: 1366, height: 768 } })).newPage();
	await pub.goto(`${srv.base}/public/VT`);
	const merged = await pub.locator('.merged').textContent();
	check(merged.includes('Phường Vĩnh Thọ đã sáp nhập vào Phường Bắc Nha Trang từ ngày 01/07/2025'),
		`the merged ward's page: ${merged}`);
	await pub.locator('.merged a').click();
	check(pub.url().endsWith('/public/BNT'), `the link goes to ${pub.url()}`);
	await pub.goto(`${srv.base}/public/VT`);
	await audit(pub, 'public page (merged)');

	check(ctx.errors.length === 0, `page errors: ${ctx.errors.join('; ')}`);
	check(found.length === 0, `axe found:\n${found.join('\n')}`);
});
