// Exercise refleksi: free text, saved on this device as it is typed, and printable (the text
// is mirrored into a block that the print style shows instead of the text box).
// Only on pages with: data-jenis="refleksi"
(function () {
    'use strict';
    var L = window.ModulLatihan;
    if (!L) return;

    L.daftar('refleksi', {
        init: function (ex) {
            var box = ex.one('.modul-refleksi textarea');
            var mirror = ex.one('.modul-refleksi-cetak');
            var timer = null;
            function save() {
                var text = box.value;
                mirror.textContent = text;
                var saved = ex.save({
                    selesai: text.trim() !== '',
                    skor: null,
                    jawaban: text,
                    ringkas: text
                });
                ex.say([saved ? L.T.tersimpan : ''], saved ? 'simpan' : '');
            }
            box.addEventListener('input', function () {
                mirror.textContent = box.value;
                clearTimeout(timer);
                timer = setTimeout(save, 400);
            });
            // Leaving the box saves at once: a reload right after typing loses nothing.
            box.addEventListener('blur', function () {
                clearTimeout(timer);
                save();
            });
            var print = ex.one('[data-aksi="cetak"]');
            if (print) {
                print.addEventListener('click', function () {
                    ex.el.classList.add('modul-cetak-ini');
                    document.documentElement.classList.add('modul-cetak-refleksi');
                    window.print();
                    document.documentElement.classList.remove('modul-cetak-refleksi');
                    ex.el.classList.remove('modul-cetak-ini');
                });
            }
        },
        restore: function (ex, text) {
            ex.one('.modul-refleksi textarea').value = text || '';
            ex.one('.modul-refleksi-cetak').textContent = text || '';
            return true;
        }
    });
})();
