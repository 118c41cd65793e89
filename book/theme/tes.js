// The knowledge test (data-tes="awal" / "akhir"): answers are kept on this device after every
// click (a reload keeps them), nothing is shown about right or wrong while the test runs, and
// "Selesai" scores it from the key the build wrote into data-tes-data. After the post-test the
// explanations of every option appear, and both pages compare pre-test and post-test per
// session and per learning objective. A stored sheet is scored only against the bank version
// (content hash) it was answered on.
// Only on pages with: data-tes-data
(function () {
    'use strict';
    var store = window.ModulSimpan;
    var PREFIX = 'modul:tes:';

    function fill(template, values) {
        return String(template || '').replace(/\{(\w+)\}/g, function (whole, key) {
            return Object.prototype.hasOwnProperty.call(values, key) ? String(values[key]) : whole;
        });
    }

    function el(tag, text, className) {
        var node = document.createElement(tag);
        if (text !== undefined && text !== null) node.textContent = text;
        if (className) node.className = className;
        return node;
    }

    function read(kind) {
        return store ? store.baca(PREFIX + kind) : null;
    }

    function write(kind, record) {
        return store ? store.tulis(PREFIX + kind, record) : false;
    }

    function sameSet(a, b) {
        if (a.length !== b.length) return false;
        var sorted = a.slice().sort();
        var key = b.slice().sort();
        return sorted.every(function (v, i) { return v === key[i]; });
    }

    // Correct items overall, per session and per objective ("1-4:2").
    function score(data, answers) {
        var result = { benar: 0, jumlah: data.butir.length, sesi: {}, tujuan: {} };
        data.butir.forEach(function (item) {
            var chosen = (answers && answers[item.id]) || [];
            var ok = sameSet(chosen, item.kunci) ? 1 : 0;
            var objective = item.sesi + ':' + item.tujuan;
            result.benar += ok;
            [[result.sesi, item.sesi], [result.tujuan, objective]].forEach(function (pair) {
                var bucket = pair[0][pair[1]] || (pair[0][pair[1]] = { benar: 0, jumlah: 0 });
                bucket.benar += ok;
                bucket.jumlah += 1;
            });
        });
        return result;
    }

    function mark(part) {
        return part.jumlah ? Math.round(part.benar * 100 / part.jumlah) : 0;
    }

    function cell(part) {
        return part ? part.benar + '/' + part.jumlah + ' (' + mark(part) + ')' : '—';
    }

    function table(caption, headers, rows) {
        var t = el('table', null, 'modul-tes-banding');
        t.appendChild(el('caption', caption));
        var head = t.appendChild(el('thead')).appendChild(el('tr'));
        headers.forEach(function (h) {
            var th = head.appendChild(el('th', h));
            th.scope = 'col';
        });
        var body = t.appendChild(el('tbody'));
        rows.forEach(function (cells) {
            var tr = body.appendChild(el('tr'));
            if (cells.attr) tr.setAttribute(cells.attr[0], cells.attr[1]);
            cells.forEach(function (c, i) {
                var td = tr.appendChild(el(i === 0 ? 'th' : 'td', c));
                if (i === 0) td.scope = 'row';
            });
        });
        return t;
    }

    // Pre against post, when both are finished on this version of the bank.
    function comparison(data, T) {
        var pre = read('awal');
        var post = read('akhir');
        var box = el('div', null, 'modul-tes-perbandingan');
        box.setAttribute('data-tes-perbandingan', '');
        var valid = function (r) { return r && r.selesai && r.hash === data.hash; };
        if (!valid(pre) || !valid(post)) {
            if (data.tes === 'akhir' && !valid(pre)) box.appendChild(el('p', T.awal_dulu));
            return box.childNodes.length ? box : null;
        }
        var a = score(data, pre.jawaban);
        var b = score(data, post.jawaban);
        box.appendChild(el('h3', T.perbandingan));
        var sessionRows = data.sesi.map(function (s) {
            var row = [s.kode + ' ' + s.judul, String(a.sesi[s.kode] ? a.sesi[s.kode].jumlah : 0),
                cell(a.sesi[s.kode]), cell(b.sesi[s.kode])];
            row.attr = ['data-sesi', s.kode];
            return row;
        });
        var total = [T.jumlah, String(a.jumlah), cell(a), cell(b)];
        total.attr = ['data-jumlah', ''];
        sessionRows.push(total);
        box.appendChild(table(T.per_sesi, [T.kolom_sesi, T.kolom_butir, T.kolom_awal, T.kolom_akhir], sessionRows));
        var objectiveRows = [];
        data.sesi.forEach(function (s) {
            s.tujuan.forEach(function (text, i) {
                var key = s.kode + ':' + i;
                if (!a.tujuan[key]) return;
                var row = [s.kode + ' · ' + (i + 1) + '. ' + text, String(a.tujuan[key].jumlah),
                    cell(a.tujuan[key]), cell(b.tujuan[key])];
                row.attr = ['data-tujuan', key];
                objectiveRows.push(row);
            });
        });
        box.appendChild(table(T.per_tujuan, [T.kolom_tujuan, T.kolom_butir, T.kolom_awal, T.kolom_akhir], objectiveRows));
        return box;
    }

    function setup(section) {
        var data;
        try {
            data = JSON.parse(section.getAttribute('data-tes-data'));
        } catch (e) {
            return;
        }
        var T = data.teks || {};
        var kind = data.tes;
        var status = section.querySelector('.modul-tes-status');
        var tools = section.querySelector('.modul-tes-alat');
        var finish = tools.querySelector('[data-aksi="selesai"]');
        var sure = tools.querySelector('[data-aksi="selesai-yakin"]');
        var again = tools.querySelector('[data-aksi="ulang"]');
        var confirmText = tools.querySelector('.modul-tes-konfirmasi');
        var result = section.querySelector('.modul-tes-hasil');
        var other = section.querySelector('.modul-tes-lain');
        var items = Array.prototype.slice.call(section.querySelectorAll('[data-butir-tes]'));
        var record = read(kind);
        var outdated = record && record.hash !== data.hash;
        if (!record || outdated) record = { hash: data.hash, jawaban: {}, selesai: false };

        function inputs(item) {
            return Array.prototype.slice.call(item.querySelectorAll('input'));
        }

        function answered() {
            return items.filter(function (item) {
                return (record.jawaban[item.getAttribute('data-butir-tes')] || []).length > 0;
            }).length;
        }

        function showStatus() {
            status.hidden = false;
            if (outdated) {
                status.textContent = T.diperbarui;
            } else if (!store || !store.tersedia) {
                status.textContent = T.tanpa_penyimpanan;
            } else if (!record.selesai) {
                status.textContent = fill(T.terjawab, { n: answered(), jumlah: items.length }) + ' ' + T.tersimpan;
            } else {
                status.textContent = '';
                status.hidden = true;
            }
        }

        function restore() {
            items.forEach(function (item) {
                var chosen = record.jawaban[item.getAttribute('data-butir-tes')] || [];
                inputs(item).forEach(function (input) {
                    input.checked = chosen.indexOf(Number(input.value)) >= 0;
                    input.disabled = !!record.selesai;
                });
            });
        }

        function explain(show) {
            if (kind !== 'akhir') return;
            data.butir.forEach(function (meta, i) {
                var item = items[i];
                var chosen = record.jawaban[meta.id] || [];
                item.classList.toggle('modul-tes-tepat', show && sameSet(chosen, meta.kunci));
                item.classList.toggle('modul-tes-keliru', show && !sameSet(chosen, meta.kunci));
                Array.prototype.forEach.call(item.querySelectorAll('.modul-tes-penjelasan'), function (p) {
                    var index = Number(p.getAttribute('data-pilihan'));
                    p.hidden = !show;
                    p.classList.toggle('modul-tes-benar', meta.kunci.indexOf(index) >= 0);
                    p.classList.toggle('modul-tes-dipilih', chosen.indexOf(index) >= 0);
                });
                var verdict = item.querySelector('.modul-tes-putusan');
                if (verdict) verdict.parentNode.removeChild(verdict);
                if (show) {
                    var letters = meta.kunci.map(function (k) { return String.fromCharCode(65 + k); }).join(', ');
                    verdict = el('p', sameSet(chosen, meta.kunci) ? T.benar : fill(T.salah, { kunci: letters }),
                        'modul-tes-putusan');
                    item.appendChild(verdict);
                }
            });
        }

        function showResult() {
            result.innerHTML = '';
            if (!record.selesai) {
                result.hidden = true;
                if (other) other.hidden = true;
                return;
            }
            var s = score(data, record.jawaban);
            var label = section.getAttribute('aria-label').split(': ').pop();
            var line = el('p', fill(T.skor, { tes: label.toLowerCase(), benar: s.benar, jumlah: s.jumlah, nilai: mark(s) }),
                'modul-tes-skor');
            line.setAttribute('data-skor', String(s.benar));
            result.appendChild(line);
            if (kind === 'akhir') result.appendChild(el('p', T.pembahasan));
            var compare = comparison(data, T);
            if (compare) result.appendChild(compare);
            result.hidden = false;
            if (other) other.hidden = false;
        }

        function refresh() {
            restore();
            showStatus();
            finish.hidden = !!record.selesai;
            again.hidden = !record.selesai;
            sure.hidden = true;
            confirmText.hidden = true;
            explain(!!record.selesai);
            showResult();
        }

        function done() {
            record.selesai = true;
            record.waktu = new Date().toISOString();
            write(kind, record);
            refresh();
            result.focus();
        }

        section.addEventListener('change', function (event) {
            var item = event.target.closest('[data-butir-tes]');
            if (!item || record.selesai) return;
            record.jawaban[item.getAttribute('data-butir-tes')] = inputs(item)
                .filter(function (i) { return i.checked; })
                .map(function (i) { return Number(i.value); });
            outdated = false;
            write(kind, record);
            showStatus();
        });
        finish.addEventListener('click', function () {
            var missing = items.length - answered();
            if (missing > 0) {
                confirmText.textContent = fill(T.belum_dijawab, { n: missing });
                confirmText.hidden = false;
                sure.hidden = false;
                sure.focus();
            } else {
                done();
            }
        });
        sure.addEventListener('click', done);
        again.addEventListener('click', function () {
            if (!window.confirm(T.ulang_yakin)) return;
            record = { hash: data.hash, jawaban: {}, selesai: false };
            if (store) store.hapus(PREFIX + kind);
            refresh();
        });
        tools.hidden = false;
        refresh();
    }

    Array.prototype.forEach.call(document.querySelectorAll('[data-tes][data-tes-data]'), setup);
})();
