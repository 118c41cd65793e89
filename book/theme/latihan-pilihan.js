// Exercises: pilihan-ganda (one answer), pilihan-jamak (all correct answers) and benar-salah
// (true or false for each statement). Correct answers and feedback are read from the answer
// key the build rendered into the page. The build decides the order options are shown in, so
// a saved answer names options by identity (data-pilihan), never by place.
// Only on pages with: data-jenis="pilihan-ganda" | data-jenis="pilihan-jamak" | data-jenis="benar-salah"
(function () {
    'use strict';
    var L = window.ModulLatihan;
    if (!L) return;

    function text(node) {
        return (node.textContent || '').replace(/\s+/g, ' ').trim();
    }

    function options(ex) {
        return ex.all('.modul-pilihan > li');
    }

    L.daftar(['pilihan-ganda', 'pilihan-jamak'], {
        check: function (ex) {
            var items = options(ex);
            var single = ex.el.getAttribute('data-jenis') === 'pilihan-ganda';
            var chosen = [];
            var picked = [];
            var right = 0;
            items.forEach(function (li, i) {
                var key = ex.keyItem(i);
                var correct = !!key && key.getAttribute('data-benar') === 'true';
                var checked = li.querySelector('input').checked;
                if (checked === correct) right++;
                if (checked) {
                    chosen.push(li.getAttribute('data-pilihan'));
                    picked.push(text(li.querySelector('span')));
                    ex.mark(li, correct, key);
                }
            });
            if (!chosen.length) return null;
            return {
                right: single ? (right === items.length ? 1 : 0) : right,
                total: single ? 1 : items.length,
                state: chosen,
                summary: L.fill(L.T.pilihan_anda, { pilihan: picked.join('; ') })
            };
        },
        // `chosen` holds option identities; an answer saved before options were reordered
        // holds numbers, each the option's place in the file (data-asal).
        restore: function (ex, chosen) {
            var items = options(ex);
            (chosen || []).forEach(function (saved) {
                var attribute = typeof saved === 'number' ? 'data-asal' : 'data-pilihan';
                items.forEach(function (li) {
                    if (li.getAttribute(attribute) === String(saved)) {
                        li.querySelector('input').checked = true;
                    }
                });
            });
        },
        reset: function (ex) {
            ex.all('.modul-pilihan input').forEach(function (input) {
                input.checked = false;
            });
        }
    });

    L.daftar('benar-salah', {
        check: function (ex) {
            var items = ex.all('.modul-pernyataan > li');
            var answers = items.map(function (li) {
                var checked = li.querySelector('input:checked');
                return checked ? checked.value : null;
            });
            if (answers.indexOf(null) >= 0) return null;
            var right = 0;
            items.forEach(function (li, i) {
                var key = ex.keyItem(i);
                var truth = key && key.getAttribute('data-benar') === 'true' ? 'benar' : 'salah';
                if (answers[i] === truth) right++;
                ex.mark(li, answers[i] === truth, key);
            });
            return {
                right: right,
                total: items.length,
                state: answers,
                summary: items.map(function (li, i) {
                    return (i + 1) + '. ' + (answers[i] === 'benar' ? L.T.kata_benar : L.T.kata_salah);
                }).join('; ')
            };
        },
        restore: function (ex, answers) {
            ex.all('.modul-pernyataan > li').forEach(function (li, i) {
                var input = answers && li.querySelector('input[value="' + answers[i] + '"]');
                if (input) input.checked = true;
            });
        },
        reset: function (ex) {
            ex.all('.modul-pernyataan input').forEach(function (input) {
                input.checked = false;
            });
        }
    });
})();
