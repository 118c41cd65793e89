// Exercise studi-kasus: a branching scenario played one part at a time. The build rendered
// every part with its choices as <details> (readable and playable without JavaScript); here
// each choice becomes a button, the consequence joins the path so far, and the next part
// appears, until an ending with its debrief.
// Only on pages with: data-jenis="studi-kasus"
(function () {
    'use strict';
    var L = window.ModulLatihan;
    if (!L) return;

    function node(ex, id) {
        return ex.one('.modul-simpul[data-simpul="' + id + '"]');
    }

    function start(ex) {
        return ex.one('.modul-simpul').getAttribute('data-simpul');
    }

    function text(el) {
        return (el.textContent || '').replace(/\s+/g, ' ').trim();
    }

    function show(ex, id, focus) {
        ex.all('.modul-simpul').forEach(function (n) {
            n.hidden = n.getAttribute('data-simpul') !== id;
        });
        var current = node(ex, id);
        var debrief = current.querySelector('.modul-pembahasan');
        if (debrief) debrief.open = true;
        if (focus) current.querySelector('.modul-simpul-nomor').focus();
        return current;
    }

    // Follows choice `c` of part `id`; returns the next part's id.
    function choose(ex, id, c) {
        var from = node(ex, id);
        var li = from.querySelectorAll('.modul-simpul-pilihan > li')[c];
        var step = ex.element('li');
        step.appendChild(ex.element('p', 'modul-jejak-bagian', text(from.querySelector('.modul-simpul-nomor'))));
        step.appendChild(ex.element('p', 'modul-jejak-pilihan',
            L.fill(L.T.pilihan_anda, { pilihan: text(li.querySelector('summary')) })));
        step.appendChild(li.querySelector('.modul-akibat').cloneNode(true));
        ex.one('.modul-jejak').appendChild(step);
        return li.getAttribute('data-lanjut');
    }

    function play(ex, path, quiet) {
        var at = start(ex);
        path.forEach(function (c) {
            at = choose(ex, at, c);
        });
        var current = show(ex, at, !quiet);
        var ending = current.getAttribute('data-akhir');
        if (ending) {
            var words = { baik: L.T.akhir_baik, cukup: L.T.akhir_cukup, kurang: L.T.akhir_kurang };
            return {
                score: Number(current.getAttribute('data-skor')),
                state: path,
                summary: ex.all('.modul-jejak .modul-jejak-pilihan').map(text).join(' → ') + ' — ' +
                    L.fill(L.T.akhir, { nilai: words[ending] }),
                headline: L.fill(L.T.akhir, { nilai: words[ending] })
            };
        }
        return null;
    }

    L.daftar('studi-kasus', {
        init: function (ex) {
            var path = [];
            ex.path = path;
            var log = ex.element('ol', 'modul-jejak');
            var scenario = ex.one('.modul-skenario');
            scenario.parentNode.insertBefore(log, scenario);
            ex.all('.modul-simpul-nomor').forEach(function (p) {
                p.tabIndex = -1;
            });
            ex.all('.modul-simpul-pilihan > li').forEach(function (li) {
                var details = li.querySelector('details');
                var button = ex.element('button', 'modul-tombol-pilihan');
                button.type = 'button';
                button.innerHTML = li.querySelector('summary').innerHTML;
                details.hidden = true;
                li.insertBefore(button, details);
                button.addEventListener('click', function () {
                    var part = li.closest('.modul-simpul');
                    var c = Array.prototype.indexOf.call(part.querySelectorAll('.modul-simpul-pilihan > li'), li);
                    path.push(c);
                    log.textContent = '';
                    var outcome = play(ex, path, false);
                    if (outcome) ex.finish(outcome);
                });
            });
            show(ex, start(ex), false);
        },
        restore: function (ex, path, record) {
            ex.path.length = 0;
            Array.prototype.push.apply(ex.path, path || []);
            ex.one('.modul-jejak').textContent = '';
            var outcome = play(ex, ex.path, true);
            if (outcome) ex.finish(outcome, record);
            return true;
        },
        reset: function (ex) {
            ex.path.length = 0;
            ex.one('.modul-jejak').textContent = '';
            show(ex, start(ex), false);
        }
    });
})();
