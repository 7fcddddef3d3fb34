/* paper.js — helps keyboard entry of paper ballots on /paper/N: shows which
 * question the next digit answers, checks each digit against its question's
 * scale as it is typed, and makes Enter in the field box go on to the
 * answers; "x" alone marks a spoiled ballot (the box "Phiếu không hợp lệ");
 * "Đã lưu phiếu." goes once the next ballot is being typed, so it never
 * stands beside a new error. The form works the same without it (the server
 * checks all). */
(function () {
	"use strict";
	var form = document.getElementById("nhap");
	var ans = document.getElementById("answers");
	var list = document.getElementById("qcodes");
	var live = document.getElementById("paper-live");
	if (!form || !ans || !list || !live) {
		return;
	}
	var items = list.getElementsByTagName("li");
	var n = items.length;
	var spoil = document.getElementById("spoiled");
	var autoSpoil = false;

	/* The last save's confirmation, once something new happens. */
	function dropSaved() {
		var saved = document.getElementById("paper-saved");
		if (saved) {
			saved.parentNode.removeChild(saved);
		}
	}

	function spoiledKey() {
		return /^\s*[xX]\s*$/.test(ans.value);
	}

	function isSpoiled() {
		return spoiledKey() || (spoil && spoil.checked);
	}

	function digits() {
		return ans.value.replace(/[ \t]/g, "");
	}

	/* The first problem in the typed string, or "". */
	function problem(s) {
		for (var i = 0; i < s.length && i < n; i++) {
			var c = s.charAt(i), max = parseInt(items[i].getAttribute("data-max"), 10);
			var level = c === "0" || c === "-" ? 0 : c === "a" || c === "A" ? 10 :
				c >= "1" && c <= "9" ? c.charCodeAt(0) - 48 : -1;
			if (level < 0) {
				return "Câu " + items[i].textContent + ": “" + c + "” không phải chữ số.";
			}
			if (level > max) {
				return "Câu " + items[i].textContent + ": mức " + level +
					" ngoài thang đo 1–" + max + ".";
			}
		}
		if (s.length > n) {
			return "Thừa " + (s.length - n) + " chữ số: phiếu có " + n + " câu.";
		}
		return "";
	}

	function update() {
		var s = digits(), bad;
		dropSaved();
		if (spoil) {
			if (spoiledKey()) {
				autoSpoil = autoSpoil || !spoil.checked;
				spoil.checked = true;
			} else if (autoSpoil) {
				spoil.checked = false;
				autoSpoil = false;
			}
		}
		if (isSpoiled()) {
			ans.removeAttribute("aria-invalid");
			live.className = "note";
			live.textContent = "Phiếu không hợp lệ: không tính vào chỉ số. Enter để lưu phiếu.";
			return;
		}
		bad = problem(s);
		for (var i = 0; i < n; i++) {
			items[i].className = items[i].className.replace(/\s*\bcur\b/g, "") +
				(i === s.length ? " cur" : "");
		}
		if (bad) {
			ans.setAttribute("aria-invalid", "true");
			live.textContent = bad;
			live.className = "error";
		} else {
			ans.removeAttribute("aria-invalid");
			live.className = "note";
			live.textContent = s.length < n ?
				"Câu tiếp theo: " + items[s.length].textContent + " (" + s.length + "/" + n + ")" :
				"Đủ " + n + " câu. Enter để lưu phiếu.";
		}
	}

	ans.addEventListener("input", update);
	if (spoil) {
		spoil.addEventListener("change", function () {
			autoSpoil = false;
			update();
		});
	}
	form.addEventListener("submit", function (ev) {
		if (isSpoiled()) {
			return;
		}
		var s = digits(), bad = problem(s) || (s.length < n ?
			"Thiếu " + (n - s.length) + " câu: phiếu có " + n + " câu." : "");
		if (bad) {
			ev.preventDefault();
			dropSaved();
			live.textContent = bad;
			live.className = "error";
			ans.setAttribute("aria-invalid", "true");
			ans.focus();
		}
	});
	var field = form.elements.namedItem("field");
	if (field) {
		field.addEventListener("keydown", function (ev) {
			if (ev.key === "Enter" && digits().length < n) {
				ev.preventDefault();
				ans.focus();
			}
		});
	}
	if (ans.value) {
		update();
	}
	/* Browsers skip autofocus on a URL with a #fragment (the edit links). */
	var auto = form.querySelector("[autofocus]");
	if (auto && document.activeElement !== auto) {
		auto.focus();
	}
}());
