// public_phone.mjs — a unit's public page on a phone (issue 12): the
// results table of the latest publication and the list of published
// reports show every column — "Tăng/giảm" and "Xếp hạng" included — within
// a 390 px screen (each row a card), and the page itself never runs wider
// than the screen; on a desk the tables stay tables. The citizen's feedback
// pages (form, answers, look-up) have no touch target under 48 px on a
// phone. axe finds nothing.
//
// Run: node public_phone.mjs HAILONG_BINARY SOURCE_ROOT (see run.sh).
import path from 'node:path';
import {
	DATA, axeRun, check, hl, launch, main, overflow, smallTargets, startServer, stopServer,
} from './lib.mjs';

const COLUMNS = ['Chỉ số (%)', 'Số phiếu', 'Chỉ tiêu', 'Đạt', 'Tăng/giảm so với cùng kỳ', 'Xếp hạng'];

await main('public_phone', async (ctx) => {
	const db = path.join(ctx.dir, 'public.db');
	hl(db, 'init');
	hl(db, 'units', 'import', path.join(DATA, 'units.csv'));
	hl(db, 'fields', 'import', path.join(DATA, 'fields.csv'));
	hl(db, 'staff', 'import', path.join(DATA, 'staff.csv'));
	hl(db, 'responses', 'import', path.join(DATA, 'responses.csv'));
	hl(db, 'targets', 'set', '--year', '2024', '--type', 'ubnd-xa', '90');
	hl(db, 'reports', 'publish', '--unit', 'VT', '--period', '2024');
	const srv = await startServer(db);
	ctx.servers.push(srv);
	ctx.browser = await launch();
	const problems = [];

	const phone = await (await ctx.browser.newContext({ viewport: { width: 390, height: 844 },
		isMobile: true, hasTouch: true, locale: 'vi-VN' })).newPage();
	await phone.goto(`${srv.base}/public/VT`);
	const o = await overflow(phone);
	check(o.x === 0, `the public page is ${o.x} px wider than a 390 px phone`);
	// every cell of both tables inside the screen
	const cut = await phone.evaluate(() => [...document.querySelectorAll('table.figures td, table.figures th,' +
		' table.published td')].filter((c) => {
		const r = c.getBoundingClientRect();
		return r.left < 0 || r.right > window.innerWidth;
	}).map((c) => `"${c.textContent.trim()}"`));
	check(cut.length === 0, `cells cut off on a phone: ${cut.join(', ')}`);
	// each value after its column's name, the name being the table's own header
	const wrong = await phone.evaluate(() => {
		const out = [];
		for (const t of document.querySelectorAll('table.figures, table.published')) {
			const heads = [...t.querySelectorAll('thead th')].map((h) => h.textContent.trim());
			const first = t.classList.contains('figures') ? 1 : 0;   // the row header has no label
			for (const tr of t.querySelectorAll('tbody tr'))
				[...tr.querySelectorAll('td')].forEach((td, i) => {
					const label = getComputedStyle(td, '::before').content.replace(/^"|"$/g, '');
					if (label !== heads[i + first])
						out.push(`${t.className} column ${i + first + 1}: "${label}" for "${heads[i + first]}"`);
				});
		}
		return out;
	});
	check(wrong.length === 0, `values not named by their column on a phone: ${wrong.join('; ')}`);
	for (const col of COLUMNS)
		check((await phone.locator('table.figures thead th').allTextContents()).includes(col),
			`the results table has no column "${col}"`);
	for (const v of await axeRun(phone, 'public page (phone)'))
		problems.push(`phone: ${v.id} (${v.where})`);
	for (const p of ['/public/VT/feedback', '/public/VT/answers', '/public/feedback/track?code=PA-VT-1&token=K7QF-93MX-2D']) {
		await phone.goto(srv.base + p);
		for (const t of await smallTargets(phone))
			problems.push(`phone ${p}: ${t} (under 48 px)`);
		check((await overflow(phone)).x === 0, `${p} runs wider than a phone`);
	}

	const desk = await (await ctx.browser.newContext({ viewport: { width: 1366, height: 768 } })).newPage();
	await desk.goto(`${srv.base}/public/VT`);
	check(await desk.locator('table.figures thead').isVisible(), 'the desk lost the table header');
	check((await overflow(desk)).x === 0, 'the public page runs wider than a desk screen');
	for (const v of await axeRun(desk, 'public page (desk)'))
		problems.push(`desk: ${v.id} (${v.where})`);
	await stopServer(srv);
	check(problems.length === 0, `\n  ${problems.join('\n  ')}`);
});
