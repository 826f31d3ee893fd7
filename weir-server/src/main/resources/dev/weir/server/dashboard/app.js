// The Weir dashboard: reads the process's JSON API every few seconds and draws what flows.
// Views are chosen by the URL's hash (#overview, #dead-letters, #topics/NAME, #schemas/SUBJECT, ...).
(function () {
  'use strict';

  const REFRESH_MS = 3000;
  const HISTORY_MS = 5000;
  const $ = (sel, root) => (root || document).querySelector(sel);
  const number = new Intl.NumberFormat();
  const { chart } = window.WeirCharts;
  const { LineageView, rateText } = window.WeirGraph;

  const state = {
    view: 'overview',
    arg: null,
    pipelines: [],
    histories: {},
    historyAt: 0,
    deadLetters: [],
    selected: new Set(),
    reason: null,
    topics: [],
    topicsAt: 0,
    subjects: null,
    subjectsAt: 0,
    replaying: false,
  };

  // ---- API -------------------------------------------------------------------------------------

  class ApiFailure extends Error {
    constructor(status, message) {
      super(message);
      this.status = status;
    }
  }

  async function api(path, init) {
    let response;
    try {
      response = await fetch('/api/' + path, init);
    } catch (e) {
      connection('down');
      throw new ApiFailure(0, 'this Weir process does not answer');
    }
    connection('live');
    const body = await response.json().catch(() => ({ error: response.statusText }));
    if (!response.ok) {
      throw new ApiFailure(response.status, body.error || response.statusText);
    }
    return body;
  }

  function connection(s) {
    $('#connection').dataset.state = s;
    $('#connection').title = s === 'live' ? 'connected' : s === 'down' ? 'not answering' : 'connecting';
  }

  // ---- small helpers ---------------------------------------------------------------------------

  function el(tag, attrs, ...children) {
    const e = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (v === null || v === undefined || v === false) {
        continue;
      }
      if (k === 'class') {
        e.className = v;
      } else if (k === 'text') {
        e.textContent = v;
      } else if (k.startsWith('on')) {
        e.addEventListener(k.slice(2), v);
      } else {
        e.setAttribute(k, v === true ? '' : v);
      }
    }
    for (const c of children) {
      if (c !== null && c !== undefined) {
        e.append(c);
      }
    }
    return e;
  }

  function escapeHtml(s) {
    return String(s).replace(/[&<>"']/g, c => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c]));
  }

  function time(iso) {
    const d = new Date(iso);
    return d.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit', second: '2-digit' });
  }

  function ago(iso) {
    if (!iso) {
      return '';
    }
    const s = Math.max(0, Math.round((Date.now() - new Date(iso).getTime()) / 1000));
    if (s < 60) {
      return s + ' s ago';
    }
    if (s < 3600) {
      return Math.round(s / 60) + ' min ago';
    }
    return Math.round(s / 3600) + ' h ago';
  }

  function rate(r) {
    return r === null || r === undefined ? '–' : rateText(r);
  }

  function ms(v) {
    if (v === null || v === undefined) {
      return '–';
    }
    return v >= 1000 ? (v / 1000).toFixed(1) + ' s' : Math.round(v) + ' ms';
  }

  function statusClass(state) {
    if (['RUNNING', 'OK'].includes(state)) {
      return 'ok';
    }
    if (['REBALANCING', 'CREATED', 'NOT_STARTED', 'WARN', 'PENDING', 'REWIND'].includes(state)) {
      return 'warn';
    }
    return 'bad';
  }

  /** JSON with keys, strings, numbers and literals coloured; escaped. */
  function highlight(value, indent) {
    const json = JSON.stringify(value, null, indent ? 2 : 0);
    return escapeHtml(json).replace(
      /(&quot;(?:[^&\\]|\\.|&(?!quot;))*&quot;)(\s*:)?|\b(true|false|null)\b|(-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?)/g,
      (m, str, colon, lit, num) => {
        if (str) {
          return colon ? `<span class="j-key">${str}</span>${colon}` : `<span class="j-str">${str}</span>`;
        }
        if (lit) {
          return `<span class="j-lit">${lit}</span>`;
        }
        return `<span class="j-num">${num}</span>`;
      });
  }

  // ---- routing ---------------------------------------------------------------------------------

  function route() {
    const hash = decodeURIComponent(location.hash.replace(/^#/, '')) || 'overview';
    const slash = hash.indexOf('/');
    state.view = slash < 0 ? hash : hash.slice(0, slash);
    state.arg = slash < 0 ? null : hash.slice(slash + 1);
    if (!document.querySelector(`[data-view="${state.view}"]`)) {
      state.view = 'overview';
    }
    document.querySelectorAll('.view').forEach(v => { v.hidden = v.dataset.view !== state.view; });
    document.querySelectorAll('#tabs a').forEach(a => a.classList.toggle('active', a.dataset.tab === state.view));
    refreshView(true);
  }

  // ---- overview: lineage and pipelines -------------------------------------------------------------

  const lineage = LineageView($('#lineage'), node => {
    if (node.kind === 'topic') {
      location.hash = '#topics/' + encodeURIComponent(node.name);
    } else if (node.kind === 'pipeline') {
      const card = document.getElementById('pipeline-' + node.name);
      if (card) {
        card.scrollIntoView({ behavior: 'smooth', block: 'start' });
      }
    }
  });

  function stat(field, label, cls) {
    return el('div', { class: 'stat ' + (cls || '') },
      el('div', { class: 'label', text: label }),
      el('div', { class: 'value', 'data-field': field, 'data-value': '0', text: '0' }),
      el('div', { class: 'rate', 'data-field': field + '-rate', text: ' ' }));
  }

  function pipelineCard(p) {
    const card = el('div', { class: 'panel pipeline-card', id: 'pipeline-' + p.name, 'data-pipeline': p.name },
      el('div', { class: 'panel-head' },
        el('span', { class: 'name', text: p.name }),
        el('span', { class: 'badge', 'data-field': 'state' }),
        el('span', { class: 'badge info', 'data-field': 'guarantee', text: p.guarantee }),
        el('span', { class: 'badge', 'data-field': 'lag', hidden: true }),
        el('span', { class: 'flow-line', 'data-field': 'flow' })),
      el('div', { class: 'stats' },
        stat('in', 'records in'), stat('out', 'records out'), stat('filtered', 'filtered'),
        stat('dead', 'dead-lettered', 'dead'), stat('latency', 'latency (e2e)'), stat('lag-total', 'lag')),
      el('div', { class: 'charts' },
        el('div', { class: 'chart', 'data-chart': 'throughput' }),
        el('div', { class: 'chart', 'data-chart': 'dead' }),
        el('div', { class: 'chart', 'data-chart': 'latency' }),
        el('div', { class: 'chart', 'data-chart': 'lag' })),
      el('div', { class: 'steps', 'data-field': 'steps' }));
    return card;
  }

  function setField(card, field, text, value) {
    const e = card.querySelector(`[data-field="${field}"]`);
    e.textContent = text;
    if (value !== undefined) {
      e.dataset.value = String(value);
    }
    return e;
  }

  function renderPipelines() {
    const host = $('#pipelines');
    if (state.pipelines.length === 0) {
      host.innerHTML = '<div class="panel"><div class="empty">No pipelines in this project.</div></div>';
      return;
    }
    host.querySelector('.empty')?.parentElement.remove();
    for (const p of state.pipelines) {
      let card = document.getElementById('pipeline-' + p.name);
      if (!card) {
        card = pipelineCard(p);
        host.appendChild(card);
      }
      card.dataset.state = p.state;
      const badge = setField(card, 'state', p.state.toLowerCase().replace('_', ' '));
      badge.className = 'badge ' + statusClass(p.state);
      const lag = card.querySelector('[data-field="lag"]');
      lag.hidden = !p.lag;
      if (p.lag) {
        lag.textContent = 'lag ' + p.lag.status.toLowerCase();
        lag.className = 'badge ' + statusClass(p.lag.status);
      }
      setField(card, 'flow', `${p.sources.join(', ')} → ${p.outputs.join(', ') || '(no outputs)'}  ·  dead letters → ${p.deadLetterTopic}`);
      setField(card, 'in', number.format(p.counts.in), p.counts.in);
      setField(card, 'out', number.format(p.counts.out), p.counts.out);
      setField(card, 'filtered', number.format(p.counts.filtered), p.counts.filtered);
      setField(card, 'dead', number.format(p.counts.dead), p.counts.dead);
      setField(card, 'in-rate', rate(p.rates.in));
      setField(card, 'out-rate', rate(p.rates.out));
      setField(card, 'filtered-rate', rate(p.rates.filtered));
      setField(card, 'dead-rate', rate(p.rates.dead));
      setField(card, 'latency', p.latencyMs ? ms(p.latencyMs.avg) : '–');
      setField(card, 'latency-rate', p.latencyMs ? 'max ' + ms(p.latencyMs.max) : 'no records written yet');
      setField(card, 'lag-total', p.lag ? number.format(p.lag.total) : '–', p.lag ? p.lag.total : '');
      setField(card, 'lag-total-rate', p.lag ? p.lag.status : 'not measured');
      const steps = card.querySelector('[data-field="steps"]');
      steps.textContent = '';
      steps.append(el('span', { text: 'steps' }));
      p.steps.forEach((s, i) => {
        if (i > 0) {
          steps.append(el('span', { class: 'arrow', text: '›' }));
        }
        const dead = p.counts.deadByStep[s.id];
        steps.append(el('span', { class: 'step', title: s.type, 'data-step': s.id }, s.id,
          dead ? el('span', { class: 'dead', text: '✕' + number.format(dead) }) : null));
      });
      const sourceDead = p.counts.deadByStep.source;
      if (sourceDead) {
        steps.append(el('span', { class: 'muted', text: ` · unreadable at the source: ${number.format(sourceDead)}` }));
      }
      drawCharts(card, state.histories[p.name]);
    }
  }

  function drawCharts(card, history) {
    const samples = history ? history.samples : [];
    const times = samples.map(s => new Date(s.time).getTime());
    chart(card.querySelector('[data-chart="throughput"]'), times, [
      { name: 'in', color: 'var(--info)', values: samples.map(s => s.in) },
      { name: 'out', color: 'var(--accent)', values: samples.map(s => s.out) },
    ], { title: 'records/s', format: v => rateText(v) });
    chart(card.querySelector('[data-chart="dead"]'), times, [
      { name: 'dead', color: 'var(--bad)', values: samples.map(s => s.dead) },
    ], { title: 'dead letters/s', format: v => rateText(v) });
    chart(card.querySelector('[data-chart="latency"]'), times, [
      { name: 'avg', color: 'var(--warn)', values: samples.map(s => s.latencyAvgMs) },
    ], { title: 'latency avg', format: ms, empty: 'nothing written yet' });
    chart(card.querySelector('[data-chart="lag"]'), times, [
      { name: 'lag', color: 'var(--generator)', values: samples.map(s => s.lag) },
    ], { title: 'consumer lag', format: v => number.format(Math.round(v)), empty: 'lag not measured' });
  }

  async function loadOverview() {
    const graph = await api('lineage');
    lineage.update(graph);
    if (Date.now() - state.historyAt >= HISTORY_MS) {
      state.historyAt = Date.now();
      await Promise.all(state.pipelines.map(async p => {
        state.histories[p.name] = await api('pipelines/' + encodeURIComponent(p.name) + '/history');
      }));
    }
    renderPipelines();
  }

  // ---- dead letters ----------------------------------------------------------------------------

  function dlId(d) {
    return `${d.topic}/${d.partition}/${d.offset}`;
  }

  function reasonOf(d) {
    return `${d.pipeline || '?'} · ${d.step || '?'}${d.rule ? ' · ' + d.rule : ''}`;
  }

  async function loadDeadLetters() {
    const select = $('#dl-pipeline');
    const names = state.pipelines.map(p => p.name);
    if (select.options.length !== names.length + 1) {
      const current = select.value;
      select.innerHTML = '<option value="">all</option>';
      names.forEach(n => select.append(el('option', { value: n, text: n })));
      select.value = current;
    }
    const query = new URLSearchParams({ limit: $('#dl-limit').value });
    if (select.value) {
      query.set('pipeline', select.value);
    }
    state.deadLetters = await api('dead-letters?' + query);
    renderDeadLetters();
  }

  function renderDeadLetters() {
    const reasons = new Map();
    state.deadLetters.forEach(d => reasons.set(reasonOf(d), (reasons.get(reasonOf(d)) || 0) + 1));
    const chips = $('#dl-reasons');
    chips.textContent = '';
    [...reasons.entries()].sort((a, b) => b[1] - a[1]).forEach(([reason, count]) => {
      chips.append(el('span', {
        class: 'chip' + (state.reason === reason ? ' active' : ''), title: 'show only these',
        onclick: () => { state.reason = state.reason === reason ? null : reason; renderDeadLetters(); },
      }, reason, el('b', { text: number.format(count) })));
    });
    const shown = state.deadLetters.filter(d => !state.reason || reasonOf(d) === state.reason);
    const ids = new Set(state.deadLetters.map(dlId));
    [...state.selected].forEach(id => { if (!ids.has(id)) { state.selected.delete(id); } });
    const body = $('#dl-table tbody');
    body.textContent = '';
    for (const d of shown) {
      const id = dlId(d);
      const box = el('input', { type: 'checkbox', class: 'dl-select', 'aria-label': 'select ' + id });
      box.checked = state.selected.has(id);
      const row = el('tr', {
        class: box.checked ? 'selected' : '', 'data-topic': d.topic, 'data-partition': d.partition, 'data-offset': d.offset,
        'data-source-topic': d.source ? d.source.topic : '',
        'data-source-partition': d.source ? d.source.partition : '',
        'data-source-offset': d.source ? d.source.offset : '',
      });
      box.addEventListener('change', () => {
        if (box.checked) {
          state.selected.add(id);
        } else {
          state.selected.delete(id);
        }
        row.classList.toggle('selected', box.checked);
        updateReplayButton();
      });
      const payloadText = d.payloadText !== null ? d.payloadText : '(binary) ' + d.payloadBase64;
      const payload = el('td', { class: 'payload' }, el('span', { class: 'clip', title: 'click to expand', text: payloadText }));
      payload.addEventListener('click', () => payload.classList.toggle('open'));
      const source = d.source ? `${d.source.topic}/${d.source.partition}/${d.source.offset}` : '–';
      row.append(
        el('td', { class: 'check' }, box),
        el('td', { class: 'time', title: d.timestamp, text: time(d.timestamp) }),
        el('td', { class: 'nowrap', text: d.pipeline || '' }),
        el('td', { class: 'mono', text: d.step || '' }),
        el('td', { class: 'mono', text: d.rule || '' }),
        el('td', { class: 'why' }, d.error || '', d.replayedFrom ? el('span', { class: 'replayed', text: '↻ replay of ' + d.replayedFrom }) : null),
        el('td', { class: 'mono', text: source, title: `dead letter ${id}` }),
        el('td', { class: 'key', text: d.key === null ? '' : d.key }),
        payload);
      body.append(row);
    }
    $('#dl-empty').hidden = shown.length > 0;
    $('#dl-select-all').checked = shown.length > 0 && shown.every(d => state.selected.has(dlId(d)));
    updateReplayButton();
  }

  function updateReplayButton() {
    const n = state.selected.size;
    const button = $('#replay-button');
    button.disabled = n === 0 || state.replaying;
    button.textContent = n ? `Replay ${n} selected` : 'Replay selected';
    $('#dead-count').dataset.selected = String(n);
  }

  async function replay() {
    const records = [...state.selected].map(id => {
      const [offset, partition, ...topic] = id.split('/').reverse();
      return { topic: topic.reverse().join('/'), partition: Number(partition), offset: Number(offset) };
    });
    const result = $('#replay-result');
    state.replaying = true;
    updateReplayButton();
    result.className = 'note';
    result.textContent = 'Replaying…';
    try {
      const answer = await api('dead-letters/replay', {
        method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(records),
      });
      const topics = [...new Set(answer.replayed.map(r => r.topic))];
      result.className = 'note ok';
      result.textContent = `Replayed ${answer.replayed.length} record${answer.replayed.length === 1 ? '' : 's'} to ${topics.join(', ')}`;
      result.dataset.replayed = String(answer.replayed.length);
      state.selected.clear();
    } catch (e) {
      result.className = 'note bad';
      result.textContent = 'Replay failed: ' + e.message;
    } finally {
      state.replaying = false;
      renderDeadLetters();
    }
  }

  // ---- topics ----------------------------------------------------------------------------------

  async function loadTopics(force) {
    if (force || Date.now() - state.topicsAt > 10000) {
      state.topics = await api('topics');
      state.topicsAt = Date.now();
      renderTopicList();
    }
    if (state.arg) {
      await loadRecords();
    }
  }

  function renderTopicList() {
    const list = $('#topic-list');
    const internal = $('#show-internal').checked;
    list.textContent = '';
    for (const t of state.topics) {
      if (t.internal && !internal && t.name !== state.arg) {
        continue;
      }
      list.append(el('li', {
        class: (t.name === state.arg ? 'active ' : '') + (t.internal ? 'internal' : ''), 'data-topic': t.name,
        onclick: () => { location.hash = '#topics/' + encodeURIComponent(t.name); },
      }, el('span', { class: 'title', text: t.name, title: t.name }),
      el('span', { class: 'meta', text: `${t.partitions}p · ${number.format(t.records)}` })));
    }
    const t = state.topics.find(x => x.name === state.arg);
    $('#topic-title').textContent = state.arg || 'Pick a topic';
    const meta = [];
    if (t) {
      meta.push(`${t.partitions} partition${t.partitions === 1 ? '' : 's'}`, `end offsets ${t.endOffsets.join(' / ')}`);
      if (t.declared) {
        meta.push(t.declared.format + (t.declared.schema ? ' · ' + t.declared.schema : ''));
      }
      if (t.readBy.length) {
        meta.push('read by ' + t.readBy.join(', '));
      }
      if (t.writtenBy.length) {
        meta.push('written by ' + t.writtenBy.join(', '));
      }
    }
    $('#topic-meta').textContent = meta.join('  ·  ');
  }

  async function loadRecords() {
    const query = new URLSearchParams({ limit: $('#topic-limit').value });
    const filter = $('#topic-filter').value.trim();
    if (filter) {
      query.set($('#filter-mode').value === 'cel' ? 'filter' : 'contains', filter);
    }
    const error = $('#filter-error');
    let answer;
    try {
      answer = await api('topics/' + encodeURIComponent(state.arg) + '/records?' + query);
    } catch (e) {
      if (e.status === 400 || e.status === 404) {
        error.hidden = false;
        error.textContent = e.message;
        $('#records tbody').textContent = '';
        $('#records-empty').hidden = true;
        return;
      }
      throw e;
    }
    error.hidden = true;
    const body = $('#records tbody');
    const open = new Set([...body.querySelectorAll('td.value.open')].map(td => td.parentElement.dataset.id));
    body.textContent = '';
    for (const r of answer.records) {
      const id = `${r.partition}/${r.offset}`;
      const value = el('td', { class: 'value' + (open.has(id) ? ' open' : '') });
      const render = () => {
        const expanded = value.classList.contains('open');
        const clip = el('span', { class: 'clip', title: 'click to expand' });
        if (r.value) {
          clip.innerHTML = highlight(r.value, expanded);
        } else {
          clip.textContent = r.text !== null ? r.text : r.base64 !== null ? '(binary) ' + r.base64 : '(no value)';
        }
        value.textContent = '';
        value.append(clip);
        if (expanded) {
          for (const [k, v] of Object.entries(r.headers || {})) {
            value.append(el('span', { class: 'hdr', text: `${k}: ${v}` }));
          }
        }
      };
      value.addEventListener('click', () => { value.classList.toggle('open'); render(); });
      render();
      body.append(el('tr', { 'data-id': id, 'data-partition': r.partition, 'data-offset': r.offset },
        el('td', { class: 'time', title: r.timestamp, text: time(r.timestamp) }),
        el('td', { class: 'mono', text: id }),
        el('td', { class: 'key', text: r.key === null ? '' : r.key }),
        value));
    }
    $('#records-empty').hidden = answer.records.length > 0;
    $('#records-empty').textContent = filter ? `No record among the last ${number.format(answer.scanned)} matches.` : 'The topic is empty.';
  }

  // ---- schemas ---------------------------------------------------------------------------------

  async function loadSchemas(force) {
    if (force || !state.subjects || Date.now() - state.subjectsAt > 15000) {
      state.subjects = await api('schemas');
      state.subjectsAt = Date.now();
      renderSubjects();
    }
  }

  function renderSubjects() {
    const list = $('#subject-list');
    list.textContent = '';
    if (!state.subjects.registry) {
      list.append(el('li', { class: 'muted', text: 'No schema registry is known to this process.' }));
      return;
    }
    if (state.subjects.subjects.length === 0) {
      list.append(el('li', { class: 'muted', text: 'No subjects registered yet.' }));
    }
    for (const s of state.subjects.subjects) {
      list.append(el('li', {
        class: s.subject === state.arg ? 'active' : '', 'data-subject': s.subject,
        onclick: () => { location.hash = '#schemas/' + encodeURIComponent(s.subject); },
      }, el('span', { class: 'title', text: s.subject }),
      el('span', { class: 'meta', text: `${s.latest ? s.latest.type.toLowerCase() : ''} · v${s.versions.join(',v')}` })));
    }
    const subject = state.subjects.subjects.find(s => s.subject === state.arg);
    const from = $('#diff-from');
    const to = $('#diff-to');
    if (subject && from.dataset.subject !== subject.subject) {
      from.dataset.subject = subject.subject;
      from.innerHTML = '';
      to.innerHTML = '';
      subject.versions.forEach(v => {
        from.append(el('option', { value: v, text: 'v' + v }));
        to.append(el('option', { value: v, text: 'v' + v }));
      });
      const n = subject.versions.length;
      to.value = subject.versions[n - 1];
      from.value = subject.versions[Math.max(0, n - 2)];
      loadDiff();
    }
  }

  async function loadDiff() {
    if (!state.arg) {
      return;
    }
    $('#schema-title').textContent = state.arg;
    const query = new URLSearchParams({ from: $('#diff-from').value, to: $('#diff-to').value });
    const diff = await api('schemas/' + encodeURIComponent(state.arg) + '/diff?' + query);
    const pre = $('#schema-diff');
    pre.textContent = '';
    let a = 0;
    let b = 0;
    for (const line of diff.lines) {
      const sign = line.op === 'added' ? '+' : line.op === 'removed' ? '−' : ' ';
      const left = line.op === 'added' ? '' : ++a;
      const right = line.op === 'removed' ? '' : ++b;
      pre.append(el('span', { class: 'l ' + line.op },
        el('span', { class: 'n', text: String(left) }), el('span', { class: 'n n2', text: String(right) }),
        el('span', { class: 'sign', text: sign }), line.text));
    }
    $('#diff-summary').textContent = diff.from === diff.to ? `version ${diff.to}, ${diff.type.toLowerCase()}`
      : `+${diff.added} −${diff.removed} lines`;
  }

  // ---- lag, alerts, connectors -------------------------------------------------------------------

  async function loadLag() {
    const groups = await api('lag');
    const body = $('#lag-table tbody');
    body.textContent = '';
    for (const g of groups) {
      const row = el('tr', { 'data-group': g.group },
        el('td', { class: 'mono', text: g.group }),
        el('td', {}, el('span', { class: 'badge ' + statusClass(g.status), text: g.status })),
        el('td', { class: 'num', text: number.format(g.totalLag) }),
        el('td', { class: 'mono small' }, ...g.partitions.map(p =>
          el('span', { class: 'hdr', title: `committed ${p.committedOffset}, end ${p.endOffset}`,
            text: `${p.topic}/${p.partition}: ${number.format(p.lag)} ${p.status}` }))),
        el('td', { class: 'time', text: ago(g.evaluatedAt) }));
      body.append(row);
    }
    $('#lag-empty').hidden = groups.length > 0;
  }

  async function loadAlerts() {
    const alerts = await api('alerts');
    renderAlertCount(alerts);
    if (state.view !== 'alerts') {
      return;
    }
    const body = $('#alerts-table tbody');
    body.textContent = '';
    const order = { FIRING: 0, PENDING: 1, OK: 2 };
    alerts.sort((a, b) => (order[a.status] ?? 3) - (order[b.status] ?? 3) || a.rule.localeCompare(b.rule));
    for (const a of alerts) {
      body.append(el('tr', { 'data-rule': a.rule, 'data-status': a.status },
        el('td', {}, el('div', { class: 'mono', text: a.rule }), el('div', { class: 'muted small', text: a.description || '' })),
        el('td', {}, el('span', { class: 'badge ' + (a.status === 'FIRING' ? 'bad' : a.status === 'PENDING' ? 'warn' : 'ok'), text: a.status })),
        el('td', { class: 'time', title: a.since || '', text: ago(a.since) }),
        el('td', { class: 'mono small', text: a.condition || '' }),
        el('td', { text: a.message || '' }),
        el('td', { class: 'num', text: a.value === null || a.value === undefined ? '–' : String(Math.round(a.value * 100) / 100) })));
    }
    $('#alerts-empty').hidden = alerts.length > 0;
  }

  function renderAlertCount(alerts) {
    const firing = alerts.filter(a => a.status === 'FIRING').length;
    const count = $('#alert-count');
    count.textContent = firing ? String(firing) : '';
    count.classList.toggle('hot', firing > 0);
  }

  async function loadConnectors() {
    const connectors = await api('connectors');
    $('#connectors-empty').hidden = connectors.length > 0;
    const table = $('#connectors-table');
    table.hidden = connectors.length === 0;
    const body = table.querySelector('tbody');
    body.textContent = '';
    connectors.forEach(c => body.append(el('tr', {}, el('td', { class: 'mono', text: c.name || '' }),
      el('td', { text: c.state || '' }))));
  }

  // ---- refresh loop ----------------------------------------------------------------------------

  let busy = false;

  async function refreshView(changed) {
    if (busy && !changed) {
      return;
    }
    busy = true;
    try {
      state.pipelines = await api('pipelines');
      const dead = state.pipelines.reduce((s, p) => s + p.counts.dead, 0);
      $('#dead-count').textContent = dead ? number.format(dead) : '';
      switch (state.view) {
        case 'overview':
          await loadOverview();
          await loadAlerts();
          break;
        case 'dead-letters':
          if (!state.replaying) {
            await loadDeadLetters();
          }
          await loadAlerts();
          break;
        case 'topics':
          if (changed || $('#topic-follow').checked) {
            await loadTopics(changed);
          }
          break;
        case 'schemas':
          await loadSchemas(changed);
          if (changed) {
            renderSubjects();
            if (state.arg) {
              await loadDiff();
            }
          }
          break;
        case 'lag':
          await loadLag();
          break;
        case 'alerts':
          await loadAlerts();
          break;
        case 'connectors':
          await loadConnectors();
          break;
        default:
          break;
      }
      $('#updated-at').textContent = new Date().toLocaleTimeString();
    } catch (e) {
      if (e.status !== 0) {
        console.warn('refresh failed:', e.message);
      }
    } finally {
      busy = false;
    }
  }

  // ---- wiring ----------------------------------------------------------------------------------

  function theme(name) {
    document.documentElement.dataset.theme = name;
    try {
      localStorage.setItem('weir-theme', name);
    } catch (e) {
      // private windows may refuse storage
    }
  }

  function start() {
    let saved = null;
    try {
      saved = localStorage.getItem('weir-theme');
    } catch (e) {
      saved = null;
    }
    theme(saved || (window.matchMedia && window.matchMedia('(prefers-color-scheme: light)').matches ? 'light' : 'dark'));
    $('#theme-toggle').addEventListener('click',
      () => theme(document.documentElement.dataset.theme === 'dark' ? 'light' : 'dark'));
    $('#replay-button').addEventListener('click', replay);
    $('#dl-pipeline').addEventListener('change', () => refreshView(true));
    $('#dl-limit').addEventListener('change', () => refreshView(true));
    $('#dl-select-all').addEventListener('change', e => {
      const shown = state.deadLetters.filter(d => !state.reason || reasonOf(d) === state.reason);
      shown.forEach(d => (e.target.checked ? state.selected.add(dlId(d)) : state.selected.delete(dlId(d))));
      renderDeadLetters();
    });
    $('#topic-form').addEventListener('submit', e => {
      e.preventDefault();
      if (state.arg) {
        loadRecords().catch(() => {});
      }
    });
    $('#topic-limit').addEventListener('change', () => state.arg && loadRecords().catch(() => {}));
    $('#show-internal').addEventListener('change', renderTopicList);
    $('#filter-mode').addEventListener('change', () => {
      $('#topic-filter').placeholder = $('#filter-mode').value === 'cel' ? "amount > 100.0 && country == 'US'" : 'text anywhere in the key or value';
    });
    $('#diff-from').addEventListener('change', () => loadDiff().catch(() => {}));
    $('#diff-to').addEventListener('change', () => loadDiff().catch(() => {}));
    window.addEventListener('hashchange', route);
    api('project').then(p => {
      $('#project-name').textContent = p.name;
      $('#cluster').textContent = 'kafka ' + p.bootstrapServers;
      document.title = 'Weir · ' + p.name;
    }).catch(() => {});
    route();
    setInterval(() => refreshView(false), REFRESH_MS);
  }

  start();
})();
