// Storage on this device, shared by forms and exercises: nothing is written until the
// caller has the user's consent, everything is JSON in localStorage under a "modul:" key,
// and export/import goes through ordinary files. Works (without remembering) when the browser
// refuses storage.
var ModulSimpan = (function () {
    'use strict';
    var available = (function () {
        try {
            var key = 'modul:uji-penyimpanan';
            window.localStorage.setItem(key, '1');
            window.localStorage.removeItem(key);
            return true;
        } catch (e) {
            return false;
        }
    })();

    function read(key) {
        if (!available) {
            return null;
        }
        try {
            var text = window.localStorage.getItem(key);
            return text === null ? null : JSON.parse(text);
        } catch (e) {
            return null;
        }
    }

    function write(key, value) {
        if (!available) {
            return false;
        }
        try {
            window.localStorage.setItem(key, JSON.stringify(value));
            return true;
        } catch (e) {
            return false;
        }
    }

    function remove(key) {
        if (available) {
            try {
                window.localStorage.removeItem(key);
            } catch (e) { /* nothing stored, nothing to remove */ }
        }
    }

    // Every stored key that starts with `prefix` (the progress page lists exercises this way).
    function keys(prefix) {
        var out = [];
        if (!available) {
            return out;
        }
        try {
            for (var i = 0; i < window.localStorage.length; i++) {
                var key = window.localStorage.key(i);
                if (key && key.indexOf(prefix) === 0) {
                    out.push(key);
                }
            }
        } catch (e) { /* unreadable storage lists nothing */ }
        return out;
    }

    // Consent is the stored record itself: a key exists only after the user agreed, and erasing
    // it withdraws the consent.
    function agreed(key) {
        return read(key) !== null;
    }

    // One text form for files: the same value always gives the same bytes.
    function text(value) {
        return JSON.stringify(value, null, 2) + '\n';
    }

    function download(filename, content, type) {
        var url = URL.createObjectURL(new Blob([content], { type: type || 'application/json' }));
        var link = document.createElement('a');
        link.href = url;
        link.download = filename;
        document.body.appendChild(link);
        link.click();
        link.remove();
        setTimeout(function () { URL.revokeObjectURL(url); }, 1000);
    }

    function readFile(file, done) {
        var reader = new FileReader();
        reader.onload = function () { done(null, String(reader.result)); };
        reader.onerror = function () { done(reader.error || new Error('baca')); };
        reader.readAsText(file);
    }

    // "{n} isian" with {n} filled in; strings come from ui.toml through the page.
    function fill(template, values) {
        return String(template || '').replace(/\{(\w+)\}/g, function (whole, key) {
            return Object.prototype.hasOwnProperty.call(values, key) ? String(values[key]) : whole;
        });
    }

    // ---- Focus after an action (issue 18) ----
    // An action that hides or redraws the button it was started from would drop keyboard
    // focus to <body>. `jaga(root)` watches clicks on [data-aksi] buttons inside `root` and,
    // when focus is lost, puts it on the most sensible control still on screen: the control
    // that opened the dialog just closed, the same button redrawn (same action, same record),
    // the record's own button, the next button in the same row, or the first one in `root`.
    function shown(el) {
        return !!el && el.isConnected && !el.disabled && !el.closest('[hidden]') && el.getClientRects().length > 0;
    }

    function lost() {
        var a = document.activeElement;
        return !a || a === document.body || !shown(a);
    }

    function guard(root) {
        var opener = null;
        root.addEventListener('click', function (event) {
            var button = event.target.closest('[data-aksi]');
            if (!button || button.tagName === 'INPUT') { return; }
            // A dialog: an alertdialog, or a row turned into a question or a name field.
            var parent = button.parentElement;
            var dialog = button.closest('[role="alertdialog"]') ||
                (parent && parent.querySelector(':scope > [role="alert"], :scope > input[type="text"][data-aksi]'));
            var record = button.closest('[data-rekaman]');
            var id = record && record.getAttribute('data-rekaman');
            var action = button.getAttribute('data-aksi');
            var from = dialog ? opener : null;
            var openerAction = from && from.getAttribute('data-aksi');
            var after = parent ? Array.prototype.slice.call(parent.querySelectorAll('button, [tabindex="0"]'))
                .filter(function (b) { return b.compareDocumentPosition(button) & Node.DOCUMENT_POSITION_PRECEDING; }) : [];
            if (!dialog) { opener = button; }
            function within(selector) {
                var scope = id ? root.querySelector('[data-rekaman="' + id + '"]') : root;
                return scope ? scope.querySelector(selector) : null;
            }
            function settle() {
                if (!lost()) { return; }
                var candidates = [
                    from,
                    openerAction && within('[data-aksi="' + openerAction + '"]'),
                    within('[data-aksi="' + action + '"]'),
                    id && within('[data-aksi="rekaman-buka"]')
                ].concat(after, Array.prototype.slice.call(root.querySelectorAll('button, input:not([type="hidden"]), select, textarea')));
                for (var i = 0; i < candidates.length; i++) {
                    if (shown(candidates[i])) {
                        candidates[i].focus();
                        return;
                    }
                }
            }
            // The action runs in the same click (listeners added earlier), some of it later
            // (storage through promises): look now and once more after it.
            window.setTimeout(settle, 0);
            window.setTimeout(settle, 250);
        });
    }

    return {
        jagaFokus: guard,
        tersedia: available,
        disetujui: agreed,
        baca: read,
        tulis: write,
        hapus: remove,
        kunci: keys,
        teks: text,
        unduh: download,
        bacaBerkas: readFile,
        isi: fill
    };
})();
