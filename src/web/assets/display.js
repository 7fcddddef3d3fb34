// display.js — the counter screen (/display/UNIT): one slide at a time,
// turning every 12 seconds; every 3 minutes the slides are fetched again
// (?part=slides) and replace the old ones only when the answer is good, so
// the screen keeps its last content (and says "Mất kết nối") while the
// server cannot be reached.
(function () {
	'use strict';
	var TURN_MS = 12000, REFRESH_MS = 180000;
	var box = document.getElementById('slides');
	var offline = document.getElementById('d-offline');
	var when = document.getElementById('d-when');
	var at = 0;

	if (!box) return;
	document.body.classList.add('d-js');

	function show() {
		var s = box.querySelectorAll('.slide');
		if (s.length === 0) return;
		at = at % s.length;
		for (var i = 0; i < s.length; i++) s[i].hidden = i !== at;
	}

	function turn() {
		at++;
		show();
	}

	function stamp() {
		// Vietnam's time (UTC+7), whatever the screen's clock zone
		var d = new Date(Date.now() + 7 * 3600 * 1000);
		var p = function (n) { return (n < 10 ? '0' : '') + n; };
		if (when) when.textContent = p(d.getUTCDate()) + '/' + p(d.getUTCMonth() + 1) + '/' +
			d.getUTCFullYear() + ' ' + p(d.getUTCHours()) + ':' + p(d.getUTCMinutes());
	}

	function refresh() {
		var url = location.pathname + '?part=slides';
		fetch(url, { cache: 'no-store' }).then(function (r) {
			if (!r.ok) throw new Error('HTTP ' + r.status);
			return r.text();
		}).then(function (html) {
			var t = document.createElement('template');
			t.innerHTML = html;
			if (t.content.querySelectorAll('.slide').length === 0) throw new Error('empty');
			box.replaceChildren(t.content);
			offline.hidden = true;
			stamp();
			show();
		}).catch(function () {
			offline.hidden = false;
		});
	}

	show();
	setInterval(turn, TURN_MS);
	setInterval(refresh, REFRESH_MS);
	window.hailongDisplay = { refresh: refresh, turn: turn };
})();
