/**
 * The review page's inline style sheet and script. Both are constants (the page must open from
 * disk with no network); the script only reads the DOM the builder wrote and sets text with
 * `textContent`, never `innerHTML`, so record values cannot become markup.
 */

export const CSS = `
:root {
  --official: #cfe3ff; --official-line: #2f6fd0;
  --title: #e8d9ff; --title-line: #7a4cc8;
  --indicator: #ffe39a; --indicator-line: #b47b00;
  --agreement: #c8f0d0; --agreement-line: #23894a;
  --legal_ref: #ffd3ca; --legal_ref-line: #c2452d;
  --miss: #d00000; --ink: #1d2430; --muted: #5d6778; --rule: #d8dde6; --bg: #f6f7f9;
}
* { box-sizing: border-box; }
body { margin: 0; font: 15px/1.5 system-ui, "Segoe UI", Roboto, "Noto Sans", "DejaVu Sans", sans-serif; color: var(--ink); background: var(--bg); }
header.top { position: sticky; top: 0; z-index: 5; background: #fff; border-bottom: 1px solid var(--rule); padding: 8px 24px; display: flex; flex-wrap: wrap; gap: 8px 20px; align-items: center; }
header.top h1 { font-size: 18px; margin: 0; }
header.top nav a { margin-right: 12px; }
main { max-width: 1180px; margin: 0 auto; padding: 8px 24px 80px; }
h2 { font-size: 17px; margin: 28px 0 8px; }
h3 { font-size: 15px; margin: 16px 0 6px; }
a { color: #1f5fbf; }
.muted, .meta { color: var(--muted); font-size: 13px; }
.legend { display: flex; flex-wrap: wrap; gap: 6px; align-items: center; }
.legend label { display: inline-flex; align-items: center; gap: 4px; font-size: 13px; padding: 1px 8px 1px 4px; border-radius: 4px; cursor: pointer; }
.legend .k-official { background: var(--official); } .legend .k-title { background: var(--title); }
.legend .k-indicator { background: var(--indicator); } .legend .k-agreement { background: var(--agreement); }
.legend .k-legal_ref { background: var(--legal_ref); }
.legend .e-spurious, .legend .e-miss, .legend .e-wrong { background: #fff; }
table { border-collapse: collapse; width: 100%; background: #fff; font-size: 13.5px; }
th, td { border-bottom: 1px solid var(--rule); padding: 4px 8px; text-align: left; vertical-align: top; }
th { background: #eef1f5; position: sticky; top: 0; }
th button { all: unset; cursor: pointer; font-weight: 600; }
th button:focus-visible { outline: 2px solid #1f5fbf; }
th[aria-sort="ascending"] button::after { content: " ▲"; }
th[aria-sort="descending"] button::after { content: " ▼"; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
.scroll { max-height: 460px; overflow: auto; border: 1px solid var(--rule); }
.filters { display: flex; flex-wrap: wrap; gap: 6px 14px; align-items: center; margin: 6px 0; font-size: 13px; }
.filters select, .filters input { font: inherit; padding: 2px 4px; }
.warn { color: #9a3b00; }
.doc { background: #fff; border: 1px solid var(--rule); border-radius: 6px; padding: 4px 18px 14px; margin: 18px 0; }
.doc h2 { margin-top: 12px; }
.text { white-space: pre-wrap; overflow-wrap: anywhere; font-size: 15.5px; line-height: 1.9; max-width: 78ch; }
mark.hl { color: inherit; border-radius: 2px; padding: 1px 0; border-bottom: 2px solid transparent; cursor: help; }
mark.hl[data-kind="official"] { background: var(--official); border-bottom-color: var(--official-line); }
mark.hl[data-kind="official"][data-role="title"] { background: var(--title); border-bottom-color: var(--title-line); }
mark.hl[data-kind="indicator"] { background: var(--indicator); border-bottom-color: var(--indicator-line); }
mark.hl[data-kind="agreement"] { background: var(--agreement); border-bottom-color: var(--agreement-line); }
mark.hl[data-kind="legal_ref"] { background: var(--legal_ref); border-bottom-color: var(--legal_ref-line); }
mark.hl mark.hl { border-bottom-width: 4px; }
mark.hl[data-eval="spurious"] { outline: 2px dashed var(--miss); outline-offset: 1px; }
mark.hl[data-eval="wrong"] { outline: 2px dotted #d07000; outline-offset: 1px; }
mark.miss { background: none; color: inherit; text-decoration: underline wavy var(--miss); text-decoration-thickness: 1.5px; text-underline-offset: 4px; cursor: help; }
mark[id], section { scroll-margin-top: 96px; }
mark:focus-visible, mark:target, mark.flash { outline: 3px solid #1f5fbf; outline-offset: 2px; }
body.hide-official mark.hl[data-kind="official"], body.hide-indicator mark.hl[data-kind="indicator"],
body.hide-agreement mark.hl[data-kind="agreement"], body.hide-legal_ref mark.hl[data-kind="legal_ref"] { background: none; border-bottom-color: transparent; }
#tip { position: absolute; z-index: 10; max-width: 560px; background: #1d2430; color: #fff; border-radius: 6px; padding: 6px 10px; font-size: 13px; line-height: 1.45; box-shadow: 0 4px 16px rgba(0,0,0,.25); pointer-events: none; }
#tip[hidden] { display: none; }
#tip .row + .row { border-top: 1px solid #465064; margin-top: 4px; padding-top: 4px; }
#tip .kind { display: inline-block; font-size: 11px; text-transform: uppercase; letter-spacing: .04em; padding: 0 5px; border-radius: 3px; margin-right: 6px; color: #1d2430; }
#tip .kind.k-official { background: var(--official); } #tip .kind.k-indicator { background: var(--indicator); }
#tip .kind.k-agreement { background: var(--agreement); } #tip .kind.k-legal_ref { background: var(--legal_ref); }
#tip .kind.k-miss { background: #ffb3b3; }
#tip .sub { color: #b8c1d1; font-size: 12px; overflow-wrap: anywhere; }
#tip .eval { color: #ffb3a8; }
.misses li { color: var(--miss); }
svg.chart { max-width: 100%; height: auto; background: #fff; border: 1px solid var(--rule); border-radius: 4px; font-size: 12px; }
svg.chart text { fill: var(--ink); }
svg.chart .area { font-weight: 600; }
svg.chart .period, svg.chart .legend { fill: var(--muted); }
svg.chart .bar rect { fill: var(--indicator-line); }
svg.chart .bar.s-estimate rect { fill: #e0b550; }
svg.chart .bar.s-target rect { fill: #fff; stroke: var(--indicator-line); stroke-dasharray: 3 2; }
svg.chart .bar:hover rect, svg.chart .bar:focus rect { fill: #1f5fbf; }
svg.chart .range { stroke: var(--indicator-line); stroke-width: 2; }
svg.chart .zero { stroke: var(--muted); }
svg.chart .sep { stroke: var(--rule); }
.score td, .score th { width: auto; }
`;

export const SCRIPT = `
(function () {
  'use strict';
  var tip = document.getElementById('tip');
  var shownFor = null;

  function rowsFor(el) {
    var out = [], seen = {};
    for (var n = el; n && n.nodeType === 1 && !n.classList.contains('text'); n = n.parentElement) {
      if (n.tagName !== 'MARK') continue;
      var id = n.getAttribute('data-key') || ('miss:' + n.getAttribute('data-miss'));
      if (seen[id]) continue;
      seen[id] = true;
      out.push(n);
    }
    return out;
  }

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text) e.textContent = text;
    return e;
  }

  function show(target) {
    var marks = rowsFor(target);
    if (!marks.length) return hide();
    tip.textContent = '';
    marks.forEach(function (m) {
      var row = el('div', 'row');
      var kind = m.getAttribute('data-kind');
      var label = kind ? (m.getAttribute('data-role') === 'title' ? 'official (title)' : kind) : 'missed';
      row.appendChild(el('span', 'kind k-' + (kind || 'miss'), label));
      row.appendChild(el('span', 'what', m.getAttribute('data-tip')));
      var ev = m.getAttribute('data-eval-note');
      if (ev) row.appendChild(el('div', 'eval', ev));
      var sub = m.getAttribute('data-rule');
      if (sub) row.appendChild(el('div', 'sub', 'rule ' + sub + ' · key ' + m.getAttribute('data-key')));
      tip.appendChild(row);
    });
    tip.hidden = false;
    var r = target.getBoundingClientRect();
    var left = Math.max(8, Math.min(window.scrollX + r.left, window.scrollX + document.documentElement.clientWidth - tip.offsetWidth - 8));
    tip.style.left = left + 'px';
    tip.style.top = (window.scrollY + r.bottom + 6) + 'px';
    if (shownFor && shownFor !== target) shownFor.removeAttribute('aria-describedby');
    target.setAttribute('aria-describedby', 'tip');
    shownFor = target;
  }

  function hide() {
    tip.hidden = true;
    if (shownFor) shownFor.removeAttribute('aria-describedby');
    shownFor = null;
  }

  function markOf(node) {
    return node && node.closest ? node.closest('mark.hl, mark.miss') : null;
  }

  document.addEventListener('mouseover', function (e) {
    var m = markOf(e.target);
    if (m) show(m);
    else if (!markOf(document.activeElement)) hide();
  });
  document.addEventListener('focusin', function (e) {
    var m = markOf(e.target);
    if (m) show(m); else hide();
  });
  document.addEventListener('focusout', function () { hide(); });
  document.addEventListener('keydown', function (e) { if (e.key === 'Escape') hide(); });

  // Links to evidence: focus the highlight so its record shows, and flash it.
  function focusHash() {
    var id = decodeURIComponent(location.hash.slice(1));
    var t = id && document.getElementById(id);
    if (t && t.tagName === 'MARK') {
      t.focus({ preventScroll: false });
      t.classList.add('flash');
      setTimeout(function () { t.classList.remove('flash'); }, 1200);
    }
  }
  window.addEventListener('hashchange', focusHash);

  // Kind toggles in the legend.
  Array.prototype.forEach.call(document.querySelectorAll('input[data-toggle-kind]'), function (box) {
    box.addEventListener('change', function () {
      document.body.classList.toggle('hide-' + box.getAttribute('data-toggle-kind'), !box.checked);
    });
  });

  // Sortable, filterable tables.
  Array.prototype.forEach.call(document.querySelectorAll('table[data-table]'), function (table) {
    var body = table.tBodies[0];
    var rows = Array.prototype.slice.call(body.rows);
    rows.forEach(function (r, i) { r.setAttribute('data-i', String(i)); });
    var heads = Array.prototype.slice.call(table.tHead.rows[0].cells);
    function cellValue(row, col, numeric) {
      var c = row.cells[col];
      var v = c.hasAttribute('data-v') ? c.getAttribute('data-v') : c.textContent.trim();
      if (!numeric) return v;
      var n = parseFloat(v);
      return isNaN(n) ? null : n;
    }
    heads.forEach(function (th, col) {
      var btn = th.querySelector('button');
      if (!btn) return;
      btn.addEventListener('click', function () {
        var dir = th.getAttribute('aria-sort') === 'ascending' ? 'descending' : 'ascending';
        heads.forEach(function (h) { if (h.hasAttribute('aria-sort')) h.setAttribute('aria-sort', 'none'); });
        th.setAttribute('aria-sort', dir);
        var numeric = th.getAttribute('data-type') === 'num';
        var sign = dir === 'ascending' ? 1 : -1;
        var sorted = rows.slice().sort(function (a, b) {
          var x = cellValue(a, col, numeric), y = cellValue(b, col, numeric), d;
          if (x === null || x === '') d = (y === null || y === '') ? 0 : 1;
          else if (y === null || y === '') d = -1;
          else d = sign * (numeric ? x - y : String(x).localeCompare(String(y), undefined, { numeric: true, sensitivity: 'base' }));
          return d || (+a.getAttribute('data-i') - +b.getAttribute('data-i'));
        });
        sorted.forEach(function (r) { body.appendChild(r); });
      });
    });
    var box = document.querySelector('.filters[data-for="' + table.id + '"]');
    if (!box) return;
    var selects = Array.prototype.slice.call(box.querySelectorAll('select[data-col]'));
    var search = box.querySelector('input[type="search"]');
    var count = box.querySelector('output');
    function apply() {
      var q = search ? search.value.trim().toLowerCase() : '';
      var shown = 0;
      rows.forEach(function (r) {
        var ok = selects.every(function (s) { return !s.value || cellValue(r, +s.getAttribute('data-col'), false) === s.value; });
        if (ok && q) ok = r.textContent.toLowerCase().indexOf(q) >= 0;
        r.hidden = !ok;
        if (ok) shown++;
      });
      if (count) count.textContent = shown + ' of ' + rows.length + ' rows';
    }
    selects.forEach(function (s) { s.addEventListener('change', apply); });
    if (search) search.addEventListener('input', apply);
    apply();
  });

  if (location.hash) focusHash();
})();
`;
