// Exercises, shared core: storage on this device, Mode Fasilitator, and the frame every
// exercise runs in (check, retry, show the answer, remember the result). Each type's widget
// registers itself from its own file (latihan-*.js); strings come from modul-ui.js
// (MODUL_LATIHAN_TEKS), which `modul tema` generates from ui.toml. The page is complete without this script: it only adds
// interaction to what the build rendered.
(function () {
    'use strict';
    var T = window.MODUL_LATIHAN_TEKS || {};
    var root = document.documentElement;
    var PREFIX = 'modul:latihan:';
    var MODE = 'modul:mode-fasilitator';
    root.classList.add('modul-js');

    function fill(text, values) {
        return String(text || '').replace(/\{(\w+)\}/g, function (all, key) {
            return Object.prototype.hasOwnProperty.call(values, key) ? values[key] : all;
        });
    }

    function all(scope, selector) {
        return Array.prototype.slice.call(scope.querySelectorAll(selector));
    }

    function element(tag, className, text) {
        var el = document.createElement(tag);
        if (className) el.className = className;
        if (text) el.textContent = text;
        return el;
    }

    // localStorage may be missing, blocked (private mode, file:// policies) or full: then the
    // exercises still work, nothing is remembered, and the page says so.
    var storage = null;
    try {
        storage = window.localStorage;
        storage.setItem('modul:uji', '1');
        storage.removeItem('modul:uji');
    } catch (e) {
        storage = null;
    }
    var store = {
        ok: !!storage,
        get: function (key) {
            try {
                return storage ? JSON.parse(storage.getItem(key)) : null;
            } catch (e) {
                return null;
            }
        },
        set: function (key, value) {
            try {
                if (storage) storage.setItem(key, JSON.stringify(value));
                return !!storage;
            } catch (e) {
                return false;
            }
        },
        remove: function (key) {
            try {
                if (storage) storage.removeItem(key);
            } catch (e) { /* nothing to remove */ }
        },
        keys: function (prefix) {
            var out = [];
            for (var i = 0; storage && i < storage.length; i++) {
                var key = storage.key(i);
                if (key && key.indexOf(prefix) === 0) out.push(key);
            }
            return out;
        }
    };

    // ---- Mode Fasilitator: a remembered switch in the menu bar, and a banner while it is on.
    function setMode(on) {
        root.classList.toggle('modul-mode-fasilitator', on);
        var button = document.getElementById('modul-tombol-fasilitator');
        if (button) button.setAttribute('aria-pressed', on ? 'true' : 'false');
        var banner = document.getElementById('modul-pita-fasilitator');
        if (banner) banner.hidden = !on;
        // Trainers see notes and keys open; learners start again from closed blocks.
        all(document, '.modul-catatan-fasilitator, .modul-latihan .modul-kunci').forEach(function (d) {
            d.open = on;
        });
    }

    function modeControls() {
        var bar = document.querySelector('#mdbook-menu-bar .right-buttons');
        if (bar) {
            var button = element('button', 'icon-button modul-tombol-fasilitator');
            button.type = 'button';
            button.id = 'modul-tombol-fasilitator';
            button.title = T.mode_fasilitator;
            button.setAttribute('aria-label', T.mode_fasilitator);
            // A trainer at a board: a constant, not content.
            button.innerHTML = '<svg viewBox="0 0 24 24" width="1.35em" height="1.35em" aria-hidden="true">' +
                '<rect x="8" y="2" width="14.5" height="11" rx="1.2" fill="none" stroke="currentColor" stroke-width="1.8"/>' +
                '<circle cx="6" cy="10.5" r="2.8" fill="currentColor"/>' +
                '<path d="M0.8 22.5c0-3.6 2.3-6.3 5.2-6.3s5.2 2.7 5.2 6.3z" fill="currentColor"/>' +
                '<path d="M9.5 15l4.5-4.5" stroke="currentColor" stroke-width="1.8" stroke-linecap="round"/></svg>';
            button.addEventListener('click', function () {
                var on = !root.classList.contains('modul-mode-fasilitator');
                if (on) {
                    store.set(MODE, true);
                } else {
                    store.remove(MODE);
                }
                setMode(on);
            });
            bar.insertBefore(button, bar.firstChild);
        }
        var main = document.querySelector('main');
        if (main) {
            var banner = element('div', 'modul-pita-fasilitator');
            banner.id = 'modul-pita-fasilitator';
            banner.appendChild(element('span', '', T.mode_aktif));
            var off = element('button', 'modul-tombol', T.mode_matikan);
            off.type = 'button';
            off.addEventListener('click', function () {
                store.remove(MODE);
                setMode(false);
                var toggle = document.getElementById('modul-tombol-fasilitator');
                if (toggle) toggle.focus();
            });
            banner.appendChild(off);
            main.insertBefore(banner, main.firstChild);
        }
        setMode(store.get(MODE) === true);
    }

    // ---- The frame of one exercise.
    var widgets = {};

    function dateText(iso) {
        var date = new Date(iso);
        if (isNaN(date.getTime())) return '';
        try {
            return date.toLocaleDateString('id-ID', { day: 'numeric', month: 'long', year: 'numeric' });
        } catch (e) {
            return date.toISOString().slice(0, 10);
        }
    }

    function scoreText(score) {
        return typeof score === 'number' ? fill(T.skor, { skor: Math.round(score * 100) }) : '';
    }

    function setup(el, widget) {
        var id = el.getAttribute('data-latihan');
        var hash = el.getAttribute('data-hash');
        var key = PREFIX + id;
        var result = el.querySelector('.modul-latihan-hasil');
        var answerKey = el.querySelector('.modul-kunci');
        var outdated = el.querySelector('.modul-latihan-diperbarui');
        var buttons = {};
        all(el, '[data-aksi]').forEach(function (b) {
            buttons[b.getAttribute('data-aksi')] = b;
        });
        var locked = false;

        var ex = {
            el: el,
            id: id,
            T: T,
            fill: fill,
            all: function (selector) {
                return all(el, selector);
            },
            one: function (selector) {
                return el.querySelector(selector);
            },
            element: element,
            // The answer key's entry for item `i` (data-butir), where the feedback lives.
            keyItem: function (i) {
                return answerKey ? answerKey.querySelector('[data-butir="' + i + '"]') : null;
            },
            // Marks an answered item right or wrong, with the key's feedback for it when given.
            mark: function (item, right, feedbackFrom) {
                item.classList.add(right ? 'modul-benar' : 'modul-salah');
                var box = element('div', 'modul-ub-tampil');
                box.appendChild(element('strong', '', right ? T.benar : T.belum_tepat));
                var feedback = feedbackFrom && feedbackFrom.querySelector('.modul-ub');
                if (feedback) box.appendChild(feedback.cloneNode(true));
                item.appendChild(box);
            },
            say: function (lines, state) {
                result.textContent = '';
                result.className = 'modul-latihan-hasil' + (state ? ' modul-hasil-' + state : '');
                lines.forEach(function (line) {
                    if (!line) return;
                    if (typeof line === 'string') {
                        result.appendChild(element('p', '', line));
                    } else {
                        result.appendChild(line);
                    }
                });
            },
            // Stores a record for this exercise; a record of an older version of the exercise
            // travels along under `lama`, so it is never silently lost.
            save: function (record) {
                var old = store.get(key);
                record.hash = hash;
                record.waktu = new Date().toISOString();
                if (old && old.hash !== hash) {
                    record.lama = {
                        hash: old.hash,
                        ringkas: old.ringkas,
                        jawaban: old.jawaban,
                        skor: old.skor,
                        waktu: old.waktu,
                        lama: old.lama
                    };
                } else if (old && old.lama) {
                    record.lama = old.lama;
                }
                var saved = store.set(key, record);
                if (saved && outdated) outdated.hidden = true;
                return saved;
            },
            // The learner checked an answer: show the outcome, remember it, offer retry/answer.
            finish: function (outcome, quiet) {
                var score = outcome.total ? outcome.right / outcome.total : outcome.score;
                var perfect = score === 1;
                var lines = [];
                if (quiet) {
                    lines.push(fill(T.terakhir, { waktu: dateText(quiet.waktu), hasil: scoreText(score) }));
                    if (outcome.headline) lines.push(outcome.headline);
                } else if (outcome.headline) {
                    lines.push(outcome.headline);
                } else {
                    lines.push(perfect ? T.benar : outcome.total > 1 ?
                        fill(T.sebagian, { benar: outcome.right, jumlah: outcome.total }) : T.belum_tepat);
                    if (outcome.total > 1) lines.push(scoreText(score));
                }
                (outcome.extra || []).forEach(function (node) {
                    lines.push(node);
                });
                ex.say(lines, perfect ? 'benar' : 'salah');
                if (!quiet) {
                    ex.save({ selesai: true, skor: score, jawaban: outcome.state, ringkas: outcome.summary });
                }
                ex.lock(true);
                if (buttons.periksa) buttons.periksa.hidden = true;
                if (buttons.ulang) buttons.ulang.hidden = false;
                if (buttons.kunci) buttons.kunci.hidden = false;
                if (!quiet && buttons.ulang) buttons.ulang.focus();
            },
            lock: function (on) {
                locked = on;
                all(el, 'input, select, textarea, [data-geser]').forEach(function (control) {
                    control.disabled = on;
                });
            },
            locked: function () {
                return locked;
            },
            reset: function () {
                all(el, '.modul-ub-tampil').forEach(function (n) {
                    n.parentNode.removeChild(n);
                });
                all(el, '.modul-benar, .modul-salah').forEach(function (n) {
                    n.classList.remove('modul-benar', 'modul-salah');
                });
                ex.say([], '');
                ex.lock(false);
                el.classList.remove('modul-kunci-terbuka');
                if (answerKey) answerKey.open = false;
                if (buttons.periksa) buttons.periksa.hidden = false;
                if (buttons.ulang) buttons.ulang.hidden = true;
                if (buttons.kunci) buttons.kunci.hidden = true;
                if (widget.reset) widget.reset(ex);
            }
        };

        all(el, '[data-hanya-js]').forEach(function (n) {
            n.hidden = false;
        });
        if (widget.init) widget.init(ex);

        if (buttons.periksa) {
            buttons.periksa.addEventListener('click', function () {
                var outcome = widget.check(ex);
                if (!outcome) {
                    ex.say([outcome === null ? T.pilih_dulu : T.isian_kosong], 'kosong');
                    return;
                }
                ex.finish(outcome);
            });
        }
        if (buttons.ulang) {
            buttons.ulang.addEventListener('click', function () {
                ex.reset();
                var first = el.querySelector('input, select, textarea, .modul-simpul:not([hidden]) button');
                if (first) first.focus();
            });
        }
        if (buttons.kunci) {
            buttons.kunci.addEventListener('click', function () {
                el.classList.add('modul-kunci-terbuka');
                if (answerKey) {
                    answerKey.open = true;
                    var summary = answerKey.querySelector('summary');
                    if (summary) summary.focus();
                }
            });
        }

        var record = store.get(key);
        if (record && record.hash === hash) {
            // A widget that shows the stored result itself returns true; otherwise the stored
            // answer is put back and checked again, quietly.
            if (widget.restore && !widget.restore(ex, record.jawaban, record)) {
                var outcome = widget.check(ex);
                if (outcome) ex.finish(outcome, record);
            }
        } else if (record && outdated) {
            outdated.hidden = false;
            outdated.appendChild(element('p', '', T.diperbarui));
            outdated.appendChild(element('blockquote', 'modul-jawaban-lama', record.ringkas || ''));
            outdated.appendChild(element('p', '', T.diperbarui_lanjut));
        }
    }

    function init() {
        modeControls();
        var exercises = all(document, '[data-latihan][data-jenis]');
        if (exercises.length && !store.ok) {
            var main = document.querySelector('main');
            var note = element('p', 'modul-tanpa-simpan', T.tanpa_penyimpanan);
            note.setAttribute('role', 'note');
            if (main) main.insertBefore(note, main.firstChild);
        }
        exercises.forEach(function (el) {
            var widget = widgets[el.getAttribute('data-jenis')];
            if (widget) {
                setup(el, widget);
            } else {
                // No script for this type: its answer key stays open to everyone, as without JS.
                el.classList.add('modul-kunci-terbuka');
            }
        });
    }

    window.ModulLatihan = {
        T: T,
        fill: fill,
        store: store,
        PREFIX: PREFIX,
        element: element,
        dateText: dateText,
        scoreText: scoreText,
        // Called by each widget file: kind(s) as in data-jenis, and its functions
        // {init, check, restore, reset}.
        daftar: function (kinds, widget) {
            [].concat(kinds).forEach(function (kind) {
                widgets[kind] = widget;
            });
        }
    };

    // Widget files load after this one; they have all registered once the document is parsed.
    if (document.readyState === 'loading') {
        document.addEventListener('DOMContentLoaded', init);
    } else {
        setTimeout(init, 0);
    }
})();
