// kiosk_fit.mjs — the kiosk and the phone survey as an elderly citizen meets
// them (issue 12), at the kiosk's two orientations (1920×1080, 1080×1920)
// and a phone's 390×844:
//  - the field screen shows the unit's own fields (from its imported
//    dossiers), most used first, in a grid that fits one screen with "Bỏ
//    qua" in view, the portrait one filling the screen; "Lĩnh vực khác…"
//    opens the others, which fit too; a unit without dossiers or responses
//    shows every field, also on one screen;
//  - every interactive element on every screen is at least 48×48 px, and
//    the queue indicator's type is at least 20 px;
//  - a citizen who walks away is asked "Gửi ý kiến của ông/bà?" with a
//    countdown: enough answers (one whole criterion) are sent when it ends
//    and the screen says so; too few are dropped, after the same question;
//    "Gửi ngay" appears from the first question after the first criterion;
//  - a QR slip of an imported dossier does not ask the phone for the field.
// axe finds nothing on the new screens.
//
// Run: node kiosk_fit.mjs HAILONG_BINARY SOURCE_ROOT (see run.sh).
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import {
	axeRun, check, heading, hl, launch, main, overflow, queueLength, screenOf, setupDb,
	smallTargets, startServer, stopServer, until, waitScreen,
} from './lib.mjs';

const KIOSK_SIZES = [
	{ label: 'kiosk 1920×1080', viewport: { width: 1920, height: 1080 } },
	{ label: 'kiosk 1080×1920', viewport: { width: 1080, height: 1920 } },
];
const PHONE = { label: 'phone 390×844', viewport: { width: 390, height: 844 }, isMobile: true };
const OWN = ['Hộ tịch', 'Chứng thực', 'Đất đai'];   // by number of dossiers: 4, 2, 1

const problems = [];
function record(cond, msg) {
	if (!cond)
		problems.push(msg);
}

async function targets(page, where) {
	for (const t of await smallTargets(page))
		problems.push(`${where}: ${t} (under 48 px)`);
}

async function audit(page, where) {
	for (const v of await axeRun(page, where))
		problems.push(`${where}: axe ${v.id} (${v.where})`);
}

// The field screen fits the viewport, "Bỏ qua" fully in it.
async function fits(page, where) {
	const o = await overflow(page);
	record(o.x === 0 && o.y === 0, `${where}: the page runs ${o.x}×${o.y} px past the screen`);
	const skip = await page.getByRole('button', { name: 'Bỏ qua', exact: true }).boundingBox();
	const vh = page.viewportSize().height;
	record(skip && skip.y + skip.height <= vh, `${where}: "Bỏ qua" is below the fold (${JSON.stringify(skip)})`);
}

async function gridLabels(page) {
	return page.locator('.sv-grid button').allTextContents();
}

function dossierCsv(file) {
	const d = new Date(Date.now() - 20 * 86400000);
	const day = `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
	const rows = ['code,unit,field,procedure,channel,received_at,due_at,finished_at,returned_at,' +
		'supplements,reschedules,apology'];
	const add = (code, field, proc) => rows.push(`${code},VT,${field},${proc},direct,${day} 08:00,` +
		`${day} 16:00,,,0,0,0`);
	for (let i = 1; i <= 4; i++)
		add(`HS-FIT-${i}`, 'ho-tich', 'Đăng ký khai sinh');
	add('HS-FIT-5', 'chung-thuc', 'Chứng thực bản sao');
	add('HS-FIT-6', 'chung-thuc', 'Chứng thực chữ ký');
	add('HS-FIT-7', 'dat-dai', 'Đăng ký biến động đất đai');
	writeFileSync(file, rows.join('\n') + '\n');
}

// Start a survey on page (at the start screen), skipping field and staff.
async function toQuestions(page) {
	await page.getByRole('button', { name: 'Bắt đầu đánh giá' }).click();
	for (let s = await screenOf(page); s === 'field' || s === 'staff'; s = await screenOf(page))
		await page.getByRole('button', { name: 'Bỏ qua', exact: true }).click();
	check((await screenOf(page)) === 'question', `not on a question: ${await screenOf(page)}`);
}

async function answer(page, n) {
	for (let i = 0; i < n; i++)
		await page.locator('button.sv-level').last().click();
}

await main('kiosk_fit', async (ctx) => {
	const db = path.join(ctx.dir, 'fit.db');
	const token = setupDb(db);
	const csv = path.join(ctx.dir, 'dossiers.csv');
	dossierCsv(csv);
	hl(db, 'dossiers', 'import', csv);
	const vh = /#token=([A-Za-z0-9_-]+)/.exec(hl(db, 'kiosks', 'add', '--unit', 'VH', '--name', 'quay-vh'))[1];
	const srv = await startServer(db);
	ctx.servers.push(srv);
	ctx.browser = await launch();
	const errors = [];
	const posted = [];
	const watch = (page) => {
		page.on('pageerror', (e) => errors.push(String(e)));
		page.on('response', (resp) => {
			if (resp.request().method() === 'POST' && /\/api\/v1\/responses$|\/submit$/.test(resp.url()))
				posted.push({ status: resp.status(), body: JSON.parse(resp.request().postData()) });
		});
	};

	// ---- the field screen, touch targets and "Gửi ngay" at both orientations ----
	for (const size of KIOSK_SIZES) {
		const where = size.label;
		const kctx = await ctx.browser.newContext({ viewport: size.viewport, hasTouch: true, locale: 'vi-VN' });
		const page = await kctx.newPage();
		watch(page);
		await page.goto(`${srv.base}/kiosk#token=${token}`);
		await waitScreen(page, 'start');
		await targets(page, `${where} start`);
		const qfont = await page.evaluate(() => parseFloat(getComputedStyle(document.getElementById('sv-queue')).fontSize));
		record(qfont >= 20, `${where}: the queue indicator's type is ${qfont} px`);
		await page.getByRole('button', { name: 'Bắt đầu đánh giá' }).click();
		await waitScreen(page, 'field');
		const own = await gridLabels(page);
		record(JSON.stringify(own) === JSON.stringify([...OWN, 'Lĩnh vực khác…']),
			`${where}: the field screen shows ${JSON.stringify(own)}, not the unit's own fields most used first`);
		await fits(page, `${where} fields`);
		await targets(page, `${where} fields`);
		await audit(page, `${where} fields`);
		if (size.viewport.height > size.viewport.width) {
			// portrait: the grid and its buttons take the screen's height
			const nav = await page.locator('.sv-field .sv-nav').boundingBox();
			const grid = await page.locator('.sv-grid').boundingBox();
			record(nav.y + nav.height >= 0.9 * size.viewport.height && grid.height >= 0.4 * size.viewport.height,
				`${where}: the field screen does not fill the portrait screen (grid ${JSON.stringify(grid)}, nav ${JSON.stringify(nav)})`);
		}
		await page.getByRole('button', { name: 'Lĩnh vực khác…' }).click();
		const others = await gridLabels(page);
		record(others.length >= 10 && !others.some((f) => OWN.includes(f)) && others.includes('Y tế'),
			`${where}: the other fields are ${JSON.stringify(others)}`);
		await fits(page, `${where} other fields`);
		await targets(page, `${where} other fields`);
		await page.getByRole('button', { name: 'Y tế' }).click();
		await waitScreen(page, 'staff');
		await targets(page, `${where} staff`);
		await page.getByRole('button', { name: 'Bỏ qua', exact: true }).click();
		// the first criterion (TC, four questions): no "Gửi ngay" yet
		for (let i = 0; i < 4; i++) {
			record((await page.getByRole('button', { name: 'Gửi ngay' }).count()) === 0,
				`${where}: "Gửi ngay" offered on question ${i + 1}, inside the first criterion`);
			if (i === 0)
				await targets(page, `${where} question`);
			await answer(page, 1);
		}
		record((await page.getByRole('button', { name: 'Gửi ngay' }).count()) === 1,
			`${where}: no "Gửi ngay" after the first criterion`);
		await targets(page, `${where} question with Gửi ngay`);
		await audit(page, `${where} question with Gửi ngay`);
		const q = await overflow(page);
		record(q.y === 0, `${where}: a question runs ${q.y} px past the screen`);
		while ((await screenOf(page)) === 'question')
			await answer(page, 1);
		await page.locator('#sv-comment').fill('Phòng chờ mát');
		await targets(page, `${where} comment`);
		await page.getByRole('button', { name: 'Tiếp tục' }).click();
		await waitScreen(page, 'review');
		await targets(page, `${where} review`);
		const fieldRow = await page.locator('dl.sv-review').textContent();
		record(fieldRow.includes('Y tế'), `${where}: the review does not name the other field chosen`);
		await page.getByRole('button', { name: 'Gửi', exact: true }).click();
		await waitScreen(page, 'thanks');
		await targets(page, `${where} thanks`);
		await until(async () => (await queueLength(page)) === 0, 20000, 'the response to be sent');

		// a unit without dossiers or responses: every field, on one screen
		await page.goto('about:blank');     // a new load, not a change of #fragment
		await page.goto(`${srv.base}/kiosk#token=${vh}`);
		await waitScreen(page, 'start');
		await page.getByRole('button', { name: 'Bắt đầu đánh giá' }).click();
		await waitScreen(page, 'field');
		const all = await gridLabels(page);
		record(all.length >= 15 && !all.includes('Lĩnh vực khác…'), `${where}: VH's fields: ${JSON.stringify(all)}`);
		await fits(page, `${where} every field`);
		await targets(page, `${where} every field`);
		await kctx.close();
	}

	// ---- walking away ----
	const wctx = await ctx.browser.newContext({ viewport: { width: 1920, height: 1080 }, hasTouch: true });
	const away = await wctx.newPage();
	watch(away);
	await away.clock.install();
	await away.goto(`${srv.base}/kiosk#token=${token}`);
	await waitScreen(away, 'start');
	const before = posted.length;
	// two answers: not enough — asked, back to the same question, then dropped
	await toQuestions(away);
	await answer(away, 2);
	await away.clock.fastForward(50000);
	check((await screenOf(away)) === 'question', 'the kiosk asked before a minute');
	await away.clock.fastForward(11000);
	await waitScreen(away, 'ask', 5000);
	check((await heading(away)) === 'Ông/bà còn trả lời tiếp không?', `not enough: heading "${await heading(away)}"`);
	check((await away.getByRole('timer').textContent()).includes('20 giây'), 'no countdown shown');
	check((await away.getByRole('button', { name: 'Gửi ngay' }).count()) === 0, '"Gửi ngay" with too few answers');
	await targets(away, 'ask (not enough)');
	await audit(away, 'ask (not enough)');
	await away.getByRole('button', { name: 'Trả lời tiếp' }).click();
	check((await away.locator('.sv-progress').textContent()).startsWith('Câu 3/'), 'not back at question 3');
	await away.clock.fastForward(61000);
	await waitScreen(away, 'ask', 5000);
	await away.clock.runFor(21000);
	await waitScreen(away, 'start', 5000);
	check(posted.length === before, 'a response with two answers was sent');
	check((await queueLength(away)) === 0, 'a response with two answers was queued');

	// a whole criterion and one more: asked, then sent by itself, and said so
	await toQuestions(away);
	await answer(away, 5);
	await away.clock.fastForward(61000);
	await waitScreen(away, 'ask', 5000);
	check((await heading(away)) === 'Gửi ý kiến của ông/bà?', `enough: heading "${await heading(away)}"`);
	check((await away.locator('main').textContent()).includes('5/22'), 'the question does not say 5/22 answered');
	check((await away.getByRole('button', { name: 'Gửi ngay' }).count()) === 1, 'no "Gửi ngay" on the question');
	await targets(away, 'ask (enough)');
	await audit(away, 'ask (enough)');
	await away.clock.runFor(10000);
	check((await screenOf(away)) === 'ask', 'sent before the countdown ended');
	await away.clock.runFor(11000);
	await waitScreen(away, 'thanks', 5000);
	check((await heading(away)) === 'Đã gửi ý kiến của ông/bà', `after the countdown: "${await heading(away)}"`);
	check((await away.locator('main').textContent()).includes('tự động gửi 5/22'),
		'the screen does not say the answers were sent by themselves');
	await audit(away, 'sent by the countdown');
	await until(async () => posted.length === before + 1, 20000, 'the walked-away response to be posted');
	const sent = posted[posted.length - 1];
	check(sent.status === 201 && Object.keys(sent.body.answers).length === 5,
		`the walked-away response: ${JSON.stringify(sent)}`);
	await away.clock.runFor(9000);
	await waitScreen(away, 'start', 5000);

	// "Gửi ngay" from a question
	await toQuestions(away);
	await answer(away, 4);
	await away.getByRole('button', { name: 'Gửi ngay' }).click();
	await waitScreen(away, 'thanks', 5000);
	await until(async () => posted.length === before + 2, 20000, 'the "Gửi ngay" response to be posted');
	check(Object.keys(posted[posted.length - 1].body.answers).length === 4, '"Gửi ngay" did not send 4 answers');
	await wctx.close();

	// ---- the phone: a slip of an imported dossier, and of a new one ----
	const slip = (code, ...more) => {
		const file = path.join(ctx.dir, `${code}.html`);
		const out = hl(db, 'receipts', code, ...more, '--url', srv.base, '--out', file);
		return /(http:\/\/\S+\/s\/[A-Za-z0-9_-]+)/.exec(out)[1];
	};
	const pctx = await ctx.browser.newContext({ viewport: PHONE.viewport, isMobile: true, hasTouch: true,
		deviceScaleFactor: 2, locale: 'vi-VN' });
	const phone = await pctx.newPage();
	watch(phone);
	await phone.goto(slip('HS-FIT-1'));
	await waitScreen(phone, 'start');
	check((await phone.locator('main').textContent()).includes('Hồ sơ số HS-FIT-1: Đăng ký khai sinh (lĩnh vực Hộ tịch)'),
		'the phone does not name the dossier, its procedure and field');
	await targets(phone, `${PHONE.label} start`);
	await phone.getByRole('button', { name: 'Bắt đầu đánh giá' }).click();
	check((await screenOf(phone)) !== 'field', 'the phone asks for the field of an imported dossier');
	for (let s = await screenOf(phone), i = 0; s !== 'thanks'; s = await screenOf(phone), i++) {
		check(i < 40, 'the phone survey never ends');
		await targets(phone, `${PHONE.label} ${s}`);
		if (s === 'staff')
			await phone.getByRole('button', { name: 'Bỏ qua', exact: true }).click();
		else if (s === 'question')
			await answer(phone, 1);
		else if (s === 'comment')
			await phone.getByRole('button', { name: 'Tiếp tục' }).click();
		else if (s === 'review')
			await phone.getByRole('button', { name: 'Gửi', exact: true }).click();
		else
			await phone.waitForTimeout(200);
	}
	await audit(phone, `${PHONE.label} thanks`);
	check(posted[posted.length - 1].status === 201, 'the phone survey was not stored');
	// a slip printed again: the first link says it was replaced
	const old = slip('HS-FIT-2');
	slip('HS-FIT-2');
	const gone = await phone.goto(old);
	check(gone.status() === 410, `a replaced link answers ${gone.status()}`);
	check((await phone.locator('h1').textContent()) === 'Phiếu đã được thay', 'the replaced link does not say so');
	await audit(phone, `${PHONE.label} replaced link`);
	await phone.goto(slip('HS-MOI-1', '--new', '--unit', 'VT'));
	await waitScreen(phone, 'start');
	await phone.getByRole('button', { name: 'Bắt đầu đánh giá' }).click();
	await waitScreen(phone, 'field');
	await targets(phone, `${PHONE.label} field`);
	await pctx.close();

	await stopServer(srv);
	check(errors.length === 0, `page errors: ${errors.join('; ')}`);
	check(problems.length === 0, `\n  ${problems.join('\n  ')}`);
});
