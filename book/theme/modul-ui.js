// Indonesian text for the one part of mdBook's interface its theme cannot override: the
// search result header written by mdBook's searcher.js (when a book keeps mdBook's search). The
// strings are MODUL_PENCARIAN, from ui.toml through theme/generated/modul-data.js.
(function () {
    'use strict';
    var header = document.getElementById('mdbook-searchresults-header');
    if (!header || typeof MODUL_PENCARIAN !== 'object') {
        return;
    }
    var T = MODUL_PENCARIAN;
    function fill(template, n, q) {
        return template.replace(/\{(n|q)\}/g, function (_, key) {
            return key === 'n' ? String(n) : q;
        });
    }
    var rules = [
        [/^1 search result for '([\s\S]*)':$/, function (m) { return fill(T.satu_hasil, 1, m[1]); }],
        [/^(\d+) search results for '([\s\S]*)':$/, function (m) { return fill(T.banyak_hasil, m[1], m[2]); }],
        [/^No search results for '([\s\S]*)'\.$/, function (m) { return fill(T.tidak_ada, 0, m[1]); }]
    ];
    function translate() {
        var text = header.textContent;
        for (var i = 0; i < rules.length; i++) {
            var match = rules[i][0].exec(text);
            if (match) {
                header.textContent = rules[i][1](match);
                return;
            }
        }
    }
    // Our own write triggers the observer once more; no rule matches Indonesian text.
    new MutationObserver(translate).observe(header, { childList: true, characterData: true, subtree: true });
    translate();
})();
