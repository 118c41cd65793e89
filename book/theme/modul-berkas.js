// The Berkas Klien page ([data-berkas-klien]): one client's records across the forms, in the
// order of the service stages that the build wrote into data-tahap (form/stage.rs), with what
// is still missing up to the client's current stage, and the whole file exported or imported
// at once. Records come from modul-rekaman.js; a client is the first label field of a record
// (the client's name), compared without case and extra spaces.
// Only on pages with: data-berkas-klien
(function () {
    'use strict';
    var root = document.querySelector('[data-berkas-klien][data-tahap]');
    if (!root || typeof ModulRekaman !== 'object') {
        return;
    }
    var R = ModulRekaman;
    var S = ModulSimpan;
    var T = typeof MODUL_TEKS === 'object' ? MODUL_TEKS : {};
    var data = JSON.parse(root.getAttribute('data-tahap'));
    var tools = root.querySelector('.modul-berkas-alat');
    var chosen = '';
    var pending = null;

    function t(key, values) {
        return S.isi(T[key] || key, values || {});
    }

    function node(tag, attrs, content) {
        var n = document.createElement(tag);
        Object.keys(attrs).forEach(function (k) { n.setAttribute(k, attrs[k]); });
        if (content) { n.textContent = content; }
        return n;
    }

    function button(action, key, extra) {
        return node('button', { type: 'button', 'data-aksi': action, 'class': extra || '' }, t(key));
    }

    function clientKey(name) {
        return String(name || '').trim().replace(/\s+/g, ' ').toLowerCase();
    }

    var forms = {};
    data.stages.forEach(function (stage, i) {
        stage.forms.forEach(function (f) { forms[f.id] = { stage: i, form: f }; });
    });

    // Clients with at least one record of a form on this page, by key, with a display name.
    function clients() {
        var out = {};
        R.daftar(null).forEach(function (r) {
            if (!forms[r.formulir]) { return; }
            var key = clientKey(r.klien);
            if (!out[key]) { out[key] = r.klien ? r.klien.trim().replace(/\s+/g, ' ') : t('berkas_tanpa_nama'); }
        });
        return out;
    }

    function recordsOf(key) {
        return R.daftar(null).filter(function (r) { return forms[r.formulir] && clientKey(r.klien) === key; });
    }

    tools.hidden = false;
    var picker = node('p', { 'class': 'modul-berkas-pilih' });
    var select = node('select', { id: 'berkas-klien-pilih', 'data-aksi': 'berkas-klien' });
    picker.appendChild(node('label', { 'for': 'berkas-klien-pilih' }, t('berkas_pilih') + ' '));
    picker.appendChild(select);
    tools.appendChild(picker);
    var status = tools.appendChild(node('p', { 'class': 'modul-berkas-status', role: 'status', 'aria-live': 'polite' }));
    var row = tools.appendChild(node('div', { 'class': 'modul-tombol-baris' }));
    row.appendChild(button('berkas-ekspor', 'berkas_ekspor'));
    row.appendChild(node('label', { 'class': 'modul-tombol', 'for': 'berkas-klien-impor' }, t('berkas_impor')));
    var file = row.appendChild(node('input', { type: 'file', id: 'berkas-klien-impor', 'class': 'modul-tersembunyi', accept: '.json,application/json', 'data-aksi': 'berkas-impor' }));
    var clash = tools.appendChild(node('div', { 'class': 'modul-rekaman-bentrok', role: 'alertdialog' }));
    clash.hidden = true;
    var summary = tools.appendChild(node('p', { 'class': 'modul-berkas-ringkasan' }));
    var lockBox = tools.appendChild(node('div', { 'class': 'modul-kunci' }));

    function render() {
        R.panelKunci(lockBox, node, button);
        var all = clients();
        var keys = Object.keys(all).sort(function (a, b) { return all[a].localeCompare(all[b], 'id'); });
        if (keys.indexOf(chosen) < 0) { chosen = keys.length === 1 ? keys[0] : ''; }
        select.textContent = '';
        select.appendChild(node('option', { value: '' }, t('berkas_pilih_kosong')));
        keys.forEach(function (k) {
            var o = select.appendChild(node('option', { value: k }, all[k]));
            o.selected = k === chosen;
        });
        select.disabled = keys.length === 0;
        root.querySelector('[data-aksi="berkas-ekspor"]').hidden = !chosen;
        var mine = chosen ? recordsOf(chosen) : [];
        var current = -1;
        mine.forEach(function (r) { current = Math.max(current, forms[r.formulir].stage); });
        var missing = [];
        Array.prototype.forEach.call(root.querySelectorAll('[data-berkas-formulir]'), function (li) {
            var id = li.getAttribute('data-berkas-formulir');
            var ul = li.querySelector('.modul-berkas-rekaman');
            ul.textContent = '';
            var own = mine.filter(function (r) { return r.formulir === id; });
            var info = forms[id];
            var lacking = !!chosen && own.length === 0 && info.form.required && info.stage <= current;
            li.classList.toggle('modul-berkas-kurang', lacking);
            if (lacking) {
                missing.push(info.form.title);
                ul.appendChild(node('li', { 'class': 'modul-berkas-belum' }, t('berkas_belum_ada')));
            }
            own.forEach(function (r) {
                var item = ul.appendChild(node('li', { 'data-rekaman': r.id }));
                var link = item.appendChild(node('a', { href: info.form.link + '#rekaman=' + r.id }, R.nama(r)));
                link.setAttribute('data-formulir', r.formulir);
                item.appendChild(node('span', { 'class': 'modul-rekaman-waktu' }, ' ' + t('rekaman_diubah', { waktu: R.waktu(r.diubah) })));
            });
            ul.hidden = !chosen;
        });
        Array.prototype.forEach.call(root.querySelectorAll('li[data-tahap]'), function (li, i) {
            li.classList.toggle('modul-berkas-tahap-kini', i === current);
        });
        if (R.terkunci()) {
            summary.textContent = t('kunci_terkunci');
        } else if (!keys.length) {
            summary.textContent = t('berkas_tidak_ada');
        } else if (!chosen) {
            summary.textContent = '';
        } else {
            summary.textContent = t('berkas_tahap_kini', { tahap: data.stages[current].label }) + ' ' +
                (missing.length ? t('berkas_kurang', { daftar: missing.join(', ') }) : t('berkas_lengkap'));
        }
    }

    function finish(found, replace) {
        R.tambahSemua(found.records, replace).then(function (ok) {
            var message = ok ? t('berkas_diimpor', { n: found.records.length }) : t('formulir_tidak_bisa');
            if (found.refused.length) { message += ' ' + t('rekaman_ditolak', { n: found.refused.length, alasan: found.refused[0] }); }
            var first = found.records[0];
            if (first) { chosen = clientKey(first.klien); }
            render();
            status.textContent = message;
        });
    }

    select.addEventListener('change', function () {
        chosen = select.value;
        status.textContent = '';
        render();
    });
    root.addEventListener('click', function (event) {
        var b = event.target.closest('button[data-aksi]');
        if (!b) { return; }
        var action = b.getAttribute('data-aksi');
        if (action === 'berkas-ekspor' && chosen) {
            var mine = recordsOf(chosen).sort(function (a, b2) {
                return forms[a.formulir].stage - forms[b2.formulir].stage || (a.dibuat < b2.dibuat ? -1 : 1);
            });
            var name = clients()[chosen];
            S.unduh(R.namaBerkas(['berkas-klien', name], 'json'), S.teks({ format: 'modul-berkas-klien', klien: name, rekaman: mine }));
        } else if (action === 'impor-keduanya' || action === 'impor-ganti') {
            clash.hidden = true;
            if (pending) { finish(pending, action === 'impor-ganti'); }
            pending = null;
        } else if (action === 'impor-batal') {
            clash.hidden = true;
            pending = null;
            status.textContent = t('rekaman_impor_batal');
        }
    });
    file.addEventListener('change', function () {
        if (!file.files || !file.files[0]) { return; }
        S.bacaBerkas(file.files[0], function (error, content) {
            file.value = '';
            if (error) {
                status.textContent = t('formulir_impor_gagal', { alasan: String(error) });
                return;
            }
            var found = R.dariBerkas(content, null);
            if (found.error) {
                status.textContent = t('formulir_impor_gagal', { alasan: found.error });
                return;
            }
            if (R.bentrok(found.records).length) {
                pending = found;
                clash.textContent = '';
                clash.appendChild(node('p', {}, t('rekaman_bentrok', { n: R.bentrok(found.records).length })));
                clash.appendChild(button('impor-keduanya', 'rekaman_simpan_keduanya'));
                clash.appendChild(button('impor-ganti', 'rekaman_ganti'));
                clash.appendChild(button('impor-batal', 'formulir_batal'));
                clash.hidden = false;
                return;
            }
            finish(found, false);
        });
    });
    R.dengar(render);
    render();
})();
