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

    return {
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
