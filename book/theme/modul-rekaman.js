// Records (rekaman) of the book's forms on this device: many per form, one JSON object each under
// `modul:rekaman:FORM:ID`, with an id, the client's label, created/updated times and the form
// version. Shared by the form pages (modul-formulir.js) and the Berkas Klien page
// (modul-berkas.js). Before the user agrees to storage, records live in this page only.
//
// Nothing read from storage or a file is trusted: a stored record that does not parse, has the
// wrong shape or belongs to another form is kept aside untouched (never overwritten) and
// reported; `__proto__`, `constructor` and `prototype` are never data keys.
//
// The optional lock encrypts every record at rest with AES-GCM (WebCrypto); the key is derived
// from the passphrase with PBKDF2-SHA256, ITERATIONS rounds and a random per-device salt, and
// lives only in this page's memory while unlocked.
// Only on pages with: data-kunci="modul:formulir: | data-berkas-klien
var ModulRekaman = (function () {
    'use strict';
    var S = ModulSimpan;
    var T = typeof MODUL_TEKS === 'object' ? MODUL_TEKS : {};
    var PREFIX = 'modul:rekaman:';
    var OLD_PREFIX = 'modul:formulir:';
    var CONSENT = 'modul:rekaman-setuju';
    var LOCK = 'modul:kunci';
    var FORMAT = 'modul-formulir';
    var SEALED = 'modul-terkunci';
    var ITERATIONS = 600000;
    var IDLE_MINUTES = 10;
    var FORBIDDEN = ['__proto__', 'constructor', 'prototype'];

    var cache = {};        // storage key -> record, decrypted
    var broken = {};       // storage key -> { form, text, reason }
    var agreed = S.tersedia && S.baca(CONSENT) !== null;
    var cryptoKey = null;  // while unlocked
    var lockInfo = S.baca(LOCK);
    var listeners = [];
    var writes = {};       // storage key -> sequence number, so a late encryption never wins
    var idleTimer = null;

    function t(key, values) {
        return S.isi(T[key] || key, values || {});
    }

    function has(o, k) {
        return Object.prototype.hasOwnProperty.call(o, k);
    }

    function isObject(v) {
        return typeof v === 'object' && v !== null && !Array.isArray(v);
    }

    // A deep copy without the keys that could reach an object's prototype.
    function clean(value) {
        if (Array.isArray(value)) {
            return value.map(clean);
        }
        if (isObject(value)) {
            var out = {};
            Object.keys(value).forEach(function (k) {
                if (FORBIDDEN.indexOf(k) < 0) { out[k] = clean(value[k]); }
            });
            return out;
        }
        return value;
    }

    function now() {
        return new Date().toISOString();
    }

    function newId() {
        var bytes = new Uint8Array(6);
        if (window.crypto && window.crypto.getRandomValues) {
            window.crypto.getRandomValues(bytes);
        } else {
            for (var i = 0; i < bytes.length; i++) { bytes[i] = Math.floor(Math.random() * 256); }
        }
        var d = new Date();
        function two(n) { return (n < 10 ? '0' : '') + n; }
        return d.getFullYear() + two(d.getMonth() + 1) + two(d.getDate()) + '-' +
            Array.prototype.map.call(bytes, function (b) { return (b < 16 ? '0' : '') + b.toString(16); }).join('');
    }

    function keyOf(form, id) {
        return PREFIX + form + ':' + id;
    }

    // Why a value is not a record of `form` (empty when it is one). `form` may be null: any form.
    function problem(value, form) {
        if (!isObject(value) || value.format !== FORMAT || typeof value.formulir !== 'string' || !isObject(value.nilai)) {
            return t('rekaman_rusak_bentuk');
        }
        if (form && value.formulir !== form) {
            return t('rekaman_rusak_lain', { lain: value.formulir });
        }
        if (value.id !== undefined && (typeof value.id !== 'string' || !/^[A-Za-z0-9_-]{1,64}$/.test(value.id))) {
            return t('rekaman_rusak_bentuk');
        }
        return '';
    }

    // A clean record from a checked value; an old draft (no id) gets one.
    function normalise(value) {
        var r = clean(value);
        var out = {
            format: FORMAT,
            formulir: r.formulir,
            id: typeof r.id === 'string' ? r.id : newId(),
            versi: typeof r.versi === 'number' ? r.versi : 1,
            label: typeof r.label === 'string' ? r.label : '',
            klien: typeof r.klien === 'string' ? r.klien : '',
            dibuat: typeof r.dibuat === 'string' ? r.dibuat : now(),
            diubah: typeof r.diubah === 'string' ? r.diubah : now(),
            nilai: r.nilai
        };
        if (typeof r.nama === 'string' && r.nama) { out.nama = r.nama; }
        if (isObject(r.data_lama) && Object.keys(r.data_lama).length) { out.data_lama = r.data_lama; }
        return out;
    }

    // ---- Encryption (only with a lock) ----

    function b64(bytes) {
        var s = '';
        new Uint8Array(bytes).forEach(function (b) { s += String.fromCharCode(b); });
        return btoa(s);
    }

    function unb64(text) {
        var s = atob(text);
        var out = new Uint8Array(s.length);
        for (var i = 0; i < s.length; i++) { out[i] = s.charCodeAt(i); }
        return out;
    }

    var subtle = window.crypto && window.crypto.subtle;

    function derive(passphrase, salt, iterations) {
        return subtle.importKey('raw', new TextEncoder().encode(passphrase), 'PBKDF2', false, ['deriveKey'])
            .then(function (base) {
                return subtle.deriveKey({ name: 'PBKDF2', hash: 'SHA-256', salt: salt, iterations: iterations },
                    base, { name: 'AES-GCM', length: 256 }, false, ['encrypt', 'decrypt']);
            });
    }

    function seal(key, value) {
        var iv = window.crypto.getRandomValues(new Uint8Array(12));
        return subtle.encrypt({ name: 'AES-GCM', iv: iv }, key, new TextEncoder().encode(JSON.stringify(value)))
            .then(function (data) { return { format: SEALED, iv: b64(iv), data: b64(data) }; });
    }

    function open(key, envelope) {
        return subtle.decrypt({ name: 'AES-GCM', iv: unb64(envelope.iv) }, key, unb64(envelope.data))
            .then(function (plain) { return JSON.parse(new TextDecoder().decode(plain)); });
    }

    function isSealed(v) {
        return isObject(v) && v.format === SEALED && typeof v.iv === 'string' && typeof v.data === 'string';
    }

    // ---- Loading ----

    function rawText(key) {
        try {
            return window.localStorage.getItem(key);
        } catch (e) {
            return null;
        }
    }

    function parse(text) {
        try {
            return JSON.parse(text);
        } catch (e) {
            return undefined;
        }
    }

    // Reads every record this page can read now: all of them without a lock, none while locked.
    // Returns a promise when records must be decrypted first.
    function load() {
        cache = {};
        broken = {};
        var sealed = [];
        S.kunci(PREFIX).forEach(function (key) {
            var parts = key.slice(PREFIX.length).split(':');
            var text = rawText(key);
            var value = parse(text);
            if (parts.length !== 2) {
                broken[key] = { form: parts[0], text: text, reason: t('rekaman_rusak_bentuk') };
            } else if (isSealed(value)) {
                sealed.push([key, parts, value, text]);
            } else {
                accept(key, parts, value, text);
            }
        });
        if (!sealed.length || !cryptoKey) {
            return null;
        }
        return Promise.all(sealed.map(function (item) {
            return open(cryptoKey, item[2]).then(function (value) {
                accept(item[0], item[1], value, item[3]);
            }, function () {
                broken[item[0]] = { form: item[1][0], text: item[3], reason: t('rekaman_rusak_kunci') };
            });
        }));
    }

    function accept(key, parts, value, text) {
        var why = value === undefined ? t('rekaman_rusak_json') : problem(value, parts[0]);
        if (!why && value.id !== parts[1]) { why = t('rekaman_rusak_bentuk'); }
        if (why) {
            broken[key] = { form: parts[0], text: text, reason: why };
        } else {
            cache[key] = normalise(value);
        }
    }

    // Today's drafts (`modul:formulir:ID`, one per form) become records, and their backup
    // before an import (`:cadangan`) another one; the old key goes only once the record is
    // written. A draft that cannot be read stays where it is, reported.
    function migrate() {
        if (lockInfo && !cryptoKey) { return; }
        S.kunci(OLD_PREFIX).forEach(function (key) {
            var rest = key.slice(OLD_PREFIX.length);
            var form = rest.replace(/:cadangan$/, '');
            if (!/^[a-z0-9-]+$/.test(form)) { return; }
            var text = rawText(key);
            var value = parse(text);
            var why = value === undefined ? t('rekaman_rusak_json') : problem(value, form);
            if (why) {
                broken[key] = { form: form, text: text, reason: why };
                return;
            }
            var record = normalise(value);
            if (rest !== form) { record.nama = t('rekaman_cadangan_lama'); }
            agree();
            put(record).then(function (ok) {
                if (ok) { S.hapus(key); }
            });
        });
    }

    // ---- Writing ----

    function persist(key, record) {
        var n = (writes[key] || 0) + 1;
        writes[key] = n;
        if (!cryptoKey) {
            return Promise.resolve(S.tulis(key, record));
        }
        return seal(cryptoKey, record).then(function (envelope) {
            return writes[key] === n ? S.tulis(key, envelope) : true;
        });
    }

    // Stores a record (in this page only before consent). A promise of whether it was written.
    function put(record) {
        var key = keyOf(record.formulir, record.id);
        cache[key] = record;
        if (!agreed || (lockInfo && !cryptoKey)) {
            return Promise.resolve(!agreed);
        }
        return persist(key, record);
    }

    function remove(form, id) {
        var key = keyOf(form, id);
        delete cache[key];
        writes[key] = (writes[key] || 0) + 1;
        S.hapus(key);
    }

    function agree() {
        if (agreed) { return true; }
        if (!S.tulis(CONSENT, { setuju: true })) { return false; }
        agreed = true;
        Object.keys(cache).forEach(function (key) { persist(key, cache[key]); });
        return true;
    }

    function list(form) {
        return Object.keys(cache).map(function (k) { return cache[k]; })
            .filter(function (r) { return !form || r.formulir === form; })
            .sort(function (a, b) { return a.diubah < b.diubah ? 1 : a.diubah > b.diubah ? -1 : (a.id < b.id ? -1 : 1); });
    }

    function brokenOf(form) {
        return Object.keys(broken).sort().filter(function (k) { return !form || broken[k].form === form; })
            .map(function (k) { return { kunci: k, teks: broken[k].text, alasan: broken[k].reason, formulir: broken[k].form }; });
    }

    function dropBroken(key) {
        delete broken[key];
        S.hapus(key);
    }

    // ---- Import ----

    // The records in a file: one record (today's or an old draft), or a collection of records
    // (a form's "export all" or a client file). `form`: only records of that form are taken.
    // Returns { records, refused } or { error }.
    function fromFile(text, form) {
        var value = parse(text);
        if (value === undefined) { return { error: t('formulir_impor_rusak') }; }
        var items = isObject(value) && Array.isArray(value.rekaman) &&
            (value.format === 'modul-rekaman' || value.format === 'modul-berkas-klien') ? value.rekaman : [value];
        var records = [];
        var refused = [];
        items.forEach(function (item) {
            var why = problem(item, form);
            if (why) { refused.push(why); } else { records.push(normalise(item)); }
        });
        if (!records.length) {
            return { error: refused[0] || t('formulir_impor_rusak') };
        }
        return { records: records, refused: refused };
    }

    function same(a, b) {
        return JSON.stringify(a.nilai) === JSON.stringify(b.nilai) &&
            JSON.stringify(a.data_lama || {}) === JSON.stringify(b.data_lama || {});
    }

    // Records whose id is taken by a different record on this device.
    function clashes(records) {
        return records.filter(function (r) {
            var there = cache[keyOf(r.formulir, r.id)];
            return there && !same(there, r);
        });
    }

    // Adds imported records; `replace`: a clash replaces the record here, else both are kept
    // (the imported one under a new id). Importing is the user's choice to keep them here.
    function addAll(records, replace) {
        agree();
        return Promise.all(records.map(function (r) {
            var there = cache[keyOf(r.formulir, r.id)];
            if (there && same(there, r)) { return true; }
            if (there && !replace) {
                r = normalise(r);
                r.id = newId();
            }
            return put(r);
        })).then(function (results) {
            return results.every(Boolean) && agreed;
        });
    }

    // ---- Files ----

    function slug(text) {
        var s = String(text || '').normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase()
            .replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '');
        return s.slice(0, 40);
    }

    function today() {
        var d = new Date();
        function two(n) { return (n < 10 ? '0' : '') + n; }
        return d.getFullYear() + '-' + two(d.getMonth() + 1) + '-' + two(d.getDate());
    }

    // "registrasi-klien_siti-rekaan-r-017_2026-12-06.json"
    function fileName(parts, ext) {
        return parts.map(slug).filter(Boolean).concat([today()]).join('_') + '.' + ext;
    }

    function display(record) {
        return record.nama || record.label || t('rekaman_tanpa_nama', { waktu: when(record.dibuat) });
    }

    function when(iso) {
        var d = new Date(iso);
        if (isNaN(d.getTime())) { return String(iso || ''); }
        function two(n) { return (n < 10 ? '0' : '') + n; }
        return two(d.getDate()) + '-' + two(d.getMonth() + 1) + '-' + d.getFullYear() + ' ' + two(d.getHours()) + '.' + two(d.getMinutes());
    }

    // One CSV cell: quoted when needed; a leading = + @ (or - before a non-digit) is prefixed
    // with ' so a spreadsheet never runs typed text as a formula.
    function cell(v) {
        var s = Array.isArray(v) ? v.join(' ') : v === undefined || v === null ? '' : String(v);
        if (/^[=+@\t\r]/.test(s) || /^-[^0-9]/.test(s)) { s = '\'' + s; }
        return /[",\r\n]/.test(s) ? '"' + s.replace(/"/g, '""') + '"' : s;
    }

    // All records of a form as CSV with the XLSForm column names (rules.columns), UTF-8 with a
    // BOM so Excel reads it; table columns hold one line per row. Our own columns start with _.
    function csv(rules, records) {
        var inTable = {};
        (function walk(fields, repeat) {
            fields.forEach(function (f) {
                if (repeat) { inTable[f.name] = repeat; }
                if (f.fields) { walk(f.fields, f.type === 'repeat' ? f.name : repeat); }
            });
        })(rules.fields, null);
        var meta = ['_id', '_label', '_versi', '_dibuat', '_diubah'];
        var lines = [rules.columns.concat(meta).map(cell).join(',')];
        records.forEach(function (r) {
            var row = rules.columns.map(function (name) {
                var table = inTable[name];
                if (!table) { return cell(r.nilai[name]); }
                var rows = Array.isArray(r.nilai[table]) ? r.nilai[table] : [];
                return cell(rows.map(function (row) {
                    var v = isObject(row) ? row[name] : '';
                    return Array.isArray(v) ? v.join(' ') : v === undefined ? '' : String(v);
                }).join('\n'));
            });
            lines.push(row.concat([r.id, display(r), r.versi, r.dibuat, r.diubah].map(cell)).join(','));
        });
        return '\uFEFF' + lines.join('\r\n') + '\r\n';
    }

    // ---- The lock ----

    function notify() {
        listeners.slice().forEach(function (f) { f(); });
    }

    function isLocked() {
        return !!lockInfo && !cryptoKey;
    }

    function touch() {
        if (!cryptoKey) { return; }
        clearTimeout(idleTimer);
        idleTimer = setTimeout(lockNow, IDLE_MINUTES * 60000);
    }

    function lockNow() {
        if (!lockInfo) { return; }
        cryptoKey = null;
        clearTimeout(idleTimer);
        load();
        notify();
    }

    // Sets the lock: every record is written again, encrypted. done(error message or '').
    function setLock(passphrase, done) {
        if (!subtle) { done(t('kunci_tidak_didukung')); return; }
        var salt = window.crypto.getRandomValues(new Uint8Array(16));
        derive(passphrase, salt, ITERATIONS).then(function (key) {
            return seal(key, 'modul').then(function (check) {
                var info = { format: 'modul-kunci', kdf: 'PBKDF2-SHA256', iterasi: ITERATIONS, garam: b64(salt), uji: check };
                agree();
                if (!S.tulis(LOCK, info)) { throw new Error('simpan'); }
                lockInfo = info;
                cryptoKey = key;
                return Promise.all(Object.keys(cache).map(function (k) { return persist(k, cache[k]); }));
            });
        }).then(function () {
            touch();
            notify();
            done('');
        }, function () {
            done(t('kunci_gagal'));
        });
    }

    function unlock(passphrase, done) {
        if (!lockInfo || !subtle) { done(t('kunci_tidak_didukung')); return; }
        var info = lockInfo;
        derive(passphrase, unb64(info.garam), info.iterasi).then(function (key) {
            return open(key, info.uji).then(function () { return key; });
        }).then(function (key) {
            cryptoKey = key;
            return load();
        }).then(function () {
            migrate();
            touch();
            notify();
            done('');
        }, function () {
            cryptoKey = null;
            done(t('kunci_salah'));
        });
    }

    // Removes the lock (only while unlocked): records are written back as plain JSON.
    function removeLock() {
        if (isLocked()) { return; }
        cryptoKey = null;
        lockInfo = null;
        S.hapus(LOCK);
        Object.keys(cache).forEach(function (k) { persist(k, cache[k]); });
        notify();
    }

    if (lockInfo !== null && !(isObject(lockInfo) && lockInfo.format === 'modul-kunci' && typeof lockInfo.garam === 'string' && isSealed(lockInfo.uji) && typeof lockInfo.iterasi === 'number')) {
        // An unreadable lock record: treat the device as locked rather than write in the clear.
        lockInfo = { format: 'modul-kunci', rusak: true, garam: '', iterasi: ITERATIONS, uji: { iv: '', data: '' } };
    }
    load();
    migrate();
    ['keydown', 'pointerdown', 'input'].forEach(function (type) {
        document.addEventListener(type, touch, true);
    });

    // The lock's controls, for a form's record panel and the Berkas Klien page.
    function lockPanel(box, element, button) {
        box.textContent = '';
        if (!S.tersedia) { return; }
        var status = element('p', { 'class': 'modul-kunci-status', role: 'status' });
        function askPass(labelKey, id, twice) {
            var wrap = element('div', { 'class': 'modul-kunci-isian' });
            wrap.appendChild(element('label', { 'for': id }, t(labelKey)));
            wrap.appendChild(element('input', { type: 'password', id: id, autocomplete: 'new-password' }));
            if (twice) {
                wrap.appendChild(element('label', { 'for': id + '-ulang' }, t('kunci_ulangi')));
                wrap.appendChild(element('input', { type: 'password', id: id + '-ulang', autocomplete: 'new-password' }));
            }
            return wrap;
        }
        var uid = 'kunci-' + Math.random().toString(36).slice(2, 8);
        if (isLocked()) {
            box.appendChild(element('p', { 'class': 'modul-kunci-judul' }, t('kunci_terkunci')));
            var form = box.appendChild(askPass('kunci_frasa', uid, false));
            form.appendChild(button('kunci-buka', 'kunci_buka'));
            box.appendChild(status);
            var input = box.querySelector('input');
            var go = function () {
                status.textContent = t('kunci_membuka');
                unlock(input.value, function (err) {
                    input.value = '';
                    status.textContent = err;
                });
            };
            box.querySelector('[data-aksi="kunci-buka"]').addEventListener('click', go);
            input.addEventListener('keydown', function (e) { if (e.key === 'Enter') { e.preventDefault(); go(); } });
            return;
        }
        if (lockInfo) {
            box.appendChild(element('p', {}, t('kunci_aktif', { menit: IDLE_MINUTES })));
            box.appendChild(button('kunci-sekarang', 'kunci_sekarang'));
            box.appendChild(button('kunci-lepas', 'kunci_lepas', 'modul-tombol-kecil'));
            box.querySelector('[data-aksi="kunci-sekarang"]').addEventListener('click', lockNow);
            box.querySelector('[data-aksi="kunci-lepas"]').addEventListener('click', removeLock);
            return;
        }
        var details = box.appendChild(element('details', { 'class': 'modul-kunci-pasang' }));
        details.appendChild(element('summary', {}, t('kunci_pasang_judul')));
        if (!subtle) {
            details.appendChild(element('p', {}, t('kunci_tidak_didukung')));
            return;
        }
        details.appendChild(element('p', { 'class': 'modul-peringatan-kunci' }, t('kunci_peringatan', { menit: IDLE_MINUTES })));
        details.appendChild(askPass('kunci_frasa_baru', uid, true));
        details.appendChild(button('kunci-pasang', 'kunci_pasang'));
        details.appendChild(status);
        details.querySelector('[data-aksi="kunci-pasang"]').addEventListener('click', function () {
            var inputs = details.querySelectorAll('input');
            if (inputs[0].value.length < 8) { status.textContent = t('kunci_pendek'); return; }
            if (inputs[0].value !== inputs[1].value) { status.textContent = t('kunci_beda'); return; }
            status.textContent = t('kunci_memasang');
            setLock(inputs[0].value, function (err) { status.textContent = err; });
        });
    }

    return {
        FORMAT: FORMAT,
        ITERASI: ITERATIONS,
        bersih: clean,
        idBaru: newId,
        disetujui: function () { return agreed; },
        setuju: agree,
        daftar: list,
        ambil: function (form, id) { return cache[keyOf(form, id)] || null; },
        simpan: put,
        hapus: remove,
        rusak: brokenOf,
        buangRusak: dropBroken,
        dariBerkas: fromFile,
        bentrok: clashes,
        tambahSemua: addAll,
        namaBerkas: fileName,
        nama: display,
        waktu: when,
        csv: csv,
        terkunci: isLocked,
        adaKunci: function () { return !!lockInfo; },
        kunciSekarang: lockNow,
        pasangKunci: setLock,
        bukaKunci: unlock,
        lepasKunci: removeLock,
        panelKunci: lockPanel,
        dengar: function (f) { listeners.push(f); },
        waktuKini: now
    };
})();
