/* kiosk-sw.js — the kiosk's service worker (served at /kiosk-sw.js, scope
 * /kiosk): keeps the page shell, survey.js, the stylesheet and the unit's
 * configuration, so that a kiosk restarted while the server or the network
 * is down still shows the survey. The answers themselves wait in survey.js's
 * IndexedDB queue; the worker never touches a POST.
 *
 * Network first (the server's copy is always the newest), the kept copy when
 * the network fails or is slower than a few seconds. The spoken clips
 * (/audio/…, survey.js's "Nghe" buttons) never change for a URL: kept
 * ones are answered first, from the cache survey.js fills. */
'use strict';

var CACHE = 'hailong-kiosk-v2';
var SHELL = ['/kiosk', '/static/survey.js', '/static/site.css', '/static/favicon.svg'];
var KEPT = ['/kiosk', '/static/survey.js', '/static/site.css', '/static/favicon.svg',
	'/api/v1/kiosk/config'];
var TIMEOUT_MS = 4000;
var AUDIO = 'hailong-audio-v1'; /* survey.js's precacheClips fills it */

self.addEventListener('install', function (event) {
	event.waitUntil(caches.open(CACHE).then(function (c) {
		return c.addAll(SHELL);
	}).then(function () {
		return self.skipWaiting();
	}));
});

self.addEventListener('activate', function (event) {
	event.waitUntil(caches.keys().then(function (keys) {
		return Promise.all(keys.filter(function (k) {
			return k.indexOf('hailong-kiosk-') === 0 && k !== CACHE;
		}).map(function (k) {
			return caches.delete(k);
		}));
	}).then(function () {
		return self.clients.claim();
	}));
});

/* The cache key: the path alone (the kiosk page is opened as /kiosk#token=…,
 * and the fragment never reaches here; a query string is dropped). */
function keyOf(url) {
	return url.origin + url.pathname;
}

function fromNetwork(request, key) {
	return new Promise(function (resolve, reject) {
		var timer = setTimeout(function () {
			reject(new Error('timeout'));
		}, TIMEOUT_MS);

		fetch(request).then(function (resp) {
			clearTimeout(timer);
			if (resp.ok) {
				var copy = resp.clone();

				caches.open(CACHE).then(function (c) {
					return c.put(key, copy);
				}).catch(function () {});
			}
			resolve(resp);
		}, function (e) {
			clearTimeout(timer);
			reject(e);
		});
	});
}

function clip(request, url) {
	return caches.open(AUDIO).then(function (c) {
		return c.match(url.origin + url.pathname).then(function (hit) {
			return hit || fetch(request).then(function (resp) {
				if (resp.ok)
					c.put(url.origin + url.pathname, resp.clone()).catch(function () {});
				return resp;
			});
		});
	});
}

self.addEventListener('fetch', function (event) {
	var req = event.request, url = new URL(req.url), key;

	if (req.method === 'GET' && url.origin === self.location.origin &&
	    url.pathname.indexOf('/audio/') === 0) {
		event.respondWith(clip(req, url));
		return;
	}
	if (req.method !== 'GET' || url.origin !== self.location.origin ||
	    KEPT.indexOf(url.pathname) < 0)
		return;
	key = keyOf(url);
	event.respondWith(fromNetwork(req, key).catch(function (e) {
		return caches.open(CACHE).then(function (c) {
			return c.match(key);
		}).then(function (hit) {
			if (hit)
				return hit;
			throw e;
		});
	}));
});
