// csvfile.js — the CSV imports of the plan and settings pages: a file chosen
// in <input type="file" data-into="ID"> is read, as UTF-8 text, into the
// <textarea id="ID"> the form sends, so a file goes in exactly like pasted
// text (the server takes form fields only). Without script the picker stays
// hidden and the box still takes pasted text.
(function () {
	'use strict';
	var pickers = document.querySelectorAll('input[type=file][data-into]');

	Array.prototype.forEach.call(pickers, function (pick) {
		var box = document.getElementById(pick.getAttribute('data-into'));
		var wrap = pick.closest('.js-only');
		var said = document.getElementById(pick.id + '-said');

		if (!box)
			return;
		if (wrap)
			wrap.hidden = false;
		pick.addEventListener('change', function () {
			var file = pick.files && pick.files[0];
			var rd;

			if (!file)
				return;
			rd = new FileReader();
			rd.onload = function () {
				// a byte-order mark from a spreadsheet program is not part of the header
				box.value = String(rd.result).replace(/^\uFEFF/, '');
				if (said)
					said.textContent = 'Đã đọc tệp ' + file.name + ' vào ô bên dưới.';
			};
			rd.onerror = function () {
				if (said)
					said.textContent = 'Không đọc được tệp ' + file.name + '.';
			};
			rd.readAsText(file, 'utf-8');
		});
	});
})();
