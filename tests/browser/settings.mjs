// settings.mjs — what an office sets without the command line (issue 12),
// from the menu's Quản trị: a clerk adds and renames the offices feedback
// goes to and sets its unit's office hours from a day (a wrong time answered
// in place); a supervisor gives a ward its own reporting schedule, which the
// ward's health station then follows, and takes it away; an administrator
// imports a holiday decision (a bad file listed line by line, nothing
// changed) and turns on the 24/11 day off. The command line reads back
// what the pages wrote, and every change is audited as web:NAME. axe-core
// finds nothing on any of these pages, at desktop and phone sizes.
//
// Run: node settings.mjs HAILONG_BINARY SOURCE_ROOT (see run.sh).
import path from 'node:path';
import { axeRun, check, hl, hlInput, launch, login, main, setupDb, startServer, stopServer } from './lib.mjs';

const found = [];

async function audit(page, label) {
	for (const size of [{ width: 1366, height: 768 }, { width: 390, height: 844 }]) {
		await page.setViewportSize(size);
		for (const v of await axeRun(page, `${label} ${size.width}`))
			found.push(`${label} ${size.width}: [${v.impact}] ${v.id} (${v.where})`);
	}
	await page.setViewportSize({ width: 1366, height: 768 });
}

async function as(ctx, srv, user, password) {
	const bctx = await ctx.browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'en-US' });
	const page = await bctx.newPage();
	page.on('pageerror', (e) => ctx.errors.push(String(e)));
	await login(page, srv.base, user, password);
	return page;
}

const flash = (page, text) => page.locator('.flash').filter({ hasText: text }).waitFor();

await main('settings', async (ctx) => {
	const db = path.join(ctx.dir, 'settings.db');
	setupDb(db);
	hlInput(db, 'mat-khau-rat-dai-1\n', 'users', 'add', 'canbo1', '--role', 'clerk', '--unit', 'VT');
	hlInput(db, 'mat-khau-rat-dai-2\n', 'users', 'add', 'giamsat1', '--role', 'supervisor', '--unit', 'KH');
	hlInput(db, 'mat-khau-rat-dai-3\n', 'users', 'add', 'quantri1', '--role', 'admin');
	const srv = await startServer(db);
	ctx.servers.push(srv);
	ctx.browser = await launch();
	ctx.errors = [];

	// ---- the clerk: offices ----
	const clerk = await as(ctx, srv, 'canbo1', 'mat-khau-rat-dai-1');
	await clerk.getByRole('link', { name: 'Quản trị', exact: true }).click();
	check(!(await clerk.locator('main').textContent()).includes('Tài khoản'),
		'a clerk is offered the accounts page');
	await audit(clerk, 'admin index');
	await clerk.getByRole('link', { name: /Phòng, ban/ }).click();
	await clerk.getByLabel(/^Tên \(ví dụ/).fill('Phòng Tư pháp');
	// the server checks what the browser's pattern would (one without it sends anything)
	await clerk.getByLabel(/^Mã viết tắt/).evaluate((e) => e.removeAttribute('pattern'));
	await clerk.getByLabel(/^Mã viết tắt/).fill('tư pháp');
	await clerk.getByRole('button', { name: 'Thêm phòng, ban' }).click();
	check((await clerk.locator('[role="alert"]').textContent()).includes('chỉ được gồm chữ cái không dấu'),
		`a bad code: ${await clerk.locator('[role="alert"]').textContent()}`);
	await clerk.getByLabel(/^Tên \(ví dụ/).fill('Phòng Tư pháp');
	await clerk.getByLabel(/^Mã viết tắt/).fill('TP');
	await clerk.getByRole('button', { name: 'Thêm phòng, ban' }).click();
	await flash(clerk, 'Đã lưu phòng, ban.');
	await clerk.getByLabel('Tên mới của Văn phòng HĐND và UBND').fill('Văn phòng UBND phường');
	await clerk.getByRole('button', { name: 'Đổi tên Văn phòng HĐND và UBND' }).click();
	await flash(clerk, 'Đã lưu phòng, ban.');
	const offices = await clerk.locator('table.offices').textContent();
	check(offices.includes('Phòng Tư pháp') && offices.includes('Văn phòng UBND phường') &&
		!offices.includes('Văn phòng HĐND và UBND'), `the offices: ${offices}`);
	await audit(clerk, 'offices');

	// ---- the clerk: office hours ----
	await clerk.goto(`${srv.base}/admin/calendar?year=2026`);
	const hours = clerk.locator('form[action="/admin/calendar/hours"]');
	await hours.getByLabel(/^Từ ngày/).fill('01/01/2026');
	await hours.locator('input[name="am_open"]').fill('7h');
	await hours.locator('input[name="am_close"]').fill('25:00');
	await hours.getByRole('button', { name: 'Đặt giờ làm việc' }).click();
	check((await clerk.locator('[role="alert"]').textContent()).includes("giờ kết thúc '25:00' không hợp lệ"),
		`a bad time: ${await clerk.locator('[role="alert"]').textContent()}`);
	await hours.getByLabel(/^Từ ngày/).fill('01/01/2026');
	await hours.locator('input[name="am_open"]').fill('7h');
	await hours.locator('input[name="am_close"]').fill('11:00');
	await hours.locator('input[name="pm_open"]').fill('13:00');
	await hours.locator('input[name="pm_close"]').fill('16:30');
	await hours.getByRole('button', { name: 'Đặt giờ làm việc' }).click();
	await flash(clerk, 'Đã đặt giờ làm việc.');
	const rules = await clerk.locator('table.hours').first().textContent();
	check(rules.includes('01/01/2026') && rules.includes('07:00–11:00, 13:00–16:30'), `the hours: ${rules}`);
	check((await clerk.locator('table.days').textContent()).includes('Tết Nguyên đán'),
		'the year\'s holidays are not listed');
	check(await clerk.locator('form[action="/admin/calendar/import"]').count() === 0,
		'a clerk is offered the province\'s decision import');
	await audit(clerk, 'calendar');

	// ---- the clerk sees its schedule, cannot change it ----
	await clerk.goto(`${srv.base}/admin/schedules`);
	check((await clerk.locator('table.schedules').textContent()).includes('Lịch mặc định theo Kế hoạch'),
		'the default schedule is not named');
	check(await clerk.locator('form[action="/admin/schedules"]').count() === 0,
		'a clerk is offered to change the schedule');
	await audit(clerk, 'schedules (clerk)');

	// ---- the supervisor: a ward's own schedule ----
	const sup = await as(ctx, srv, 'giamsat1', 'mat-khau-rat-dai-2');
	await sup.goto(`${srv.base}/admin/schedules?unit=VT`);
	const form = sup.locator('form[action="/admin/schedules"]');
	check(await form.getByLabel('Đơn vị').locator('option:checked').textContent() === 'Phường Vĩnh Thọ',
		'the form is not about the unit asked for');
	await form.getByLabel(/Báo cáo hằng tháng/).fill('25');
	await form.getByLabel('Quý I: ngày').fill('31/02');
	await form.getByRole('button', { name: 'Lưu lịch riêng' }).click();
	check((await sup.locator('[role="alert"]').textContent()).includes('Quý I'),
		`a bad day: ${await sup.locator('[role="alert"]').textContent()}`);
	await form.getByLabel('Quý I: ngày').fill('20/03');
	await form.getByLabel(/Báo cáo hằng tháng/).fill('25');
	await form.getByRole('button', { name: 'Lưu lịch riêng' }).click();
	await flash(sup, 'Đã lưu lịch báo cáo.');
	const row = (name) => sup.locator('table.schedules tr')
		.filter({ has: sup.getByRole('rowheader', { name, exact: true }) }).textContent();
	let vt = await row('Phường Vĩnh Thọ');
	check(vt.includes('Hằng tháng: ngày 25 của tháng') && vt.includes('Quý I: ngày 20/03') &&
		vt.includes('Lịch riêng của đơn vị'), `Vĩnh Thọ's schedule: ${vt}`);
	check((await row('Trạm y tế phường Vĩnh Thọ')).includes('Theo lịch của Phường Vĩnh Thọ'),
		'the health station does not follow its ward');
	await audit(sup, 'schedules');
	check(hl(db, 'reports', 'schedule', '--unit', 'VT').includes('month:25'),
		'the command line does not read the schedule set on the page');
	await sup.goto(`${srv.base}/admin/schedules?unit=VT`);
	await form.getByRole('button', { name: 'Bỏ lịch riêng' }).click();
	await flash(sup, 'Đã lưu lịch báo cáo.');
	vt = await row('Phường Vĩnh Thọ');
	check(vt.includes('Lịch mặc định theo Kế hoạch'), `after taking it away: ${vt}`);

	// ---- the administrator: a decision and the culture day ----
	const admin = await as(ctx, srv, 'quantri1', 'mat-khau-rat-dai-3');
	await admin.goto(`${srv.base}/admin/calendar?year=2027`);
	const imp = admin.locator('form[action="/admin/calendar/import"]');
	await imp.getByLabel('Nội dung tệp CSV').fill('date,kind,name\n2027-02-05,holiday,Tết Nguyên đán\n'
		+ '2027-02-06,day-off,Nghỉ thêm\n');
	await imp.getByRole('button', { name: 'Nhập quyết định' }).click();
	const problems = await admin.locator('ul.problems').textContent();
	check(problems.includes('Dòng 3, cột kind'), `the bad decision's problems: ${problems}`);
	check(!(await admin.locator('table.days').textContent()).includes('Nghỉ thêm'), 'a bad file changed the days');
	await audit(admin, 'calendar (bad import)');
	await imp.getByLabel('Nội dung tệp CSV').fill('date,kind,name\n2027-02-05,holiday,Tết Nguyên đán\n'
		+ '2027-02-12,day-off,Nghỉ thêm sau Tết\n');
	await imp.getByRole('button', { name: 'Nhập quyết định' }).click();
	await flash(admin, 'Đã nhập quyết định nghỉ lễ, làm bù.');
	await admin.goto(`${srv.base}/admin/calendar?year=2027`);
	check((await admin.locator('table.days').textContent()).includes('Nghỉ thêm sau Tết'),
		'the imported day is not listed');
	await admin.getByLabel('Nghỉ ngày 24/11 từ năm').fill('2027');
	await admin.getByRole('button', { name: 'Áp dụng' }).click();
	await flash(admin, 'Đã lưu ngày nghỉ 24/11.');
	check((await admin.locator('main').textContent()).includes('Là ngày nghỉ từ năm 2027'),
		'the culture day is not shown as in force');
	await audit(admin, 'calendar (administrator)');
	await stopServer(srv);

	check(hl(db, 'offices', 'list', '--unit', 'VT').includes('Phòng Tư pháp'), 'offices list lacks TP');
	check(hl(db, 'calendar', 'hours', '--unit', 'VT', '--from', '2026-06-01').includes('07:00-11:00,13:00-16:30'),
		'calendar hours does not read the page\'s hours');
	const log = hl(db, 'audit');
	for (const [who, action] of [['canbo1', 'offices.put'], ['canbo1', 'calendar.hours'],
		['giamsat1', 'reports.schedule'], ['quantri1', 'calendar.import'],
		['quantri1', 'calendar.culture-day']])
		check(new RegExp(`web:${who}\\s+${action.replace('.', '\\.')}`).test(log),
			`no ${action} by web:${who} in the audit log`);
	check(ctx.errors.length === 0, `page errors: ${ctx.errors.join('; ')}`);
	check(found.length === 0, `axe found:\n${found.join('\n')}`);
});
