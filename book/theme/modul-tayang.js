// Mode Tayang (projector mode): turns the page into slides made from its own content, for a
// trainer projecting the book in class. A button in the menu bar, the key T, or ?tayang=1 in
// the address turns it on; Esc leaves. One slide per heading section; a section too long for
// the screen continues on the next slide, so nothing scrolls. Exercises become question
// slides: their answer keys, model answers and feedback are left out of the slides and are
// added only when the facilitator asks (the key J or the button on the slide).
//
// The key N (or the button) opens a second window for the facilitator's own screen: the
// current slide's facilitator notes (notes of its section, the plan or the plan's steps for
// the page, an exercise's plan steps, catatan fasilitator and answer key), the next slide's title, and the
// same keys. It is a blank window written by this script through the opener's reference, so
// it works from file://, and it follows every slide change.
//
// Also here: Mode Fasilitator made safe for class. latihan.js opens every answer key when the
// mode is switched on; this script closes them again, lets one key be open at a time, and
// shows a badge fixed on screen while the mode is on.
//
// Strings come from MODUL_TEKS (ui.toml [skrip], generated into modul-data.js). Classic
// script, no library: works from file://.
(function () {
    'use strict';
    var T = window.MODUL_TEKS || {};
    var root = document.documentElement;

    function text(key, values) {
        var s = T[key] || '';
        if (values) {
            Object.keys(values).forEach(function (k) {
                s = s.split('{' + k + '}').join(String(values[k]));
            });
        }
        return s;
    }

    function all(scope, selector) {
        return Array.prototype.slice.call(scope.querySelectorAll(selector));
    }

    function element(tag, className, content) {
        var el = document.createElement(tag);
        if (className) el.className = className;
        if (content) el.textContent = content;
        return el;
    }

    // ---- Mode Fasilitator, safe in class ----------------------------------------------------

    var KEY_SELECTOR = '.modul-latihan .modul-kunci';

    function closeKeys(except) {
        all(document, KEY_SELECTOR).forEach(function (d) {
            if (d !== except) d.open = false;
        });
    }

    function safeFacilitatorMode() {
        var badge = element('div', 'modul-lencana-fasilitator', text('tayang_lencana'));
        badge.setAttribute('role', 'status');
        document.body.appendChild(badge);
        var on = root.classList.contains('modul-mode-fasilitator');
        // latihan.js opens every key when the mode changes; keys stay closed until asked for.
        new MutationObserver(function () {
            var now = root.classList.contains('modul-mode-fasilitator');
            if (now !== on) {
                on = now;
                closeKeys(null);
            }
        }).observe(root, { attributes: true, attributeFilter: ['class'] });
        closeKeys(null);
        // One key at a time: opening one closes the others.
        document.addEventListener('toggle', function (event) {
            var d = event.target;
            if (d && d.open && d.matches && d.matches(KEY_SELECTOR)) closeKeys(d);
        }, true);
    }

    // ---- Mode Tayang ---------------------------------------------------------------------

    // What never goes on a slide: facilitator notes and plans, answer keys and anything that
    // would show an answer, hidden or script-only parts, controls that do nothing there.
    var LEFT_OUT = [
        '.modul-catatan-fasilitator', '.modul-kunci', '.modul-jawaban-model', '.modul-ub',
        '.modul-latihan-aksi', '.modul-latihan-hasil', '.modul-latihan-diperbarui',
        '.modul-pita-fasilitator', '.modul-akibat', '.modul-lanjut',
        '.modul-skenario > .modul-simpul ~ .modul-simpul', '[hidden]', '[data-hanya-js]',
        'script', 'style', 'template', 'noscript'
    ].join(',');

    var deck = null;

    function pageTitle(main) {
        var h1 = main.querySelector('h1');
        return h1 ? h1.textContent.trim() : document.title;
    }

    // "Sesi 1-4: Asesmen dan Rencana Pelayanan" from the address and the table of contents.
    function sessionTitle() {
        var match = /\/sesi-(\d+-\d+)\//.exec(window.location.pathname);
        if (!match) return '';
        var code = match[1];
        var link = null;
        all(document, 'a[href]').some(function (a) {
            var href = a.getAttribute('href') || '';
            if (/(^|\/)sesi-\d+-\d+\/index\.html$/.test(href) && href.indexOf('sesi-' + code + '/') !== -1 &&
                a.textContent.indexOf(code) !== -1) {
                link = a;
                return true;
            }
            return false;
        });
        return link ? link.textContent.replace(/\s+/g, ' ').trim() : text('tayang_sesi', { kode: code });
    }

    // A copy of content for a slide: nothing left out above, no ids (they would repeat the
    // page's), forms reduced to their title.
    function slideCopy(node) {
        var copy = node.cloneNode(true);
        if (copy.nodeType !== 1) return copy;
        all(copy, LEFT_OUT).forEach(function (n) { n.remove(); });
        all(copy, '.modul-formulir').forEach(function (form) {
            var title = form.querySelector('.modul-formulir-judul, h2, h3, h4');
            var note = element('p', 'modul-tayang-formulir',
                text('tayang_formulir', { judul: title ? title.textContent.trim() : '' }));
            form.replaceWith(note);
        });
        // A disclosure shows its whole content on a slide (a case study's choices keep only
        // their text: what follows a choice was left out above).
        all(copy, 'details').reverse().forEach(function (d) {
            var open = element('div', 'modul-tayang-details');
            Array.prototype.slice.call(d.childNodes).forEach(function (n) {
                if (n.nodeType === 1 && n.tagName === 'SUMMARY') {
                    var p = element('p', 'modul-tayang-ringkas');
                    Array.prototype.slice.call(n.childNodes).forEach(function (c) { p.appendChild(c); });
                    open.appendChild(p);
                } else {
                    open.appendChild(n);
                }
            });
            d.replaceWith(open);
        });
        [copy].concat(all(copy, '*')).forEach(function (n) {
            n.removeAttribute('id');
            n.removeAttribute('data-jawaban');
            if (/^(INPUT|TEXTAREA|SELECT|BUTTON)$/.test(n.tagName)) {
                // Slides show questions, never a learner's answer, and share no radio group
                // with the page.
                n.removeAttribute('name');
                n.removeAttribute('checked');
                n.checked = false;
                if (n.tagName !== 'BUTTON' && n.type !== 'radio' && n.type !== 'checkbox') n.value = '';
                n.setAttribute('tabindex', '-1');
            }
        });
        return copy;
    }

    function isHeading(node) {
        return node.nodeType === 1 && /^H[1-3]$/.test(node.tagName);
    }

    function isExercise(node) {
        return node.nodeType === 1 && node.matches('section.modul-latihan');
    }

    var NOTE_SELECTOR = '.modul-catatan-fasilitator';

    // What the notes window shows for an exercise: the steps of the session plan that use it
    // (rendered on the topic page for Mode Fasilitator), its facilitator note and its key.
    function exerciseNotes(exercise) {
        var id = exercise.getAttribute('data-latihan');
        var steps = all(document, '[data-panduan-topik] [data-langkah-latihan]').filter(function (step) {
            return step.getAttribute('data-langkah-latihan').split(' ').indexOf(id) !== -1;
        });
        return steps.concat(all(exercise, NOTE_SELECTOR + ', .modul-kunci'));
    }

    // The page as groups: a heading with what follows it, or one exercise. Each group keeps
    // the facilitator notes of its part of the page (left out of its slides) for the notes
    // window.
    function groups(main) {
        var out = [];
        var current = null;
        var pending = [];
        Array.prototype.slice.call(main.childNodes).forEach(function (node) {
            if (node.nodeType === 3 && !node.textContent.trim()) return;
            if (node.nodeType !== 1 && node.nodeType !== 3) return;
            if (node.nodeType === 1 && node.matches(LEFT_OUT)) {
                if (node.matches(NOTE_SELECTOR)) (current ? current.notes : pending).push(node);
                return;
            }
            if (isExercise(node)) {
                current = null;
                out.push({ exercise: node, notes: exerciseNotes(node) });
                return;
            }
            if (node.nodeType === 1 && node.classList.contains('modul-latihan-grup')) {
                all(node, 'section.modul-latihan').forEach(function (e) {
                    out.push({ exercise: e, notes: exerciseNotes(e) });
                });
                current = null;
                return;
            }
            if (isHeading(node) || !current) {
                current = { heading: isHeading(node) ? node : null, blocks: [], notes: pending };
                pending = [];
                out.push(current);
                if (isHeading(node)) return;
            }
            current.blocks.push(node);
            if (node.nodeType === 1) {
                all(node, NOTE_SELECTOR).forEach(function (n) { current.notes.push(n); });
            }
        });
        return out;
    }

    // ---- Building slides: blocks are added one at a time while they fit; a block that does
    // not fit on an empty slide is split (list items, table rows, sentences, children).

    var origin = 0;

    function Builder(overlay, context) {
        this.overlay = overlay;
        this.context = context;
        this.slides = [];
        this.body = null;
        // The facilitator notes (page elements) of the slides started next.
        this.notes = [];
    }

    // Each slide's facilitator notes, for the notes window.
    var notesOf = new Map();

    Builder.prototype.start = function (title, kind, continued) {
        var slide = element('section', 'modul-tayang-slide');
        slide.setAttribute('data-slide', '');
        slide.setAttribute('aria-roledescription', text('tayang_salindia'));
        if (kind) slide.setAttribute('data-jenis-slide', kind);
        var head = element('p', 'modul-tayang-konteks', this.context);
        slide.appendChild(head);
        var heading = element('h2', 'modul-tayang-judul');
        heading.textContent = continued ? text('tayang_lanjutan', { judul: title }) : title;
        slide.appendChild(heading);
        var body = element('div', 'modul-tayang-isi');
        slide.appendChild(body);
        var foot = element('p', 'modul-tayang-kaki');
        // The counter is written when shown; its line is there from the start, so the body
        // measured now keeps its height.
        foot.appendChild(element('span', 'modul-tayang-hitung', '\u00a0'));
        slide.appendChild(foot);
        this.overlay.insertBefore(slide, this.overlay.querySelector('.modul-tayang-alat'));
        this.slides.push(slide);
        notesOf.set(slide, this.notes);
        this.body = body;
        this.title = title;
        this.kind = kind;
        return slide;
    };

    Builder.prototype.fits = function () {
        var b = this.body;
        return b.scrollHeight <= b.clientHeight + 1 && b.scrollWidth <= b.clientWidth + 1;
    };

    Builder.prototype.empty = function () {
        return !this.body.firstChild;
    };

    // Adds one block (already a slide copy), splitting it when it cannot fit alone.
    Builder.prototype.add = function (block) {
        var last = this.body.lastChild;
        var key = block.nodeType === 1 ? block.getAttribute('data-tayang-asal') : null;
        // A piece of a split block continues its previous piece when they share a slide.
        if (key && last && last.nodeType === 1 && last.getAttribute('data-tayang-asal') === key &&
            last.tagName === block.tagName) {
            var moved = Array.prototype.slice.call(block.childNodes);
            moved.forEach(function (n) { last.appendChild(n); });
            if (this.fits()) return;
            moved.forEach(function (n) { block.appendChild(n); });
        } else {
            this.body.appendChild(block);
            if (this.fits()) return;
            this.body.removeChild(block);
        }
        if (!this.empty()) {
            this.start(this.title, this.kind, true);
            this.body.appendChild(block);
            if (this.fits()) return;
            this.body.removeChild(block);
        }
        var parts = split(block);
        if (parts) {
            var self = this;
            parts.forEach(function (part) { self.add(part); });
            return;
        }
        // A block that cannot be split (an image, a wide formula): shown shrunk to fit.
        this.body.appendChild(block);
        if (block.nodeType === 1) shrink(this.body, block);
    };

    function shrink(body, block) {
        block.classList.add('modul-tayang-kecil');
        block.style.margin = '0';
        var scale = Math.min(body.clientHeight / Math.max(block.scrollHeight, 1),
            body.clientWidth / Math.max(block.scrollWidth, 1), 1);
        block.style.transformOrigin = 'top left';
        block.style.transform = 'scale(' + scale.toFixed(3) + ')';
        block.style.height = Math.floor(body.clientHeight) + 'px';
    }

    // Smaller pieces of a block that shares its tag, or null when it has none.
    function split(block) {
        if (block.nodeType === 3) {
            var sentences = block.textContent.match(/[^.!?;:]+[.!?;:]*\s*/g) || [];
            if (sentences.length > 1) {
                return sentences.map(function (s) { return document.createTextNode(s); });
            }
            // One long sentence: split between words, in halves.
            var words = block.textContent.split(/(?=\s)/);
            if (words.length < 2) return null;
            var half = Math.ceil(words.length / 2);
            return [words.slice(0, half).join(''), words.slice(half).join('')].map(function (s) {
                return document.createTextNode(s);
            });
        }
        if (block.nodeType !== 1 || /^(IMG|SVG|PRE|VIDEO|CANVAS)$/i.test(block.tagName)) return null;
        var key = block.getAttribute('data-tayang-asal') || String(++origin);
        var children = Array.prototype.slice.call(block.childNodes);
        if (block.tagName === 'TABLE') return splitTable(block, key);
        if (children.length === 1) {
            // One child: split the child and wrap each piece in a copy of this block.
            var inner = split(children[0]);
            if (!inner) return null;
            return inner.map(function (piece) {
                var shell = block.cloneNode(false);
                shell.setAttribute('data-tayang-asal', key);
                shell.appendChild(piece);
                return shell;
            });
        }
        if (children.length < 2) return null;
        var number = parseInt(block.getAttribute('start') || '1', 10);
        var pieces = [];
        children.forEach(function (child) {
            var shell = block.cloneNode(false);
            shell.setAttribute('data-tayang-asal', key);
            if (block.tagName === 'OL') shell.setAttribute('start', String(number));
            if (child.nodeType === 1 && child.tagName === 'LI') number += 1;
            shell.appendChild(child);
            pieces.push(shell);
        });
        return pieces;
    }

    function splitTable(table, key) {
        var rows = all(table, 'tbody > tr');
        if (rows.length < 2) return null;
        var head = table.querySelector('thead');
        return rows.map(function (row) {
            var shell = table.cloneNode(false);
            shell.setAttribute('data-tayang-asal', key);
            if (head) shell.appendChild(head.cloneNode(true));
            var body = document.createElement('tbody');
            body.appendChild(row);
            shell.appendChild(body);
            return shell;
        });
    }

    // Tables split by rows merge back by moving their tbody rows, not their headers.
    var plainAdd = Builder.prototype.add;
    Builder.prototype.add = function (block) {
        if (block.nodeType === 1 && block.tagName === 'TABLE' && block.getAttribute('data-tayang-asal')) {
            var last = this.body.lastChild;
            if (last && last.nodeType === 1 && last.tagName === 'TABLE' &&
                last.getAttribute('data-tayang-asal') === block.getAttribute('data-tayang-asal')) {
                var rows = all(block, 'tbody > tr');
                var target = last.querySelector('tbody');
                rows.forEach(function (r) { target.appendChild(r); });
                if (this.fits()) return;
                var back = block.querySelector('tbody');
                rows.forEach(function (r) { back.appendChild(r); });
            }
        }
        plainAdd.call(this, block);
    };

    function exerciseTitle(exercise) {
        var t = exercise.querySelector('.modul-latihan-judul');
        return t ? t.textContent.trim() : text('tayang_latihan');
    }

    function build(main) {
        var overlay = element('div', 'modul-tayang');
        overlay.id = 'modul-tayang';
        overlay.setAttribute('role', 'region');
        overlay.setAttribute('aria-label', text('tayang_judul'));
        overlay.tabIndex = -1;
        var tools = element('div', 'modul-tayang-alat');
        var notes = element('button', 'modul-tombol modul-tayang-tombol-catatan', text('tayang_catatan'));
        notes.type = 'button';
        notes.addEventListener('click', openNotes);
        tools.appendChild(notes);
        var leave = element('button', 'modul-tombol', text('tayang_keluar'));
        leave.type = 'button';
        leave.addEventListener('click', stop);
        tools.appendChild(leave);
        overlay.appendChild(tools);
        document.body.appendChild(overlay);

        var topic = pageTitle(main);
        var session = sessionTitle();
        var context = session && session.indexOf(topic) === -1 ? session + ' · ' + topic : (session || topic);
        var builder = new Builder(overlay, context);
        groups(main).forEach(function (group) {
            builder.notes = group.notes;
            if (group.exercise) {
                var slide = builder.start(exerciseTitle(group.exercise), 'soal', false);
                slide.classList.add('modul-tayang-soal');
                var copy = slideCopy(group.exercise);
                var header = copy.querySelector('.modul-latihan-kepala');
                if (header) {
                    var label = header.querySelector('.modul-latihan-label');
                    header.replaceWith(label || element('span'));
                }
                Array.prototype.slice.call(copy.childNodes).forEach(function (n) {
                    if (n.nodeType === 3 && !n.textContent.trim()) return;
                    builder.add(n);
                });
                var key = group.exercise.querySelector('.modul-kunci');
                if (key) {
                    var last = builder.slides[builder.slides.length - 1];
                    last.setAttribute('data-soal', group.exercise.getAttribute('data-latihan') || '');
                    var reveal = element('button', 'modul-tombol modul-tayang-buka', text('tayang_buka_jawaban'));
                    reveal.type = 'button';
                    reveal.addEventListener('click', function () { revealAnswer(last); });
                    last.querySelector('.modul-tayang-kaki').appendChild(reveal);
                    answers.set(last, {
                        exercise: group.exercise,
                        title: exerciseTitle(group.exercise),
                        notes: group.notes
                    });
                }
                return;
            }
            var title = group.heading ? group.heading.textContent.trim() : topic;
            builder.start(title, group.heading && group.heading.tagName === 'H1' ? 'judul' : '', false);
            group.blocks.forEach(function (block) { builder.add(slideCopy(block)); });
        });
        return { overlay: overlay, builder: builder, index: 0 };
    }

    // The answer of an exercise slide, added after it only when asked for.
    var answers = new Map();

    function revealAnswer(slide) {
        var answer = answers.get(slide);
        if (!answer || answer.shown) return;
        answer.shown = true;
        var key = answer.exercise.querySelector('.modul-kunci');
        var builder = deck.builder;
        var at = builder.slides.indexOf(slide);
        var before = builder.slides.slice(0, at + 1);
        var after = builder.slides.slice(at + 1);
        builder.slides = before;
        var next = after[0] || null;
        // New slides are built at the end, then moved after the question.
        var copy = key.cloneNode(true);
        all(copy, 'summary, script, template').forEach(function (n) { n.remove(); });
        [copy].concat(all(copy, '*')).forEach(function (n) {
            n.removeAttribute('id');
            n.removeAttribute('hidden');
        });
        builder.notes = answer.notes;
        var first = builder.start(text('tayang_jawaban', { judul: answer.title }), 'jawaban', false);
        first.classList.add('modul-tayang-jawaban');
        first.hidden = false;
        Array.prototype.slice.call(copy.childNodes).forEach(function (n) {
            if (n.nodeType === 3 && !n.textContent.trim()) return;
            builder.add(n);
        });
        var added = builder.slides.slice(before.length);
        added.forEach(function (s) {
            s.classList.add('modul-tayang-jawaban');
            s.setAttribute('data-jenis-slide', 'jawaban');
            deck.overlay.insertBefore(s, next || deck.overlay.querySelector('.modul-tayang-alat'));
        });
        builder.slides = before.concat(added, after);
        var button = slide.querySelector('.modul-tayang-buka');
        if (button) button.remove();
        show(at + 1);
    }

    function show(index) {
        var slides = deck.builder.slides;
        deck.index = Math.max(0, Math.min(index, slides.length - 1));
        slides.forEach(function (slide, i) {
            slide.hidden = i !== deck.index;
            slide.setAttribute('data-slide', String(i + 1));
            var count = text('tayang_hitung', { n: i + 1, total: slides.length });
            slide.querySelector('.modul-tayang-hitung').textContent = count;
            slide.setAttribute('aria-label', count);
        });
        updateNotes();
    }

    // ---- The notes window ------------------------------------------------------------------

    var notesWindow = null;

    function notesOpen() {
        return notesWindow && !notesWindow.closed;
    }

    // A page element as notes: a disclosure shows its content without its summary line; no ids,
    // nothing hidden.
    function noteCopy(node, doc) {
        var copy = doc.importNode(node, true);
        var box = doc.createElement('section');
        box.className = 'modul-catatan-jendela-blok';
        var label = doc.createElement('h3');
        var summary = copy.querySelector(':scope > summary');
        label.textContent = summary ? summary.textContent.trim() : text('tayang_catatan_fasilitator');
        if (node.matches('.modul-kunci')) label.textContent = text('tayang_catatan_kunci');
        if (node.matches('[data-langkah]')) {
            label.textContent = text('tayang_catatan_langkah', { n: node.getAttribute('data-langkah') });
        }
        box.appendChild(label);
        if (summary) summary.remove();
        all(copy, 'summary, script, template, button, [data-hanya-js]').forEach(function (n) { n.remove(); });
        [copy].concat(all(copy, '*')).forEach(function (n) {
            n.removeAttribute('id');
            n.removeAttribute('hidden');
            if (n.tagName === 'DETAILS') n.open = true;
            if (/^(INPUT|TEXTAREA|SELECT)$/.test(n.tagName)) {
                n.removeAttribute('name');
                n.disabled = true;
            }
        });
        Array.prototype.slice.call(copy.childNodes).forEach(function (n) { box.appendChild(n); });
        return box;
    }

    // Opens (or brings forward) the notes window: a blank window this script writes into.
    function openNotes() {
        if (!deck) return;
        if (!notesOpen()) {
            notesWindow = window.open('', 'modul-tayang-catatan', 'width=760,height=640');
            if (!notesWindow) {
                window.alert(text('tayang_catatan_diblokir'));
                return;
            }
            var doc = notesWindow.document;
            doc.title = text('tayang_catatan_judul');
            doc.documentElement.lang = 'id';
            doc.documentElement.className = 'modul-catatan-jendela';
            // The page's own stylesheet (its section for this window), by its full address.
            var sheet = document.querySelector('link[rel="stylesheet"][href*="theme/modul"]');
            if (sheet && !doc.querySelector('link[rel="stylesheet"]')) {
                var link = doc.createElement('link');
                link.rel = 'stylesheet';
                link.href = sheet.href;
                doc.head.appendChild(link);
            }
            doc.addEventListener('keydown', onKey, true);
        }
        updateNotes();
        notesWindow.focus();
    }

    function closeNotes() {
        if (notesOpen()) notesWindow.close();
        notesWindow = null;
    }

    function updateNotes() {
        if (!deck || !notesOpen()) return;
        var doc = notesWindow.document;
        var slides = deck.builder.slides;
        var slide = slides[deck.index];
        var next = slides[deck.index + 1];
        var body = doc.body || doc.documentElement.appendChild(doc.createElement('body'));
        while (body.firstChild) body.removeChild(body.firstChild);
        var main = doc.createElement('main');
        main.setAttribute('data-catatan-tayang', String(deck.index + 1));
        function line(tag, className, content) {
            var el = doc.createElement(tag);
            el.className = className;
            el.textContent = content;
            main.appendChild(el);
            return el;
        }
        line('p', 'modul-catatan-jendela-konteks', deck.builder.context + ' · ' +
            text('tayang_hitung', { n: deck.index + 1, total: slides.length }));
        line('h1', 'modul-catatan-jendela-judul', slide.querySelector('.modul-tayang-judul').textContent);
        var notes = notesOf.get(slide) || [];
        if (!notes.length) line('p', 'modul-catatan-jendela-kosong', text('tayang_catatan_kosong'));
        notes.forEach(function (n) { main.appendChild(noteCopy(n, doc)); });
        line('p', 'modul-catatan-jendela-berikut', next
            ? text('tayang_catatan_berikut', { judul: next.querySelector('.modul-tayang-judul').textContent })
            : text('tayang_catatan_akhir'));
        line('p', 'modul-catatan-jendela-tombol', text('tayang_catatan_tombol'));
        body.appendChild(main);
    }

    function onKey(event) {
        if (!deck || event.altKey || event.ctrlKey || event.metaKey) return;
        var key = event.key;
        var handled = true;
        if (key === 'ArrowRight' || key === 'PageDown' || (key === ' ' && !event.shiftKey)) {
            show(deck.index + 1);
        } else if (key === 'ArrowLeft' || key === 'PageUp' || (key === ' ' && event.shiftKey)) {
            show(deck.index - 1);
        } else if (key === 'Home') {
            show(0);
        } else if (key === 'End') {
            show(deck.builder.slides.length - 1);
        } else if (key === 'Escape') {
            stop();
        } else if (key === 'j' || key === 'J') {
            revealAnswer(deck.builder.slides[deck.index]);
        } else if (key === 'n' || key === 'N') {
            openNotes();
        } else {
            handled = false;
        }
        if (handled) {
            event.preventDefault();
            event.stopPropagation();
        }
    }

    var starting = false;

    // Slides are measured while they are built, so they are built once the page's fonts are
    // in (a fallback font is narrower: text measured with it overflows later).
    function start() {
        if (deck || starting) return;
        var main = document.querySelector('main');
        if (!main) return;
        starting = true;
        root.classList.add('modul-tayang-aktif');
        // The page's own text font, in the weights slides use; loading it explicitly, since
        // nothing on screen may have asked for it yet (the page is hidden behind the slides).
        var family = window.getComputedStyle(main).fontFamily;
        if (document.fonts && document.fonts.load && window.Promise) {
            Promise.all(['400', '700'].map(function (weight) {
                return document.fonts.load(weight + ' 28px ' + family).catch(function () { return null; });
            })).then(function () { return document.fonts.ready; })
                .then(function () { open(main, 0); }, function () { open(main, 0); });
        } else {
            open(main, 0);
        }
    }

    function open(main, index) {
        starting = false;
        if (!root.classList.contains('modul-tayang-aktif')) return;
        answers = new Map();
        notesOf = new Map();
        deck = build(main);
        // Every slide was measured while built; now one at a time.
        show(index);
        deck.overlay.focus();
        document.addEventListener('keydown', onKey, true);
    }

    // A new window size is a new layout: the slides are built again, on the same place.
    var resizing = null;
    window.addEventListener('resize', function () {
        if (!deck) return;
        window.clearTimeout(resizing);
        resizing = window.setTimeout(function () {
            if (!deck) return;
            var share = deck.index / Math.max(deck.builder.slides.length, 1);
            document.removeEventListener('keydown', onKey, true);
            deck.overlay.remove();
            deck = null;
            var main = document.querySelector('main');
            open(main, 0);
            if (deck) show(Math.round(share * deck.builder.slides.length));
        }, 200);
    });

    function stop() {
        if (!deck) {
            starting = false;
            root.classList.remove('modul-tayang-aktif');
            return;
        }
        document.removeEventListener('keydown', onKey, true);
        deck.overlay.remove();
        deck = null;
        closeNotes();
        root.classList.remove('modul-tayang-aktif');
        if (/[?&]tayang=1/.test(window.location.search)) {
            try {
                var search = window.location.search.replace(/([?&])tayang=1(&|$)/, '$1').replace(/[?&]$/, '');
                window.history.replaceState(null, '', window.location.pathname + search + window.location.hash);
            } catch (e) {
                // file:// may refuse; the address keeps ?tayang=1, which is harmless.
            }
        }
        var button = document.getElementById('modul-tombol-tayang');
        if (button) button.focus();
    }

    function typing(target) {
        return target && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName));
    }

    function controls() {
        var bar = document.querySelector('#mdbook-menu-bar .right-buttons');
        if (bar && document.querySelector('main h1')) {
            var button = element('button', 'icon-button modul-tombol-tayang');
            button.type = 'button';
            button.id = 'modul-tombol-tayang';
            button.title = text('tayang_tombol');
            button.setAttribute('aria-label', text('tayang_tombol'));
            // A projector screen on a stand: a constant, not content.
            button.innerHTML = '<svg viewBox="0 0 24 24" width="1.35em" height="1.35em" aria-hidden="true">' +
                '<rect x="2" y="3" width="20" height="13" rx="1" fill="none" stroke="currentColor" stroke-width="1.8"/>' +
                '<path d="M12 16v4M8 21h8" stroke="currentColor" stroke-width="1.8" stroke-linecap="round"/>' +
                '<path d="M10 7.5v5l4-2.5z" fill="currentColor"/></svg>';
            button.addEventListener('click', start);
            bar.insertBefore(button, bar.firstChild);
        }
        document.addEventListener('keydown', function (event) {
            if (deck || event.altKey || event.ctrlKey || event.metaKey || typing(event.target)) return;
            if ((event.key === 't' || event.key === 'T') && document.querySelector('main h1')) {
                event.preventDefault();
                start();
            }
        });
        if (/[?&]tayang=1(&|$)/.test(window.location.search)) start();
    }

    function init() {
        safeFacilitatorMode();
        controls();
    }

    window.ModulTayang = { mulai: start, keluar: stop };

    if (document.readyState === 'loading') {
        document.addEventListener('DOMContentLoaded', init);
    } else {
        init();
    }
})();
