// The adjustable timetable on the Program Pelatihan page: a trainer picks the start date, the
// number of days, the start time and the JP per day, and the timetable redraws with real dates
// and Indonesian day names. The packing itself comes from Rust (`data-jadwal`: one timetable per
// JP per day); this script only shifts clock times, adds dates and draws. The choice is kept on
// this device so a reload or the printout shows the same timetable.
// Only on pages with: data-jadwal
(function () {
    'use strict';
    var box = document.querySelector('[data-jadwal]');
    var form = document.querySelector('.modul-jadwal-atur');
    if (!box || !form) return;
    var data;
    try {
        data = JSON.parse(box.getAttribute('data-jadwal'));
    } catch (e) {
        return;
    }
    var KEY = 'modul:jadwal';
    var store = window.ModulSimpan;
    var original = box.innerHTML;
    var labels = {
        hari: form.getAttribute('data-hari') || 'Hari',
        sesi: form.getAttribute('data-sesi') || 'Sesi',
        lanjutan: form.getAttribute('data-lanjutan') || 'lanjutan',
        jp: form.getAttribute('data-jp') || 'JP',
        waktu: form.getAttribute('data-waktu') || 'Waktu',
        kegiatan: form.getAttribute('data-kegiatan') || 'Kegiatan'
    };

    function pad(n) {
        return (n < 10 ? '0' : '') + n;
    }

    // Minutes after midnight → "07.30", as times are written in Indonesian.
    function clock(minutes) {
        return pad(Math.floor(minutes / 60) % 24) + '.' + pad(minutes % 60);
    }

    function fill(template, values) {
        return String(template || '').replace(/\{(\w+)\}/g, function (whole, key) {
            return Object.prototype.hasOwnProperty.call(values, key) ? String(values[key]) : whole;
        });
    }

    // "2026-12-07" → a local date; null when empty or malformed.
    function parseDate(text) {
        var m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text || '');
        if (!m) return null;
        var d = new Date(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
        return isNaN(d.getTime()) ? null : d;
    }

    function dateText(start, offset) {
        var d = new Date(start.getFullYear(), start.getMonth(), start.getDate() + offset);
        return data.nama_hari[d.getDay()] + ', ' + d.getDate() + ' ' + data.nama_bulan[d.getMonth()] +
            ' ' + d.getFullYear();
    }

    function element(tag, className, text) {
        var node = document.createElement(tag);
        if (className) node.className = className;
        if (text !== undefined) node.textContent = text;
        return node;
    }

    function settings() {
        var start = /^(\d{1,2}):(\d{2})$/.exec(form.elements.mulai.value || '');
        return {
            tanggal: form.elements.tanggal.value || '',
            hari: Math.max(1, parseInt(form.elements.hari.value, 10) || data.hari),
            mulai: start ? Number(start[1]) * 60 + Number(start[2]) : data.mulai,
            jp: parseInt(form.elements.jp.value, 10) || data.jp_per_hari
        };
    }

    function isDefault(s) {
        return !s.tanggal && s.hari === data.hari && s.mulai === data.mulai && s.jp === data.jp_per_hari;
    }

    function draw(s) {
        var days = data.susunan[String(s.jp)];
        var message = form.querySelector('.modul-jadwal-pesan');
        if (!days) return;
        var startDate = parseDate(s.tanggal);
        var needed = days.length;
        var longest = days.reduce(function (m, d) { return Math.max(m, d.lama); }, 0);
        if (s.mulai + longest > 24 * 60) {
            message.textContent = data.pesan.lewat_malam;
        } else if (needed > s.hari) {
            message.textContent = fill(data.pesan.tidak_muat, { jp: data.jumlah_jp, jp_hari: s.jp, perlu: needed, hari: s.hari });
        } else if (needed < s.hari) {
            message.textContent = fill(data.pesan.sisa, { jp: data.jumlah_jp, jp_hari: s.jp, perlu: needed, sisa: s.hari - needed });
        } else {
            message.textContent = '';
        }
        if (isDefault(s)) {
            // The page as built: byte for byte what prints without the script.
            box.innerHTML = original;
            return;
        }
        var fragment = document.createDocumentFragment();
        days.forEach(function (day, i) {
            var heading = element('h3');
            heading.id = 'hari-' + (i + 1);
            heading.setAttribute('data-hari', String(i + 1));
            heading.appendChild(document.createTextNode(labels.hari + ' ' + (i + 1)));
            heading.appendChild(element('span', 'modul-tanggal', startDate ? ', ' + dateText(startDate, i) : ''));
            heading.appendChild(document.createTextNode(' '));
            heading.appendChild(element('span', 'modul-jp', clock(s.mulai) + '–' + clock(s.mulai + day.lama) +
                ' (' + day.jp + ' ' + labels.jp + ')'));
            fragment.appendChild(heading);
            var table = element('table', 'modul-tabel-jadwal');
            var head = table.appendChild(element('thead')).appendChild(element('tr'));
            [labels.waktu, labels.kegiatan, labels.jp].forEach(function (text) {
                var th = head.appendChild(element('th', '', text));
                th.scope = 'col';
            });
            var body = table.appendChild(element('tbody'));
            day.baris.forEach(function (row) {
                var item = data.butir[row.butir];
                var tr = body.appendChild(element('tr', item.jenis === 'jeda' ? 'modul-jeda' :
                    item.jenis === 'acara' ? 'modul-acara' : ''));
                tr.appendChild(element('td', 'modul-waktu', clock(s.mulai + row.dari) + '–' + clock(s.mulai + row.sampai)));
                var what = tr.appendChild(element('td'));
                if (item.jenis === 'jeda') {
                    what.colSpan = 2;
                    what.textContent = item.judul;
                    return;
                }
                if (item.jenis === 'sesi') what.appendChild(document.createTextNode(labels.sesi + ' ' + item.kode + ': '));
                if (item.tautan) {
                    var a = what.appendChild(element('a', '', item.judul));
                    a.href = item.tautan;
                } else {
                    what.appendChild(document.createTextNode(item.judul));
                }
                if (row.lanjutan) what.appendChild(document.createTextNode(' (' + labels.lanjutan + ')'));
                tr.appendChild(element('td', '', String(row.jp)));
            });
            fragment.appendChild(table);
        });
        box.innerHTML = '';
        box.appendChild(fragment);
    }

    function update() {
        var s = settings();
        draw(s);
        if (store) {
            if (isDefault(s)) store.hapus(KEY);
            else store.tulis(KEY, s);
        }
    }

    var saved = store ? store.baca(KEY) : null;
    if (saved && data.susunan[String(saved.jp)]) {
        form.elements.tanggal.value = saved.tanggal || '';
        form.elements.hari.value = String(saved.hari);
        form.elements.mulai.value = pad(Math.floor(saved.mulai / 60)) + ':' + pad(saved.mulai % 60);
        form.elements.jp.value = String(saved.jp);
    }
    form.hidden = false;
    form.addEventListener('input', update);
    form.addEventListener('change', update);
    form.addEventListener('submit', function (event) { event.preventDefault(); });
    form.elements.kembali.addEventListener('click', function () {
        form.elements.tanggal.value = '';
        form.elements.hari.value = String(data.hari);
        form.elements.mulai.value = pad(Math.floor(data.mulai / 60)) + ':' + pad(data.mulai % 60);
        form.elements.jp.value = String(data.jp_per_hari);
        update();
    });
    draw(settings());
})();
