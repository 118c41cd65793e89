// Exercise urutkan: put the steps in order with the ↑/↓ buttons (keyboard and touch alike;
// no dragging needed). Each step carries its correct position (data-posisi) from the build.
// Only on pages with: data-jenis="urutkan"
(function () {
    'use strict';
    var L = window.ModulLatihan;
    if (!L) return;

    function items(ex) {
        return ex.all('.modul-urutan > li');
    }

    function label(li) {
        return (li.querySelector('.modul-langkah').textContent || '').replace(/\s+/g, ' ').trim();
    }

    L.daftar('urutkan', {
        init: function (ex) {
            var list = ex.one('.modul-urutan');
            var status = ex.element('p', 'modul-sr');
            status.setAttribute('role', 'status');
            list.parentNode.insertBefore(status, list.nextSibling);
            list.addEventListener('click', function (event) {
                var button = event.target.closest ? event.target.closest('[data-geser]') : null;
                if (!button || ex.locked()) return;
                var li = button.closest('li');
                var step = Number(button.getAttribute('data-geser'));
                var target = step < 0 ? li.previousElementSibling : li.nextElementSibling;
                if (!target) return;
                list.insertBefore(li, step < 0 ? target : target.nextElementSibling);
                // Moving the item took the focus away; give it back so ↑/↓ can be pressed again.
                button.focus();
                var all = items(ex);
                status.textContent = L.fill(L.T.urutan_posisi, {
                    langkah: label(li),
                    n: all.indexOf(li) + 1,
                    m: all.length
                });
            });
        },
        check: function (ex) {
            var all = items(ex);
            var right = 0;
            all.forEach(function (li, at) {
                var ok = Number(li.getAttribute('data-posisi')) === at;
                if (ok) right++;
                li.classList.add(ok ? 'modul-benar' : 'modul-salah');
                var mark = ex.element('span', 'modul-ub-tampil modul-sr', ok ? L.T.urutan_benar : L.T.urutan_salah);
                li.appendChild(mark);
            });
            var extra = [];
            var feedback = ex.one('.modul-kunci > .modul-ub');
            if (right === all.length && feedback) extra.push(feedback.cloneNode(true));
            return {
                right: right,
                total: all.length,
                state: all.map(function (li) {
                    return Number(li.getAttribute('data-posisi'));
                }),
                summary: all.map(function (li, at) {
                    return (at + 1) + '. ' + label(li);
                }).join('; '),
                extra: extra
            };
        },
        restore: function (ex, order) {
            var list = ex.one('.modul-urutan');
            var all = items(ex);
            (order || []).forEach(function (position) {
                var li = all.filter(function (n) {
                    return Number(n.getAttribute('data-posisi')) === position;
                })[0];
                if (li) list.appendChild(li);
            });
        }
    });
})();
