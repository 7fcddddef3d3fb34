/* survey.js — the citizen's survey, one question per screen, for the counter
 * kiosk (/kiosk) and the phone link of a dossier (/s/TOKEN).
 *
 * Kiosk: the device token comes once in the address (#token=…) and is kept
 * in localStorage; the unit's configuration is cached there too, so the
 * kiosk starts while the server is down (the page itself is kept by the
 * service worker kiosk-sw.js). Every answer set gets its own id, goes first
 * into an IndexedDB queue, and a sender posts the queue with retries: the id
 * makes a resend harmless, so each response counts exactly once.
 *
 * Phone: the one-time link's token is in the path; the answers are sent
 * directly, and a lost connection offers to send again.
 *
 * A citizen who walks away: after a minute untouched the kiosk asks "Gửi ý
 * kiến của ông/bà?" with a countdown; when it ends, a response with enough
 * answers is sent (and the screen says so), one without is dropped. Enough:
 * every question of at least one criterion answered or skipped on purpose,
 * at least one of them answered. From then on each question also offers
 * "Gửi ngay". When the server cannot be reached the response waits in the
 * queue and the screen says so calmly, then returns to the start by itself:
 * nothing on a kiosk waits for a touch from someone who has left. */
(function () {
	'use strict';

	var MODE = document.body.getAttribute('data-mode') === 'phone' ? 'phone' : 'kiosk';
	var LS_TOKEN = 'hailong.kiosk.token';
	var LS_CONFIG = 'hailong.kiosk.config';
	var IDLE_MS = 60000;         /* a minute untouched: ask whether to send */
	var ASK_S = 20;              /* the question's countdown, in seconds */
	var THANKS_MS = 8000;        /* the thank-you screen stays this long */
	var RETRY_MIN_MS = 2000, RETRY_MAX_MS = 60000;
	var SETTLE_MS = 4000;        /* how long a sent response waits for the server's answer */
	var REPLACED = 'Phiếu khảo sát này đã được thay bằng một phiếu in sau cho cùng hồ sơ. Xin quét ' +
		'mã QR trên phiếu mới nhất mà bộ phận tiếp nhận đưa ông/bà.';
	var app = document.getElementById('app');
	var queueBadge = document.getElementById('sv-queue');

	var token = null;            /* kiosk device token, or the link's token */
	var cfg = null;              /* the unit's configuration */
	var st = null;               /* the survey in progress */
	var idleTimer = null;
	var askTimer = null;
	var screen = 'start';
	var player = null;           /* the clip playing (a "Nghe" button) */
	var AUDIO_CACHE = 'hailong-audio-v1';
	var LS_CONTRAST = 'hailong.survey.contrast';
	var contrastOn = false;      /* larger text and high contrast */

	/* Requests never carry a staff session's cookie: the kiosk has its
	 * token and the phone its link, and a cookie would make the server ask
	 * for a CSRF header this page does not have. */

	/* ---- small DOM helpers: text only through textContent ---- */

	function el(tag, attrs, children) {
		var e = document.createElement(tag);
		var k;

		if (attrs) {
			for (k in attrs) {
				if (!Object.prototype.hasOwnProperty.call(attrs, k))
					continue;
				if (k === 'text')
					e.textContent = attrs[k];
				else if (k === 'onclick')
					e.addEventListener('click', attrs[k]);
				else if (attrs[k] !== null && attrs[k] !== undefined && attrs[k] !== false)
					e.setAttribute(k, attrs[k] === true ? '' : attrs[k]);
			}
		}
		(children || []).forEach(function (c) {
			if (c)
				e.appendChild(typeof c === 'string' ? document.createTextNode(c) : c);
		});
		return e;
	}

	function button(label, cls, onclick, extra) {
		var attrs = { type: 'button', 'class': cls, text: label, onclick: onclick };
		var k;

		for (k in (extra || {}))
			attrs[k] = extra[k];
		return el('button', attrs);
	}

	/* Replace the screen: a heading that takes the focus (read aloud by a
	 * screen reader), then the content; beside the heading, what besides
	 * (the question's "Nghe"); above it the unit's name and the switch to
	 * larger text. */
	function show(name, heading, parts, besides) {
		var h = el('h1', { id: 'sv-h', tabindex: '-1', text: heading });
		var top = besides ? el('div', { 'class': 'sv-head' }, [h, besides]) : h;
		var sec = el('section', { 'class': 'sv-screen sv-' + name, 'aria-labelledby': 'sv-h' },
			[top].concat(parts));

		screen = name;
		clearInterval(askTimer);
		stopPlaying();
		app.setAttribute('data-screen', name);
		app.textContent = '';
		app.appendChild(topBar(cfg && cfg.unit && name !== 'start' ? cfg.unit.name : null));
		app.appendChild(sec);
		/* Never a button: on a touch screen a focused button looks chosen. */
		h.focus();
	}

	function message(heading, text, retry) {
		var parts = [el('p', { 'class': 'sv-lead', text: text })];

		if (retry)
			parts.push(button('Thử lại', 'sv-big', retry));
		show('message', heading, parts);
	}

	/* ---- reading aloud (issue 14 §5): each question and answer has a
	 * "Nghe" button playing its clip, spoken once per instrument version on
	 * the server (GET /audio/CODE/VERSION/KEY.wav); the kiosk keeps every
	 * clip of its instrument (precacheClips) so it still speaks offline ---- */

	function clipUrl(key) {
		return '/audio/' + encodeURIComponent(cfg.instrument.code) + '/' + cfg.instrument.version +
			'/' + encodeURIComponent(key) + '.wav';
	}

	function questionKey(q) {
		return 'q-' + q.code;
	}

	function levelKey(q, value) {
		return 's-' + scaleOf(q).code + '-' + value;
	}

	function stopPlaying() {
		if (player) {
			player.pause();
			player = null;
		}
	}

	/* The clip through fetch (the service worker answers it offline), played
	 * from memory; the button says what happened in data-state. */
	function play(key, btn) {
		var url = clipUrl(key);

		stopPlaying();
		btn.setAttribute('data-state', 'loading');
		var kept = 'caches' in window ? caches.open(AUDIO_CACHE).then(function (c) {
			return c.match(url);
		}).catch(function () { return null; }) : Promise.resolve(null);
		kept.then(function (hit) {
			return hit || fetch(url, { credentials: 'omit' });
		}).then(function (resp) {
			if (!resp.ok)
				throw new Error('HTTP ' + resp.status);
			return resp.blob();
		}).then(function (blob) {
			var src = URL.createObjectURL(blob), a = new Audio(src);

			player = a;
			a.addEventListener('ended', function () {
				URL.revokeObjectURL(src);
				btn.setAttribute('data-state', 'done');
			});
			btn.setAttribute('data-state', 'playing');
			return a.play();
		}).catch(function (e) {
			btn.setAttribute('data-state', 'error');
			soundProblem();
			console.error('hailong: không phát được âm thanh', e);
		});
	}

	function soundProblem() {
		var p = document.getElementById('sv-sound');

		if (p)
			p.textContent = 'Không phát được âm thanh lúc này. Xin nhờ cán bộ đọc giúp.';
	}

	/* A loudspeaker drawn in SVG (a kiosk may have no emoji font). */
	function speakerIcon() {
		var ns = 'http://www.w3.org/2000/svg';
		var svg = document.createElementNS(ns, 'svg'), path = document.createElementNS(ns, 'path');

		svg.setAttribute('viewBox', '0 0 24 24');
		svg.setAttribute('aria-hidden', 'true');
		svg.setAttribute('class', 'sv-icon');
		path.setAttribute('d', 'M3 9v6h4l5 4V5L7 9H3zm13.5 3a4.5 4.5 0 0 0-2.5-4v8a4.5 4.5 0 0 0 ' +
			'2.5-4zM14 3.2v2.1a7 7 0 0 1 0 13.4v2.1a9 9 0 0 0 0-17.6z');
		path.setAttribute('fill', 'currentColor');
		svg.appendChild(path);
		return svg;
	}

	/* A "Nghe" button; what names what it reads for a screen reader. */
	function listenButton(key, what) {
		var b = button('Nghe', 'sv-listen', function () {
			play(key, b);
		}, { 'aria-label': 'Nghe ' + what });

		b.insertBefore(speakerIcon(), b.firstChild);
		return b;
	}

	/* Every clip of the instrument into the cache, the others out of it. */
	function precacheClips() {
		var want = {};

		if (MODE !== 'kiosk' || !('caches' in window) || !cfg)
			return;
		questions().forEach(function (q) {
			want[clipUrl(questionKey(q))] = true;
			(scaleOf(q).levels || []).forEach(function (lv, k) {
				want[clipUrl(levelKey(q, levelValue(lv, k)))] = true;
			});
		});
		caches.open(AUDIO_CACHE).then(function (c) {
			return c.keys().then(function (reqs) {
				reqs.forEach(function (r) {
					if (!want[new URL(r.url).pathname])
						c.delete(r);
				});
				/* one at a time: the server renders each once */
				return Object.keys(want).reduce(function (p, url) {
					return p.then(function () {
						return c.match(url).then(function (hit) {
							return hit || c.add(url);
						});
					});
				}, Promise.resolve());
			});
		}).catch(function (e) {
			console.error('hailong: chưa lưu được âm thanh để dùng khi mất mạng', e);
		});
	}

	/* ---- larger text, high contrast: one tap away on every screen ---- */

	function setContrast(on) {
		var b = document.getElementById('sv-contrast');

		contrastOn = on;
		document.documentElement.classList.toggle('sv-contrast', on);
		if (b)
			b.setAttribute('aria-pressed', on ? 'true' : 'false');
		try {
			if (MODE === 'phone')
				localStorage.setItem(LS_CONTRAST, on ? '1' : '0');
		} catch (e) { /* not kept */ }
	}

	/* The row above every screen: the unit's name (or nothing) and the
	 * switch. */
	function topBar(unitName) {
		var b = button('Chữ to, tương phản cao', 'sv-contrast-toggle', function () {
			setContrast(!contrastOn);
		}, { id: 'sv-contrast', 'aria-pressed': contrastOn ? 'true' : 'false' });

		return el('div', { 'class': 'sv-top' }, [
			unitName ? el('p', { 'class': 'sv-unit', text: unitName }) : el('span'), b]);
	}

	/* ---- ids and times made on the device ---- */

	function newId() {
		var b, h = [], i;

		if (window.crypto && typeof window.crypto.randomUUID === 'function')
			return window.crypto.randomUUID();
		/* Outside a secure context randomUUID is missing: a version 4 UUID
		 * from getRandomValues, which is always there. */
		b = new Uint8Array(16);
		window.crypto.getRandomValues(b);
		b[6] = (b[6] & 0x0f) | 0x40;
		b[8] = (b[8] & 0x3f) | 0x80;
		for (i = 0; i < 16; i++)
			h.push((b[i] + 0x100).toString(16).slice(1));
		return h.slice(0, 4).join('') + '-' + h.slice(4, 6).join('') + '-' +
			h.slice(6, 8).join('') + '-' + h.slice(8, 10).join('') + '-' + h.slice(10).join('');
	}

	function pad(n) {
		return (n < 10 ? '0' : '') + n;
	}

	/* Local time with the device's offset: 2025-03-14T09:30:00+07:00. */
	function nowLocal() {
		var d = new Date(), off = -d.getTimezoneOffset(), sign = off >= 0 ? '+' : '-';

		off = Math.abs(off);
		return d.getFullYear() + '-' + pad(d.getMonth() + 1) + '-' + pad(d.getDate()) + 'T' +
			pad(d.getHours()) + ':' + pad(d.getMinutes()) + ':' + pad(d.getSeconds()) +
			sign + pad(Math.floor(off / 60)) + ':' + pad(off % 60);
	}

	/* ---- the configuration ---- */

	function scaleOf(q) {
		var s = cfg.instrument.scales || [], i;

		for (i = 0; i < s.length; i++)
			if (s[i].code === q.scale)
				return s[i];
		return { code: q.scale, levels: [] };
	}

	function levelValue(level, i) {
		return typeof level.value === 'number' ? level.value : i + 1;
	}

	function criterionName(code) {
		var c = cfg.instrument.criteria || [], i;

		for (i = 0; i < c.length; i++)
			if (c[i].code === code)
				return c[i].name;
		return '';
	}

	function nameOf(list, code) {
		var i;

		for (i = 0; i < (list || []).length; i++)
			if (list[i].code === code)
				return list[i].name;
		return code;
	}

	function usable(c) {
		return c && c.unit && c.instrument && Array.isArray(c.instrument.questions) &&
			c.instrument.questions.length > 0;
	}

	function configUrl() {
		return MODE === 'kiosk' ? '/api/v1/kiosk/config' :
			'/s/' + encodeURIComponent(token) + '/config';
	}

	function authHeaders(extra) {
		var h = extra || {};

		if (MODE === 'kiosk')
			h.Authorization = 'Bearer ' + token;
		return h;
	}

	/* Fetch the configuration; cb(status, config) with status 'ok', 'denied',
	 * 'gone', 'used', 'replaced' (a newer slip for the dossier) or 'offline'.
	 * The kiosk keeps a copy for offline starts. */
	function loadConfig(cb) {
		fetch(configUrl(), { headers: authHeaders({ Accept: 'application/json' }), cache: 'no-store',
			credentials: 'omit' })
			.then(function (resp) {
				if (resp.status === 401 || resp.status === 403)
					return cb('denied');
				if (resp.status === 404)
					return cb('gone');
				if (resp.status === 409)
					return cb('used');
				if (resp.status === 410)
					return cb('replaced');
				if (!resp.ok)
					return cb('offline');
				return resp.json().then(function (c) {
					if (!usable(c))
						return cb('offline');
					if (MODE === 'kiosk') {
						try {
							localStorage.setItem(LS_CONFIG, JSON.stringify(c));
						} catch (e) { /* full storage: the cached copy stays older */ }
					}
					cb('ok', c);
				});
			})
			.catch(function () {
				cb('offline');
			});
	}

	/* ---- inactivity ---- */

	function armIdle() {
		if (MODE !== 'kiosk')
			return;
		clearTimeout(idleTimer);
		if (screen === 'start' || (screen === 'message' && !(st && st.unsent)))
			return;
		if (screen === 'ask' || screen === 'sending')
			return;
		idleTimer = setTimeout(function () {
			if (screen === 'thanks' || screen === 'message') {
				setContrast(false); /* the next citizen starts with the usual screen */
				startScreen();
			}
			else
				askScreen();
		}, screen === 'thanks' || screen === 'message' ? THANKS_MS : IDLE_MS);
	}

	['pointerdown', 'keydown', 'touchstart', 'input'].forEach(function (ev) {
		document.addEventListener(ev, function () {
			if (screen !== 'thanks')
				armIdle();
		}, { passive: true, capture: true });
	});

	/* ---- the screens ---- */

	function fresh() {
		return { id: null, field: null, staff: null, answers: {}, seen: {}, comment: '',
			complaint: false, q: 0, back: null, sending: false, here: null, unsent: false };
	}

	function questions() {
		return cfg.instrument.questions;
	}

	function startScreen() {
		st = fresh();
		clearTimeout(idleTimer);
		clearInterval(askTimer);
		screen = 'start';
		app.setAttribute('data-screen', 'start');
		app.textContent = '';
		app.appendChild(topBar(null));
		var h = el('h1', { id: 'sv-h', tabindex: '-1', 'class': 'sv-unitname', text: cfg.unit.name });
		var sec = el('section', { 'class': 'sv-screen sv-start sv-center', 'aria-labelledby': 'sv-h' }, [
			h,
			el('p', { 'class': 'sv-invite', text: 'Mời ông/bà đánh giá sự phục vụ' }),
			cfg.dossier ? el('p', { 'class': 'sv-note', text: 'Hồ sơ số ' + cfg.dossier.code +
				(cfg.dossier.procedure ? ': ' + cfg.dossier.procedure : '') +
				(dossierField() ? ' (lĩnh vực ' + dossierField().name + ')' : '') }) : null,
			el('p', { 'class': 'sv-note', text: 'Không cần ghi tên. Mất khoảng 2 phút.' }),
			button('Bắt đầu đánh giá', 'sv-big sv-go', function () {
				fieldScreen();
			})
		]);
		app.appendChild(sec);
		h.focus();
		if (MODE === 'kiosk')
			refreshConfigQuietly();
	}

	function choiceList(items, current, pick, cls) {
		return el('div', { 'class': 'sv-choices' + (cls ? ' ' + cls : ''), role: 'group',
			'aria-labelledby': 'sv-h' }, items.map(function (it) {
			return button(it.label, 'sv-big sv-choice' + (it.cls ? ' ' + it.cls : ''), function () {
				pick(it.code);
			}, { 'aria-pressed': it.more ? null : current === it.code ? 'true' : 'false' });
		}));
	}

	/* Every field the configuration names: the unit's own and the others. */
	function allFields() {
		return (cfg.fields || []).concat(cfg.other_fields || []);
	}

	function nav(backFn, skipLabel, skipFn, sendFn) {
		var parts = [];

		if (skipFn)
			parts.push(button(skipLabel, 'sv-big sv-skip', skipFn));
		if (sendFn)
			parts.push(button('Gửi ngay', 'sv-big sv-sendnow', sendFn,
				{ 'aria-describedby': 'sv-sendnow-note' }),
				el('p', { id: 'sv-sendnow-note', 'class': 'sv-note',
					text: 'Gửi ngay các câu đã trả lời; các câu còn lại để trống.' }));
		if (backFn)
			parts.push(button('Quay lại', 'sv-back', backFn));
		return el('div', { 'class': 'sv-nav' }, parts);
	}

	/* The field the dossier of a QR slip has: the survey does not ask it. */
	function dossierField() {
		return cfg.dossier && cfg.dossier.field ? cfg.dossier.field : null;
	}

	function hasFieldScreen() {
		return !dossierField() && (cfg.fields || []).length > 0;
	}

	/* The unit's own fields, most used first, in a grid that fits the
	 * screen; "Lĩnh vực khác" shows the others (other set). */
	function fieldScreen(other) {
		var own = cfg.fields || [], more = cfg.other_fields || [];
		var list = other ? more : own, items;

		if (dossierField()) {
			st.field = dossierField().code;
			return staffScreen();
		}
		if (own.length + more.length === 0)
			return staffScreen();
		st.here = function () { fieldScreen(other); };
		items = list.map(function (f) {
			return { code: f.code, label: f.name };
		});
		if (!other && more.length)
			items.push({ code: null, label: 'Lĩnh vực khác…', cls: 'sv-more', more: true });
		show('field', other ? 'Lĩnh vực khác' : 'Hồ sơ của ông/bà thuộc lĩnh vực nào?', [
			el('p', { 'class': 'sv-note', text: 'Chạm vào một lĩnh vực.' }),
			choiceList(items, st.field, function (code) {
				if (code === null)
					return fieldScreen(true);
				st.field = code;
				afterPick(staffScreen);
			}, 'sv-grid' + (items.length > 12 ? ' sv-grid-many' : items.length <= 4 ? ' sv-grid-few' : '')),
			nav(other ? function () { fieldScreen(false); } : startScreen, 'Bỏ qua', function () {
				st.field = null;
				afterPick(staffScreen);
			})
		]);
		armIdle();
	}

	function staffScreen() {
		var staff = cfg.staff || [];

		if (staff.length === 0)
			return questionScreen(0);
		st.here = staffScreen;
		show('staff', 'Công chức nào đã phục vụ ông/bà?', [
			el('p', { 'class': 'sv-note', text: 'Không bắt buộc: có thể bỏ qua.' }),
			choiceList(staff.map(function (s) {
				return { code: s.code, label: s.position ? s.name + ' – ' + s.position : s.name };
			}), st.staff, function (code) {
				st.staff = code;
				afterPick(function () { questionScreen(0); });
			}),
			nav(hasFieldScreen() ? fieldScreen : startScreen, 'Bỏ qua', function () {
				st.staff = null;
				afterPick(function () { questionScreen(0); });
			})
		]);
		armIdle();
	}

	/* After a choice: back to the review when the citizen came from it. */
	function afterPick(next) {
		if (st.back === 'review') {
			st.back = null;
			return reviewScreen();
		}
		next();
	}

	function questionScreen(i) {
		var qs = questions(), q, sc, levels, crit;

		if (i >= qs.length)
			return commentScreen();
		st.q = i;
		st.here = function () { questionScreen(i); };
		q = qs[i];
		sc = scaleOf(q);
		levels = sc.levels || [];
		crit = criterionName(q.criterion);
		show('question', q.text, [
			el('p', { 'class': 'sv-progress', text: 'Câu ' + (i + 1) + '/' + qs.length +
				(crit ? ' · ' + crit : '') }, [' ',
				el('span', { id: 'sv-sound', 'class': 'sv-warn', role: 'status' })]),
			el('div', { 'class': 'sv-choices sv-levels', role: 'group', 'aria-labelledby': 'sv-h' },
				levels.map(function (lv, k) {
					var v = levelValue(lv, k);

					return el('div', { 'class': 'sv-level-row' }, [
						button(lv.label, 'sv-big sv-level sv-level-' + v, function () {
							st.answers[q.code] = v;
							st.seen[q.code] = true;
							afterPick(function () { questionScreen(i + 1); });
						}, { 'aria-pressed': st.answers[q.code] === v ? 'true' : 'false',
							'data-level': String(v) }),
						listenButton(levelKey(q, v), lv.label)
					]);
				})),
			nav(function () {
				if (i > 0)
					questionScreen(i - 1);
				else if ((cfg.staff || []).length)
					staffScreen();
				else if (hasFieldScreen())
					fieldScreen();
				else
					startScreen();
			}, 'Bỏ qua câu này', function () {
				delete st.answers[q.code];
				st.seen[q.code] = true;
				afterPick(function () { questionScreen(i + 1); });
			}, enoughAnswers() ? sendNow : null)
		], listenButton(questionKey(q), 'câu hỏi'));
		armIdle();
	}

	function commentScreen() {
		var limit = cfg.limits && cfg.limits.comment_max_bytes ? cfg.limits.comment_max_bytes : 4000;
		var ta = el('textarea', { id: 'sv-comment', rows: '4', maxlength: String(Math.floor(limit / 3)),
			'aria-describedby': 'sv-comment-note' });

		/* At the kiosk a comment may be a complaint the office must answer
		 * (issue 6): it then also becomes a feedback item. */
		var box = MODE === 'kiosk' ? el('input', { type: 'checkbox', id: 'sv-complaint' }) : null;

		st.here = commentScreen;
		ta.value = st.comment;
		if (box)
			box.checked = st.complaint;
		show('comment', 'Ông/bà có góp ý gì thêm không?', [
			el('label', { 'for': 'sv-comment', 'class': 'sv-label', text: 'Góp ý (không bắt buộc)' }),
			ta,
			el('p', { id: 'sv-comment-note', 'class': 'sv-note',
				text: 'Xin đừng ghi họ tên, số điện thoại hay số giấy tờ.' }),
			box ? el('p', { 'class': 'sv-check' }, [box, el('label', { 'for': 'sv-complaint',
				text: 'Đây là phản ánh, kiến nghị: đề nghị cơ quan trả lời (câu trả lời được ' +
					'công khai trên trang của đơn vị)' })]) : null,
			button('Tiếp tục', 'sv-big sv-go', function () {
				keepComment();
				st.back = null;
				reviewScreen();
			}),
			nav(function () {
				keepComment();
				questionScreen(questions().length - 1);
			})
		]);
		armIdle();
	}

	function labelOf(q) {
		var v = st.answers[q.code], levels = scaleOf(q).levels || [], k;

		if (v === undefined)
			return 'Không trả lời';
		for (k = 0; k < levels.length; k++)
			if (levelValue(levels[k], k) === v)
				return levels[k].label;
		return String(v);
	}

	function reviewRow(term, value, edit) {
		return el('div', { 'class': 'sv-row' }, [
			el('dt', { text: term }),
			el('dd', null, [el('span', { text: value }),
				edit ? button('Sửa', 'sv-edit', edit, { 'aria-label': 'Sửa: ' + term }) : null])
		]);
	}

	function reviewScreen() {
		var qs = questions(), answered = 0, rows = [];

		st.here = reviewScreen;
		qs.forEach(function (q) {
			if (st.answers[q.code] !== undefined)
				answered++;
		});
		if (dossierField())
			rows.push(reviewRow('Lĩnh vực', dossierField().name, null));
		else if (allFields().length)
			rows.push(reviewRow('Lĩnh vực', st.field ? nameOf(allFields(), st.field) : 'Không chọn',
				function () { st.back = 'review'; fieldScreen(); }));
		if ((cfg.staff || []).length)
			rows.push(reviewRow('Công chức', st.staff ? nameOf(cfg.staff, st.staff) : 'Không chọn',
				function () { st.back = 'review'; staffScreen(); }));
		qs.forEach(function (q, i) {
			rows.push(reviewRow((i + 1) + '. ' + q.text, labelOf(q), function () {
				st.back = 'review';
				questionScreen(i);
			}));
		});
		if (st.comment)
			rows.push(reviewRow(st.complaint ? 'Phản ánh, kiến nghị' : 'Góp ý', st.comment,
				function () { commentScreen(); }));
		var parts = [
			el('p', { 'class': 'sv-note', text: 'Ông/bà đã trả lời ' + answered + '/' + qs.length +
				' câu. Kiểm tra lại rồi chạm “Gửi”.' })
		];
		if (answered === 0)
			parts.push(el('p', { 'class': 'sv-warn', role: 'alert',
				text: 'Ông/bà chưa trả lời câu nào: hãy trả lời ít nhất một câu để gửi.' }));
		/* "Gửi" and "Quay lại" stay in view while the list scrolls. */
		parts.push(el('div', { 'class': 'sv-actions' }, [
			answered > 0 ? button('Gửi', 'sv-big sv-send', submit) : null,
			button('Quay lại', 'sv-back', function () { commentScreen(); })
		]));
		parts.push(el('dl', { 'class': 'sv-review' }, rows));
		show('review', 'Xem lại câu trả lời', parts);
		armIdle();
	}

	function thanksScreen(text, heading) {
		var parts = [el('p', { 'class': 'sv-lead', text: text })];

		if (MODE === 'kiosk')
			parts.push(button('Về màn hình đầu', 'sv-back', startScreen));
		show('thanks', heading || 'Cảm ơn ông/bà!', parts);
		armIdle();
	}

	/* ---- sending ---- */

	function body() {
		var b = {
			id: st.id,
			instrument: cfg.instrument.ref || (cfg.instrument.code + '@' + cfg.instrument.version),
			collected_at: st.collected_at,
			field: st.field,
			staff: st.staff,
			answers: st.answers,
			comment: st.comment || null
		};

		if (st.complaint && st.comment)
			b.complaint = true;

		if (MODE === 'kiosk') {
			b.unit = cfg.unit.code;
			b.channel = 'kiosk';
		} else {
			b.channel = 'qr';
		}
		return b;
	}

	/* How many questions have an answer. */
	function answeredCount() {
		return questions().filter(function (q) {
			return st.answers[q.code] !== undefined;
		}).length;
	}

	/* Enough to send without the citizen's "Gửi" (see the top): a
	 * criterion whose every question was answered or skipped on purpose,
	 * one of them at least answered. */
	function enoughAnswers() {
		var crit = {}, k;

		questions().forEach(function (q) {
			var c = crit[q.criterion] || (crit[q.criterion] = { passed: true, answered: false });

			if (!st.seen[q.code])
				c.passed = false;
			if (st.answers[q.code] !== undefined)
				c.answered = true;
		});
		for (k in crit)
			if (Object.prototype.hasOwnProperty.call(crit, k) && crit[k].passed && crit[k].answered)
				return true;
		return false;
	}

	/* What was typed in the comment box is kept even if nobody pressed on. */
	function keepComment() {
		var ta = document.getElementById('sv-comment'), box = document.getElementById('sv-complaint');

		if (!ta)
			return;
		st.comment = ta.value.trim();
		st.complaint = !!(box && box.checked && st.comment);
	}

	function sendNow() {
		keepComment();
		submit(false);
	}

	/* A minute untouched: send or go on? With a countdown; when it ends, a
	 * response with enough answers is sent, one without is dropped. */
	function askScreen() {
		var enough = enoughAnswers(), left = ASK_S, n = answeredCount(), total = questions().length;
		var count = el('strong', { text: String(left) });
		var parts;

		keepComment();
		parts = [
			el('p', { 'class': 'sv-lead', text: enough ?
				'Ông/bà đã trả lời ' + n + '/' + total + ' câu. Ông/bà muốn gửi ngay, hay trả lời tiếp?' :
				'Ông/bà chưa trả lời đủ một nhóm câu hỏi nên ý kiến chưa gửi được.' }),
			el('p', { 'class': 'sv-countdown', role: 'timer', 'aria-live': 'off' }, [
				enough ? 'Tự động gửi sau ' : 'Trở về màn hình đầu sau ', count, ' giây'
			]),
			el('div', { 'class': 'sv-ask-actions' }, [
				enough ? button('Gửi ngay', 'sv-big sv-sendnow', function () { submit(false); }) : null,
				button('Trả lời tiếp', 'sv-big sv-skip', function () {
					var here = st.here || startScreen;

					here();
				})
			])
		];
		show('ask', enough ? 'Gửi ý kiến của ông/bà?' : 'Ông/bà còn trả lời tiếp không?', parts);
		askTimer = setInterval(function () {
			left--;
			count.textContent = String(Math.max(left, 0));
			if (left > 0)
				return;
			clearInterval(askTimer);
			if (enough) {
				submit(true);
			} else {
				setContrast(false); /* walked away: the next citizen's usual screen */
				startScreen();
			}
		}, 1000);
	}

	/* auto: sent by the countdown, nobody pressed "Gửi". */
	function submit(auto) {
		if (st.sending)
			return;
		if (!st.id) {
			st.id = newId();
			st.collected_at = nowLocal();
		}
		if (MODE === 'kiosk') {
			kioskSend(auto === true);
			return;
		}
		sendPhone();
	}

	/* The kiosk's send: into the queue, then one pass of the sender (at most
	 * SETTLE_MS) to tell the citizen whether it reached the server or waits
	 * on the device. A device that cannot keep it posts it directly; if that
	 * fails too, a calm apology, and the start screen comes back by itself. */
	function kioskSend(auto) {
		var b = body(), n = answeredCount(), total = questions().length, complaint = st.complaint;

		st.sending = true;
		show('sending', 'Đang gửi…', [el('p', { 'class': 'sv-lead', text: 'Xin chờ trong giây lát.' })]);
		enqueue(b, function (ok) {
			if (ok)
				return settle(b.id, function (sent) { kioskThanks(auto, sent, n, total, complaint); });
			post(b).then(function (s) {
				if (s === 201 || s === 200)
					return kioskThanks(auto, true, n, total, complaint);
				throw new Error('HTTP ' + s);
			}).catch(function (e) {
				console.error('hailong: không lưu và không gửi được câu trả lời', e);
				st.sending = false;
				st.unsent = true;
				message('Chưa gửi được', 'Kiosk chưa gửi được ý kiến của ông/bà lúc này. Xin lỗi ' +
					'ông/bà vì sự bất tiện; xin báo cán bộ tại quầy.', auto ? null : sendNow);
				armIdle();
			});
		});
	}

	/* Sent: as before. Kept on the device: said so, without alarm. */
	function kioskThanks(auto, sent, n, total, complaint) {
		var what = auto ? n + '/' + total + ' câu trả lời của ông/bà' : 'ý kiến của ông/bà';

		thanksScreen((auto && sent ? 'Kiosk đã tự động gửi ' + what + '. ' : sent ? '' :
			'Kiosk đã lưu ' + what + ' và sẽ tự gửi khi kết nối lại được máy chủ. ') +
			(complaint ? 'Phản ánh, kiến nghị của ông/bà đã được ghi nhận và ' +
			'chuyển tới cán bộ để trả lời; câu trả lời sẽ được công khai trên trang ' +
			'của đơn vị.' : 'Ý kiến của ông/bà giúp chúng tôi phục vụ tốt hơn.'),
			auto ? (sent ? 'Đã gửi ý kiến của ông/bà' : 'Đã lưu ý kiến của ông/bà') : null);
	}

	/* cb(true) once the queue no longer holds id after a pass of the sender,
	 * cb(false) if it still does or SETTLE_MS passed first. */
	function settle(id, cb) {
		var done = false, timer = setTimeout(function () { finish(false); }, SETTLE_MS);

		function finish(sent) {
			if (done)
				return;
			done = true;
			clearTimeout(timer);
			cb(sent);
		}
		pump(function () {
			/* count, not get: a missing key's get resolves to undefined, which
			 * tx() cannot tell from a request that returns nothing */
			tx('readonly', function (s) { return s.count(id); }).then(function (n) {
				finish(n === 0);
			}, function () {
				finish(false);
			});
		});
	}

	function sendPhone() {
		st.sending = true;
		show('sending', 'Đang gửi…', [el('p', { 'class': 'sv-lead', text: 'Xin chờ trong giây lát.' })]);
		fetch('/s/' + encodeURIComponent(token) + '/submit', {
			method: 'POST',
			headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
			body: JSON.stringify(body()),
			credentials: 'omit'
		}).then(function (resp) {
			return resp.json().catch(function () { return {}; }).then(function (j) {
				st.sending = false;
				if (resp.status === 201 || resp.status === 200)
					return thanksScreen('Ý kiến của ông/bà đã được ghi nhận. Ông/bà có thể đóng trang này.');
				if (resp.status === 410)
					return message('Phiếu đã được thay', (j.error && j.error.message) || REPLACED);
				if (resp.status === 409)
					return message('Đã gửi đánh giá',
						(j.error && j.error.message) || 'Phiếu khảo sát cho hồ sơ này đã được gửi. Cảm ơn ông/bà!');
				if (resp.status === 404)
					return message('Đường dẫn không hợp lệ',
						'Mã khảo sát trong đường dẫn không đúng. Hãy quét lại mã QR trên giấy tiếp nhận hồ sơ.');
				if (resp.status >= 500)
					return message('Chưa gửi được', 'Máy chủ đang bận. Xin thử lại sau ít phút.', sendPhone);
				return message('Chưa gửi được', (j.error && j.error.message) ||
					'Câu trả lời chưa hợp lệ.', reviewScreen);
			});
		}).catch(function () {
			st.sending = false;
			message('Chưa gửi được', 'Mất kết nối mạng. Câu trả lời vẫn còn: khi có mạng, chạm “Thử lại”.',
				sendPhone);
		});
	}

	/* ---- the kiosk's queue (IndexedDB) and its sender ---- */

	var dbp = null;

	function db() {
		if (!dbp) {
			dbp = new Promise(function (resolve, reject) {
				var req = indexedDB.open('hailong-kiosk', 1);

				req.onupgradeneeded = function () {
					req.result.createObjectStore('queue', { keyPath: 'id' });
				};
				req.onsuccess = function () { resolve(req.result); };
				req.onerror = function () { reject(req.error); };
			});
		}
		return dbp;
	}

	function tx(mode, fn) {
		return db().then(function (d) {
			return new Promise(function (resolve, reject) {
				var t = d.transaction('queue', mode), out = fn(t.objectStore('queue'));

				t.oncomplete = function () { resolve(out && out.result !== undefined ? out.result : out); };
				t.onerror = function () { reject(t.error); };
				t.onabort = function () { reject(t.error); };
			});
		});
	}

	function enqueue(b, cb) {
		tx('readwrite', function (s) {
			return s.put({ id: b.id, body: b, queued_at: Date.now() });
		}).then(function () {
			cb(true);
			showQueue();
		}, function (e) {
			console.error('hailong: không lưu được vào hàng đợi', e);
			cb(false);
		});
	}

	function queued() {
		return tx('readonly', function (s) { return s.getAll(); }).then(function (items) {
			return (items || []).sort(function (a, b) { return a.queued_at - b.queued_at; });
		});
	}

	function drop(id) {
		return tx('readwrite', function (s) { return s.delete(id); });
	}

	function showQueue() {
		if (!queueBadge)
			return;
		queued().then(function (items) {
			var n = items.length;

			queueBadge.hidden = n === 0;
			queueBadge.textContent = n ? 'Đang chờ gửi: ' + n : '';
			queueBadge.setAttribute('data-count', String(n));
		}, function () {});
	}

	var pumping = false, retryTimer = null, retryMs = RETRY_MIN_MS, blocked = false;

	function later() {
		clearTimeout(retryTimer);
		retryTimer = setTimeout(function () { pump(); }, retryMs);
		retryMs = Math.min(retryMs * 2, RETRY_MAX_MS);
	}

	/* Post one item: resolves 'done' (stored, held, duplicate or dropped),
	 * 'retry' (keep it, try later) or 'stop' (token refused). */
	function postResponse(b) {
		return fetch('/api/v1/responses', {
			method: 'POST',
			headers: authHeaders({ 'Content-Type': 'application/json', Accept: 'application/json' }),
			body: JSON.stringify(b),
			cache: 'no-store',
			credentials: 'omit'
		});
	}

	/* b posted once, outside the queue: resolves the HTTP status. */
	function post(b) {
		return postResponse(b).then(function (resp) { return resp.status; });
	}

	function postOne(item) {
		return postResponse(item.body).then(function (resp) {
			var s = resp.status;

			if (s === 201 || s === 200)
				return drop(item.id).then(function () { return 'done'; });
			if (s === 401 || s === 403)
				return 'stop';
			if (s === 429 || s >= 500)
				return 'retry';
			/* Any other 4xx — a 409 too: this id was stored with other
			 * answers — the server will never take it; log and drop it so
			 * it does not block the queue. */
			return resp.text().then(function (t) {
				console.error('hailong: máy chủ từ chối câu trả lời ' + item.id + ' (' + s + '): ' + t);
				return drop(item.id).then(function () { return 'done'; });
			});
		}, function () {
			return 'retry';
		});
	}

	var waiters = [];           /* called when the current pass ends */

	function passEnded() {
		var w = waiters;

		waiters = [];
		w.forEach(function (f) { f(); });
	}

	/* One pass over the queue; then (when given) cb. */
	function pump(cb) {
		if (cb)
			waiters.push(cb);
		if (MODE !== 'kiosk' || pumping)
			return;
		pumping = true;
		clearTimeout(retryTimer);
		queued().then(function (items) {
			var i = 0;

			function next() {
				if (i >= items.length)
					return Promise.resolve('empty');
				return postOne(items[i++]).then(function (r) {
					showQueue();
					return r === 'done' ? next() : r;
				});
			}
			return next();
		}).then(function (r) {
			pumping = false;
			blocked = r === 'stop';
			passEnded();
			if (r === 'empty') {
				retryMs = RETRY_MIN_MS;
				/* Items queued while this pass ran are picked up now. */
				queued().then(function (items) {
					if (items.length)
						pump();
				});
				return;
			}
			if (blocked)
				showBlocked();
			later();
		}, function (e) {
			pumping = false;
			console.error('hailong: lỗi hàng đợi', e);
			passEnded();
			later();
		});
	}

	function showBlocked() {
		if (queueBadge) {
			queueBadge.hidden = false;
			queueBadge.classList.add('sv-queue-bad');
		}
	}

	window.addEventListener('online', function () {
		retryMs = RETRY_MIN_MS;
		pump();
	});

	/* ---- starting ---- */

	/* A newer configuration (staff, fields, questions) is taken only while
	 * nobody is answering: never in the middle of a survey. */
	function refreshConfigQuietly() {
		loadConfig(function (r, c) {
			if (r !== 'ok' || screen !== 'start')
				return;
			var renamed = cfg.unit.name !== c.unit.name;

			cfg = c;
			precacheClips();
			if (renamed)
				startScreen();
		});
	}

	function kioskToken() {
		var m = /(?:^#|&)token=([A-Za-z0-9_-]+)/.exec(location.hash || '');

		if (m) {
			try {
				if (localStorage.getItem(LS_TOKEN) !== m[1])
					localStorage.removeItem(LS_CONFIG);
				localStorage.setItem(LS_TOKEN, m[1]);
			} catch (e) { /* storage off: the token lives for this page only */ }
			/* The secret leaves the address bar (and the history). */
			history.replaceState(null, '', location.pathname + location.search);
			return m[1];
		}
		try {
			return localStorage.getItem(LS_TOKEN);
		} catch (e) {
			return null;
		}
	}

	function cachedConfig() {
		try {
			var c = JSON.parse(localStorage.getItem(LS_CONFIG) || 'null');

			return usable(c) ? c : null;
		} catch (e) {
			return null;
		}
	}

	function bootKiosk() {
		token = kioskToken();
		if (!token) {
			message('Kiosk chưa được đăng ký', 'Thiết bị này chưa có mã kiosk. Cán bộ quét mã QR ' +
				'ghép nối (trang Kiosk, khi thêm kiosk) hoặc mở đường dẫn ghép nối một lần trên máy này.');
			return;
		}
		if ('serviceWorker' in navigator) {
			navigator.serviceWorker.register('/kiosk-sw.js', { scope: '/kiosk' }).catch(function (e) {
				console.error('hailong: không đăng ký được service worker', e);
			});
		}
		showQueue();
		loadConfig(function (r, c) {
			if (r === 'ok')
				cfg = c;
			if (r === 'denied') {
				try {
					localStorage.removeItem(LS_CONFIG);
				} catch (e) { /* nothing kept */ }
				message('Kiosk bị từ chối', 'Mã thiết bị không hợp lệ hoặc đã bị thu hồi. Xin báo cán ' +
					'bộ quản trị.');
				return;
			}
			if (r !== 'ok') {
				cfg = cachedConfig();
				if (!cfg) {
					message('Chưa kết nối được máy chủ', 'Kiosk đang thử kết nối lại…');
					setTimeout(bootKiosk, 10000);
					return;
				}
			}
			startScreen();
			precacheClips();
			pump();
		});
	}

	function bootPhone() {
		var m = /^\/s\/([A-Za-z0-9_-]+)\/?$/.exec(location.pathname);

		token = m ? m[1] : null;
		if (!token) {
			message('Đường dẫn không hợp lệ', 'Hãy quét lại mã QR trên giấy tiếp nhận hồ sơ.');
			return;
		}
		loadConfig(function (r, c) {
			if (r === 'ok') {
				cfg = c;
				return startScreen();
			}
			if (r === 'used')
				return message('Đã gửi đánh giá', 'Phiếu khảo sát cho hồ sơ này đã được gửi. Cảm ơn ông/bà!');
			if (r === 'replaced')
				return message('Phiếu đã được thay', REPLACED);
			if (r === 'gone' || r === 'denied')
				return message('Đường dẫn không hợp lệ',
					'Mã khảo sát trong đường dẫn không đúng. Hãy quét lại mã QR trên giấy tiếp nhận hồ sơ.');
			message('Chưa kết nối được máy chủ', 'Xin kiểm tra kết nối mạng rồi thử lại.', bootPhone);
		});
	}

	/* Digits choose a level on a question screen (keyboards and keypads). */
	document.addEventListener('keydown', function (e) {
		var b;

		if (screen !== 'question' || e.altKey || e.ctrlKey || e.metaKey || !/^[0-9]$/.test(e.key))
			return;
		b = app.querySelector('button[data-level="' + e.key + '"]');
		if (b) {
			e.preventDefault();
			b.click();
		}
	});

	try {
		/* a phone keeps the choice; a kiosk starts each citizen without it */
		if (MODE === 'phone' && localStorage.getItem(LS_CONTRAST) === '1')
			setContrast(true);
	} catch (e) { /* off */ }
	if (MODE === 'kiosk')
		bootKiosk();
	else
		bootPhone();
})();
