// Exercise isian-singkat: a short typed answer, compared with the accepted answers of the key
// after normalising both the same way: case, spacing and punctuation are ignored, and common
// Indonesian affixes are taken off each word (so "rujukan", "merujuk" and "dirujuk" match).
// Only on pages with: data-jenis="isian-singkat"
(function () {
    'use strict';
    var L = window.ModulLatihan;
    if (!L) return;

    // Rules as data. Longest first; a word keeps at least MIN letters.
    var PARTICLES = ['nya', 'lah', 'kah', 'pun'];
    var SUFFIXES = ['kan', 'an', 'i'];
    var PREFIXES = ['meng', 'meny', 'peng', 'peny', 'mem', 'men', 'pem', 'pen', 'ber', 'ter', 'per',
        'me', 'pe', 'be', 'di', 'ke', 'se'];
    var MIN = 4;

    function strip(word, list, atEnd) {
        for (var i = 0; i < list.length; i++) {
            var affix = list[i];
            var fits = atEnd ? word.slice(-affix.length) === affix : word.indexOf(affix) === 0;
            if (fits && word.length - affix.length >= MIN) {
                return atEnd ? word.slice(0, -affix.length) : word.slice(affix.length);
            }
        }
        return word;
    }

    function normalise(text) {
        return String(text).toLowerCase()
            .replace(/[^0-9a-z\u00c0-\u024f]+/g, ' ')
            .trim()
            .split(' ')
            .map(function (word) {
                return strip(strip(strip(word, PARTICLES, true), SUFFIXES, true), PREFIXES, false);
            })
            .join(' ');
    }

    L.daftar('isian-singkat', {
        init: function (ex) {
            var input = ex.one('.modul-isian input');
            input.addEventListener('keydown', function (event) {
                var check = ex.one('[data-aksi="periksa"]');
                if (event.key === 'Enter' && check && !check.hidden) {
                    event.preventDefault();
                    check.click();
                }
            });
        },
        check: function (ex) {
            var input = ex.one('.modul-isian input');
            var given = normalise(input.value);
            if (!given) return false;
            var accepted = ex.all('.modul-jawaban-diterima li').map(function (li) {
                return normalise(li.textContent);
            });
            var ok = accepted.indexOf(given) >= 0;
            var feedback = ex.one('.modul-kunci [data-ub="' + (ok ? 'benar' : 'salah') + '"]');
            return {
                right: ok ? 1 : 0,
                total: 1,
                state: input.value,
                summary: input.value,
                extra: feedback ? [feedback.cloneNode(true)] : []
            };
        },
        restore: function (ex, value) {
            ex.one('.modul-isian input').value = value || '';
        },
        reset: function (ex) {
            ex.one('.modul-isian input').value = '';
        }
    });
})();
