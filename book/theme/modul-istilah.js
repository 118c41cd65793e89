// Glossary terms on a page (issue 18): the first occurrence of each term is a link to its
// glossary entry with the definition in `title`, written by the build (glossary/links.rs), so
// without this script a tap leads to the entry. With it, a tap, Enter or Space opens the
// definition right under the term, with a link to the entry and a close button; Esc or a
// second tap closes it and focus stays on the term. Phones cannot show `title` tooltips.
// Only on pages with: daftar-istilah.html#istilah-
(function () {
    'use strict';
    var T = typeof MODUL_TEKS === 'object' ? MODUL_TEKS : {};
    var open = null;

    function close(returnFocus) {
        if (!open) { return; }
        var term = open.term;
        open.pop.remove();
        term.setAttribute('aria-expanded', 'false');
        term.removeAttribute('aria-controls');
        open = null;
        if (returnFocus) { term.focus(); }
    }

    function show(term) {
        var pop = document.createElement('span');
        pop.className = 'modul-istilah-pop';
        pop.id = term.getAttribute('data-istilah-pop');
        pop.setAttribute('role', 'note');
        var text = document.createElement('span');
        text.className = 'modul-istilah-definisi';
        text.textContent = term.getAttribute('data-definisi');
        pop.appendChild(text);
        var row = document.createElement('span');
        row.className = 'modul-istilah-aksi';
        var link = document.createElement('a');
        link.href = term.getAttribute('href');
        link.textContent = T.istilah_buka || 'Daftar Istilah';
        row.appendChild(link);
        var shut = document.createElement('button');
        shut.type = 'button';
        shut.className = 'modul-tombol-kecil';
        shut.textContent = T.istilah_tutup || '×';
        shut.addEventListener('click', function () { close(true); });
        row.appendChild(shut);
        pop.appendChild(row);
        term.insertAdjacentElement('afterend', pop);
        // aria-controls only while the definition exists: an idref must name an element.
        term.setAttribute('aria-controls', pop.id);
        term.setAttribute('aria-expanded', 'true');
        open = { term: term, pop: pop };
    }

    function toggle(term) {
        var same = open && open.term === term;
        close(false);
        if (!same) { show(term); }
    }

    var terms = document.querySelectorAll('#mdbook-content main a[href*="daftar-istilah.html#istilah-"][title]');
    Array.prototype.forEach.call(terms, function (term, i) {
        // The definition moves from the tooltip into the page: read once, shown on demand.
        term.setAttribute('data-definisi', term.getAttribute('title'));
        term.removeAttribute('title');
        term.setAttribute('role', 'button');
        term.setAttribute('aria-expanded', 'false');
        term.setAttribute('data-istilah-pop', 'modul-istilah-pop-' + i);
        term.classList.add('modul-istilah-tautan');
        term.addEventListener('click', function (event) {
            // A new tab or window still opens the glossary.
            if (event.ctrlKey || event.metaKey || event.shiftKey || event.altKey) { return; }
            event.preventDefault();
            toggle(term);
        });
        term.addEventListener('keydown', function (event) {
            if (event.key === ' ' || event.key === 'Spacebar') {
                event.preventDefault();
                toggle(term);
            }
        });
    });
    if (terms.length === 0) { return; }
    document.addEventListener('keydown', function (event) {
        if (event.key === 'Escape' && open && (open.pop.contains(document.activeElement) || document.activeElement === open.term)) {
            event.stopPropagation();
            close(true);
        }
    }, true);
    document.addEventListener('click', function (event) {
        if (open && !open.pop.contains(event.target) && event.target !== open.term) { close(false); }
    });
})();
