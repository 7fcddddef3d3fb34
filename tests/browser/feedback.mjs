// feedback.mjs — feedback and complaints in a real browser (issue 6): a
// citizen sends feedback on the public form and keeps the tracking code; a
// clerk logs in, classifies, forwards, answers and publishes it through the
// staff forms; the citizen finds the answer with the item's code and the
// short tracking code (typed into the look-up form as a person would: lower
// case, no dashes) and rates it. The confirmation's QR code, read back as a
// phone camera would, opens the tracking page; axe finds nothing on the
// confirmation, the look-up and the tracking page, on a phone and a desk.
//
// Run: node feedback.mjs HAILONG_BINARY SOURCE_ROOT (see run.sh).
import path from 'node:path';
import {
	DATA, axeRun, check, hl, hlInput, launch, main, readQr, startServer, stopServer,
} from './lib.mjs';

const ANSWER = 'Phường đã sửa máy lấy số thứ tự; xin cảm ơn Ông/Bà đã phản ánh.';

await main('feedback', async (ctx) => {
	const db = path.join(ctx.dir, 'feedback.db');
	hl(db, 'init');
	hl(db, 'units', 'import', path.join(DATA, 'units.csv'));
	hlInput(db, 'matkhau-canbo-01\n', 'users', 'add', 'canbo', '--role', 'clerk', '--unit', 'VH');
	const srv = await startServer(db);
	ctx.servers.push(srv);
	ctx.browser = await launch();
	const errors = [];

	// The citizen.
	const citizen = await (await ctx.browser.newContext({ locale: 'vi-VN',
		viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true })).newPage();
	const violations = [];
	const audit = async (page, label) => {
		for (const v of await axeRun(page, label))
			violations.push(`${label}: ${v.id} (${v.where})`);
	};
	citizen.on('pageerror', (e) => errors.push(String(e)));
	await citizen.goto(`${srv.base}/public/VH/feedback`);
	await citizen.getByLabel('Nội dung phản ánh, kiến nghị (bắt buộc)')
		.fill('Máy lấy số thứ tự hỏng cả tuần nay.');
	await citizen.getByLabel('Họ và tên (không bắt buộc)').fill('Trần Văn Bình');
	await citizen.getByLabel('Số điện thoại hoặc địa chỉ liên hệ (không bắt buộc)')
		.fill('0912 345 678');
	const hp = await citizen.locator('input[name="website"]').boundingBox();
	check(hp === null || hp.x + hp.width <= 0, `the honeypot field is on screen: ${JSON.stringify(hp)}`);
	await citizen.getByRole('button', { name: 'Gửi phản ánh, kiến nghị' }).click();
	await citizen.locator('#fb-token').waitFor({ timeout: 15000 });
	const code = (await citizen.locator('#fb-code').textContent()).trim();
	const token = (await citizen.locator('#fb-token').textContent()).trim();
	check(/^PA-VH-/.test(code), `code "${code}"`);
	check(/^[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{2}$/.test(token),
		`tracking code "${token}" is not like K7QF-93MX-2D`);
	check((await citizen.locator('main').textContent()).includes('Ông/Bà đã để lại số điện thoại'),
		'the confirmation does not say what the unit does with the contact left');
	const overflow = await citizen.evaluate(() => document.documentElement.scrollWidth);
	check(overflow <= 390, `the confirmation is ${overflow} px wide on a 390 px phone`);
	await audit(citizen, 'feedback sent (phone)');
	const qr = await readQr(citizen, '.fb-qr svg');
	const trackUrl = `${srv.base}/public/feedback/track?code=${code}&token=${token}`;
	check(qr === trackUrl, `the QR code reads "${qr}", not ${trackUrl}`);

	// The clerk.
	const clerk = await (await ctx.browser.newContext({ locale: 'vi-VN' })).newPage();
	clerk.on('pageerror', (e) => errors.push(String(e)));
	await clerk.goto(`${srv.base}/login?next=/feedback`);
	await clerk.getByLabel('Tên đăng nhập').fill('canbo');
	await clerk.getByLabel('Mật khẩu').fill('matkhau-canbo-01');
	await clerk.getByRole('button', { name: 'Đăng nhập' }).click();
	await clerk.getByRole('link', { name: code }).click();
	check((await clerk.locator('#fb-contact').textContent()) === '0912 345 678',
		'the clerk does not see the contact');
	await clerk.getByLabel('Loại').selectOption('hanh-vi');
	await clerk.getByRole('button', { name: 'Phân loại' }).click();
	await clerk.getByRole('button', { name: 'Chuyển' }).click();
	await clerk.getByLabel('Nội dung trả lời').fill(ANSWER);
	await clerk.getByRole('button', { name: 'Lưu trả lời' }).click();
	await clerk.getByRole('button', { name: 'Công khai' }).click();
	check((await clerk.locator('#fb-state').textContent()) === 'Đã công khai',
		`state after publishing: ${await clerk.locator('#fb-state').textContent()}`);

	// The citizen, later, with the two codes typed as a person would.
	await citizen.goto(`${srv.base}/public/VH/answers`);
	await audit(citizen, 'answers and look-up (phone)');
	await citizen.getByLabel('Mã phản ánh').fill(code.toLowerCase());
	await citizen.getByLabel('Mã theo dõi').fill(token.replace(/-/g, '').toLowerCase());
	await citizen.getByRole('button', { name: 'Tra cứu' }).click();
	await audit(citizen, 'tracking page (phone)');
	const main = await citizen.locator('main').textContent();
	check(main.includes(code), 'the tracking page does not name the code');
	check(main.includes(ANSWER), 'the published answer is not on the tracking page');
	check(!main.includes('0912 345 678') && !main.includes('Trần Văn Bình'),
		'the tracking page shows the sender');
	await citizen.getByRole('button', { name: 'Hài lòng', exact: true }).click();
	check((await citizen.locator('#fb-state').textContent()) === 'Đã đóng',
		'rating satisfied did not close the item');

	// The QR code's link on a desk, and a wrong code there.
	const desk = await (await ctx.browser.newContext({ locale: 'vi-VN',
		viewport: { width: 1366, height: 768 } })).newPage();
	await desk.goto(qr);
	check((await desk.locator('#fb-state').textContent()) === 'Đã đóng', 'the QR link does not open the item');
	await audit(desk, 'tracking page (desk)');
	await desk.goto(`${srv.base}/public/feedback/track?code=${code}&token=K7QF-93MX-2D`);
	check((await desk.locator('[role=alert]').textContent()).includes('Không tìm thấy'),
		'a wrong tracking code is not said so');
	await audit(desk, 'look-up not found (desk)');
	await stopServer(srv);
	check(violations.length === 0, `accessibility violations:\n  ${violations.join('\n  ')}`);
	check(errors.length === 0, `page errors: ${errors.join('; ')}`);
});
