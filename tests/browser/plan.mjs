// plan.mjs — the improvement plan without the command line (issue 12): a
// clerk picks the unit from a list of names, adopts the suggestion with one
// button, records progress with a date typed as dd/mm/yyyy (a wrong one
// answered in place, what was typed kept), adds a task due by a given day,
// edits it, and replaces the plan from a CSV file chosen on the computer —
// a bad file listed line by line, nothing changed, a good one taken; every
// change audited as web:NAME. axe-core finds nothing on the plan, the task
// page and the error, at desktop and phone sizes.
//
// Run: node plan.mjs HAILONG_BINARY SOURCE_ROOT (see run.sh).
import path from 'node:path';
import {
	DATA, axeRun, check, hl, hlInput, launch, login, main, setupDb, startServer, stopServer,
} from './lib.mjs';

const found = [];

async function audit(page, label) {
	for (const v of await axeRun(page, label))
		found.push(`${label}: [${v.impact}] ${v.id} (${v.where})`);
}

// The records of CSV text, each as its raw text (line breaks inside quotes kept).
function records(text) {
	const out = [];
	let cur = '', quoted = false;
	for (const ch of text.replace(/\r\n/g, '\n')) {
		if (ch === '"')
			quoted = !quoted;
		if (ch === '\n' && !quoted) {
			out.push(cur);
			cur = '';
		} else
			cur += ch;
	}
	if (cur !== '')
		out.push(cur);
	return out;
}

const rows = (page) => page.locator('table.plan tbody tr[id^="nv-"]').count();

await main('plan', async (ctx) => {
	const db = path.join(ctx.dir, 'plan.db');
	setupDb(db);
	hl(db, 'responses', 'import', path.join(DATA, 'responses.csv'));
	hl(db, 'targets', 'set', '--year', '2025', '--type', 'ubnd-xa', '100');
	hlInput(db, 'mat-khau-rat-dai-1\n', 'users', 'add', 'canbo1', '--role', 'clerk', '--unit', 'VT');
	const srv = await startServer(db);
	ctx.servers.push(srv);
	ctx.browser = await launch();
	const errors = [];
	const bctx = await ctx.browser.newContext({ viewport: { width: 1366, height: 768 },
		locale: 'en-US', acceptDownloads: true });
	const page = await bctx.newPage();
	page.on('pageerror', (e) => errors.push(String(e)));
	await login(page, srv.base, 'canbo1', 'mat-khau-rat-dai-1');
	await page.getByRole('link', { name: 'Kế hoạch cải thiện' }).click();
	await page.goto(`${srv.base}/plan?year=2025`);

	// ---- no plan yet: the suggestion, adopted with one button ----
	let text = await page.locator('main').textContent();
	check(!text.includes('hailong plan'), 'the page still sends the clerk to the command line');
	check(await page.getByLabel('Đơn vị').locator('option:checked').textContent() ===
		'Phường Vĩnh Thọ', 'the unit is not picked by name');
	const adopt = page.getByRole('button', { name: /Lập kế hoạch theo gợi ý/ });
	const m = /\((\d+) nhiệm vụ\)/.exec(await adopt.textContent());
	check(m && Number(m[1]) > 0, `the suggestion button says "${await adopt.textContent()}"`);
	const suggested = Number(m[1]);
	await audit(page, 'plan suggestion');
	await adopt.click();
	await page.locator('.flash').filter({ hasText: 'Đã lập kế hoạch theo gợi ý.' }).waitFor();
	check(await rows(page) === suggested, `adopted ${await rows(page)} tasks, suggested ${suggested}`);
	await audit(page, 'plan');

	// ---- progress with a Vietnamese date, whatever the browser's locale ----
	const first = page.locator('form[method="post"][action="/plan"]').first();
	await first.getByLabel(/Tình trạng nhiệm vụ 1/).selectOption({ label: 'Hoàn thành' });
	await first.getByLabel('Ngày').fill('31/02/2025');
	await first.getByLabel('Ghi chú').fill('Đã niêm yết đủ');
	await first.getByRole('button', { name: 'Ghi nhận' }).click();
	const alert = page.locator('[role="alert"]');
	check((await alert.textContent()).includes("ngày '31/02/2025' của nhiệm vụ 1 không hợp lệ"),
		`a bad date: ${await alert.textContent()}`);
	check(await first.getByLabel('Ngày').inputValue() === '31/02/2025', 'the typed date is lost');
	check(await first.getByLabel('Ghi chú').inputValue() === 'Đã niêm yết đủ', 'the note is lost');
	await audit(page, 'plan error');
	await first.getByLabel('Ngày').fill('03/12/2025');
	await first.getByRole('button', { name: 'Ghi nhận' }).click();
	await page.locator('.flash').filter({ hasText: 'Đã ghi nhận tiến độ.' }).waitFor();
	text = await page.locator('#nv-1').textContent();
	check(text.includes('03/12/2025 – Hoàn thành: Đã niêm yết đủ'), `task 1 shows: ${text}`);

	// ---- a task of our own, due by a given day, then edited ----
	const add = page.locator('form.plan-task');
	await add.getByLabel('Tiêu chí').selectOption({ label: 'V. Tiếp nhận và xử lý thông tin phản hồi (TT)' });
	await add.getByLabel('Nội dung công việc').fill('Trả lời phản ánh trên trang của phường\ntrong 5 ngày');
	await add.getByLabel('Trách nhiệm thực hiện').fill('Văn phòng');
	await add.getByLabel('Tiến độ thực hiện').selectOption({ label: 'Xong trước một ngày (ghi ở ô bên dưới)' });
	await add.getByLabel(/Ngày phải xong/).fill('31/10/2025');
	await add.getByRole('button', { name: 'Thêm nhiệm vụ' }).click();
	await page.locator('.flash').filter({ hasText: 'Đã thêm nhiệm vụ vào kế hoạch.' }).waitFor();
	const mine = suggested + 1;
	text = await page.locator(`#nv-${mine}`).textContent();
	check(text.includes('Trả lời phản ánh trên trang của phường') && text.includes('31/10/2025'),
		`the new task: ${text}`);
	await page.getByRole('link', { name: `Sửa nhiệm vụ ${mine}` }).click();
	await audit(page, 'plan task');
	const edit = page.locator('form.plan-task');
	check(await edit.getByLabel(/Ngày phải xong/).inputValue() === '31/10/2025',
		'the edit form lost the day');
	await edit.getByLabel('Nội dung công việc').fill('Trả lời mọi phản ánh trong 5 ngày làm việc');
	await edit.getByRole('button', { name: 'Lưu nhiệm vụ' }).click();
	await page.locator('.flash').filter({ hasText: 'Đã lưu nhiệm vụ.' }).waitFor();
	text = await page.locator(`#nv-${mine}`).textContent();
	check(text.includes('Trả lời mọi phản ánh trong 5 ngày làm việc'), `the edited task: ${text}`);

	// ---- the plan as CSV, changed, sent back as a file ----
	const dl = await page.request.get(`${srv.base}/plan/csv?unit=VT&year=2025`);
	check(dl.ok(), `GET /plan/csv: ${dl.status()}`);
	const csv = await dl.text();
	const lines = records(csv);
	check(lines[0] === 'no,criterion,value,target,task,responsible,schedule,expected,status',
		`the CSV header: ${lines[0]}`);
	check(lines.length === mine + 1, `the CSV has ${lines.length - 1} tasks`);
	const bad = [lines[0], lines[1].replace(/,hoan-thanh$/, ',xong-roi'), ...lines.slice(2)].join('\n');
	const picker = page.getByLabel('Chọn tệp CSV trên máy');
	await picker.setInputFiles({ name: 'ke-hoach.csv', mimeType: 'text/csv',
		buffer: Buffer.from('\uFEFF' + bad) });
	await page.locator('#csv-file-said').filter({ hasText: 'Đã đọc tệp ke-hoach.csv' }).waitFor();
	await page.getByRole('button', { name: 'Nhập kế hoạch' }).click();
	text = await alert.textContent();
	check(text.includes('Dòng 2, cột status'), `the bad file's problems: ${text}`);
	check((await page.locator('#csv').inputValue()).includes('xong-roi'), 'the sent text is lost');
	check(await rows(page) === mine, 'a bad file changed the plan');
	const good = [lines[0], ...lines.slice(1, 3)].join('\n');
	await picker.setInputFiles({ name: 'ke-hoach.csv', mimeType: 'text/csv', buffer: Buffer.from(good) });
	await page.locator('#csv-file-said').filter({ hasText: 'Đã đọc tệp' }).waitFor();
	await page.getByRole('button', { name: 'Nhập kế hoạch' }).click();
	await page.locator('.flash').filter({ hasText: 'Đã nhập kế hoạch từ tệp CSV.' }).waitFor();
	check(await rows(page) === 2, `after the import: ${await rows(page)} tasks`);

	// ---- a phone ----
	await page.setViewportSize({ width: 390, height: 844 });
	await audit(page, 'plan (phone)');
	await page.goto(`${srv.base}/plan/task?unit=VT&year=2025&no=1`);
	await audit(page, 'plan task (phone)');
	await bctx.close();
	await stopServer(srv);

	const log = hl(db, 'audit');
	for (const action of ['plan.adopt', 'plan.set-status', 'plan.add', 'plan.edit', 'plan.import'])
		check(new RegExp(`web:canbo1\\s+${action.replace('.', '\\.')}`).test(log),
			`no ${action} by web:canbo1 in the audit log`);
	check(errors.length === 0, `page errors: ${errors.join('; ')}`);
	check(found.length === 0, `axe found:\n${found.join('\n')}`);
});
