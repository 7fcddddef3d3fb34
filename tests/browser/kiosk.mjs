// kiosk.mjs — the counter kiosk in a real browser, through a server outage:
// answer a survey; stop the server; reload the kiosk (the service worker and
// the cached configuration start it) and answer three more, which wait in
// the browser's queue; start the server again on the same port; the queue
// empties by itself, and exactly four responses are stored, each once.
//
// Run: node kiosk.mjs HAILONG_BINARY SOURCE_ROOT (see run.sh).
import path from 'node:path';
import {
	answerSurvey, check, heading, hl, launch, main, queueLength, setupDb, startServer,
	stopServer, until, waitScreen,
} from './lib.mjs';

await main('kiosk', async (ctx) => {
	const db = path.join(ctx.dir, 'kiosk.db');
	const token = setupDb(db);
	let srv = await startServer(db);
	ctx.servers.push(srv);

	ctx.browser = await launch();
	const context = await ctx.browser.newContext({ viewport: { width: 1080, height: 1920 },
		hasTouch: true, locale: 'vi-VN' });
	const page = await context.newPage();
	const errors = [];
	page.on('pageerror', (e) => errors.push(String(e)));

	// Every answer the server gave to a POST of a response, by id.
	const posted = [];
	page.on('response', async (resp) => {
		if (!resp.url().endsWith('/api/v1/responses') || resp.request().method() !== 'POST')
			return;
		let id = null;
		try {
			id = JSON.parse(resp.request().postData()).id;
		} catch (e) { /* not ours */ }
		posted.push({ id, status: resp.status() });
	});

	await page.goto(`${srv.base}/kiosk#token=${token}`);
	await waitScreen(page, 'start');
	check((await heading(page)) === 'Phường Vĩnh Thọ', `the start screen names "${await heading(page)}"`);
	check(!page.url().includes('token'), `the token stays in the address bar: ${page.url()}`);
	check((await page.evaluate(() => localStorage.getItem('hailong.kiosk.token'))) === token,
		'the token is not kept in localStorage');
	const text = await page.locator('main').textContent();
	check(text.includes('Mời ông/bà đánh giá sự phục vụ'), 'no invitation on the start screen');

	// The service worker must control the page before the outage.
	await until(() => page.evaluate(() => navigator.serviceWorker.controller !== null), 20000,
		'the service worker to control the kiosk page');

	// 1: online, with the mouse, and the thank-you screen resets by itself.
	await answerSurvey(page, { comment: 'Cán bộ nhiệt tình <b>"tốt"</b>' });
	await waitScreen(page, 'thanks');
	await until(async () => (await queueLength(page)) === 0, 20000, 'the first response to be sent');
	await waitScreen(page, 'start', 15000); // 8 s on the thank-you screen
	check(posted.length === 1 && posted[0].status === 201,
		`first post: ${JSON.stringify(posted)}`);

	// The outage.
	await stopServer(srv);
	await page.reload();
	await waitScreen(page, 'start', 20000);
	check((await heading(page)) === 'Phường Vĩnh Thọ', 'the kiosk did not start offline');

	// Offline, a comment ticked as a complaint: the flag waits in the queue.
	await answerSurvey(page, { comment: 'Chờ lâu ở quầy đất đai', complaint: true });
	await waitScreen(page, 'thanks');
	check((await page.locator('main').textContent()).includes('chuyển tới cán bộ để trả lời'),
		'the thank-you screen does not say the complaint goes to an official');
	await page.getByRole('button', { name: 'Về màn hình đầu' }).click();
	await answerSurvey(page, { keyboard: true, comment: 'Phòng chờ hơi nóng' });
	await waitScreen(page, 'thanks');
	await page.getByRole('button', { name: 'Về màn hình đầu' }).click();
	await answerSurvey(page, { skip: 3 });
	await waitScreen(page, 'thanks');
	check((await queueLength(page)) === 3, `queue holds ${await queueLength(page)}, not 3`);
	const badge = page.locator('#sv-queue');
	check((await badge.textContent()) === 'Đang chờ gửi: 3', `indicator: "${await badge.textContent()}"`);
	check(await badge.isVisible(), 'the queue indicator is hidden');

	// The server is back on the same address; the kiosk sends by itself.
	srv = await startServer(db, srv.port);
	ctx.servers.push(srv);
	await until(async () => (await queueLength(page)) === 0, 120000, 'the queue to empty');
	await until(async () => !(await badge.isVisible()), 5000, 'the indicator to hide');
	await stopServer(srv);

	const fb = hl(db, 'feedback', 'list', '--format', 'csv');
	check(fb.split('\n').filter((l) => l.includes(',kiosk,')).length === 1,
		`the kiosk complaint is not one feedback item:\n${fb}`);
	const count = hl(db, 'responses', 'count').trim();
	check(count === '4', `hailong responses count says ${count}, expected 4`);
	const stored = posted.filter((p) => p.status === 201).map((p) => p.id);
	check(new Set(stored).size === stored.length, `an id was stored twice: ${JSON.stringify(posted)}`);
	check(new Set(posted.map((p) => p.id)).size === 4, `not 4 distinct ids: ${JSON.stringify(posted)}`);
	check(errors.length === 0, `page errors: ${errors.join('; ')}`);
	console.log(`posts: ${JSON.stringify(posted)}`);
});
