// Fillable forms (<form data-formulir>): skip logic, checks, drafts on this device after
// consent, export/import, erase, blank and filled print. The rules are the parsed form data
// written by the preprocessor into data-aturan; this file only evaluates them. Everything a
// user types is handled as text (value, textContent), never as markup.
// Only on pages with: data-formulir=
var ModulFormulir = (function () {
    'use strict';
    var T = typeof MODUL_TEKS === 'object' ? MODUL_TEKS : {};
    var S = ModulSimpan;
    var FORMAT = 'modul-formulir';

    function t(key, values) {
        return S.isi(T[key] || key, values || {});
    }

    // ---- Expressions (the JSON trees of preprocessor/src/form/rules.rs, ExprRule) ----

    function text(v) {
        if (Array.isArray(v)) {
            return v.join(' ');
        }
        return v === undefined || v === null ? '' : String(v);
    }

    function num(v) {
        var s = text(v).trim().replace(',', '.');
        return s === '' ? NaN : Number(s);
    }

    function truthy(v) {
        if (typeof v === 'boolean') {
            return v;
        }
        if (typeof v === 'number') {
            return v !== 0 && !isNaN(v);
        }
        return text(v) !== '';
    }

    function today() {
        var d = new Date();
        function two(n) { return (n < 10 ? '0' : '') + n; }
        return d.getFullYear() + '-' + two(d.getMonth() + 1) + '-' + two(d.getDate());
    }

    function evaluate(node, ctx) {
        var op = node[0];
        var a;
        if (op === 'ref') { return ctx.get(node[1]); }
        if (op === 'cur') { return ctx.current; }
        if (op === 'str' || op === 'num') { return node[1]; }
        if (op === 'and') { return truthy(evaluate(node[1], ctx)) && truthy(evaluate(node[2], ctx)); }
        if (op === 'or') { return truthy(evaluate(node[1], ctx)) || truthy(evaluate(node[2], ctx)); }
        if (op === 'fn') {
            a = node[2];
            switch (node[1]) {
                case 'not': return !truthy(evaluate(a[0], ctx));
                case 'selected':
                    var v = evaluate(a[0], ctx);
                    var c = text(evaluate(a[1], ctx));
                    return Array.isArray(v) ? v.indexOf(c) >= 0 : text(v) === c;
                case 'count-selected':
                    var m = evaluate(a[0], ctx);
                    return Array.isArray(m) ? m.length : (text(m) === '' ? 0 : 1);
                case 'string-length': return text(evaluate(a[0], ctx)).length;
                case 'regex':
                    try {
                        return new RegExp(text(evaluate(a[1], ctx))).test(text(evaluate(a[0], ctx)));
                    } catch (e) {
                        return false;
                    }
                case 'today': return today();
                case 'true': return true;
                case 'false': return false;
            }
            return false;
        }
        // Comparisons; the preprocessor decided whether they are numeric (node[3]).
        var l = evaluate(node[1], ctx);
        var r = evaluate(node[2], ctx);
        if (node[3]) {
            l = num(l);
            r = num(r);
            if (isNaN(l) || isNaN(r)) {
                return op === '!=';
            }
        } else {
            l = text(l);
            r = text(r);
        }
        switch (op) {
            case '=': return l === r;
            case '!=': return l !== r;
            case '<': return l < r;
            case '<=': return l <= r;
            case '>': return l > r;
            case '>=': return l >= r;
        }
        return false;
    }

    // ---- Reading and writing the controls ----

    function control(wrapper) {
        return wrapper.querySelector('input:not([type=radio]):not([type=checkbox]):not([type=file]), textarea');
    }

    function readValue(wrapper, rule) {
        if (rule.type === 'select_one') {
            var checked = wrapper.querySelector('input:checked');
            return checked ? checked.value : '';
        }
        if (rule.type === 'select_multiple') {
            return Array.prototype.map.call(wrapper.querySelectorAll('input:checked'), function (i) { return i.value; });
        }
        var input = control(wrapper);
        return input ? input.value : '';
    }

    function writeValue(wrapper, rule, value) {
        if (rule.type === 'select_one' || rule.type === 'select_multiple') {
            var wanted = Array.isArray(value) ? value : [value];
            Array.prototype.forEach.call(wrapper.querySelectorAll('input'), function (i) {
                i.checked = wanted.indexOf(i.value) >= 0;
            });
            return;
        }
        var input = control(wrapper);
        if (input) {
            input.value = value === undefined ? '' : String(value);
        }
    }

    function node(tag, attrs, content) {
        var n = document.createElement(tag);
        Object.keys(attrs).forEach(function (k) { n.setAttribute(k, attrs[k]); });
        if (content) { n.textContent = content; }
        return n;
    }

    function button(action, key, extra) {
        return node('button', { type: 'button', 'data-aksi': action, 'class': extra || '' }, t(key));
    }

    // No `__proto__`, `constructor` or `prototype` key from stored or imported data survives.
    function clean(value) {
        var forbidden = ['__proto__', 'constructor', 'prototype'];
        if (Array.isArray(value)) { return value.map(clean); }
        if (typeof value === 'object' && value !== null) {
            var out = {};
            Object.keys(value).forEach(function (k) {
                if (forbidden.indexOf(k) < 0) { out[k] = clean(value[k]); }
            });
            return out;
        }
        return value;
    }

    function isEmpty(v) {
        return Array.isArray(v) ? v.length === 0 : text(v) === '';
    }

    // ---- One form on the page ----

    function Form(el) {
        this.el = el;
        this.rules = JSON.parse(el.getAttribute('data-aturan'));
        this.key = el.getAttribute('data-kunci');
        this.prefix = el.id;
        this.old = {};
        this.agreed = false;
        this.checked = false;
        this.backup = null;
        this.nextRow = {};
        // The book's own instances keep many records (modul-rekaman.js); an exercise's embedded
        // form keeps one draft under its own key.
        this.records = this.key.indexOf('modul:formulir:') === 0 && typeof ModulRekaman === 'object';
        this.current = null;
    }

    // Field rules in document order, with the repeat each sits in.
    Form.prototype.each = function (visit) {
        function walk(list, repeat) {
            list.forEach(function (rule) {
                visit(rule, repeat);
                if (rule.type === 'group') {
                    walk(rule.fields, repeat);
                } else if (rule.type === 'repeat') {
                    walk(rule.fields, rule);
                }
            });
        }
        walk(this.rules.fields, null);
    };

    Form.prototype.wrapper = function (name) {
        return document.getElementById(this.prefix + '-' + name + '-isian');
    };

    Form.prototype.rows = function (repeat) {
        var box = this.wrapper(repeat.name);
        if (repeat.fixed_rows) {
            var all = [];
            for (var i = 0; i < repeat.fixed_rows; i++) { all.push(String(i)); }
            return all;
        }
        return Array.prototype.map.call(box.querySelectorAll('tr[data-baris]'), function (tr) {
            return tr.getAttribute('data-baris');
        });
    };

    Form.prototype.cell = function (repeat, row, name) {
        return this.wrapper(repeat.name).querySelector('.modul-sel[data-nama="' + name + '"][data-baris="' + row + '"]');
    };

    // Current values: plain fields by name, tables as arrays of row objects.
    Form.prototype.collect = function () {
        var self = this;
        var out = {};
        this.each(function (rule, repeat) {
            if (repeat || rule.type === 'group' || rule.type === 'note') {
                return;
            }
            if (rule.type === 'repeat') {
                var rows = self.rows(rule).map(function (row) {
                    var values = {};
                    rule.fields.forEach(function (col) {
                        var v = readValue(self.cell(rule, row, col.name), col);
                        if (!isEmpty(v)) { values[col.name] = v; }
                    });
                    return values;
                });
                var filled = rows.some(function (r) { return Object.keys(r).length > 0; });
                if (filled) {
                    out[rule.name] = rule.fixed_rows ? rows : rows.filter(function (r) { return Object.keys(r).length > 0; });
                }
                return;
            }
            var v = readValue(self.wrapper(rule.name), rule);
            if (!isEmpty(v)) { out[rule.name] = v; }
        });
        return out;
    };

    Form.prototype.record = function () {
        var old = {};
        Object.keys(this.old).sort().forEach(function (k) { old[k] = this.old[k]; }, this);
        var record = { format: FORMAT, formulir: this.rules.id, versi: this.rules.version, nilai: this.collect() };
        if (Object.keys(old).length) { record.data_lama = old; }
        return record;
    };

    Form.prototype.clear = function () {
        var self = this;
        this.each(function (rule, repeat) {
            if (rule.type === 'repeat' && !rule.fixed_rows) {
                var rows = self.rows(rule);
                rows.slice(1).forEach(function (row) { self.removeRow(rule, row); });
            }
        });
        this.each(function (rule, repeat) {
            if (rule.type === 'group' || rule.type === 'note' || rule.type === 'repeat') { return; }
            if (repeat) {
                self.rows(repeat).forEach(function (row) { writeValue(self.cell(repeat, row, rule.name), rule, ''); });
            } else {
                writeValue(self.wrapper(rule.name), rule, '');
            }
        });
        this.old = {};
    };

    // Puts a record's values into the form. Whatever no longer fits the form (a removed field,
    // a choice that is gone, a column that is gone) is kept under "Data lama", never dropped.
    Form.prototype.apply = function (record) {
        var self = this;
        var values = {};
        var source = record && typeof record.nilai === 'object' && record.nilai ? clean(record.nilai) : {};
        Object.keys(source).forEach(function (k) { values[k] = source[k]; });
        var old = {};
        var lama = record && typeof record.data_lama === 'object' && record.data_lama ? clean(record.data_lama) : {};
        Object.keys(lama).forEach(function (k) { old[k] = lama[k]; });
        function keep(key, value) {
            var k = key;
            for (var n = 2; Object.prototype.hasOwnProperty.call(old, k) && JSON.stringify(old[k]) !== JSON.stringify(value); n++) {
                k = key + '~' + n;
            }
            old[k] = value;
        }
        function fits(rule, v) {
            if (rule.type === 'select_multiple') {
                return Array.isArray(v) && v.every(function (c) { return rule.choices.indexOf(c) >= 0; });
            }
            if (rule.type === 'select_one') {
                return typeof v === 'string' && rule.choices.indexOf(v) >= 0;
            }
            return typeof v === 'string';
        }
        this.clear();
        this.each(function (rule, repeat) {
            (rule.old_names || []).forEach(function (name) {
                if (!(rule.name in values) && name in values) {
                    values[rule.name] = values[name];
                    delete values[name];
                }
            });
        });
        this.each(function (rule, repeat) {
            if (repeat || !(rule.name in values) || rule.type === 'group' || rule.type === 'note') { return; }
            var v = values[rule.name];
            delete values[rule.name];
            if (rule.type === 'repeat') {
                if (!Array.isArray(v)) { keep(rule.name, v); return; }
                v.forEach(function (rowValues, i) {
                    if (rule.fixed_rows && i >= rule.fixed_rows || typeof rowValues !== 'object' || rowValues === null || Array.isArray(rowValues)) {
                        keep(rule.name + '.' + (i + 1), rowValues);
                        return;
                    }
                    var row = rule.fixed_rows ? String(i) : (i === 0 ? self.rows(rule)[0] : self.addRow(rule));
                    Object.keys(rowValues).forEach(function (col) {
                        var colRule = rule.fields.filter(function (c) { return c.name === col; })[0];
                        if (colRule && fits(colRule, rowValues[col])) {
                            writeValue(self.cell(rule, row, col), colRule, rowValues[col]);
                        } else {
                            keep(rule.name + '.' + (i + 1) + '.' + col, rowValues[col]);
                        }
                    });
                });
                return;
            }
            if (rule.type === 'select_multiple' && Array.isArray(v)) {
                // Still-valid choices stay ticked; only a removed choice becomes "Data lama".
                var gone = v.filter(function (c) { return rule.choices.indexOf(c) < 0; });
                writeValue(self.wrapper(rule.name), rule, v.filter(function (c) { return rule.choices.indexOf(c) >= 0; }));
                if (gone.length) { keep(rule.name, gone); }
            } else if (fits(rule, v)) {
                writeValue(self.wrapper(rule.name), rule, v);
            } else {
                keep(rule.name, v);
            }
        });
        Object.keys(values).forEach(function (k) { keep(k, values[k]); });
        this.old = old;
        this.showOld(record);
        this.refresh();
    };

    Form.prototype.showOld = function (record) {
        var section = this.el.querySelector('.modul-data-lama');
        var list = section.querySelector('dl');
        list.textContent = '';
        var keys = Object.keys(this.old).sort();
        keys.forEach(function (k) {
            var dt = document.createElement('dt');
            dt.textContent = k;
            var dd = document.createElement('dd');
            var v = this.old[k];
            dd.textContent = typeof v === 'string' ? v : JSON.stringify(v);
            list.appendChild(dt);
            list.appendChild(dd);
        }, this);
        section.hidden = keys.length === 0;
        if (record && typeof record.versi === 'number' && record.versi !== this.rules.version) {
            this.say(t('formulir_versi_lama', { lama: record.versi, baru: this.rules.version }));
        }
    };

    // ---- Table rows ----

    Form.prototype.addRow = function (repeat) {
        var box = this.wrapper(repeat.name);
        var template = box.querySelector('template');
        var n = this.nextRow[repeat.name] || this.rows(repeat).length;
        while (box.querySelector('tr[data-baris="' + n + '"]')) { n++; }
        this.nextRow[repeat.name] = n + 1;
        var row = template.content.firstElementChild.cloneNode(true);
        var index = String(n);
        row.setAttribute('data-baris', index);
        Array.prototype.forEach.call(row.querySelectorAll('*'), function (node) {
            ['id', 'for', 'name', 'aria-describedby', 'aria-labelledby'].forEach(function (attr) {
                var v = node.getAttribute(attr);
                if (v) { node.setAttribute(attr, v.split('__i__').join(index)); }
            });
            if (node.hasAttribute('data-baris')) { node.setAttribute('data-baris', index); }
        });
        var tbody = box.querySelector('tbody');
        tbody.insertBefore(row, tbody.querySelector('.modul-baris-kosong'));
        this.renumber(repeat);
        return index;
    };

    Form.prototype.removeRow = function (repeat, row) {
        var tr = this.wrapper(repeat.name).querySelector('tr[data-baris="' + row + '"]');
        if (tr) { tr.remove(); }
        this.renumber(repeat);
    };

    Form.prototype.renumber = function (repeat) {
        var trs = this.wrapper(repeat.name).querySelectorAll('tr[data-baris]');
        Array.prototype.forEach.call(trs, function (tr, i) {
            var cell = tr.querySelector('.modul-aksi-baris');
            if (cell && !cell.firstChild) { cell.appendChild(button('hapus-baris', 'formulir_hapus_baris', 'modul-tombol-kecil')); }
            var no = tr.querySelector('.modul-no');
            if (no) { no.textContent = (i + 1) + '.'; }
            Array.prototype.forEach.call(tr.querySelectorAll('[aria-label]'), function (node) {
                node.setAttribute('aria-label', node.getAttribute('aria-label').replace(/(\S+) (\d+|__n__)$/, '$1 ' + (i + 1)));
            });
            var remove = tr.querySelector('[data-aksi="hapus-baris"]');
            if (remove) { remove.hidden = trs.length < 2; }
        });
    };

    // ---- Skip logic and checks ----

    Form.prototype.context = function (repeat, row, current, relevant) {
        var self = this;
        return {
            current: current,
            get: function (name) {
                var colRule = repeat && repeat.fields.filter(function (c) { return c.name === name; })[0];
                // A field hidden by its own skip logic counts as empty, as in ODK.
                if (relevant[colRule ? name + '#' + row : name] === false) { return ''; }
                if (colRule) {
                    return readValue(self.cell(repeat, row, name), colRule);
                }
                var rule = null;
                self.each(function (r) { if (r.name === name) { rule = r; } });
                return rule ? readValue(self.wrapper(name), rule) : '';
            }
        };
    };

    // Shows and hides fields by their `relevan` rules; returns what is relevant.
    Form.prototype.refresh = function () {
        var self = this;
        var relevant = {};
        var hiddenParents = [];
        this.each(function (rule, repeat) {
            if (!repeat) {
                var wrapper = self.wrapper(rule.name);
                var parentHidden = hiddenParents.some(function (p) { return p.contains(wrapper); });
                var on = !parentHidden && (!rule.relevant || truthy(evaluate(rule.relevant, self.context(null, null, '', relevant))));
                relevant[rule.name] = on;
                wrapper.classList.toggle('modul-tidak-relevan', !on);
                if (!on) { hiddenParents.push(wrapper); }
                return;
            }
            self.rows(repeat).forEach(function (row) {
                var cell = self.cell(repeat, row, rule.name);
                var on = relevant[repeat.name] && (!rule.relevant || truthy(evaluate(rule.relevant, self.context(repeat, row, '', relevant))));
                relevant[rule.name + '#' + row] = on;
                cell.classList.toggle('modul-tidak-relevan', !on);
            });
        });
        if (this.checked) { this.check(false); }
        return relevant;
    };

    Form.prototype.problem = function (rule, wrapper, value, relevant, ctx) {
        if (!relevant) { return ''; }
        if (isEmpty(value)) {
            return rule.required ? t('formulir_galat_wajib') : '';
        }
        if (rule.type === 'integer' && !/^\s*-?\d+\s*$/.test(value)) { return t('formulir_galat_bulat'); }
        if (rule.type === 'decimal' && !/^\s*-?\d+([.,]\d+)?\s*$/.test(value)) { return t('formulir_galat_angka'); }
        if (rule.type === 'date' && !/^\d{4}-\d{2}-\d{2}$/.test(value)) { return t('formulir_galat_tanggal'); }
        if (rule.constraint) {
            ctx.current = value;
            if (!truthy(evaluate(rule.constraint, ctx))) { return rule.constraint_message; }
        }
        return '';
    };

    function mark(wrapper, message) {
        var box = wrapper.querySelector('.modul-galat');
        if (box) { box.textContent = message; }
        wrapper.classList.toggle('modul-salah', message !== '');
        Array.prototype.forEach.call(wrapper.querySelectorAll('input, textarea'), function (i) {
            if (message) { i.setAttribute('aria-invalid', 'true'); } else { i.removeAttribute('aria-invalid'); }
        });
    }

    // Required fields count only once the user asked for a check; constraints always.
    Form.prototype.check = function (announce) {
        var self = this;
        var count = 0;
        var first = null;
        var rel = this.relevantMap();
        this.each(function (rule, repeat) {
            if (rule.type === 'group' || rule.type === 'note' || rule.type === 'repeat') { return; }
            var targets = repeat
                ? self.rows(repeat).map(function (row) { return [self.cell(repeat, row, rule.name), rel[rule.name + '#' + row], self.context(repeat, row, '', rel)]; })
                : [[self.wrapper(rule.name), rel[rule.name], self.context(null, null, '', rel)]];
            targets.forEach(function (target) {
                var value = readValue(target[0], rule);
                var message = self.problem(rule, target[0], value, target[1], target[2]);
                if (message && !self.checked && isEmpty(value)) { message = ''; }
                mark(target[0], message);
                if (message) {
                    count++;
                    first = first || target[0];
                }
            });
        });
        if (announce) {
            this.say(count ? t('formulir_ada_galat', { n: count }) : t('formulir_semua_lengkap'));
            if (first) {
                var focus = first.querySelector('input, textarea');
                if (focus) { focus.focus(); }
            }
        }
        return count;
    };

    Form.prototype.relevantMap = function () {
        var map = {};
        var self = this;
        this.each(function (rule, repeat) {
            if (!repeat) {
                map[rule.name] = !self.wrapper(rule.name).classList.contains('modul-tidak-relevan') &&
                    !self.wrapper(rule.name).closest('.modul-tidak-relevan');
                return;
            }
            self.rows(repeat).forEach(function (row) {
                map[rule.name + '#' + row] = !self.cell(repeat, row, rule.name).closest('.modul-tidak-relevan');
            });
        });
        return map;
    };

    // ---- Saving ----

    Form.prototype.say = function (message) {
        this.status.textContent = message;
    };

    Form.prototype.save = function () {
        if (this.records) {
            this.saveRecord();
            return;
        }
        if (this.agreed) {
            if (S.tulis(this.key, this.record())) {
                this.say(t('formulir_tersimpan'));
            }
        }
    };

    Form.prototype.buttons = function () {
        if (this.records) {
            this.recordButtons();
            return;
        }
        var simpan = this.el.querySelector('[data-aksi="simpan"]');
        simpan.hidden = this.agreed || !S.tersedia;
        this.el.querySelector('[data-aksi="hapus"]').hidden = !this.agreed && Object.keys(this.collect()).length === 0 && !Object.keys(this.old).length;
    };

    Form.prototype.exportFile = function () {
        if (this.records) {
            this.exportRecord();
            return;
        }
        S.unduh(this.rules.id + '.json', S.teks(this.record()));
    };

    Form.prototype.importText = function (content) {
        if (this.records) {
            return this.importRecords(content);
        }
        var record;
        try {
            record = JSON.parse(content);
        } catch (e) {
            record = null;
        }
        if (!record || record.format !== FORMAT || typeof record.formulir !== 'string') {
            this.say(t('formulir_impor_gagal', { alasan: t('formulir_impor_rusak') }));
            return false;
        }
        if (record.formulir !== this.rules.id) {
            this.say(t('formulir_impor_gagal', { alasan: t('formulir_impor_lain', { lain: record.formulir }) }));
            return false;
        }
        var current = this.record();
        var hasData = Object.keys(current.nilai).length > 0 || current.data_lama;
        this.apply(record);
        var message = t('formulir_impor_berhasil');
        // The replaced values are kept, so an import never loses what was there.
        if (hasData && S.teks(current) !== S.teks(this.record())) {
            this.backup = current;
            if (this.agreed) { S.tulis(this.key + ':cadangan', current); }
            this.el.querySelector('.modul-cadangan').hidden = false;
        }
        this.save();
        this.buttons();
        this.say(message);
        return true;
    };

    Form.prototype.restore = function () {
        var backup = this.backup || S.baca(this.key + ':cadangan');
        if (!backup) { return; }
        this.apply(backup);
        this.backup = null;
        S.hapus(this.key + ':cadangan');
        this.el.querySelector('.modul-cadangan').hidden = true;
        this.save();
    };

    Form.prototype.erase = function () {
        if (this.records) {
            this.eraseRecord();
            return;
        }
        S.hapus(this.key);
        S.hapus(this.key + ':cadangan');
        this.agreed = false;
        this.backup = null;
        this.checked = false;
        this.clear();
        this.showOld(null);
        this.refresh();
        this.check(false);
        this.el.querySelector('.modul-cadangan').hidden = true;
        this.buttons();
        this.say(t('formulir_dihapus'));
    };

    // Field-by-field comparison with the model answers of an exercise (data-jawaban): for each
    // answered field whether the learner filled it, and for the fields the build marked as
    // checkable whether the value is the model's.
    Form.prototype.compare = function () {
        var data = JSON.parse(this.el.getAttribute('data-jawaban') || '{}');
        var answers = data.values || {};
        var checked = data.checked || [];
        var values = this.collect();
        function norm(v) {
            return Array.isArray(v) ? v.map(norm).sort().join('\n') : text(v).trim().replace(/\s+/g, ' ').toLowerCase();
        }
        return Object.keys(answers).map(function (name) {
            var item = { nama: name, diisi: !isEmpty(values[name]) };
            if (checked.indexOf(name) >= 0) { item.sama = norm(values[name]) === norm(answers[name]); }
            return item;
        });
    };

    // ---- Records (the book's own instances; modul-rekaman.js keeps them) ----

    var R = typeof ModulRekaman === 'object' ? ModulRekaman : null;

    // The record's label from the form's identifying fields (rules.label) in `values`; the
    // first one is the client's name, which gathers a client's records on the Berkas Klien page.
    // A choice is shown by its label.
    Form.prototype.labelParts = function (values) {
        var self = this;
        return (this.rules.label || []).map(function (name) {
            var v = values[name];
            if (typeof v !== 'string') { return ''; }
            var wrapper = self.wrapper(name);
            var choice = wrapper && Array.prototype.filter.call(wrapper.querySelectorAll('input[type=radio]'), function (i) { return i.value === v; })[0];
            var label = choice && wrapper.querySelector('label[for="' + choice.id + '"]');
            return label ? label.textContent.trim() : v.trim().replace(/\s+/g, ' ');
        });
    };

    Form.prototype.saveRecord = function () {
        if (R.terkunci()) { return; }
        var self = this;
        var values = this.collect();
        var old = {};
        Object.keys(this.old).sort().forEach(function (k) { old[k] = this.old[k]; }, this);
        if (!this.current) {
            if (!Object.keys(values).length && !Object.keys(old).length) { return; }
            this.current = { format: R.FORMAT, formulir: this.rules.id, id: R.idBaru(), versi: this.rules.version, label: '', klien: '', dibuat: R.waktuKini(), diubah: '', nilai: {} };
        }
        var r = this.current;
        var parts = this.labelParts(values);
        var label = parts.filter(Boolean).join(' · ');
        var stored = R.ambil(r.formulir, r.id);
        // Nothing changed (opening, exporting): the record and its time stay as they are.
        if (stored === r && r.versi === this.rules.version && r.label === label &&
            JSON.stringify(r.nilai) === JSON.stringify(values) && JSON.stringify(r.data_lama || {}) === JSON.stringify(old)) {
            return;
        }
        r.versi = this.rules.version;
        r.label = label;
        r.klien = parts[0] || '';
        r.diubah = R.waktuKini();
        r.nilai = values;
        if (Object.keys(old).length) { r.data_lama = old; } else { delete r.data_lama; }
        R.simpan(r).then(function (ok) {
            if (R.disetujui()) { self.say(ok ? t('formulir_tersimpan') : t('formulir_tidak_bisa')); }
        });
        this.renderList();
    };

    Form.prototype.recordButtons = function () {
        var agreed = R.disetujui();
        this.el.querySelector('[data-aksi="simpan"]').hidden = agreed || !S.tersedia;
        this.el.querySelector('[data-aksi="hapus"]').hidden = !this.current && Object.keys(this.collect()).length === 0;
        this.el.querySelector('[data-aksi="ekspor"]').hidden = !this.current;
        var any = R.daftar(this.rules.id).length > 0;
        this.el.querySelector('[data-aksi="ekspor-semua"]').hidden = !any;
        this.el.querySelector('[data-aksi="ekspor-csv"]').hidden = !any;
        this.el.querySelector('[data-aksi="rekaman-baru"]').hidden = R.terkunci();
        this.openLine.hidden = R.terkunci();
    };

    Form.prototype.buildRecordPanel = function () {
        var box = this.el.querySelector('.modul-formulir-alat');
        var panel = node('section', { 'class': 'modul-rekaman', 'aria-labelledby': this.prefix + '--rekaman' });
        box.insertBefore(panel, box.querySelector('.modul-formulir-status'));
        panel.appendChild(node('p', { 'class': 'modul-label', id: this.prefix + '--rekaman' }, t('rekaman_judul')));
        panel.appendChild(node('p', { 'class': 'modul-petunjuk' }, t('rekaman_keterangan')));
        this.empty = panel.appendChild(node('p', { 'class': 'modul-rekaman-kosong' }, t('rekaman_kosong')));
        this.list = panel.appendChild(node('ul', { 'class': 'modul-rekaman-daftar', 'data-rekaman-daftar': '' }));
        var row = panel.appendChild(node('div', { 'class': 'modul-tombol-baris' }));
        row.appendChild(button('rekaman-baru', 'rekaman_baru'));
        row.appendChild(button('ekspor-semua', 'rekaman_ekspor_semua'));
        row.appendChild(button('ekspor-csv', 'rekaman_ekspor_csv'));
        this.clash = panel.appendChild(node('div', { 'class': 'modul-rekaman-bentrok', role: 'alertdialog' }));
        this.clash.hidden = true;
        this.brokenBox = panel.appendChild(node('div', { 'class': 'modul-rekaman-rusak', role: 'alert' }));
        this.brokenBox.hidden = true;
        this.lockBox = panel.appendChild(node('div', { 'class': 'modul-kunci' }));
        this.openLine = box.appendChild(node('p', { 'class': 'modul-rekaman-kini' }));
        var cadangan = this.el.querySelector('.modul-tombol-baris [data-aksi="ekspor"]');
        cadangan.textContent = t('rekaman_ekspor_satu');
        this.el.querySelector('.modul-hapus-tanya p').textContent = t('rekaman_hapus_ini');
    };

    Form.prototype.renderList = function () {
        var self = this;
        var records = R.daftar(this.rules.id);
        var agreed = R.disetujui();
        this.list.textContent = '';
        this.empty.hidden = records.length > 0 || R.terkunci();
        records.forEach(function (r) {
            var li = node('li', { 'data-rekaman': r.id, 'class': self.current && self.current.id === r.id ? 'modul-rekaman-dibuka' : '' });
            var open = node('button', { type: 'button', 'data-aksi': 'rekaman-buka', 'class': 'modul-rekaman-nama' }, R.nama(r));
            li.appendChild(open);
            var info = R.waktu(r.diubah);
            if (!agreed) { info += ' · ' + t('rekaman_belum_disimpan'); }
            if (self.current && self.current.id === r.id) { info += ' · ' + t('rekaman_sedang'); }
            li.appendChild(node('span', { 'class': 'modul-rekaman-waktu' }, t('rekaman_diubah', { waktu: info })));
            var tools = li.appendChild(node('span', { 'class': 'modul-rekaman-alat' }));
            tools.appendChild(button('rekaman-gandakan', 'rekaman_gandakan', 'modul-tombol-kecil'));
            tools.appendChild(button('rekaman-ganti-nama', 'rekaman_ganti_nama', 'modul-tombol-kecil'));
            tools.appendChild(button('rekaman-hapus', 'rekaman_hapus', 'modul-tombol-kecil'));
            self.list.appendChild(li);
        });
        var broken = R.rusak(this.rules.id);
        this.brokenBox.textContent = '';
        this.brokenBox.hidden = broken.length === 0;
        if (broken.length) {
            this.brokenBox.appendChild(node('p', { 'class': 'modul-label' }, t('rekaman_rusak_judul')));
            this.brokenBox.appendChild(node('p', { 'class': 'modul-petunjuk' }, t('rekaman_rusak_keterangan')));
            var ul = this.brokenBox.appendChild(node('ul', {}));
            broken.forEach(function (b) {
                var li = ul.appendChild(node('li', { 'data-rusak': b.kunci }));
                li.appendChild(node('span', {}, b.kunci + ': ' + b.alasan + ' '));
                li.appendChild(button('rusak-unduh', 'rekaman_unduh_asli', 'modul-tombol-kecil'));
                li.appendChild(button('rusak-hapus', 'rekaman_hapus', 'modul-tombol-kecil'));
            });
        }
        this.openLine.textContent = this.current ? t('rekaman_isi_kini', { nama: R.nama(this.current) }) : t('rekaman_isi_baru');
        this.el.classList.toggle('modul-terkunci', R.terkunci());
        this.recordButtons();
    };

    Form.prototype.showRecord = function (record) {
        this.current = record;
        this.checked = false;
        if (record) {
            this.apply(record);
        } else {
            this.clear();
            this.showOld(null);
            this.refresh();
        }
        this.check(false);
        this.renderList();
    };

    // "Opened", or the notice that the record was made with another form version.
    Form.prototype.sayOpened = function (record) {
        this.say(record.versi !== this.rules.version
            ? t('formulir_versi_lama', { lama: record.versi, baru: this.rules.version })
            : t('rekaman_dibuka', { nama: R.nama(record) }));
    };

    Form.prototype.startRecords = function () {
        var self = this;
        this.buildRecordPanel();
        R.panelKunci(this.lockBox, node, button);
        R.dengar(function () {
            // Locking clears the open record from the page; unlocking lists the records again.
            if (R.terkunci()) { self.showRecord(null); }
            R.panelKunci(self.lockBox, node, button);
            self.renderList();
            self.say(R.terkunci() ? t('kunci_terkunci') : t('rekaman_pilih'));
        });
        // Records without a label (drafts of the single-draft version) get one from their values.
        R.daftar(this.rules.id).forEach(function (r) {
            var parts = self.labelParts(r.nilai);
            if (!r.label && parts.some(Boolean)) {
                r.label = parts.filter(Boolean).join(' · ');
                r.klien = parts[0] || '';
                R.simpan(r);
            }
        });
        var wanted = /rekaman=([A-Za-z0-9_-]+)/.exec(window.location.hash);
        var record = wanted && R.ambil(this.rules.id, wanted[1]);
        this.showRecord(record || null);
        if (R.terkunci()) {
            this.say(t('kunci_terkunci'));
        } else if (record) {
            this.sayOpened(record);
        } else if (R.rusak(this.rules.id).length) {
            this.say(t('rekaman_rusak_pesan', { alasan: R.rusak(this.rules.id)[0].alasan }));
        } else if (!S.tersedia) {
            this.say(t('formulir_tidak_bisa'));
        } else {
            this.say(R.disetujui() ? t('rekaman_pilih') : t('formulir_belum_disimpan'));
        }
        // Before storage is agreed, typed input lives only in this page: leaving asks first.
        window.addEventListener('beforeunload', function (event) {
            if (!R.disetujui() && R.daftar(self.rules.id).length) {
                event.preventDefault();
                event.returnValue = '';
            }
        });
    };

    Form.prototype.recordOf = function (button) {
        var li = button.closest('[data-rekaman]');
        return li ? R.ambil(this.rules.id, li.getAttribute('data-rekaman')) : null;
    };

    Form.prototype.copyOf = function (record, name) {
        var copy = R.bersih(record);
        copy.id = R.idBaru();
        copy.dibuat = copy.diubah = R.waktuKini();
        copy.nama = name;
        return copy;
    };

    // Handles the record actions; false for the others.
    Form.prototype.recordAction = function (action, btn) {
        var self = this;
        var record = this.recordOf(btn);
        var li = btn.closest('[data-rekaman]');
        if (action === 'rekaman-baru') {
            this.showRecord(null);
            this.say(t('rekaman_baru_dibuat'));
            var first = this.el.querySelector('.modul-isian input:not([type=radio]):not([type=checkbox]), .modul-isian textarea');
            if (first) { first.focus(); }
        } else if (action === 'rekaman-buka' && record) {
            this.showRecord(record);
            this.sayOpened(record);
        } else if (action === 'rekaman-gandakan' && record) {
            var copy = this.copyOf(record, t('rekaman_salinan', { nama: R.nama(record) }));
            R.simpan(copy);
            this.showRecord(copy);
            this.say(t('rekaman_dibuka', { nama: R.nama(copy) }));
        } else if (action === 'rekaman-ganti-nama' && record) {
            var tools = li.querySelector('.modul-rekaman-alat');
            tools.textContent = '';
            var id = this.prefix + '--nama-' + record.id;
            tools.appendChild(node('label', { 'for': id }, t('rekaman_nama_baru')));
            var input = tools.appendChild(node('input', { type: 'text', id: id, 'data-aksi': 'rekaman-nama' }));
            input.value = R.nama(record);
            tools.appendChild(button('rekaman-nama-simpan', 'rekaman_nama_simpan', 'modul-tombol-kecil'));
            tools.appendChild(button('rekaman-batal', 'formulir_batal', 'modul-tombol-kecil'));
            input.focus();
        } else if (action === 'rekaman-nama-simpan' && record) {
            var name = li.querySelector('input').value.trim();
            if (name && name !== record.label) { record.nama = name; } else { delete record.nama; }
            record.diubah = R.waktuKini();
            R.simpan(record);
            this.renderList();
        } else if (action === 'rekaman-hapus' && record) {
            var ask = li.querySelector('.modul-rekaman-alat');
            ask.textContent = '';
            ask.appendChild(node('span', { role: 'alert' }, t('rekaman_hapus_tanya', { nama: R.nama(record) }) + ' '));
            ask.appendChild(button('rekaman-hapus-ya', 'formulir_hapus_ya', 'modul-tombol-kecil'));
            ask.appendChild(button('rekaman-batal', 'formulir_batal', 'modul-tombol-kecil'));
            ask.querySelector('[data-aksi="rekaman-batal"]').focus();
        } else if (action === 'rekaman-hapus-ya' && record) {
            R.hapus(this.rules.id, record.id);
            if (this.current && this.current.id === record.id) { this.showRecord(null); }
            this.renderList();
            this.say(t('rekaman_dihapus', { nama: R.nama(record) }));
        } else if (action === 'rekaman-batal') {
            this.renderList();
        } else if (action === 'simpan') {
            if (R.setuju()) {
                this.saveRecord();
                this.say(t('formulir_tersimpan'));
            } else {
                this.say(t('formulir_tidak_bisa'));
            }
            this.renderList();
        } else if (action === 'ekspor-semua') {
            var all = R.daftar(this.rules.id);
            S.unduh(R.namaBerkas([this.rules.id, 'semua'], 'json'), S.teks({ format: 'modul-rekaman', formulir: this.rules.id, rekaman: all }));
        } else if (action === 'ekspor-csv') {
            S.unduh(R.namaBerkas([this.rules.id], 'csv'), R.csv(this.rules, R.daftar(this.rules.id).slice().reverse()), 'text/csv;charset=utf-8');
        } else if (action === 'impor-keduanya' || action === 'impor-ganti') {
            var pending = this.pending;
            this.pending = null;
            this.clash.hidden = true;
            if (pending) { this.finishImport(pending, action === 'impor-ganti'); }
        } else if (action === 'impor-batal') {
            this.pending = null;
            this.clash.hidden = true;
            this.say(t('rekaman_impor_batal'));
        } else if (action === 'rusak-unduh' || action === 'rusak-hapus') {
            var key = btn.closest('[data-rusak]').getAttribute('data-rusak');
            var item = R.rusak(this.rules.id).filter(function (b) { return b.kunci === key; })[0];
            if (item && action === 'rusak-unduh') {
                S.unduh(R.namaBerkas([this.rules.id, 'rusak'], 'txt'), String(item.teks), 'text/plain;charset=utf-8');
            } else if (item) {
                R.buangRusak(key);
                this.renderList();
            }
        } else {
            return false;
        }
        return true;
    };

    Form.prototype.exportRecord = function () {
        if (!this.current) { return; }
        this.saveRecord();
        var r = R.ambil(this.rules.id, this.current.id) || this.current;
        S.unduh(R.namaBerkas([this.rules.id, R.nama(r)], 'json'), S.teks(r));
    };

    Form.prototype.importRecords = function (content) {
        var found = R.dariBerkas(content, this.rules.id);
        if (found.error) {
            this.say(t('formulir_impor_gagal', { alasan: found.error }));
            return false;
        }
        var clashes = R.bentrok(found.records);
        if (clashes.length) {
            this.pending = found;
            this.clash.textContent = '';
            this.clash.appendChild(node('p', {}, t('rekaman_bentrok', { n: clashes.length })));
            this.clash.appendChild(button('impor-keduanya', 'rekaman_simpan_keduanya'));
            this.clash.appendChild(button('impor-ganti', 'rekaman_ganti'));
            this.clash.appendChild(button('impor-batal', 'formulir_batal'));
            this.clash.hidden = false;
            this.clash.querySelector('button').focus();
            return true;
        }
        this.finishImport(found, false);
        return true;
    };

    Form.prototype.finishImport = function (found, replace) {
        var self = this;
        var last = found.records[found.records.length - 1];
        R.tambahSemua(found.records, replace).then(function (ok) {
            var message = ok ? t('rekaman_diimpor', { n: found.records.length }) : t('formulir_tidak_bisa');
            if (found.refused.length) { message += ' ' + t('rekaman_ditolak', { n: found.refused.length, alasan: found.refused[0] }); }
            // One record imported: it opens (the copy, when both were kept).
            var records = R.daftar(self.rules.id);
            var opened = found.records.length === 1 ? records.filter(function (r) { return r.id === last.id && JSON.stringify(r.nilai) === JSON.stringify(last.nilai); })[0] ||
                records.filter(function (r) { return JSON.stringify(r.nilai) === JSON.stringify(last.nilai); })[0] : null;
            self.showRecord(opened || self.current);
            self.say(message);
        });
    };

    Form.prototype.eraseRecord = function () {
        var record = this.current;
        if (record) { R.hapus(this.rules.id, record.id); }
        this.showRecord(null);
        this.say(t('formulir_dihapus'));
    };

    // ---- Print ----

    // Copies the values into the print-only spans (text, so markup typed by a user stays text).
    Form.prototype.preparePrint = function (blank) {
        var self = this;
        document.documentElement.classList.add('modul-cetak-formulir');
        this.el.classList.add('modul-dicetak');
        this.el.classList.toggle('modul-kosong', blank);
        this.unchecked = [];
        Array.prototype.forEach.call(this.el.querySelectorAll('.modul-isian'), function (wrapper) {
            var span = wrapper.querySelector(':scope > .modul-nilai-cetak, :scope > * > .modul-nilai-cetak');
            var input = control(wrapper);
            if (span && input) {
                span.textContent = blank ? '' : input.value;
                wrapper.classList.toggle('modul-terisi', !blank && input.value !== '');
            }
        });
        if (blank) {
            Array.prototype.forEach.call(this.el.querySelectorAll('input:checked'), function (i) {
                self.unchecked.push(i);
                i.checked = false;
            });
        }
        var register = this.el.querySelector('.modul-register');
        var number = this.wrapper('nomor_register');
        if (register && number) { register.textContent = blank ? '' : readValue(number, { j: 'text' }); }
    };

    Form.prototype.endPrint = function () {
        document.documentElement.classList.remove('modul-cetak-formulir');
        this.el.classList.remove('modul-dicetak', 'modul-kosong');
        (this.unchecked || []).forEach(function (i) { i.checked = true; });
        this.unchecked = [];
    };

    Form.prototype.print = function (blank) {
        var self = this;
        this.preparePrint(blank);
        window.addEventListener('afterprint', function done() {
            window.removeEventListener('afterprint', done);
            self.endPrint();
        });
        window.print();
    };

    // ---- Wiring ----

    // The toolbar exists only with this script (without it nothing can be stored anyway).
    Form.prototype.buildTools = function () {
        var box = this.el.querySelector('.modul-formulir-alat');
        var p = this.prefix;
        box.appendChild(node('p', { 'class': 'modul-privasi' }, t('formulir_privasi')));
        this.status = box.appendChild(node('p', { 'class': 'modul-formulir-status', role: 'status', 'aria-live': 'polite' }));
        var row = box.appendChild(node('div', { 'class': 'modul-tombol-baris' }));
        row.appendChild(button('simpan', 'formulir_simpan'));
        row.appendChild(button('periksa', 'formulir_periksa'));
        row.appendChild(button('ekspor', 'formulir_ekspor'));
        row.appendChild(node('label', { 'class': 'modul-tombol', 'for': p + '-impor' }, t('formulir_impor')));
        row.appendChild(node('input', { type: 'file', id: p + '-impor', 'class': 'modul-tersembunyi', accept: '.json,application/json', 'data-aksi': 'impor' }));
        row.appendChild(button('cetak-kosong', 'formulir_cetak_kosong'));
        row.appendChild(button('cetak-terisi', 'formulir_cetak_terisi'));
        row.appendChild(button('hapus', 'formulir_hapus'));
        var ask = box.appendChild(node('div', { 'class': 'modul-hapus-tanya', role: 'alertdialog', 'aria-label': t('formulir_hapus') }));
        ask.hidden = true;
        ask.appendChild(node('p', {}, t('formulir_hapus_tanya')));
        ask.appendChild(button('hapus-ya', 'formulir_hapus_ya'));
        ask.appendChild(button('hapus-batal', 'formulir_batal'));
        var backup = box.appendChild(node('p', { 'class': 'modul-cadangan' }, t('formulir_cadangan') + ' '));
        backup.hidden = true;
        backup.appendChild(button('kembalikan', 'formulir_kembalikan'));
        box.hidden = false;
        var old = this.el.querySelector('.modul-data-lama');
        old.querySelector('.modul-label').textContent = t('formulir_data_lama');
        old.querySelector('.modul-petunjuk').textContent = t('formulir_data_lama_keterangan');
    };

    Form.prototype.start = function () {
        var self = this;
        var el = this.el;
        this.buildTools();
        this.each(function (rule) {
            if (rule.type === 'repeat' && !rule.fixed_rows) {
                var box = self.wrapper(rule.name);
                var add = button('tambah-baris', 'formulir_tambah_baris', 'modul-tombol-kecil modul-layar-saja');
                box.insertBefore(add, box.querySelector('template'));
                add.addEventListener('click', function () {
                    var row = self.addRow(rule);
                    self.refresh();
                    var first = self.wrapper(rule.name).querySelector('tr[data-baris="' + row + '"] input, tr[data-baris="' + row + '"] textarea');
                    if (first) { first.focus(); }
                    self.save();
                });
                self.renumber(rule);
            }
        });
        var stored = !this.records && S.disetujui(this.key) && S.baca(this.key);
        if (this.records) {
            this.startRecords();
        } else if (stored) {
            this.agreed = true;
            this.apply(stored);
            if (S.baca(this.key + ':cadangan')) { el.querySelector('.modul-cadangan').hidden = false; }
            if (!this.status.textContent) { this.say(t('formulir_tersimpan')); }
        } else {
            this.refresh();
            this.say(S.tersedia ? t('formulir_belum_disimpan') : t('formulir_tidak_bisa'));
        }
        this.buttons();

        function changed(event) {
            if (event.target.matches('[data-aksi="impor"]') || event.target.closest('.modul-formulir-alat')) { return; }
            self.refresh();
            var wrapper = event.target.closest('.modul-isian');
            if (wrapper && event.type === 'change') { self.check(false); }
            self.save();
            self.buttons();
        }
        el.addEventListener('input', changed);
        el.addEventListener('change', changed);
        // A form of the book never submits: Enter in a field must not send values anywhere.
        el.addEventListener('submit', function (event) { event.preventDefault(); });
        el.addEventListener('click', function (event) {
            var button = event.target.closest('[data-aksi]');
            if (!button || button.tagName === 'INPUT') { return; }
            var action = button.getAttribute('data-aksi');
            var ask = el.querySelector('.modul-hapus-tanya');
            if (self.records && self.recordAction(action, button)) {
                return;
            }
            if (action === 'simpan') {
                self.agreed = true;
                if (S.tulis(self.key, self.record())) {
                    self.say(t('formulir_tersimpan'));
                } else {
                    self.agreed = false;
                    self.say(t('formulir_tidak_bisa'));
                }
                self.buttons();
            } else if (action === 'periksa') {
                self.checked = true;
                self.check(true);
            } else if (action === 'ekspor') {
                self.exportFile();
            } else if (action === 'cetak-kosong' || action === 'cetak-terisi') {
                self.print(action === 'cetak-kosong');
            } else if (action === 'hapus') {
                ask.hidden = false;
                ask.querySelector('[data-aksi="hapus-batal"]').focus();
            } else if (action === 'hapus-batal') {
                ask.hidden = true;
            } else if (action === 'hapus-ya') {
                ask.hidden = true;
                self.erase();
            } else if (action === 'kembalikan') {
                self.restore();
            } else if (action === 'hapus-baris') {
                var tr = button.closest('tr[data-baris]');
                var box = button.closest('[data-ulang]');
                self.each(function (rule) {
                    if (rule.type === 'repeat' && rule.name === box.getAttribute('data-ulang')) {
                        self.removeRow(rule, tr.getAttribute('data-baris'));
                    }
                });
                self.refresh();
                self.save();
            }
        });
        var file = el.querySelector('[data-aksi="impor"]');
        file.addEventListener('change', function () {
            if (!file.files || !file.files[0]) { return; }
            S.bacaBerkas(file.files[0], function (error, content) {
                file.value = '';
                if (error) {
                    self.say(t('formulir_impor_gagal', { alasan: String(error) }));
                } else {
                    self.importText(content);
                }
            });
        });
    };

    var forms = [];
    // mdBook's print page (the whole book, printed at once) shows every form blank, as paper
    // forms: no drafts are loaded there.
    var printPage = document.querySelector('meta[name="robots"][content="noindex"]') !== null;
    Array.prototype.forEach.call(printPage ? [] : document.querySelectorAll('form[data-formulir][data-aturan]'), function (el) {
        var form = new Form(el);
        forms.push(form);
        form.start();
    });

    // For tests and for the exercises runtime, which embeds form instances.
    return {
        evaluate: evaluate,
        get: function (el) {
            return forms.filter(function (f) { return f.el === el; })[0] || null;
        }
    };
})();
