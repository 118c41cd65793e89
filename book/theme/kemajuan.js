// The progress page (Kemajuan Saya): status and last score of every exercise, from this
// device's storage; erasing everything asks for confirmation first.
// Only on pages with: data-kemajuan
(function () {
    'use strict';
    var L = window.ModulLatihan;
    var page = document.querySelector('[data-kemajuan]');
    if (!L || !page) return;
    var T = L.T;

    function show() {
        var done = 0;
        var total = 0;
        Array.prototype.forEach.call(page.querySelectorAll('[data-kemajuan-sesi]'), function (section) {
            var rows = section.querySelectorAll('[data-latihan-ref]');
            var sectionDone = 0;
            Array.prototype.forEach.call(rows, function (row) {
                var record = L.store.get(L.PREFIX + row.getAttribute('data-latihan-ref'));
                var status = row.querySelector('.modul-kemajuan-status');
                var score = row.querySelector('.modul-kemajuan-skor');
                row.className = '';
                if (!record) {
                    status.textContent = row.getAttribute('data-belum') || status.textContent;
                    score.textContent = '—';
                } else if (record.hash !== row.getAttribute('data-hash')) {
                    status.textContent = T.kemajuan_diperbarui;
                    row.className = 'modul-kemajuan-diperbarui';
                    score.textContent = typeof record.skor === 'number' ? Math.round(record.skor * 100) + '%' : '—';
                } else if (record.selesai) {
                    sectionDone++;
                    status.textContent = T.kemajuan_selesai + ' (' + L.dateText(record.waktu) + ')';
                    row.className = 'modul-kemajuan-selesai';
                    score.textContent = typeof record.skor === 'number' ? Math.round(record.skor * 100) + '%' : '—';
                } else {
                    status.textContent = T.kemajuan_dikerjakan;
                    score.textContent = '—';
                }
            });
            var count = section.querySelector('.modul-kemajuan-jumlah');
            if (count) count.textContent = L.fill(T.kemajuan_sesi, { selesai: sectionDone, jumlah: rows.length });
            done += sectionDone;
            total += rows.length;
        });
        var summary = page.querySelector('.modul-kemajuan-ringkas');
        summary.textContent = L.store.ok ? L.fill(T.kemajuan_ringkas, { selesai: done, jumlah: total }) :
            T.tanpa_penyimpanan;
    }

    Array.prototype.forEach.call(page.querySelectorAll('[data-latihan-ref]'), function (row) {
        row.setAttribute('data-belum', row.querySelector('.modul-kemajuan-status').textContent);
    });
    Array.prototype.forEach.call(page.querySelectorAll('[data-hanya-js]'), function (n) {
        n.hidden = false;
    });
    var erase = page.querySelector('[data-aksi="hapus"]');
    var confirm = page.querySelector('.modul-konfirmasi');
    erase.addEventListener('click', function () {
        confirm.hidden = false;
        page.querySelector('[data-aksi="hapus-batal"]').focus();
    });
    page.querySelector('[data-aksi="hapus-batal"]').addEventListener('click', function () {
        confirm.hidden = true;
        erase.focus();
    });
    page.querySelector('[data-aksi="hapus-ya"]').addEventListener('click', function () {
        L.store.keys(L.PREFIX).forEach(L.store.remove);
        confirm.hidden = true;
        show();
        var summary = page.querySelector('.modul-kemajuan-ringkas');
        summary.textContent = T.kemajuan_terhapus + ' ' + summary.textContent;
        erase.focus();
    });
    if (!L.store.ok) erase.disabled = true;
    show();
})();
