// stemma dossier: collation views, drawn on demand. Document text is
// untrusted: it only ever reaches the page through textContent.
(function () {
  'use strict';
  var BATCH = 80;
  var data = null;

  function load() {
    if (data !== null) return data;
    var block = document.getElementById('stemma-data');
    data = JSON.parse(block ? block.textContent : '{}');
    data.pairIndex = new Map();
    (data.pairs || []).forEach(function (p, i) {
      data.pairIndex.set(p.s + ':' + p.d, i);
      data.pairIndex.set(p.d + ':' + p.s, i);
    });
    data.marksOf = new Map();
    (data.marks || []).forEach(function (m) {
      if (!data.marksOf.has(m[0])) data.marksOf.set(m[0], []);
      data.marksOf.get(m[0]).push(m);
    });
    return data;
  }

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined) e.textContent = text;
    return e;
  }

  function textLen(doc) {
    return doc.text === null ? 0 : doc.text.length;
  }

  // Rows of the collation of source s and derived d, oriented s -> d.
  function rowsOf(s, d) {
    var D = load();
    var i = D.pairIndex.get(s + ':' + d);
    if (s === d) {
      var n = textLen(D.docs[s]);
      return {rows: [[0, 0, n, 0, n]], pair: null};
    }
    if (i === undefined) {
      var ls = textLen(D.docs[s]), ld = textLen(D.docs[d]);
      return {rows: [[4, 0, ls, 0, 0], [3, ls, ls, 0, ld]], pair: null};
    }
    var p = D.pairs[i];
    if (p.s === s) return {rows: p.rows, pair: p, flipped: false};
    var swap = {3: 4, 4: 3};
    return {
      rows: p.rows.map(function (r) {
        var k = swap[r[0]] === undefined ? r[0] : swap[r[0]];
        return [k, r[3], r[4], r[1], r[2]];
      }),
      pair: p,
      flipped: true
    };
  }

  // The text of doc in [start, end), boilerplate greyed and finding spans
  // marked, as a fragment.
  function slice(docIdx, start, end) {
    var D = load();
    var doc = D.docs[docIdx];
    var frag = document.createDocumentFragment();
    if (doc.text === null || end <= start) return frag;
    var cuts = [start, end];
    var bp = doc.bp.filter(function (b) { return b[1] > start && b[0] < end; });
    var marks = (D.marksOf.get(docIdx) || []).filter(function (m) {
      return m[2] > start && m[1] < end;
    });
    bp.forEach(function (b) { cuts.push(b[0], b[1]); });
    marks.forEach(function (m) { cuts.push(m[1], m[2]); });
    cuts = cuts.filter(function (c) { return c >= start && c <= end; });
    cuts.sort(function (a, b) { return a - b; });
    for (var i = 0; i + 1 < cuts.length; i++) {
      var a = cuts[i], b = cuts[i + 1];
      if (b <= a) continue;
      var piece = doc.text.slice(a, b);
      var node = document.createTextNode(piece);
      var inBp = bp.some(function (x) { return x[0] <= a && x[1] >= b; });
      if (inBp) {
        var span = el('span', 'bp');
        span.title = 'boilerplate';
        span.appendChild(node);
        node = span;
      }
      var m = null;
      for (var j = 0; j < marks.length; j++) {
        if (marks[j][1] <= a && marks[j][2] >= b) { m = marks[j]; break; }
      }
      if (m !== null) {
        var mark = el('mark', 'finding');
        mark.setAttribute('data-f', String(m[3]));
        mark.appendChild(node);
        if (b === m[2]) {
          var link = el('a', '', '[' + (m[3] + 1) + ']');
          link.href = '#f' + Number(m[3]);
          mark.appendChild(link);
        }
        node = mark;
      }
      frag.appendChild(node);
    }
    return frag;
  }

  function cell(side, docIdx, s, e) {
    var c = el('div', 'cv-cell ' + side + (e > s ? '' : ' empty'));
    c.appendChild(slice(docIdx, s, e));
    return c;
  }

  function renderRows(view, state, upTo) {
    var D = load();
    var stop = Math.min(state.rows.length, Math.max(upTo || 0, state.done + BATCH));
    var frag = document.createDocumentFragment();
    for (; state.done < stop; state.done++) {
      var r = state.rows[state.done];
      var kind = D.kinds[r[0]] || 'edited';
      var row = el('div', 'cv-row k-' + kind);
      row.setAttribute('data-row', String(state.done));
      row.appendChild(cell('src', state.s, r[1], r[2]));
      row.appendChild(el('div', 'cv-kind', kind));
      row.appendChild(cell('der', state.d, r[3], r[4]));
      frag.appendChild(row);
    }
    if (state.more) state.more.remove();
    view.appendChild(frag);
    state.more = null;
    if (state.done < state.rows.length) {
      var more = el('div', 'more');
      var btn = el('button', '', 'show ' + (state.rows.length - state.done) + ' more rows');
      btn.type = 'button';
      btn.addEventListener('click', function () { renderRows(view, state); });
      more.appendChild(btn);
      view.appendChild(more);
      state.more = more;
      if (window.IntersectionObserver) {
        var io = new IntersectionObserver(function (entries) {
          if (entries.some(function (x) { return x.isIntersecting; })) {
            io.disconnect();
            renderRows(view, state);
          }
        });
        io.observe(more);
      }
    }
  }

  function open(storyIdx, s, d, focus) {
    var D = load();
    var panel = document.getElementById('c' + Number(storyIdx));
    if (!panel) return;
    var fold = panel.closest('details');
    if (fold) fold.open = true;
    var view = panel.querySelector('.view');
    var src = panel.querySelector('select.src');
    var der = panel.querySelector('select.der');
    if (src) src.value = String(s);
    if (der) der.value = String(d);
    while (view.firstChild) view.removeChild(view.firstChild);
    var sd = D.docs[s], dd = D.docs[d];
    if (!sd || !dd) return;
    if (sd.text === null || dd.text === null) {
      view.appendChild(el('p', 'hint', 'The report holds no text for these versions.'));
      return;
    }
    var got = rowsOf(s, d);
    var info = got.pair
      ? got.pair.rel + ' · covered: source ' + Math.round((got.flipped ? got.pair.dc : got.pair.sc) * 100) +
        '%, derived ' + Math.round((got.flipped ? got.pair.sc : got.pair.dc) * 100) + '%'
      : (s === d ? 'the same version' : 'no aligned passages between these versions');
    view.appendChild(el('p', 'cv-info', info));
    var head = el('div', 'cv-head');
    head.appendChild(el('div', '', 'source: ' + sd.label));
    head.appendChild(el('div', '', ''));
    head.appendChild(el('div', '', 'derived: ' + dd.label));
    view.appendChild(head);
    var body = el('div', 'cv-body');
    view.appendChild(body);
    var state = {rows: got.rows, s: s, d: d, done: 0, more: null};
    var upTo = 0;
    if (focus) {
      // Render far enough to show the finding's span.
      for (var i = 0; i < got.rows.length; i++) {
        var r = got.rows[i];
        var lo = focus.doc === s ? r[1] : r[3], hi = focus.doc === s ? r[2] : r[4];
        if (focus.doc === s || focus.doc === d) {
          if (hi > focus.start && lo < focus.end) { upTo = i + 1; break; }
        }
      }
    }
    renderRows(body, state, upTo);
    panel.setAttribute('data-open', s + ':' + d);
    if (focus) {
      var m = body.querySelector('mark.finding[data-f="' + Number(focus.f) + '"]');
      if (m) {
        m.classList.add('flash');
        m.scrollIntoView({block: 'center'});
      }
    } else {
      panel.scrollIntoView({block: 'start'});
    }
  }

  // The derivation that best shows doc: its own source, else one of its
  // copies, else the first other version of the story.
  function showFinding(storyIdx, f, doc) {
    var D = load();
    var panel = document.getElementById('c' + Number(storyIdx));
    if (!panel) return;
    var edges = document.querySelectorAll('#g' + Number(storyIdx) + ' .edge');
    var pick = null;
    edges.forEach(function (e) {
      var s = Number(e.getAttribute('data-s')), d = Number(e.getAttribute('data-d'));
      if (d === doc && (pick === null || pick[2] > 0)) pick = [s, d, 0];
      else if (s === doc && pick === null) pick = [s, d, 1];
    });
    if (pick === null) {
      var sel = panel.querySelector('select.src');
      var other = sel ? Array.prototype.map.call(sel.options, function (o) { return Number(o.value); })
        .filter(function (v) { return v !== doc; })[0] : undefined;
      pick = [other === undefined ? doc : other, doc];
    }
    var mark = (D.marksOf.get(doc) || []).filter(function (m) { return m[3] === f; })[0];
    open(storyIdx, pick[0], pick[1], mark ? {doc: doc, start: mark[1], end: mark[2], f: f} : null);
  }

  document.addEventListener('click', function (ev) {
    var t = ev.target;
    if (!(t instanceof Element)) return;
    var edge = t.closest('.edge, button.collate');
    if (edge) {
      open(Number(edge.getAttribute('data-story')), Number(edge.getAttribute('data-s')),
        Number(edge.getAttribute('data-d')), null);
      return;
    }
    var go = t.closest('button.go');
    if (go) {
      var panel = go.closest('.collation');
      open(Number(go.getAttribute('data-story')), Number(panel.querySelector('select.src').value),
        Number(panel.querySelector('select.der').value), null);
      return;
    }
    var show = t.closest('button.show');
    if (show) {
      showFinding(Number(show.getAttribute('data-story')), Number(show.getAttribute('data-f')),
        Number(show.getAttribute('data-doc')));
    }
  });
  document.addEventListener('keydown', function (ev) {
    var t = ev.target;
    if ((ev.key === 'Enter' || ev.key === ' ') && t instanceof Element && t.matches('.edge')) {
      ev.preventDefault();
      open(Number(t.getAttribute('data-story')), Number(t.getAttribute('data-s')),
        Number(t.getAttribute('data-d')), null);
    }
  });

  // Going to a folded story (or into one) unfolds it.
  function unfold() {
    var id = decodeURIComponent(location.hash.slice(1));
    var target = id ? document.getElementById(id) : null;
    if (!target) return;
    var fold = target.matches('section.story') ? target.querySelector('details') : target.closest('details');
    if (fold && !fold.open) {
      fold.open = true;
      target.scrollIntoView();
    }
  }
  window.addEventListener('hashchange', unfold);
  unfold();

  window.stemmaOpen = open;
  document.documentElement.setAttribute('data-ready', String(Math.round(performance.now())));
})();
