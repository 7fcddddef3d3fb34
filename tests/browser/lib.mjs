// lib.mjs — helpers for the browser tests: a temporary database, the real
// `hailong serve` on a free loopback port (started, waited for and stopped
// with bounded waits), and Debian's chromium driven by playwright-core.
import { spawn, execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';

export const HL = process.env.HAILONG || process.argv[2];
export const SRC = process.env.HAILONG_SRC || process.argv[3];
if (!HL || !SRC) {
	console.error('usage: node TEST.mjs HAILONG_BINARY SOURCE_ROOT');
	process.exit(2);
}
export const DATA = path.join(SRC, 'tests/data/e2e');

export function fail(msg) {
	throw new Error(msg);
}

export function check(cond, msg) {
	if (!cond)
		fail(msg);
}

// A temporary directory removed at the end (cleanup()).
export function tempDir() {
	return mkdtempSync(path.join(os.tmpdir(), 'hailong-browser-'));
}

// Run hailong with args on db, input on its standard input; returns stdout
// (throws with its output on failure).
export function hlInput(db, input, ...args) {
	try {
		return execFileSync(HL, ['--db', db, ...args], { encoding: 'utf8', timeout: 60000,
			input, stdio: ['pipe', 'pipe', 'pipe'] });
	} catch (e) {
		fail(`hailong ${args.join(' ')} failed (${e.status}):\n${e.stdout || ''}${e.stderr || ''}`);
	}
}

export function hl(db, ...args) {
	return hlInput(db, '', ...args);
}

// A database with the test units, fields and staff, and a kiosk of unit VT.
// Returns the kiosk's device token.
export function setupDb(db) {
	hl(db, 'init');
	hl(db, 'units', 'import', path.join(DATA, 'units.csv'));
	hl(db, 'fields', 'import', path.join(DATA, 'fields.csv'));
	hl(db, 'staff', 'import', path.join(DATA, 'staff.csv'));
	const out = hl(db, 'kiosks', 'add', '--unit', 'VT', '--name', 'quay-1');
	const m = /#token=([A-Za-z0-9_-]+)/.exec(out);
	check(m, 'hailong kiosks add printed no kiosk URL with #token=:\n' + out);
	return m[1];
}

// A port nobody listens on now (the kernel's choice).
export function freePort() {
	return new Promise((resolve, reject) => {
		const s = net.createServer();
		s.unref();
		s.on('error', reject);
		s.listen(0, '127.0.0.1', () => {
			const { port } = s.address();
			s.close(() => resolve(port));
		});
	});
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
export { sleep };

// Wait until fn() is truthy (it may be async), at most ms; fail with what.
export async function until(fn, ms, what) {
	const end = Date.now() + ms;
	let last;
	while (Date.now() < end) {
		try {
			last = await fn();
			if (last)
				return last;
		} catch (e) {
			last = e;
		}
		await sleep(200);
	}
	fail(`timed out after ${ms} ms waiting for ${what} (last: ${last})`);
}

// Start `hailong serve` on port (0 = a free one, retried if taken meanwhile).
// Resolves { proc, port, base, log } once it listens.
export async function startServer(db, port = 0) {
	for (let attempt = 0; attempt < 5; attempt++) {
		const p = port || await freePort();
		const proc = spawn(HL, ['--db', db, 'serve', '--listen', `127.0.0.1:${p}`],
			{ stdio: ['ignore', 'pipe', 'pipe'] });
		const srv = { proc, port: p, base: `http://127.0.0.1:${p}`, log: '', exited: null };
		proc.stdout.on('data', (d) => { srv.log += d; });
		proc.stderr.on('data', (d) => { srv.log += d; });
		proc.on('exit', (code, sig) => { srv.exited = { code, sig }; });
		try {
			await until(() => srv.exited || srv.log.includes('hailong đang chạy'), 20000,
				`hailong serve on port ${p}`);
		} catch (e) {
			proc.kill('SIGKILL');
			throw e;
		}
		if (!srv.exited)
			return srv;
		if (port)
			fail(`hailong serve on port ${p} exited (${JSON.stringify(srv.exited)}):\n${srv.log}`);
	}
	fail('hailong serve found no free port in 5 tries');
}

// SIGTERM and wait (bounded) for a clean exit.
export async function stopServer(srv) {
	if (srv.exited)
		fail(`hailong serve had already exited (${JSON.stringify(srv.exited)}):\n${srv.log}`);
	srv.proc.kill('SIGTERM');
	try {
		await until(() => srv.exited, 20000, 'hailong serve to stop after SIGTERM');
	} catch (e) {
		srv.proc.kill('SIGKILL');
		throw e;
	}
	check(srv.exited.code === 0, `hailong serve exited with ${JSON.stringify(srv.exited)}:\n${srv.log}`);
}

// Debian's chromium, headless (no sandbox when run as root, as in CI).
export async function launch() {
	const args = [];
	if (process.getuid && process.getuid() === 0)
		args.push('--no-sandbox');
	// Containers often have a small /dev/shm.
	args.push('--disable-dev-shm-usage');
	return chromium.launch({
		executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
		headless: true,
		args,
		timeout: 60000,
	});
}

// Run body(ctx) with a temp dir and cleanup of the server(s) and browser,
// printing a TAP-like last line; exits non-zero on failure.
export async function main(name, body) {
	const dir = tempDir();
	const ctx = { dir, servers: [], browser: null };
	let ok = false;
	try {
		await body(ctx);
		ok = true;
	} catch (e) {
		console.error(`FAIL ${name}: ${e && e.stack ? e.stack : e}`);
		for (const s of ctx.servers)
			if (s.log)
				console.error(`--- server log (port ${s.port}):\n${s.log.slice(-4000)}`);
	} finally {
		for (const s of ctx.servers)
			if (!s.exited)
				s.proc.kill('SIGKILL');
		if (ctx.browser)
			await ctx.browser.close().catch(() => {});
		rmSync(dir, { recursive: true, force: true });
	}
	console.log(ok ? `ok ${name}` : `not ok ${name}`);
	process.exit(ok ? 0 : 1);
}

// Log page in as user with password on the server at base, from the login
// form; resolves once the next page has loaded.
export async function login(page, base, user, password) {
	await page.goto(`${base}/login`);
	await page.getByLabel('Tên đăng nhập').fill(user);
	await page.getByLabel('Mật khẩu').fill(password);
	await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: 'Đăng nhập' }).click()]);
}

// ---- accessibility and QR codes, read in the page ----

const require = createRequire(import.meta.url);
const AXE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const JSQR = readFileSync(require.resolve('jsqr/dist/jsQR.js'), 'utf8');

// Run axe-core (WCAG 2.1 A and AA, best practices) on what page shows now;
// prints and returns the violations, each with impact, id and where.
export async function axeRun(page, label) {
	// Evaluated over the DevTools protocol, so the page's strict CSP stays on.
	if (!(await page.evaluate('typeof window.axe === "object"')))
		await page.evaluate(AXE);
	const res = await page.evaluate(() => window.axe.run(document, {
		resultTypes: ['violations'],
		runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] },
	}));
	const out = [];
	for (const v of res.violations) {
		const where = v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', ');
		console.log(`axe ${label}: [${v.impact}] ${v.id}: ${v.help} (${where})`);
		out.push({ impact: v.impact, id: v.id, where });
	}
	console.log(`axe ${label}: ${res.violations.length} violation(s)`);
	return out;
}

// The text of the QR code drawn by the <svg> at selector, read back from its
// pixels as a phone camera would (jsQR); null when unreadable.
export async function readQr(page, selector) {
	await page.evaluate(JSQR);
	return page.evaluate(async (sel) => {
		const svg = document.querySelector(sel);
		const xml = new XMLSerializer().serializeToString(svg);
		const img = new Image();
		img.src = 'data:image/svg+xml;charset=utf-8,' + encodeURIComponent(xml);
		await img.decode();
		const c = document.createElement('canvas');
		c.width = c.height = 400;
		const g = c.getContext('2d');
		g.drawImage(img, 0, 0, 400, 400);
		const d = g.getImageData(0, 0, 400, 400);
		const code = window.jsQR(d.data, 400, 400);
		return code ? code.data : null;
	}, selector);
}

// ---- driving the survey page (survey.js) ----

export async function heading(page) {
	return (await page.locator('#sv-h').textContent()) || '';
}

export async function screenOf(page) {
	const cls = (await page.locator('main section.sv-screen').getAttribute('class')) || '';
	const m = /sv-(start|field|staff|question|comment|review|thanks|message|sending|ask)\b/.exec(cls);
	return m ? m[1] : cls;
}

export async function waitScreen(page, name, ms = 15000) {
	await until(async () => (await screenOf(page)) === name, ms, `the ${name} screen`);
}

// Answer one survey from the start screen to the thank-you screen. With
// keyboard, only keys are used (Tab, Enter, digits). Returns the number of
// questions answered.
export async function answerSurvey(page, { keyboard = false, skip = 1, comment = '', complaint = false } = {}) {
	const press = (k) => page.keyboard.press(k);
	const tabTo = async (label) => {
		for (let i = 0; i < 200; i++) {
			const t = await page.evaluate(() => document.activeElement && document.activeElement.textContent);
			if (t === label)
				return;
			await press('Tab');
		}
		fail(`Tab never reached "${label}"`);
	};

	await waitScreen(page, 'start');
	if (keyboard) {
		await tabTo('Bắt đầu đánh giá');
		await press('Enter');
	} else {
		await page.getByRole('button', { name: 'Bắt đầu đánh giá' }).click();
	}
	let s = await screenOf(page);
	if (s === 'field') {
		if (keyboard) {
			await press('Tab'); // from the heading to the first field
			await press('Enter');
		} else
			await page.locator('.sv-field button.sv-choice').first().click();
		s = await screenOf(page);
	}
	if (s === 'staff') {
		if (keyboard) {
			await tabTo('Bỏ qua');
			await press('Enter');
		} else {
			await page.getByRole('button', { name: 'Bỏ qua', exact: true }).click();
		}
		s = await screenOf(page);
	}
	let answered = 0;
	for (let i = 0; s === 'question'; i++) {
		check(i < 300, 'more than 300 question screens');
		const levels = page.locator('button.sv-level');
		const n = await levels.count();
		check(n >= 2, `question ${i + 1} shows ${n} level buttons`);
		const box = await levels.first().boundingBox();
		check(box && box.height >= 64, `level buttons are ${box && box.height} px tall (need ≥ 64)`);
		if (i === skip) {
			if (keyboard) {
				await tabTo('Bỏ qua câu này');
				await press('Enter');
			} else {
				await page.getByRole('button', { name: 'Bỏ qua câu này' }).click();
			}
		} else {
			const top = await levels.last().getAttribute('data-level');
			if (keyboard)
				await press(top);
			else
				await levels.last().click();
			answered++;
		}
		s = await screenOf(page);
	}
	check(s === 'comment', `after the questions: the ${s} screen, not the comment screen`);
	if (keyboard) {
		await press('Tab');
		if (comment)
			await page.keyboard.type(comment);
		await tabTo('Tiếp tục');
		await press('Enter');
	} else {
		if (comment)
			await page.locator('#sv-comment').fill(comment);
		if (complaint)
			await page.getByLabel(/Đây là phản ánh, kiến nghị/).check();
		await page.getByRole('button', { name: 'Tiếp tục' }).click();
	}
	await waitScreen(page, 'review');
	const text = await page.locator('main').textContent();
	check(text.includes(`${answered}/`), `the review does not say ${answered} answered:\n${text}`);
	check(text.includes('Không trả lời'), 'the review does not show the skipped question');
	if (keyboard) {
		await tabTo('Gửi');
		await press('Enter');
	} else {
		await page.getByRole('button', { name: 'Gửi', exact: true }).click();
	}
	return answered;
}

// The kiosk's IndexedDB queue length.
export async function queueLength(page) {
	return page.evaluate(() => new Promise((resolve, reject) => {
		const req = indexedDB.open('hailong-kiosk', 1);
		req.onupgradeneeded = () => req.result.createObjectStore('queue', { keyPath: 'id' });
		req.onerror = () => reject(req.error);
		req.onsuccess = () => {
			const t = req.result.transaction('queue', 'readonly');
			const c = t.objectStore('queue').count();
			c.onsuccess = () => { resolve(c.result); req.result.close(); };
			c.onerror = () => reject(c.error);
		};
	}));
}

// ---- touch targets and fitting the screen ----

// Every visible interactive element of page smaller than min px in width or
// height, described ('button "Sửa" 71×44'); [] when all are large enough.
export async function smallTargets(page, min = 48) {
	return page.evaluate((least) => {
		const sel = 'a[href], button, input:not([type=hidden]), select, textarea, summary, ' +
			'[role=button], [tabindex]:not([tabindex="-1"])';
		const out = [];
		for (const e of document.querySelectorAll(sel)) {
			const r = e.getBoundingClientRect();
			if ((r.width === 0 && r.height === 0) || getComputedStyle(e).visibility === 'hidden' ||
			    e.closest('[hidden], [aria-hidden="true"]'))
				continue;
			if (r.width < least || r.height < least) {
				const name = (e.getAttribute('aria-label') || e.textContent || e.name || e.id || '')
					.trim().slice(0, 40);
				out.push(`${e.tagName.toLowerCase()} "${name}" ${Math.round(r.width)}×${Math.round(r.height)}`);
			}
		}
		return out;
	}, min);
}

// How far the page runs past the viewport: { x, y } in px (0 = fits).
export async function overflow(page) {
	return page.evaluate(() => ({
		x: Math.max(0, document.documentElement.scrollWidth - window.innerWidth),
		y: Math.max(0, document.documentElement.scrollHeight - window.innerHeight),
	}));
}
