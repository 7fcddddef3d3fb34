// kiosks.mjs — the /kiosks page and pairing a kiosk in a real browser
// (issue 10, issue 12): a clerk adds a kiosk; the QR code shown once reads
// as the pairing link /kiosk#token=…; a new device opens that link, the
// kiosk page keeps the token (and drops it from the address), and a survey
// answered there is stored for the clerk's unit; the list then shows when
// that kiosk's last response came; revoking asks first. axe-core finds no
// violation at all on the list, the pairing page or the confirmation, at
// desktop and phone sizes.
//
// Run: node kiosks.mjs HAILONG_BINARY SOURCE_ROOT (see run.sh).
import path from 'node:path';
import {
	answerSurvey, axeRun, check, heading, hl, hlInput, launch, main, queueLength, readQr, setupDb,
	startServer, stopServer, until, waitScreen,
} from './lib.mjs';

const found = [];

async function audit(page, label) {
	for (const v of await axeRun(page, label))
		found.push(`${label}: [${v.impact}] ${v.id} (${v.where})`);
}

await main('kiosks', async (ctx) => {
	const db = path.join(ctx.dir, 'kiosks.db');
	setupDb(db);
	hlInput(db, 'mat-khau-rat-dai-1\n', 'users', 'add', 'canbo1', '--role', 'clerk', '--unit', 'VT');
	const srv = await startServer(db);
	ctx.servers.push(srv);
	ctx.browser = await launch();
	const errors = [];

	// ---- the clerk adds a kiosk ----
	const cctx = await ctx.browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'vi-VN' });
	const clerk = await cctx.newPage();
	clerk.on('pageerror', (e) => errors.push(String(e)));
	await clerk.goto(`${srv.base}/`);
	await clerk.getByLabel('Tên đăng nhập').fill('canbo1');
	await clerk.getByLabel('Mật khẩu').fill('mat-khau-rat-dai-1');
	await clerk.getByRole('button', { name: 'Đăng nhập' }).click();
	await clerk.getByRole('link', { name: 'Kiosk', exact: true }).first().click();
	await clerk.waitForURL(/\/kiosks$/);
	check((await clerk.locator('table.kiosks').textContent()).includes('quay-1'),
		'the list lacks the kiosk added on the command line');
	await audit(clerk, 'kiosks list');
	await clerk.getByLabel(/Tên máy/).fill('Quầy 2');
	await clerk.getByRole('button', { name: 'Thêm kiosk' }).click();
	await clerk.locator('.pair svg').waitFor();
	await audit(clerk, 'kiosk pairing');
	const link = await clerk.locator('a.pair-link').getAttribute('href');
	check(link.startsWith(`${srv.base}/kiosk#token=`), `the pairing link is ${link}`);
	const token = link.slice(link.indexOf('#token=') + 7);
	check((await clerk.locator('code.secret').textContent()) === token, 'the token shown differs');
	const decoded = await readQr(clerk, '.pair svg');
	check(decoded === link, `the QR code reads "${decoded}", the link is "${link}"`);

	// ---- a new device opens the pairing link ----
	const kctx = await ctx.browser.newContext({ viewport: { width: 1080, height: 1920 },
		hasTouch: true, locale: 'vi-VN' });
	const kiosk = await kctx.newPage();
	kiosk.on('pageerror', (e) => errors.push(String(e)));
	await kiosk.goto(decoded);
	await waitScreen(kiosk, 'start');
	check((await heading(kiosk)) === 'Phường Vĩnh Thọ', `the paired kiosk names "${await heading(kiosk)}"`);
	check(!kiosk.url().includes('token'), `the token stays in the address bar: ${kiosk.url()}`);
	check((await kiosk.evaluate(() => localStorage.getItem('hailong.kiosk.token'))) === token,
		'the paired kiosk did not keep its token');
	await answerSurvey(kiosk, { comment: 'Ghép nối nhanh' });
	await waitScreen(kiosk, 'thanks');
	await until(async () => (await queueLength(kiosk)) === 0, 20000, 'the response to be sent');
	// Reopened without the fragment, it is still paired.
	await kiosk.goto(`${srv.base}/kiosk`);
	await waitScreen(kiosk, 'start');
	await kctx.close();

	// ---- the list says when it last sent; revoking asks first ----
	await clerk.goto(`${srv.base}/kiosks`);
	const row = clerk.locator('table.kiosks tr', { hasText: 'Quầy 2' });
	check(/\d\d\/\d\d\/\d{4} \d\d:\d\d/.test(await row.textContent()),
		`no last response time: ${await row.textContent()}`);
	check(!(await clerk.locator('main').textContent()).includes(token), 'the list shows the token');
	await row.getByRole('button', { name: /Thu hồi/ }).click();
	await clerk.getByRole('heading', { name: 'Thu hồi kiosk Quầy 2?' }).waitFor();
	await audit(clerk, 'kiosk revoke confirmation');
	await clerk.getByRole('link', { name: 'Không, quay lại' }).click();
	await clerk.waitForURL(/\/kiosks$/);
	await cctx.close();

	// ---- the same pages at a phone's size ----
	const pctx = await ctx.browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true,
		hasTouch: true, locale: 'vi-VN' });
	const phone = await pctx.newPage();
	await phone.goto(`${srv.base}/kiosks`);
	await phone.getByLabel('Tên đăng nhập').fill('canbo1');
	await phone.getByLabel('Mật khẩu').fill('mat-khau-rat-dai-1');
	await phone.getByRole('button', { name: 'Đăng nhập' }).click();
	await phone.waitForURL(/\/kiosks$/);
	await audit(phone, 'kiosks list (phone)');
	await pctx.close();

	await stopServer(srv);
	const stored = hl(db, 'responses', 'count', '--unit', 'VT').trim();
	check(stored === '1', `hailong responses count --unit VT says ${stored}, expected 1`);
	check(hl(db, 'kiosks', 'list').includes('Quầy 2'), 'hailong kiosks list lacks Quầy 2');
	check(errors.length === 0, `page errors: ${errors.join('; ')}`);
	check(found.length === 0, `accessibility violations on /kiosks:\n  ${found.join('\n  ')}`);
});
