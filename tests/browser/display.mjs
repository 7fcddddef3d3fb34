// display.mjs — the counter screen /display/UNIT in a real browser (issue
// 14 §3): at 1920×1080 and 1080×1920 one slide shows at a time and the
// slides turn by themselves; the QR codes read back as the unit's public
// page and feedback form; a refresh replaces the slides with the server's;
// with the server stopped a refresh keeps every slide and says "Mất kết
// nối"; axe finds no violation at either size.
//
// Run: node display.mjs HAILONG_BINARY SOURCE_ROOT (see run.sh).
import path from 'node:path';
import {
	axeRun, check, DATA, hl, launch, main, readQr, setupDb, startServer, stopServer, until,
} from './lib.mjs';

await main('display', async (ctx) => {
	const db = path.join(ctx.dir, 'display.db');
	setupDb(db);
	hl(db, 'responses', 'import', path.join(DATA, 'responses.csv'));
	hl(db, 'reports', 'publish', '--unit', 'VT', '--period', '2024');
	const srv = await startServer(db);
	ctx.servers.push(srv);
	ctx.browser = await launch();
	const found = [];
	const errors = [];

	for (const [width, height] of [[1920, 1080], [1080, 1920]]) {
		const bctx = await ctx.browser.newContext({ viewport: { width, height }, locale: 'vi-VN' });
		const page = await bctx.newPage();
		page.on('pageerror', (e) => errors.push(String(e)));
		await page.goto(`${srv.base}/display/VT`);
		const visible = () => page.locator('#slides .slide:visible').count();
		check(await visible() === 1, `${width}×${height}: ${await visible()} slides visible, expected 1`);
		const first = await page.locator('#slides .slide:visible h2').textContent();
		check(/Kết quả đo lường/.test(first), `the first slide is "${first}"`);
		for (const v of await axeRun(page, `display ${width}×${height}`))
			found.push(`${width}: [${v.impact}] ${v.id} (${v.where})`);
		// turns by itself (every 12 s)
		await until(async () => (await page.locator('#slides .slide:visible h2').textContent()) !== first,
			20000, 'the slide to turn by itself');
		if (width === 1920) {
			const qrs = page.locator('#slides svg');
			await page.evaluate(() => document.querySelectorAll('#slides .slide').forEach((s) => { s.hidden = false; }));
			check(await readQr(page, '#slides .slide:nth-of-type(2) svg') === `${srv.base}/public/VT`,
				'the survey slide\'s QR code is not the public page');
			check(await readQr(page, '#slides .slide:nth-of-type(3) svg') === `${srv.base}/public/VT/feedback`,
				'the feedback slide\'s QR code is not the feedback form');
			check(await qrs.count() === 2, 'two QR codes');
			// a refresh that works replaces the slides and hides the mark
			await page.evaluate(() => document.querySelector('#slides').insertAdjacentHTML('beforeend',
				'<section class="slide" id="stale"><h2>cũ</h2></section>'));
			await page.evaluate(() => window.hailongDisplay.refresh());
			await until(async () => (await page.locator('#stale').count()) === 0, 5000, 'the refresh');
			check(await page.locator('#d-offline').isHidden(), 'the offline mark shows while online');
		}
		await bctx.close();
	}

	// the server stops: the screen keeps its slides and says so
	const octx = await ctx.browser.newContext({ viewport: { width: 1920, height: 1080 } });
	const page = await octx.newPage();
	await page.goto(`${srv.base}/display/VT`);
	const before = await page.locator('#slides .slide').count();
	await stopServer(srv);
	await page.evaluate(() => window.hailongDisplay.refresh());
	await until(async () => page.locator('#d-offline').isVisible(), 5000, 'the offline mark');
	check(await page.locator('#slides .slide').count() === before, 'slides lost when offline');
	check(/Mất kết nối/.test(await page.locator('#d-offline').textContent()), 'the offline mark text');
	await page.evaluate(() => window.hailongDisplay.turn());
	check(await page.locator('#slides .slide:visible').count() === 1, 'the slides stop turning offline');
	await octx.close();

	check(errors.length === 0, `page errors: ${errors.join('; ')}`);
	check(found.length === 0, `accessibility violations:\n  ${found.join('\n  ')}`);
});
