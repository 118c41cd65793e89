// The book's Indonesian search, in place of mdBook's searcher.js (which `copy-js = false`
// leaves out). It keeps mdBook's search bar and its behaviour: S or / opens it, Esc closes it,
// arrows and Enter pick a result, `?search=QUERY` opens a search, `?highlight=WORDS` marks words
// on the page a result leads to.
//
// The index (pencarian/indeks.js) and the section texts (pencarian/teks.js) are classic scripts
// added only when the reader opens the search, so the book works from file:// too. The ranking
// comes ready from the build (tantivy's BM25 as one-byte impacts per term and section, and the
// ranking's numbers in index.ranking); this script only analyses the query with the analyzer's
// tables (MODUL_CARI_ANALISIS, in theme/generated/modul-data.js) and follows the rules of
// preprocessor/src/search/query.rs, which a browser test holds it to. Its strings are
// MODUL_PENCARIAN (same file, from ui.toml). No eval, no inline code.
(function () {
    'use strict';

    var T = MODUL_PENCARIAN;
    var wrap = document.getElementById('mdbook-search-wrapper');
    var barOuter = document.getElementById('mdbook-searchbar-outer');
    var bar = document.getElementById('mdbook-searchbar');
    var results = document.getElementById('mdbook-searchresults');
    var resultsOuter = document.getElementById('mdbook-searchresults-outer');
    var header = document.getElementById('mdbook-searchresults-header');
    var toggle = document.getElementById('mdbook-search-toggle');
    var content = document.getElementById('mdbook-content');
    var SEARCH = 'search';
    var MARK = 'highlight';
    var SNIPPET_WORDS = 30;
    var SNIPPETS_AT_ONCE = 10;

    // ---- Analysis: mirrors preprocessor/src/search/analyzer.rs and stemmer.rs. ----

    var tables = null; // fold table, stopwords and stemmer rules, exported by the build
    var foldMap = null;

    function foldChar(c) {
        var code = c.charCodeAt(0);
        if ((code >= 97 && code <= 122) || (code >= 48 && code <= 57)) {
            return c;
        }
        if (code >= 65 && code <= 90) {
            return String.fromCharCode(code + 32);
        }
        if (code < 128) {
            return null;
        }
        var lower = c.toLowerCase().charAt(0);
        if (/[a-z0-9]/.test(lower)) {
            return lower;
        }
        return foldMap && Object.prototype.hasOwnProperty.call(foldMap, lower) ? foldMap[lower] : null;
    }

    // Runs of letters or digits; see analyzer::words.
    function words(text) {
        var runs = [];
        for (var i = 0; i < text.length; i++) {
            var f = foldChar(text.charAt(i));
            if (f === null) {
                continue;
            }
            var digit = f >= '0' && f <= '9';
            var last = runs[runs.length - 1];
            if (last && last.digit === digit && last.end === i) {
                last.text += f;
                last.end = i + 1;
            } else {
                runs.push({ text: f, start: i, end: i + 1, digit: digit });
            }
        }
        var out = [];
        for (var k = 0; k < runs.length; k++) {
            var w = runs[k];
            var p = k > 0 ? runs[k - 1] : null;
            var repeats = !w.digit && p !== null && !p.digit && p.text === w.text
                && text.slice(p.end, w.start) === '-';
            var doubled = w.digit && w.text === '2' && p !== null && !p.digit && p.end === w.start;
            if ((!w.digit && w.text.length <= 1) || repeats || doubled) {
                continue;
            }
            out.push(w);
        }
        return out;
    }

    function isStopword(word) {
        return tables.stopwords.indexOf(word) >= 0;
    }

    function isVowel(rules, c) {
        return c !== '' && rules.vowels.indexOf(c) >= 0;
    }

    function vowelCount(rules, word) {
        var n = 0;
        for (var i = 0; i < word.length; i++) {
            if (isVowel(rules, word.charAt(i))) {
                n++;
            }
        }
        return n;
    }

    function nextOk(rules, next, rest) {
        if (!next) {
            return true;
        }
        if (next === 'V') {
            return isVowel(rules, rest.charAt(0));
        }
        if (next.charAt(0) === 'C') {
            var c = rest.charAt(0);
            return /[a-z]/.test(c) && !isVowel(rules, c) && rest.slice(1).indexOf(next.slice(1)) === 0;
        }
        return rest.indexOf(next) === 0;
    }

    function firstOrder(rules, s) {
        for (var i = 0; i < rules.first_order.length; i++) {
            var r = rules.first_order[i];
            if (s.word.indexOf(r.affix) === 0 && nextOk(rules, r.next, s.word.slice(r.affix.length))) {
                var rest = s.word.slice(r.affix.length);
                return r.into.map(function (lead) {
                    return { word: lead + rest, measure: s.measure - 1, prefix: r.kind, recoded: lead !== '', suffixed: false };
                });
            }
        }
        return null;
    }

    function secondOrder(rules, s) {
        if (s.recoded) {
            return null;
        }
        for (var i = 0; i < rules.second_order.length; i++) {
            var r = rules.second_order[i];
            if (s.word.indexOf(r.affix) === 0 && nextOk(rules, r.next, s.word.slice(r.affix.length))) {
                return {
                    word: s.word.slice(r.affix.length), measure: s.measure - 1,
                    prefix: r.kind === 0 ? s.prefix : r.kind, recoded: false, suffixed: s.suffixed
                };
            }
        }
        return null;
    }

    function suffix(rules, s) {
        for (var i = 0; i < rules.suffixes.length; i++) {
            var r = rules.suffixes[i];
            var cut = s.word.length - r.affix.length;
            if (s.word.length > r.affix.length && s.word.slice(cut) === r.affix && (r.kind & (1 << s.prefix)) === 0
                && !(r.next === '!s' && s.word.charAt(cut - 1) === 's')) {
                var stem = s.word.slice(0, cut);
                return r.into.map(function (tail) {
                    return { word: stem + tail, measure: s.measure - 1, prefix: s.prefix, recoded: s.recoded, suffixed: true };
                });
            }
        }
        return null;
    }

    // Readings are asked for again and again (query words, every word of every snippet).
    var readingsCache = new Map();

    function readings(word) {
        var r = readingsCache.get(word);
        if (r === undefined) {
            r = computeReadings(word);
            readingsCache.set(word, r);
        }
        return r;
    }

    // Every stem reading of a normalized word, Tala's first; see stemmer::Rules::candidates.
    function computeReadings(word) {
        var rules = tables.stemmer;
        if (word === '' || !/^[a-z]+$/.test(word)) {
            return [word];
        }
        var s = { word: word, measure: vowelCount(rules, word), prefix: 0, recoded: false, suffixed: false };
        if (s.measure < rules.min_vowels) {
            return [s.word];
        }
        for (var c = 0; c < rules.clitics.length; c++) {
            var list = rules.clitics[c];
            for (var k = 0; k < list.length; k++) {
                var a = list[k];
                if (s.word.length > a.length && s.word.slice(s.word.length - a.length) === a) {
                    s.word = s.word.slice(0, s.word.length - a.length);
                    s.measure -= 1;
                    break;
                }
            }
            if (s.measure < rules.min_vowels) {
                return [s.word];
            }
        }
        var base = s.word;
        var out = [];
        var first = firstOrder(rules, s);
        if (first !== null) {
            first.forEach(function (r) {
                if (r.measure >= rules.min_vowels) {
                    (suffix(rules, r) || [r]).forEach(function (r2) {
                        if (r2.measure >= rules.min_vowels && r2.suffixed) {
                            r2 = secondOrder(rules, r2) || r2;
                        }
                        out.push(r2.word);
                    });
                } else {
                    out.push(r.word);
                }
            });
        } else {
            var r = secondOrder(rules, s) || s;
            if (r.measure >= rules.min_vowels) {
                var cut = suffix(rules, r);
                if (cut !== null) {
                    cut.forEach(function (x) { out.push(x.word); });
                } else {
                    out.push(r.word);
                }
            } else {
                out.push(r.word);
            }
        }
        out.push(base);
        return out.filter(function (w, i) { return out.indexOf(w) === i; });
    }

    // ---- Query rules: mirrors preprocessor/src/search/query.rs. ----

    var index = null;
    var texts = null;
    // The ranking's numbers (phrase length, typo and prefix weights, result count) come with
    // the index: index.ranking, written from query::RANKING. None are kept here.
    var postingsCache = {};

    function termIndex(term) {
        var lo = 0;
        var hi = index.terms.length;
        while (lo < hi) {
            var mid = (lo + hi) >> 1;
            if (index.terms[mid] < term) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    function isTerm(term) {
        var i = termIndex(term);
        return i < index.terms.length && index.terms[i] === term;
    }

    function postings(term) {
        if (Object.prototype.hasOwnProperty.call(postingsCache, term)) {
            return postingsCache[term];
        }
        var out = [];
        if (isTerm(term)) {
            var flat = index.postings[termIndex(term)];
            var section = 0;
            for (var i = 0; i + 1 < flat.length; i += 2) {
                section += flat[i];
                out.push([section, flat[i + 1]]);
            }
        }
        postingsCache[term] = out;
        return out;
    }

    // Optimal string alignment distance, or -1 above max.
    function distance(a, b, max) {
        if (Math.abs(a.length - b.length) > max) {
            return -1;
        }
        var rows = [];
        for (var i = 0; i <= a.length; i++) {
            rows.push([i]);
        }
        for (var j = 1; j <= b.length; j++) {
            rows[0][j] = j;
        }
        for (i = 1; i <= a.length; i++) {
            var best = Infinity;
            for (j = 1; j <= b.length; j++) {
                var cost = a.charAt(i - 1) === b.charAt(j - 1) ? 0 : 1;
                var d = Math.min(rows[i - 1][j] + 1, rows[i][j - 1] + 1, rows[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) === b.charAt(j - 2) && a.charAt(i - 2) === b.charAt(j - 1)) {
                    d = Math.min(d, rows[i - 2][j - 2] + 1);
                }
                rows[i][j] = d;
                best = Math.min(best, d);
            }
            if (best > max) {
                return -1;
            }
        }
        var last = rows[a.length][b.length];
        return last <= max ? last : -1;
    }

    // The terms one query word stands for: [[term, weight], …].
    function matcher(word, last) {
        var rs = readings(word);
        var exact = rs.filter(isTerm).map(function (r) { return [r, 1.0]; });
        if (exact.length > 0) {
            return exact;
        }
        var ranking = index.ranking;
        var found = {};
        if (/^[a-z]+$/.test(word) && word.length >= ranking.one_edit_from) {
            var max = word.length >= ranking.two_edits_from ? 2 : 1;
            var best = max + 1;
            var near = [];
            index.terms.forEach(function (term) {
                var d = -1;
                rs.forEach(function (r) {
                    var x = distance(r, term, max);
                    if (x >= 0 && (d < 0 || x < d)) {
                        d = x;
                    }
                });
                if (d >= 0) {
                    best = Math.min(best, d);
                    near.push([term, d]);
                }
            });
            near.forEach(function (n) {
                if (n[1] === best) {
                    found[n[0]] = n[1] <= 1 ? ranking.weight_one_edit : ranking.weight_two_edits;
                }
            });
        }
        if (last && word.length >= ranking.prefix_from) {
            for (var i = termIndex(word); i < index.terms.length && index.terms[i].indexOf(word) === 0; i++) {
                var t = index.terms[i];
                found[t] = Math.max(found[t] || 0, ranking.weight_prefix);
            }
        }
        return Object.keys(found).sort().map(function (t) { return [t, found[t]]; });
    }

    function matchesPhrase(spanReadings, phrase) {
        if (spanReadings.length !== phrase.length) {
            return false;
        }
        for (var k = 0; k < phrase.length; k++) {
            if (spanReadings[k].indexOf(phrase[k]) < 0) {
                return false;
            }
        }
        return true;
    }

    function synonyms(spanReadings) {
        var out = [];
        index.synonyms.forEach(function (group) {
            if (group.some(function (p) { return matchesPhrase(spanReadings, p); })) {
                group.forEach(function (p) {
                    if (!matchesPhrase(spanReadings, p)) {
                        out.push(p);
                    }
                });
            }
        });
        return out;
    }

    function phraseMatchers(phrase) {
        return phrase.map(function (t) { return isTerm(t) ? [[t, 1.0]] : []; });
    }

    function slots(query) {
        var rs = query.map(readings);
        var last = query.length - 1;
        var out = [];
        var i = 0;
        while (i < query.length) {
            var length = 1;
            var alternatives = null;
            for (var len = Math.min(index.ranking.max_phrase, query.length - i); len >= 2; len--) {
                var alts = synonyms(rs.slice(i, i + len)).map(phraseMatchers);
                if (len === 2) {
                    var joined = [readings(query[i] + query[i + 1])];
                    var known = joined[0].filter(isTerm).map(function (r) { return [r, 1.0]; });
                    var joinedSynonyms = synonyms(joined);
                    if (known.length > 0 || joinedSynonyms.length > 0) {
                        alts.push([known]);
                        joinedSynonyms.forEach(function (p) { alts.push(phraseMatchers(p)); });
                    }
                }
                if (alts.length > 0) {
                    length = len;
                    alternatives = alts;
                    break;
                }
            }
            if (alternatives === null) {
                alternatives = synonyms(rs.slice(i, i + 1)).map(phraseMatchers);
            }
            var own = [];
            for (var k = i; k < i + length; k++) {
                own.push(matcher(query[k], k === last));
            }
            alternatives.unshift(own);
            out.push({ length: length, alternatives: alternatives });
            i += length;
        }
        return out;
    }

    function queryWords(query) {
        return words(query).map(function (w) { return w.text; }).filter(function (w) { return !isStopword(w); });
    }

    // The best sections, best first: [{section, score, terms}].
    // Every matching section, best first (search::query::search_all).
    function searchAll(query) {
        var q = queryWords(query);
        var ss = slots(q);
        var perSection = new Map();
        ss.forEach(function (slot, s) {
            slot.alternatives.forEach(function (alternative) {
                if (alternative.length === 0) {
                    return;
                }
                var scale = slot.length / alternative.length;
                var sums = new Map();
                alternative.forEach(function (m) {
                    var best = new Map();
                    m.forEach(function (tw) {
                        postings(tw[0]).forEach(function (p) {
                            var value = p[1] * tw[1];
                            var entry = best.get(p[0]);
                            if (entry === undefined) {
                                entry = [0, tw[0]];
                                best.set(p[0], entry);
                            }
                            if (value > entry[0]) {
                                entry[0] = value;
                                entry[1] = tw[0];
                            }
                        });
                    });
                    best.forEach(function (entry, section) {
                        var sum = sums.get(section);
                        if (sum === undefined) {
                            sum = [0, []];
                            sums.set(section, sum);
                        }
                        sum[0] += entry[0];
                        sum[1].push(entry[1]);
                    });
                });
                sums.forEach(function (sum, section) {
                    var scores = perSection.get(section);
                    if (scores === undefined) {
                        scores = ss.map(function () { return [0, []]; });
                        perSection.set(section, scores);
                    }
                    if (sum[0] * scale > scores[s][0]) {
                        scores[s] = [sum[0] * scale, sum[1]];
                    }
                });
            });
        });
        var hits = [];
        perSection.forEach(function (scores, section) {
            var matched = 0;
            var total = 0;
            var terms = [];
            scores.forEach(function (x) {
                if (x[0] > 0) {
                    matched++;
                }
                total += x[0];
                terms = terms.concat(x[1]);
            });
            hits.push({ section: section, score: Math.round(total * (matched / ss.length) * 1e6) / 1e6, terms: terms });
        });
        hits.sort(function (a, b) { return b.score - a.score || a.section - b.section; });
        return hits;
    }

    // The best sections, at most ranking.limit (search::query::search).
    function search(query) {
        return searchAll(query).slice(0, index.ranking.limit);
    }

    // ---- Results. ----

    function sectionUrl(section) {
        var s = index.sections[section];
        return { page: index.pages[s.page].url, anchor: s.anchor };
    }

    function breadcrumb(section) {
        var s = index.sections[section];
        var title = index.pages[s.page].title;
        return s.heading ? title + ' » ' + s.heading : title;
    }

    // The results' titles, told apart where two would read the same (the topic "Asesmen" and
    // the reading "Asesmen"): each such title gets the chapter its page sits under.
    function titles(hits) {
        var crumbs = hits.map(function (h) { return breadcrumb(h.section); });
        var seen = new Map();
        crumbs.forEach(function (c) { seen.set(c, (seen.get(c) || 0) + 1); });
        return hits.map(function (h, i) {
            var part = index.pages[index.sections[h.section].page].part;
            return seen.get(crumbs[i]) > 1 && part ? crumbs[i] + ' — ' + part : crumbs[i];
        });
    }

    // The words of section texts, kept: the same sections come back query after query.
    var sectionWords = new Map();

    // Words of a section text, each with whether its readings include a matched term.
    function markedWords(section, text, terms) {
        var ws = sectionWords.get(section);
        if (ws === undefined) {
            ws = words(text);
            sectionWords.set(section, ws);
        }
        return ws.map(function (w) {
            var hit = readings(w.text).some(function (r) { return terms.indexOf(r) >= 0; });
            return { text: w.text, start: w.start, end: w.end, hit: hit };
        });
    }

    // The SNIPPET_WORDS-word window with the most matched words (the first such), with the
    // matched words in <em>.
    function snippet(section, terms) {
        var text = texts[section] || '';
        var ws = markedWords(section, text, terms);
        var span = document.createElement('span');
        span.className = 'teaser';
        if (ws.length === 0) {
            span.textContent = text;
            return { node: span, marks: [] };
        }
        var size = Math.min(ws.length, SNIPPET_WORDS);
        var count = 0;
        for (var i = 0; i < size; i++) {
            count += ws[i].hit ? 1 : 0;
        }
        var best = count;
        var from = 0;
        for (i = size; i < ws.length; i++) {
            count += (ws[i].hit ? 1 : 0) - (ws[i - size].hit ? 1 : 0);
            if (count > best) {
                best = count;
                from = i - size + 1;
            }
        }
        var start = from === 0 ? 0 : ws[from].start;
        var end = from + size >= ws.length ? text.length : ws[from + size - 1].end;
        if (start > 0) {
            span.appendChild(document.createTextNode('… '));
        }
        var at = start;
        var marks = [];
        for (i = from; i < from + size; i++) {
            if (!ws[i].hit) {
                continue;
            }
            span.appendChild(document.createTextNode(text.slice(at, ws[i].start)));
            var em = document.createElement('em');
            em.textContent = text.slice(ws[i].start, ws[i].end);
            span.appendChild(em);
            if (marks.indexOf(em.textContent.toLowerCase()) < 0) {
                marks.push(em.textContent.toLowerCase());
            }
            at = ws[i].end;
        }
        span.appendChild(document.createTextNode(text.slice(at, end)));
        if (end < text.length) {
            span.appendChild(document.createTextNode(' …'));
        }
        return { node: span, marks: marks };
    }

    function fill(template, n, q, total) {
        return template.replace(/\{(n|q|total)\}/g, function (_, key) {
            return key === 'q' ? q : String(key === 'n' ? n : total);
        });
    }

    // "N hasil", or "30 teratas dari N" when the list is capped.
    function headerText(n, total, query) {
        if (n === 0) {
            return fill(T.tidak_ada, n, query);
        }
        if (total > n) {
            return fill(T.teratas, n, query, total);
        }
        return fill(n === 1 ? T.satu_hasil : T.banyak_hasil, n, query);
    }

    function link(section, marks) {
        var url = sectionUrl(section);
        var mark = marks.length > 0 ? '?' + MARK + '=' + encodeURIComponent(marks.join(' ')).replace(/'/g, '%27') : '';
        return path_to_root + url.page + mark + (url.anchor ? '#' + url.anchor : '');
    }

    var shown = [];
    var currentQuery = '';

    function render(query) {
        var all = searchAll(query);
        var hits = all.slice(0, index.ranking.limit);
        shown = hits;
        header.textContent = headerText(hits.length, all.length, query);
        var names = titles(hits);
        while (results.firstChild) {
            results.removeChild(results.firstChild);
        }
        var typed = queryWords(query);
        var later = [];
        hits.forEach(function (hit, i) {
            var li = document.createElement('li');
            var a = document.createElement('a');
            a.textContent = names[i];
            a.href = link(hit.section, typed);
            li.appendChild(a);
            results.appendChild(li);
            if (texts !== null) {
                if (i < SNIPPETS_AT_ONCE) {
                    addSnippet(li, a, hit, i);
                } else {
                    later.push([li, a, hit, i]);
                }
            }
        });
        resultsOuter.classList.remove('hidden');
        barOuter.classList.remove('searching');
        // Results below the first screen get their snippets a moment later.
        if (later.length > 0) {
            window.setTimeout(function () {
                if (shown !== hits) {
                    return;
                }
                later.forEach(function (x) { addSnippet(x[0], x[1], x[2], x[3]); });
            }, 0);
        }
    }

    function addSnippet(li, a, hit, i) {
        var s = snippet(hit.section, hit.terms);
        var teaserId = 'mdbook-teaser_' + (i + 1);
        s.node.id = teaserId;
        a.setAttribute('aria-details', teaserId);
        if (s.marks.length > 0) {
            a.href = link(hit.section, s.marks);
        }
        li.appendChild(s.node);
    }

    function doSearch(force) {
        var query = bar.value.trim();
        if (index === null) {
            return;
        }
        if (query === '') {
            bar.classList.remove('active');
            resultsOuter.classList.add('hidden');
            while (results.firstChild) {
                results.removeChild(results.firstChild);
            }
            currentQuery = '';
            return;
        }
        bar.classList.add('active');
        if (query !== currentQuery || force) {
            currentQuery = query;
            render(query);
        }
    }

    // ---- Loading: classic scripts, added once, on first use. ----

    function addScript(file, id, done) {
        if (document.getElementById(id)) {
            return;
        }
        var script = document.createElement('script');
        script.src = path_to_root + 'pencarian/' + file;
        script.id = id;
        script.onload = done;
        script.onerror = function () {
            barOuter.classList.remove('searching');
            resultsOuter.classList.remove('hidden');
            header.textContent = T.gagal_memuat;
        };
        document.head.appendChild(script);
    }

    function loadIndex() {
        if (index !== null) {
            return;
        }
        barOuter.classList.add('searching');
        addScript('indeks.js', 'modul-indeks-cari', function () {
            index = window.modulIndeksCari;
            doSearch(true);
            // The snippets' texts come after the first results are on screen.
            window.setTimeout(function () {
                addScript('teks.js', 'modul-teks-cari', function () {
                    texts = window.modulTeksCari;
                    doSearch(true);
                });
            }, 0);
        });
    }

    function useTables(t) {
        tables = t;
        foldMap = {};
        t.fold.forEach(function (pair) {
            for (var i = 0; i < pair[0].length; i++) {
                foldMap[pair[0].charAt(i)] = pair[1];
            }
        });
    }

    // ---- mdBook's search bar behaviour. ----

    function hasFocus() {
        return bar === document.activeElement;
    }

    function params() {
        return new URLSearchParams(window.location.search);
    }

    function setUrl(query, action) {
        var url = new URL(window.location.href);
        var first = !url.searchParams.has(SEARCH);
        url.searchParams.delete(MARK);
        if (query !== '' || action === 'push_if_new') {
            url.searchParams.set(SEARCH, query);
            url.hash = '';
        } else {
            url.searchParams.delete(SEARCH);
        }
        if (action === 'push' || (action === 'push_if_new' && first)) {
            history.pushState({}, document.title, url.href);
        } else {
            history.replaceState({}, document.title, url.href);
        }
    }

    function showSearch(yes) {
        if (yes) {
            loadIndex();
            wrap.classList.remove('hidden');
            toggle.setAttribute('aria-expanded', 'true');
        } else {
            wrap.classList.add('hidden');
            toggle.setAttribute('aria-expanded', 'false');
            Array.prototype.forEach.call(results.children, function (li) {
                li.classList.remove('focus');
            });
        }
    }

    function onKeyUp() {
        doSearch(false);
        setUrl(bar.value.trim(), 'push_if_new');
        unmark();
    }

    function fromUrl() {
        var p = params();
        var query = p.get(SEARCH);
        if (query) {
            showSearch(true);
            bar.value = query;
            doSearch(false);
        } else {
            showSearch(false);
        }
        if (p.has(MARK)) {
            mark(p.get(MARK));
        }
    }

    function onKeyDown(e) {
        if (e.altKey || e.ctrlKey || e.metaKey || e.shiftKey || e.target.type === 'textarea'
            || e.target.type === 'text' || (!hasFocus() && mdbook_something_else_has_focus(e))) {
            return;
        }
        var focused = results.querySelector('li.focus');
        if (e.key === 'Escape') {
            e.preventDefault();
            bar.classList.remove('active');
            setUrl('', bar.value.trim() !== '' ? 'push' : 'replace');
            if (hasFocus()) {
                bar.blur();
            }
            showSearch(false);
            unmark();
        } else if (!hasFocus() && (e.key === 's' || e.key === '/')) {
            e.preventDefault();
            showSearch(true);
            window.scrollTo(0, 0);
            bar.select();
        } else if (hasFocus() && (e.key === 'ArrowDown' || e.key === 'Enter')) {
            e.preventDefault();
            var first = results.firstElementChild;
            if (first !== null) {
                bar.blur();
                first.classList.add('focus');
                if (e.key === 'Enter') {
                    window.location.assign(first.querySelector('a').href);
                }
            }
        } else if (!hasFocus() && focused && (e.key === 'ArrowDown' || e.key === 'ArrowUp' || e.key === 'Enter')) {
            e.preventDefault();
            if (e.key === 'ArrowDown' && focused.nextElementSibling) {
                focused.classList.remove('focus');
                focused.nextElementSibling.classList.add('focus');
            } else if (e.key === 'ArrowUp') {
                focused.classList.remove('focus');
                if (focused.previousElementSibling) {
                    focused.previousElementSibling.classList.add('focus');
                } else {
                    bar.select();
                }
            } else if (e.key === 'Enter') {
                window.location.assign(focused.querySelector('a').href);
            }
        }
    }

    // ---- Marking the words a result was found by, on the page it leads to. ----

    function mark(list) {
        var wanted = words(list).map(function (w) { return w.text; });
        var main = content && content.querySelector('main');
        if (!main || wanted.length === 0) {
            return;
        }
        var walker = document.createTreeWalker(main, NodeFilter.SHOW_TEXT, {
            acceptNode: function (node) {
                var parent = node.parentNode.nodeName;
                return parent === 'SCRIPT' || parent === 'STYLE' || parent === 'MARK' || parent === 'TEXT'
                    ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT;
            }
        });
        var nodes = [];
        while (walker.nextNode()) {
            nodes.push(walker.currentNode);
        }
        nodes.forEach(function (node) {
            var text = node.nodeValue;
            var hits = words(text).filter(function (w) { return wanted.indexOf(w.text) >= 0; });
            if (hits.length === 0) {
                return;
            }
            var frag = document.createDocumentFragment();
            var at = 0;
            hits.forEach(function (w) {
                frag.appendChild(document.createTextNode(text.slice(at, w.start)));
                var m = document.createElement('mark');
                m.textContent = text.slice(w.start, w.end);
                m.addEventListener('click', hideMarks);
                frag.appendChild(m);
                at = w.end;
            });
            frag.appendChild(document.createTextNode(text.slice(at)));
            node.parentNode.replaceChild(frag, node);
        });
    }

    function unmark() {
        var marks = content ? content.querySelectorAll('main mark') : [];
        if (marks.length === 0) {
            return;
        }
        Array.prototype.forEach.call(marks, function (m) {
            m.parentNode.replaceChild(document.createTextNode(m.textContent), m);
        });
        content.normalize();
    }

    function hideMarks() {
        var marks = content.querySelectorAll('main mark');
        Array.prototype.forEach.call(marks, function (m) {
            m.classList.add('fade-out');
        });
        window.setTimeout(unmark, 300);
        setUrl('', 'replace');
    }

    useTables(MODUL_CARI_ANALISIS);

    // Exposed for tests and for book.js (which asks whether the search bar has focus).
    window.search = window.search || {};
    window.search.hasFocus = hasFocus;
    window.modulCari = {
        readings: function (w) { return readings(w); },
        words: function (t) { return words(t).map(function (w) { return w.text; }); },
        search: function (q) {
            return index === null ? null : search(q).map(function (h) {
                return { breadcrumb: breadcrumb(h.section), score: h.score };
            });
        },
        // How many sections match in all (the header's N when the list is capped).
        total: function (q) { return index === null ? null : searchAll(q).length; },
        ready: function () { return index !== null && texts !== null; },
        // The ranking numbers in use: the index's own (a test compares them with Rust's).
        ranking: function () { return index === null ? null : index.ranking; }
    };

    if (!wrap || !bar || !results || !toggle) {
        return;
    }
    toggle.addEventListener('click', function () {
        if (wrap.classList.contains('hidden')) {
            showSearch(true);
            window.scrollTo(0, 0);
            bar.select();
        } else {
            showSearch(false);
        }
    });
    bar.addEventListener('keyup', onKeyUp);
    bar.addEventListener('input', function () { doSearch(false); });
    document.addEventListener('keydown', onKeyDown);
    window.addEventListener('popstate', fromUrl);
    document.addEventListener('submit', function (e) { e.preventDefault(); });
    fromUrl();
})();
