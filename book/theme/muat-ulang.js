// Live reload for `modul serve` only (never part of a built site): waits for the server to
// report a new build, then reloads; a failed build shows its errors over the page.
(function () {
    'use strict';
    var version = '';
    function showError(text) {
        var box = document.getElementById('modul-galat-pratinjau');
        if (!box) {
            box = document.createElement('div');
            box.id = 'modul-galat-pratinjau';
            box.setAttribute('role', 'alert');
            box.style.cssText = 'position:fixed;inset:1rem;z-index:1000;overflow:auto;padding:1rem;' +
                'background:#fff;color:#000;border:3px solid #b00020;font:14px/1.4 monospace;white-space:pre-wrap';
            document.body.appendChild(box);
        }
        box.textContent = MODUL_PRATINJAU.pratinjau_galat + '\n\n' + text;
    }
    function poll() {
        var request = new XMLHttpRequest();
        request.open('GET', '/__modul/versi?sejak=' + encodeURIComponent(version));
        request.onload = function () {
            var state;
            try {
                state = JSON.parse(request.responseText);
            } catch (e) {
                setTimeout(poll, 2000);
                return;
            }
            var changed = version !== '' && String(state.version) !== version;
            version = String(state.version);
            if (state.error) {
                showError(state.error);
            } else if (changed) {
                location.reload();
                return;
            }
            poll();
        };
        request.onerror = function () {
            setTimeout(poll, 2000);
        };
        request.send();
    }
    poll();
})();
