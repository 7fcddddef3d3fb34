// axe.mjs — accessibility of the citizens' pages with axe-core, and the QR
// survey end to end: the kiosk's screens; a clerk makes a dossier's slip on
// /receipts; the QR code on it is decoded (jsQR) and opened on a phone-sized
// page, answered once, and the link then says it was used. Fails on any
// axe violation of impact serious or critical (all are printed).
//
// Run: node axe.mjs HAILONG_BINARY SOURCE_ROOT (see run.sh).
import path from 'node:path';
import {
	answerSurvey, axeRun, check, heading, hl, hlInput, launch, main, readQr, screenOf, setupDb,
	startServer, stopServer, waitScreen,
} from './lib.mjs';

const serious = [];

// Run axe on what page shows now; record serious/critical violations.
async function audit(page, label) {
	for (const v of await axeRun(page, label))
		if (v.impact === 'serious' || v.impact === 'critical')
			serious.push(`${label}: ${v.id} (${v.where})`);
}

await main('axe', async (ctx) => {
	const db = path.join(ctx.dir, 'axe.db');
	const token = setupDb(db);
	hlInput(db, 'mat-khau-rat-dai-1\n', 'users', 'add', 'canbo1', '--role', 'clerk', '--unit', 'VT');
	const srv = await startServer(db);
	ctx.servers.push(srv);
	ctx.browser = await launch();

	// ---- the kiosk, at the counter's 1080p screen ----
	const kctx = await ctx.browser.newContext({ viewport: { width: 1920, height: 1080 }, hasTouch: true });
	const kiosk = await kctx.newPage();
	await kiosk.goto(`${srv.base}/kiosk#token=${token}`);
	await waitScreen(kiosk, 'start');
	await audit(kiosk, 'kiosk start');
	await kiosk.getByRole('button', { name: 'Bắt đầu đánh giá' }).click();
	await audit(kiosk, 'kiosk field');
	await kiosk.locator('button.sv-choice').first().click();
	if ((await screenOf(kiosk)) === 'staff') {
		await audit(kiosk, 'kiosk staff');
		await kiosk.getByRole('button', { name: 'Bỏ qua', exact: true }).click();
	}
	await kiosk.locator('button.sv-level').last().click();
	await audit(kiosk, 'kiosk question');
	while ((await screenOf(kiosk)) === 'question')
		await kiosk.locator('button.sv-level').nth(3).click();
	await audit(kiosk, 'kiosk comment');
	await kiosk.getByRole('button', { name: 'Tiếp tục' }).click();
	await audit(kiosk, 'kiosk review');
	await kiosk.getByRole('button', { name: 'Gửi', exact: true }).click();
	await waitScreen(kiosk, 'thanks');
	await audit(kiosk, 'kiosk thanks');

	// A survey left half-way with no answer: after 60 s untouched the kiosk
	// asks (a countdown), then goes back to the start sending nothing.
	const idle = await kctx.newPage();
	await idle.clock.install();
	await idle.goto(`${srv.base}/kiosk`);
	await waitScreen(idle, 'start');
	await idle.getByRole('button', { name: 'Bắt đầu đánh giá' }).click();
	await idle.locator('button.sv-choice').first().click();
	await idle.clock.fastForward(50000);
	check((await screenOf(idle)) !== 'start', 'the kiosk reset before 60 s');
	await idle.clock.fastForward(11000);
	await waitScreen(idle, 'ask', 5000);
	await audit(idle, 'kiosk walked away');
	await idle.clock.runFor(21000);
	await waitScreen(idle, 'start', 5000);
	await kctx.close();

	// ---- the clerk makes a slip ----
	const cctx = await ctx.browser.newContext({ viewport: { width: 1366, height: 768 } });
	const clerk = await cctx.newPage();
	await clerk.goto(`${srv.base}/receipts`);
	await clerk.getByLabel('Tên đăng nhập').fill('canbo1');
	await clerk.getByLabel('Mật khẩu').fill('mat-khau-rat-dai-1');
	await clerk.getByRole('button', { name: 'Đăng nhập' }).click();
	await clerk.waitForURL(/\/receipts$/);
	await audit(clerk, 'receipts form');
	await clerk.getByLabel('Mã hồ sơ').fill('HS-2025-0042');
	// not imported: refused until the clerk says it is new
	await clerk.getByRole('button', { name: 'Tạo mã QR và phiếu' }).click();
	check((await clerk.locator('[role=alert]').textContent()).includes('Hồ sơ mới'),
		'an unknown dossier code was not refused');
	await audit(clerk, 'receipts refused');
	await clerk.getByLabel(/Hồ sơ mới/).check();
	await clerk.getByRole('button', { name: 'Tạo mã QR và phiếu' }).click();
	await clerk.locator('.slip svg').waitFor();
	await audit(clerk, 'receipt slip');
	const slipText = await clerk.locator('.slip').textContent();
	check(slipText.includes('HS-2025-0042') && slipText.includes('Phường Vĩnh Thọ') &&
		slipText.includes('phản ánh, kiến nghị'), `the slip lacks the dossier, unit or feedback: ${slipText}`);
	const printed = (await clerk.locator('.slip .link').textContent()).trim();

	// The QR code, read back as a phone camera would.
	const decoded = await readQr(clerk, '.slip svg');
	check(decoded === printed, `the QR code reads "${decoded}", the slip prints "${printed}"`);
	check(decoded.startsWith(`${srv.base}/s/`), `the link ${decoded} is not under ${srv.base}/s/`);
	await cctx.close();

	// ---- the citizen's phone ----
	const pctx = await ctx.browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true,
		hasTouch: true, deviceScaleFactor: 2 });
	const phone = await pctx.newPage();
	const errors = [];
	phone.on('pageerror', (e) => errors.push(String(e)));
	await phone.goto(decoded);
	await waitScreen(phone, 'start');
	check((await heading(phone)) === 'Phường Vĩnh Thọ', `phone start names "${await heading(phone)}"`);
	await audit(phone, 'phone start');
	await answerSurvey(phone, { comment: 'Hướng dẫn tận tình' });
	await waitScreen(phone, 'thanks');
	await audit(phone, 'phone thanks');

	// The link works once.
	await phone.goto(decoded);
	const used = await phone.locator('main').textContent();
	check(used.includes('Phiếu khảo sát cho hồ sơ này đã được gửi. Cảm ơn ông/bà!'),
		`a used link shows: ${used}`);
	await audit(phone, 'phone used link');
	const resp = await phone.goto(`${srv.base}/s/khong-co-ma-nay-AAAAAAAAAAAA`);
	check(resp.status() === 404, `an unknown link answers ${resp.status()}`);
	check((await phone.locator('h1').textContent()) === 'Đường dẫn không hợp lệ', 'unknown link heading');
	await audit(phone, 'phone unknown link');
	check(errors.length === 0, `page errors: ${errors.join('; ')}`);
	await pctx.close();

	// ---- feedback (issue 6): the public form, its answer, the staff inbox ----
	const fctx = await ctx.browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true,
		hasTouch: true });
	const form = await fctx.newPage();
	await form.goto(`${srv.base}/public/VT/feedback`);
	await audit(form, 'feedback form');
	await form.getByLabel(/Nội dung phản ánh/).fill('Đề nghị niêm yết giờ làm việc buổi chiều.');
	await form.getByRole('button', { name: /Gửi/ }).click();
	await form.waitForLoadState();
	await audit(form, 'feedback sent');
	await form.goto(`${srv.base}/public/VT/answers`);
	await audit(form, 'feedback answers');
	await fctx.close();
	const sctx = await ctx.browser.newContext({ viewport: { width: 1366, height: 768 } });
	const staff = await sctx.newPage();
	await staff.goto(`${srv.base}/feedback`);
	await staff.getByLabel('Tên đăng nhập').fill('canbo1');
	await staff.getByLabel('Mật khẩu').fill('mat-khau-rat-dai-1');
	await staff.getByRole('button', { name: 'Đăng nhập' }).click();
	await staff.waitForURL(/\/feedback$/);
	await audit(staff, 'feedback inbox');
	await staff.locator('table a').first().click();
	await staff.waitForLoadState();
	await audit(staff, 'feedback item');
	// the follow-up cases (issue 14 §1): the inbox, with a case's close form open
	await staff.goto(`${srv.base}/followups?all=1`);
	await staff.locator('details').first().evaluate((d) => { d.open = true; }).catch(() => {});
	await audit(staff, 'follow-up inbox');
	await sctx.close();

	await stopServer(srv);
	const count = hl(db, 'responses', 'count').trim();
	check(count === '2', `hailong responses count says ${count}, expected 2 (kiosk + phone)`);
	check(serious.length === 0, `serious or critical accessibility violations:\n  ${serious.join('\n  ')}`);
});
