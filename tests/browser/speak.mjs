// speak.mjs — the kiosk that speaks (issue 14 §5) in a real browser: every
// question screen has a "Nghe" button for the question and one for each
// answer; pressing one fetches the clip the server spoke (a WAV file) and
// plays it; the kiosk keeps every clip of its instrument, so with the
// server stopped an answer never played before still plays; "Chữ to, tương
// phản cao" turns larger text and high contrast on and off in one tap, and
// axe finds no violation in that mode; the phone survey has the buttons too.
//
// Run: node speak.mjs HAILONG_BINARY SOURCE_ROOT (see run.sh).
import path from 'node:path';
import {
	axeRun, check, hlInput, launch, main, screenOf, setupDb, startServer, stopServer, until,
	waitScreen,
} from './lib.mjs';

// From the start screen to the first question.
async function firstQuestion(page) {
	await waitScreen(page, 'start');
	await page.getByRole('button', { name: 'Bắt đầu đánh giá' }).click();
	for (let i = 0; i < 5 && (await screenOf(page)) !== 'question'; i++)
		await page.getByRole('button', { name: 'Bỏ qua', exact: true }).click();
	await waitScreen(page, 'question');
}

// Press b and wait for its clip to play (or end); returns its final state.
async function listen(b) {
	await b.click();
	await until(async () => ['playing', 'done', 'error'].includes(await b.getAttribute('data-state')),
		20000, 'the clip to play');
	return b.getAttribute('data-state');
}

await main('speak', async (ctx) => {
	const db = path.join(ctx.dir, 'speak.db');
	const token = setupDb(db);
	const srv = await startServer(db);
	ctx.servers.push(srv);
	ctx.browser = await launch();
	const errors = [];
	const clips = [];

	const kctx = await ctx.browser.newContext({ viewport: { width: 1920, height: 1080 }, hasTouch: true,
		locale: 'vi-VN' });
	const page = await kctx.newPage();
	page.on('pageerror', (e) => errors.push(String(e)));
	page.on('console', (m) => {
		if (m.type() === 'error')
			console.log(`kiosk console: ${m.text()}`);
	});
	page.on('response', (resp) => {
		if (resp.url().includes('/audio/'))
			clips.push({ url: resp.url(), status: resp.status(), type: resp.headers()['content-type'] });
	});
	await page.goto(`${srv.base}/kiosk#token=${token}`);
	await waitScreen(page, 'start');
	await until(() => page.evaluate(() => navigator.serviceWorker.controller !== null), 20000,
		'the service worker to control the kiosk page');

	// The clips the kiosk must keep: each question's and each level's.
	const want = await page.evaluate(() => {
		const c = JSON.parse(localStorage.getItem('hailong.kiosk.config'));
		const keys = new Set();
		const scales = Object.fromEntries(c.instrument.scales.map((s) => [s.code, s]));
		for (const q of c.instrument.questions) {
			keys.add(`q-${q.code}`);
			for (const lv of scales[q.scale].levels)
				keys.add(`s-${q.scale}-${lv.value}`);
		}
		return keys.size;
	});
	const kept = () => page.evaluate(() => caches.open('hailong-audio-v1').then((c) => c.keys())
		.then((k) => k.length));
	await until(async () => (await kept()) === want, 60000, `the kiosk to keep its ${want} clips`);

	await firstQuestion(page);
	const listens = page.locator('main button.sv-listen');
	const levels = await page.locator('main button.sv-level').count();
	check((await listens.count()) === levels + 1,
		`${await listens.count()} "Nghe" buttons for a question with ${levels} answers`);
	check(/^Nghe câu hỏi$/.test(await listens.first().getAttribute('aria-label')),
		`the question's button is named "${await listens.first().getAttribute('aria-label')}"`);
	const state = await listen(listens.first());
	check(state !== 'error', 'the question did not play');

	// A clip is a WAV file the server spoke once, cached for a year.
	const first = await page.evaluate(async () => {
		const url = document.querySelector('main button.sv-listen') && (await caches.open('hailong-audio-v1')
			.then((c) => c.keys())).map((r) => r.url).find((u) => /\/q-[^/]+\.wav$/.test(u));
		const resp = await fetch(url, { cache: 'no-store' });
		const b = new Uint8Array(await resp.arrayBuffer());
		return { status: resp.status, type: resp.headers.get('content-type'),
			cache: resp.headers.get('cache-control'), riff: String.fromCharCode(...b.slice(0, 4)),
			wave: String.fromCharCode(...b.slice(8, 12)), size: b.length };
	});
	check(first.status === 200 && first.type === 'audio/wav' && first.riff === 'RIFF' &&
		first.wave === 'WAVE' && first.size > 10000, `a clip: ${JSON.stringify(first)}`);
	check(/immutable/.test(first.cache || ''), `a clip's Cache-Control: ${first.cache}`);
	const missing = await page.evaluate(() => fetch('/audio/sipas-5/1/q-KHONG-CO.wav').then((r) => r.status));
	check(missing === 404, `an unknown clip answered ${missing}`);

	// Offline: an answer never played before plays from what the kiosk kept.
	await stopServer(srv);
	const before = clips.length;
	const last = page.locator('main .sv-level-row').last().locator('button.sv-listen');
	check((await listen(last)) !== 'error', 'an answer did not play with the server stopped');
	check(clips.slice(before).every((c) => c.status === 200),
		`offline clips: ${JSON.stringify(clips.slice(before))}`);

	// Larger text and high contrast, one tap away; axe still finds nothing.
	const toggle = page.getByRole('button', { name: 'Chữ to, tương phản cao' });
	const size = () => page.evaluate(() => parseFloat(getComputedStyle(document.body).fontSize));
	const normal = await size();
	await toggle.click();
	check((await toggle.getAttribute('aria-pressed')) === 'true', 'the switch is not pressed');
	check(await page.evaluate(() => document.documentElement.classList.contains('sv-contrast')),
		'high contrast is not on');
	check((await page.evaluate(() => getComputedStyle(document.body).backgroundColor)) === 'rgb(0, 0, 0)',
		'the background is not black');
	check((await size()) > normal * 1.15, `the text grew from ${normal} to ${await size()} px only`);
	const found = [];
	for (const v of await axeRun(page, 'kiosk question, high contrast'))
		if (v.impact === 'serious' || v.impact === 'critical')
			found.push(`${v.id} (${v.where})`);
	check(found.length === 0, `axe in high contrast: ${found.join('; ')}`);
	await toggle.click();
	check(!(await page.evaluate(() => document.documentElement.classList.contains('sv-contrast'))),
		'high contrast did not turn off');

	// The phone survey (a dossier's QR link) has the buttons too.
	const srv2 = await startServer(db);
	ctx.servers.push(srv2);
	const out = hlInput(db, '', 'receipts', 'HS-NGHE-1', '--new', '--unit', 'VT', '--url', srv2.base,
		'--out', path.join(ctx.dir, 'slip.html'));
	const m = /(https?:\/\/\S+\/s\/[A-Za-z0-9_-]+)/.exec(out);
	check(m, `receipts printed no link:\n${out}`);
	const pctx = await ctx.browser.newContext({ viewport: { width: 390, height: 844 }, hasTouch: true,
		locale: 'vi-VN' });
	const phone = await pctx.newPage();
	phone.on('pageerror', (e) => errors.push(String(e)));
	await phone.goto(m[1]);
	await firstQuestion(phone);
	const pl = phone.locator('main button.sv-listen');
	check((await pl.count()) > 1, 'the phone survey has no "Nghe" buttons');
	check((await listen(pl.first())) !== 'error', 'the phone survey did not play the question');
	check(errors.length === 0, `page errors: ${errors.join('; ')}`);
	console.log(`speak: ${want} clips kept, played online and offline; high contrast on and off`);
});
