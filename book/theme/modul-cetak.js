// The print menu of the menu bar (a <details> written into index.hbs by `modul tema`): "Cetak
// halaman ini" prints the page (the print style turns exercises into worksheet items), and on a
// session's pages the menu offers that session's handout (unduh/sesi-X-Y.pdf). Escape or a
// click elsewhere closes it. Without JavaScript the menu still opens and its links work.
(function () {
    var menu = document.getElementById('modul-cetak');
    if (!menu) {
        return;
    }
    var summary = menu.querySelector('summary');
    var pageItem = menu.querySelector('[data-cetak="halaman"]');
    pageItem.hidden = false;
    pageItem.querySelector('button').addEventListener('click', function () {
        menu.open = false;
        summary.focus();
        window.print();
    });
    var session = /\/sesi-(\d+-\d+)\/[^/]*$/.exec(location.pathname);
    var sessionItem = menu.querySelector('[data-cetak="sesi"]');
    if (session && sessionItem) {
        var link = sessionItem.querySelector('a');
        link.href = path_to_root + 'unduh/sesi-' + session[1] + '.pdf';
        link.textContent = link.getAttribute('data-templat').replace('{sesi}', session[1]);
        sessionItem.hidden = false;
    }
    document.addEventListener('keydown', function (event) {
        if (event.key === 'Escape' && menu.open) {
            menu.open = false;
            summary.focus();
        }
    });
    document.addEventListener('click', function (event) {
        if (menu.open && !menu.contains(event.target)) {
            menu.open = false;
        }
    });
})();
