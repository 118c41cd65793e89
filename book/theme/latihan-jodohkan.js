// Exercise jodohkan: a list box per item on the left holds its partner from the right-hand
// list (keyboard operable as any list box). Option values are pair numbers from the build.
// Only on pages with: data-jenis="jodohkan"
(function () {
    'use strict';
    var L = window.ModulLatihan;
    if (!L) return;

    function items(ex) {
        return ex.all('.modul-jodoh > li');
    }

    L.daftar('jodohkan', {
        check: function (ex) {
            var all = items(ex);
            var values = all.map(function (li) {
                return li.querySelector('select').value;
            });
            if (values.indexOf('') >= 0) return null;
            var right = 0;
            var summary = [];
            all.forEach(function (li, i) {
                var select = li.querySelector('select');
                var ok = values[i] === String(i);
                if (ok) right++;
                // The explanation of a pair names its partner: shown once the pair is right.
                ex.mark(li, ok, ok ? ex.keyItem(i) : null);
                summary.push(li.querySelector('label').textContent.trim() + ' → ' +
                    select.options[select.selectedIndex].text);
            });
            return { right: right, total: all.length, state: values, summary: summary.join('; ') };
        },
        restore: function (ex, values) {
            items(ex).forEach(function (li, i) {
                if (values && values[i] !== undefined) li.querySelector('select').value = values[i];
            });
        },
        reset: function (ex) {
            ex.all('.modul-jodoh select').forEach(function (select) {
                select.value = '';
            });
        }
    });
})();
