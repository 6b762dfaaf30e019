/* app.js — the analysts' page: search as you type, entity records, CSV batch screening.
 * Must stay true: only this server's API is called, and text from the lists never becomes HTML. */
'use strict';

(function () {
  const $ = (id) => document.getElementById(id);
  const BATCH_CHUNK = 200;          // records per /v1/screen/batch request (the server takes 1,000)
  const DEBOUNCE_MS = 250;
  const ALERT = 0.8;

  /* ---- DOM helpers: every text goes in as a text node ----------------------------------- */

  function h(tag, attrs, ...kids) {
    const el = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (v === null || v === undefined || v === false) continue;
      if (k === 'class') el.className = v;
      else if (k === 'text') el.textContent = v;
      else el.setAttribute(k, v === true ? '' : v);
    }
    for (const kid of kids.flat(Infinity)) {
      if (kid === null || kid === undefined || kid === false) continue;
      el.append(kid instanceof Node ? kid : document.createTextNode(String(kid)));
    }
    return el;
  }

  const pct = (x) => Math.round(x * 100) + '%';
  const fmtInt = (n) => Number(n).toLocaleString('en-US');
  const upper = (s) => String(s || '').toUpperCase();

  function scoreClass(s) {
    return s >= 0.9 ? 'high' : s >= ALERT ? 'alert' : s >= 0.6 ? 'mid' : 'low';
  }

  async function api(path, body, signal) {
    const opts = body === undefined ? { signal } : {
      method: 'POST', signal, body: JSON.stringify(body),
      headers: { 'Content-Type': 'application/json' },
    };
    const res = await fetch(path, opts);
    let data = null;
    try { data = await res.json(); } catch (e) { data = null; }
    if (!res.ok) {
      const msg = data && data.error ? data.error : res.status + ' ' + res.statusText;
      const err = new Error(msg);
      err.status = res.status;
      err.field = data && data.field;
      throw err;
    }
    return data;
  }

  /* ---- Index information in the header --------------------------------------------------- */

  async function loadIndexInfo() {
    const box = $('index-info');
    try {
      const info = await api('/v1/lists');
      box.textContent = '';
      const built = String(info.built_at || '').replace('T', ' ').replace(/:\d\dZ?$/, '');
      box.append(h('span', { class: 'count' }, fmtInt(info.entities), ' entities'));
      for (const s of info.sources || []) {
        box.append(h('span', { class: 'src', title: (s.format || '') + ' ' + (s.file || '') },
          h('b', {}, upper(s.name)), ' ', s.list_date || 'undated'));
      }
      box.append(h('span', { class: 'built' }, 'index ', built));
    } catch (e) {
      box.textContent = e.status === 503 ? 'No index loaded: screening is unavailable'
        : 'Index information unavailable: ' + e.message;
      box.classList.add('error');
    }
  }

  /* ---- Highlighting the matched tokens ---------------------------------------------------- */

  const fold = (s) => s.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase();

  /* The matched name as nodes, with the words that the explanation paired marked. A listed
   * token may be two written words joined ("Tong-Un" is "tongun"), so pairs of words count too. */
  function highlighted(name, ex) {
    const paired = new Set();
    for (const t of (ex && ex.tokens) || []) {
      const text = fold(String(t.list || ''));
      paired.add(text.replace(/[^\p{L}\p{N}]+/gu, ''));
      for (const w of text.split(/[^\p{L}\p{N}]+/u)) if (w) paired.add(w);
    }
    const all = ex && ex.list_coverage >= 0.999 && paired.size > 0;
    const words = [...name.matchAll(/[\p{L}\p{N}]+/gu)];
    const marked = words.map((m) => all || paired.has(fold(m[0])));
    for (let i = 0; i + 1 < words.length; i++) {
      if (paired.has(fold(words[i][0] + words[i + 1][0]))) marked[i] = marked[i + 1] = true;
    }
    const out = [];
    let last = 0;
    words.forEach((m, i) => {
      if (!marked[i]) return;
      if (m.index > last) out.push(name.slice(last, m.index));
      out.push(h('mark', {}, m[0]));
      last = m.index + m[0].length;
    });
    if (last < name.length) out.push(name.slice(last));
    return out;
  }

  /* ---- The explanation in words ---------------------------------------------------------- */

  const HOW = {
    exact: 'the same as', phonetic: 'sounds like', skeleton: 'has the consonants of',
    fuzzy: 'spelled close to', initial: 'an initial matching', joined: 'the same, written together, as',
    typo: 'a typo of', truncated: 'cut short from', initialism: 'the initials of', repeated: 'a repeat of',
    nickname: 'a nickname of',
  };
  const SCHEMES = {
    'as-written': 'the name as written', icu: 'a general transliteration', bgn: 'BGN/PCGN romanization',
    'cyrillic-other': 'another Cyrillic romanization', arabic: 'an Arabic romanization',
    mr: 'McCune–Reischauer romanization', rr: 'Revised Romanization of Korean',
    'korean-common': 'a common Korean spelling', pinyin: 'pinyin', 'han-korean': 'the Korean reading of Han characters',
    kana: 'kana romanization', reordered: 'the name parts reordered',
    nickname: 'the full names its nicknames stand for',
  };
  const NAME_TYPES = {
    primary: 'the primary name', alias: 'an alias', weak_alias: 'a weak alias (low quality)',
    former: 'a former name', original_script: 'the name in its original script',
  };

  function explanationNodes(m) {
    const ex = m.explanation || {};
    const items = [];
    for (const t of ex.tokens || []) {
      const how = HOW[t.how] || (t.how ? t.how.replace(/_/g, ' ') + ' of' : 'matched to');
      const sim = typeof t.similarity === 'number' && t.similarity < 1 ? ' (' + pct(t.similarity) + ')' : '';
      const listed = (t.how === 'nickname' && t.list_read_as && !t.query_read_as) ||   /* the list wrote it */
                     (t.how === 'initial' && (t.list || '').length === 1 && (t.query || '').length > 1);
      if (listed)
        items.push(h('li', {}, h('q', {}, t.list), ' (listed) is ', how, ' ', h('q', {}, t.query), sim));
      else items.push(h('li', {}, h('q', {}, t.query), ' is ', how, ' ', h('q', {}, t.list), sim));
    }
    if ((ex.unmatched_query || []).length)
      items.push(h('li', { class: 'neg' }, 'Not found in the listed name: ',
        ex.unmatched_query.map((w) => h('q', {}, w)).reduce((a, b) => [a, ', ', b])));
    if ((ex.unmatched_list || []).length)
      items.push(h('li', { class: 'neutral' }, 'Listed name has more: ',
        ex.unmatched_list.map((w) => h('q', {}, w)).reduce((a, b) => [a, ', ', b])));
    for (const e of ex.evidence || []) {
      const sign = e.effect > 0 ? 'pos' : e.effect < 0 ? 'neg' : 'neutral';
      const eff = e.effect ? ' (' + (e.effect > 0 ? '+' : '−') + Math.abs(e.effect * 100).toFixed(0) + ' points)' : '';
      items.push(h('li', { class: sign }, e.detail || e.field, eff));
    }
    const facts = [];
    if (ex.name_type) facts.push('It matched ' + (NAME_TYPES[ex.name_type] || ex.name_type) + '.');
    if (typeof ex.query_coverage === 'number')
      facts.push('The query name is ' + pct(ex.query_coverage) + ' covered, the listed name ' +
        pct(ex.list_coverage || 0) + '.');
    if (typeof ex.name_score === 'number') facts.push('Name score ' + pct(ex.name_score) +
      ', final score ' + pct(m.score) + '.');
    if (ex.query_form && ex.list_form && ex.query_form !== ex.list_form)
      facts.push('The query was read in ' + (SCHEMES[ex.query_form] || ex.query_form) +
        ' and compared with ' + (SCHEMES[ex.list_form] || ex.list_form) + '.');
    return [h('ul', { class: 'explain' }, items), h('p', { class: 'facts' }, facts.join(' '))];
  }

  /* ---- Search ---------------------------------------------------------------------------- */

  let searchCtl = null, searchTimer = 0, lastQueryKey = '';

  function readQuery() {
    const q = { name: $('q-name').value.trim(), threshold: Number($('q-threshold').value), limit: 20 };
    const dob = $('q-dob').value.trim(), country = $('q-country').value.trim(), type = $('q-kind').value;
    if (dob) q.dob = dob;
    if (country) q.country = country;
    if (type) q.type = type;
    return q;
  }

  function resultCard(m, rank) {
    const cls = scoreClass(m.score);
    const bar = h('span', { class: 'bar-fill' });
    bar.style.width = Math.max(2, Math.round(m.score * 100)) + '%';
    const idLink = '#/entity/' + encodeURIComponent(m.entity);
    return h('li', { class: 'card ' + cls },
      h('div', { class: 'score', 'aria-label': 'Score ' + pct(m.score) },
        h('span', { class: 'score-num' }, pct(m.score)),
        h('span', { class: 'bar', 'aria-hidden': 'true' }, bar),
        h('span', { class: 'score-word' }, m.score >= ALERT ? 'alert' : 'review')),
      h('div', { class: 'card-main' },
        h('h2', {}, h('a', { href: idLink, 'data-rank': rank }, m.name || m.entity),
          h('span', { class: 'badge kind' }, m.kind || 'any')),
        h('p', { class: 'matched' }, 'Matched ',
          h('span', { class: 'mname', dir: 'auto' }, highlighted(m.matched_name || '', m.explanation))),
        m.why ? h('p', { class: 'why' }, m.why) : null,
        h('details', { class: 'how' }, h('summary', {}, 'Why this score'), explanationNodes(m))),
      h('div', { class: 'card-meta' },
        h('span', { class: 'badge list' }, upper(m.list)),
        h('span', { class: 'date' }, m.list_date ? 'list of ' + m.list_date : 'undated list'),
        h('code', {}, m.entity)));
  }

  function showResults(data, q, ms) {
    const list = $('results');
    list.textContent = '';
    $('search-empty').hidden = true;
    const n = data.matches.length;
    $('search-status').textContent = n === 0
      ? 'No match at or above ' + pct(q.threshold) + ' for “' + q.name + '”.'
      : n + (n === 1 ? ' match' : ' matches') + ' for “' + q.name + '”, best first (' + ms + ' ms).';
    const unread = data.unread_words || 0;     /* words in a script nothing reads were not screened */
    if (unread) {
      $('search-status').textContent += ' ' + unread + (unread === 1 ? ' word' : ' words') +
        ' of the name could not be read (unsupported script) and ' + (unread === 1 ? 'was' : 'were') +
        ' not screened.';
    }
    data.matches.forEach((m, i) => list.append(resultCard(m, i + 1)));
  }

  async function runSearch() {
    clearTimeout(searchTimer);
    const q = readQuery();
    const key = JSON.stringify(q);
    if (!q.name) {
      if (searchCtl) searchCtl.abort();
      $('results').textContent = '';
      $('search-status').textContent = '';
      $('search-empty').hidden = false;
      lastQueryKey = '';
      return;
    }
    if (key === lastQueryKey) return;
    lastQueryKey = key;
    if (searchCtl) searchCtl.abort();
    searchCtl = new AbortController();
    const t0 = performance.now();
    $('search-status').textContent = 'Searching…';
    try {
      const data = await api('/v1/screen', q, searchCtl.signal);
      if (key !== lastQueryKey) return;     /* a later query was typed meanwhile: its answer shows */
      showResults(data, q, Math.round(performance.now() - t0));
    } catch (e) {
      if (e.name === 'AbortError' || key !== lastQueryKey) return;
      lastQueryKey = '';
      $('results').textContent = '';
      $('search-status').textContent = 'Could not search: ' + e.message;
    }
  }

  function scheduleSearch() {
    clearTimeout(searchTimer);
    searchTimer = setTimeout(runSearch, DEBOUNCE_MS);
  }

  /* ---- Entity page ----------------------------------------------------------------------- */

  function section(title, body) {
    if (!body || (Array.isArray(body) && body.length === 0)) return null;
    return h('section', { class: 'facts-block' }, h('h2', {}, title), body);
  }

  function table(head, rows) {
    if (!rows.length) return null;
    return h('table', {}, h('thead', {}, h('tr', {}, head.map((c) => h('th', { scope: 'col' }, c)))),
      h('tbody', {}, rows.map((r) => h('tr', {}, r.map((c) => h('td', {}, c))))));
  }

  function linkTarget(t) {
    if (/^[a-z]{2,10}:\S+$/.test(t)) return h('a', { href: '#/entity/' + encodeURIComponent(t) }, t);
    return h('a', { href: '#/search/' + encodeURIComponent(t), title: 'Screen this name' }, t);
  }

  function renderEntity(e) {
    const names = e.names || [];
    const primary = names.find((n) => n.type === 'primary') || names[0] || { name: e.id };
    $('entity-title').textContent = primary.name;
    const body = $('entity-body');
    body.textContent = '';
    const add = (node) => { if (node) body.append(node); };
    const meta = [['Entry', h('code', {}, e.id)], ['Kind', e.kind], ['List', upper(e.source) + (e.list_date ? ' of ' + e.list_date : '')]];
    if (e.listed_on) meta.push(['Listed on', e.listed_on]);
    if (e.gender) meta.push(['Gender', e.gender]);
    if (e.title) meta.push(['Title', e.title]);
    const dl = (pairs) => h('dl', { class: 'meta-list' }, pairs.map(([k, v]) => [h('dt', {}, k), h('dd', {}, v)]));
    add(dl(meta));
    add(section('Names (' + names.length + ')', table(['Name', 'Type', 'Script', 'Parts'],
      names.map((n) => [h('span', { class: 'name-cell', dir: 'auto', lang: n.lang || null }, n.name), (n.type || '').replace(/_/g, ' '), n.script || '',
        [n.family ? 'family: ' + n.family : '', n.given ? 'given: ' + n.given : '', n.lang ? 'language: ' + n.lang : '']
          .filter(Boolean).join(' · ')]))));
    const facts = [];
    if ((e.birth_dates || []).length)
      facts.push(['Born', e.birth_dates.map((d) => (d.circa ? 'circa ' : '') + (d.date || d.text) +
        (d.text && d.text !== d.date ? ' (“' + d.text + '”)' : '')).join('; ')]);
    if ((e.places_of_birth || []).length)
      facts.push(['Place of birth', e.places_of_birth.map((p) => [p.place, p.country].filter(Boolean).join(', ')).join('; ')]);
    if ((e.nationalities || []).length) facts.push(['Nationality', e.nationalities.join(', ')]);
    if ((e.citizenships || []).length) facts.push(['Citizenship', e.citizenships.join(', ')]);
    add(section('Facts', facts.length ? dl(facts) : null));
    add(section('Addresses', (e.addresses || []).length ? h('ul', { class: 'plain' },
      e.addresses.map((a) => h('li', {}, [a.address, a.city, a.country].filter(Boolean).join(', ')))) : null));
    add(section('Identifiers', table(['Type', 'Number', 'Country', 'Note'],
      (e.identifiers || []).map((i) => [i.type || '', h('code', {}, i.value || ''), i.country || '', i.note || '']))));
    add(section('Programmes', (e.programs || []).length
      ? h('p', { class: 'tags' }, e.programs.map((p) => h('span', { class: 'badge' }, p))) : null));
    add(section('Linked entities', (e.links || []).length ? h('ul', { class: 'plain' },
      e.links.map((l) => h('li', {}, l.relation ? l.relation + ': ' : '', linkTarget(l.target || '')))) : null));
    add(section('Remarks', e.remarks ? h('p', { class: 'remarks' }, e.remarks) : null));
    add(h('details', { class: 'raw' }, h('summary', {}, 'Full record (JSON)'),
      h('pre', {}, JSON.stringify(e, null, 2))));
  }

  async function showEntity(id) {
    $('entity-title').textContent = id;
    $('entity-body').textContent = 'Loading…';
    try {
      renderEntity(await api('/v1/entities/' + encodeURIComponent(id)));
    } catch (e) {
      $('entity-body').textContent = e.status === 404 ? 'No entity “' + id + '” in the loaded index.'
        : 'Could not load the entity: ' + e.message;
    }
    $('entity-title').setAttribute('tabindex', '-1');
    $('entity-title').focus();
  }

  /* ---- CSV ------------------------------------------------------------------------------- */

  /* RFC 4180: quoted fields, doubled quotes, CRLF or LF, a leading BOM. */
  function parseCsv(text) {
    const rows = [];
    let row = [], field = '', i = 0, quoted = false;
    if (text.charCodeAt(0) === 0xfeff) i = 1;
    for (; i < text.length; i++) {
      const c = text[i];
      if (quoted) {
        if (c === '"' && text[i + 1] === '"') { field += '"'; i++; }
        else if (c === '"') quoted = false;
        else field += c;
      } else if (c === '"' && field === '') quoted = true;
      else if (c === ',') { row.push(field); field = ''; }
      else if (c === '\n' || c === '\r') {
        if (c === '\r' && text[i + 1] === '\n') i++;
        row.push(field); field = '';
        if (row.length > 1 || row[0] !== '') rows.push(row);
        row = [];
      } else field += c;
    }
    if (field !== '' || row.length) { row.push(field); rows.push(row); }
    return rows;
  }

  function csvCell(v) {
    const s = v === null || v === undefined ? '' : String(v);
    return /[",\r\n]/.test(s) || /^[=+\-@]/.test(s) ? '"' + s.replace(/"/g, '""') + '"' : s;
  }

  /* Maps the header row to query fields; without a header: [id,] name, dob, country, type. */
  function columnsOf(rows) {
    const head = rows[0].map((c) => c.trim().toLowerCase());
    const find = (...names) => head.findIndex((c) => names.includes(c));
    const name = find('name', 'full name', 'full_name', 'fullname');
    if (name >= 0) {
      return { header: true, id: find('id', 'ref', 'reference', 'customer_id'), name,
        dob: find('dob', 'date of birth', 'birth_date', 'birthdate'), country: find('country', 'nationality'),
        type: find('type', 'kind', 'schema') };
    }
    return rows[0].length === 1 ? { header: false, id: -1, name: 0, dob: -1, country: -1, type: -1 }
      : { header: false, id: 0, name: 1, dob: 2, country: 3, type: 4 };
  }

  function recordOf(row, cols, n, threshold) {
    const get = (i) => (i >= 0 && i < row.length ? row[i].trim() : '');
    const r = { id: get(cols.id) || String(n), name: get(cols.name), threshold, limit: 5 };
    if (get(cols.dob)) r.dob = get(cols.dob);
    if (get(cols.country)) r.country = get(cols.country);
    if (get(cols.type)) r.type = get(cols.type).toLowerCase();
    return r;
  }

  /* ---- Batch ----------------------------------------------------------------------------- */

  let downloadUrl = null;

  async function runBatch(ev) {
    ev.preventDefault();
    const file = $('batch-file').files[0];
    if (!file) return;
    const threshold = Number($('batch-threshold').value);
    const rows = parseCsv(await file.text());
    const status = $('batch-status');
    $('batch-summary').textContent = '';
    $('batch-download').hidden = true;
    if (!rows.length) { status.textContent = 'The file is empty.'; return; }
    const cols = columnsOf(rows);
    const data = cols.header ? rows.slice(1) : rows;
    const records = data.map((r, i) => recordOf(r, cols, i + 1, threshold));
    const results = new Array(records.length);
    const bar = $('batch-progress');
    $('batch-progress-wrap').hidden = false;
    $('batch-run').disabled = true;
    bar.max = records.length || 1;
    bar.value = 0;
    const t0 = performance.now();
    for (let i = 0; i < records.length; i += BATCH_CHUNK) {
      const chunk = records.slice(i, i + BATCH_CHUNK);
      try {
        const out = await api('/v1/screen/batch', { records: chunk });
        out.results.forEach((r, k) => { results[i + k] = r; });
      } catch (e) {
        chunk.forEach((r, k) => { results[i + k] = { id: r.id, error: e.message }; });
      }
      bar.value = Math.min(records.length, i + chunk.length);
      $('batch-progress-label').textContent = 'Screening… ' + fmtInt(bar.value) + ' of ' + fmtInt(records.length);
    }
    $('batch-run').disabled = false;
    finishBatch(records, results, threshold, Math.round(performance.now() - t0));
  }

  function finishBatch(records, results, threshold, ms) {
    const lines = [['id', 'name', 'dob', 'country', 'type', 'status', 'score', 'entity', 'listed_name',
      'matched_name', 'list', 'list_date', 'why', 'other_matches', 'error'].join(',')];
    let alerts = 0, errors = 0;
    const alertRows = [];
    records.forEach((rec, i) => {
      const r = results[i] || { error: 'no answer' };
      const best = (r.matches || [])[0];
      const st = r.error ? 'error' : best && best.score >= threshold ? 'alert' : 'clear';
      if (st === 'alert') { alerts++; alertRows.push([rec, best, r.matches.length]); }
      if (st === 'error') errors++;
      lines.push([rec.id, rec.name, rec.dob, rec.country, rec.type, st, best ? best.score : '',
        best ? best.entity : '', best ? best.name : '', best ? best.matched_name : '',
        best ? best.list : '', best ? best.list_date : '', best ? best.why : '',
        (r.matches || []).slice(1).map((m) => m.entity + ' ' + m.score).join('; '), r.error || '']
        .map(csvCell).join(','));
    });
    if (downloadUrl) URL.revokeObjectURL(downloadUrl);
    downloadUrl = URL.createObjectURL(new Blob([lines.join('\r\n') + '\r\n'], { type: 'text/csv' }));
    const link = $('batch-download');
    link.href = downloadUrl;
    link.hidden = false;
    $('batch-progress-label').textContent = 'Done';
    const count = (n, one, many) => fmtInt(n) + ' ' + (n === 1 ? one : many);
    $('batch-status').textContent = count(records.length, 'row', 'rows') + ' screened in ' +
      (ms / 1000).toFixed(1) + ' s: ' + count(alerts, 'alert', 'alerts') + ', ' + count(errors, 'error', 'errors') + '.';
    if (alertRows.length) {
      $('batch-summary').append(h('h2', {}, 'Alerts'), table(['Row', 'Name', 'Score', 'Best match', 'List'],
        alertRows.slice(0, 200).map(([rec, m]) => [rec.id, rec.name, pct(m.score),
          h('a', { href: '#/entity/' + encodeURIComponent(m.entity) }, m.name), upper(m.list)])));
    }
    link.focus();
  }

  /* ---- Routing --------------------------------------------------------------------------- */

  function route() {
    const hash = location.hash || '#/';
    const views = { search: $('view-search'), entity: $('view-entity'), batch: $('view-batch') };
    let view = 'search';
    if (hash.startsWith('#/entity/')) view = 'entity';
    else if (hash === '#/batch') view = 'batch';
    for (const [k, el] of Object.entries(views)) el.hidden = k !== view;
    $('nav-search').toggleAttribute('aria-current', view !== 'batch');
    $('nav-batch').toggleAttribute('aria-current', view === 'batch');
    if (view === 'entity') showEntity(decodeURIComponent(hash.slice('#/entity/'.length)));
    if (hash.startsWith('#/search/')) {
      $('q-name').value = decodeURIComponent(hash.slice('#/search/'.length));
      runSearch();
    }
  }

  document.addEventListener('DOMContentLoaded', () => {
    const form = $('search-form');
    form.addEventListener('submit', (ev) => { ev.preventDefault(); lastQueryKey = ''; runSearch(); });
    form.addEventListener('input', scheduleSearch);
    form.addEventListener('change', scheduleSearch);
    $('batch-form').addEventListener('submit', runBatch);
    $('entity-back').addEventListener('click', (ev) => {
      if (history.length > 1) { ev.preventDefault(); history.back(); }
    });
    window.addEventListener('hashchange', route);
    loadIndexInfo();
    route();
  });
})();
