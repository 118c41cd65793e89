// Exercise isi-formulir: the learner fills a real form of the book for a case, then compares
// it field by field with the model answer. Choices, numbers and dates have one right answer
// and are checked; free text is shown next to the model answer for the learner to judge.
// The comparison itself is the form script's (ModulFormulir), on rules the build exported.
// Only on pages with: data-jenis="isi-formulir"
(function () {
    'use strict';
    var L = window.ModulLatihan;
    if (!L || !window.ModulFormulir) return;

    function form(ex) {
        var el = ex.one('form[data-formulir]');
        return el ? window.ModulFormulir.get(el) : null;
    }

    function wrapperOf(ex, name) {
        return ex.one('form [data-nama="' + name + '"]');
    }

    L.daftar('isi-formulir', {
        check: function (ex) {
            var f = form(ex);
            if (!f) return null;
            var items = f.compare();
            if (!items.some(function (i) { return i.diisi; })) return false;
            var right = 0;
            var total = 0;
            items.forEach(function (item) {
                var wrapper = wrapperOf(ex, item.nama);
                if (!wrapper) return;
                ex.all('[data-untuk="' + item.nama + '"]').forEach(function (answer) {
                    answer.hidden = false;
                });
                var key = ex.one('.modul-kunci [data-kolom="' + item.nama + '"]');
                if (typeof item.sama === 'boolean') {
                    total += 1;
                    if (item.sama) right += 1;
                    ex.mark(wrapper, item.sama, key);
                } else if (key && key.querySelector('.modul-ub')) {
                    var box = L.element('div', 'modul-ub-tampil');
                    box.appendChild(key.querySelector('.modul-ub').cloneNode(true));
                    wrapper.appendChild(box);
                }
            });
            var lines = [];
            if (total) lines.push(L.fill(L.T.formulir_cocok, { benar: right, jumlah: total }));
            lines.push(L.T.formulir_bandingkan);
            return {
                right: right,
                total: total,
                score: total ? undefined : null,
                headline: lines.join(' '),
                tone: total && right === total ? 'benar' : 'netral',
                state: null,
                summary: lines[0]
            };
        },
        // The form keeps its own draft (after consent); the stored result is shown again only
        // when the draft is there to compare.
        restore: function () {
            return false;
        },
        reset: function (ex) {
            ex.all('form [data-untuk]').forEach(function (answer) {
                answer.hidden = true;
            });
        }
    });
})();
