// The lineage graph as hand-laid SVG: nodes in layers by the longest path from where data starts
// (generators, then topics, pipelines, the topics they write), ordered within a layer to keep
// edges short, and every edge labelled with the records per second flowing along it now.
(function () {
  'use strict';

  const { svgEl } = window.WeirCharts;
  const NODE_W = 188;
  const NODE_H = 46;
  const COL = 300;
  const ROW = 62;
  const PAD = 14;
  const KIND_ORDER = { generator: 0, connector: 1, topic: 2, pipeline: 3 };

  function rateText(r) {
    if (r === null || r === undefined) {
      return null;
    }
    if (r >= 1000) {
      return (r / 1000).toFixed(r >= 10000 ? 0 : 1) + 'k/s';
    }
    return (r >= 10 ? Math.round(r) : r.toFixed(1)) + '/s';
  }

  function status(state) {
    if (state === 'RUNNING') {
      return 'ok';
    }
    if (state === 'REBALANCING' || state === 'CREATED' || state === 'NOT_STARTED') {
      return 'warn';
    }
    return 'bad';
  }

  function layout(nodes, edges) {
    const ids = nodes.map(n => n.id);
    const incoming = {};
    const outgoing = {};
    ids.forEach(id => { incoming[id] = []; outgoing[id] = []; });
    const known = edges.filter(e => incoming[e.to] && outgoing[e.from] && e.from !== e.to);
    known.forEach(e => { incoming[e.to].push(e.from); outgoing[e.from].push(e.to); });
    const layer = {};
    ids.forEach(id => { layer[id] = 0; });
    // Longest path from the sources; bounded, so a cycle cannot loop forever.
    for (let round = 0; round < ids.length; round++) {
      let changed = false;
      for (const e of known) {
        if (layer[e.to] < layer[e.from] + 1 && layer[e.from] + 1 < ids.length) {
          layer[e.to] = layer[e.from] + 1;
          changed = true;
        }
      }
      if (!changed) {
        break;
      }
    }
    // What nothing writes sits just left of its first reader, not far away in column 0.
    for (const id of ids) {
      if (incoming[id].length === 0 && outgoing[id].length > 0) {
        layer[id] = Math.max(0, Math.min(...outgoing[id].map(t => layer[t])) - 1);
      }
    }
    const depth = Math.max(0, ...Object.values(layer));
    const columns = [];
    for (let i = 0; i <= depth; i++) {
      columns.push([]);
    }
    const byId = {};
    nodes.forEach(n => { byId[n.id] = n; });
    ids.slice().sort((a, b) => (KIND_ORDER[byId[a].kind] ?? 9) - (KIND_ORDER[byId[b].kind] ?? 9)
        || byId[a].name.localeCompare(byId[b].name)).forEach(id => columns[layer[id]].push(id));
    const pos = {};
    const place = () => columns.forEach(col => col.forEach((id, i) => { pos[id] = i; }));
    place();
    const centre = (list, own) => list.length ? list.reduce((s, id) => s + pos[id], 0) / list.length : own;
    // Barycentre sweeps, down then up: each node moves towards the mean row of its neighbours.
    for (let sweep = 0; sweep < 4; sweep++) {
      const down = sweep % 2 === 0;
      const order = down ? columns.keys() : [...columns.keys()].reverse();
      for (const c of order) {
        const key = {};
        columns[c].forEach(id => { key[id] = centre(down ? incoming[id] : outgoing[id], pos[id]); });
        columns[c].sort((a, b) => key[a] - key[b] || pos[a] - pos[b]);
        columns[c].forEach((id, i) => { pos[id] = i; });
      }
    }
    const rows = Math.max(1, ...columns.map(c => c.length));
    const xy = {};
    columns.forEach((col, c) => {
      const offset = ((rows - col.length) * ROW) / 2;
      col.forEach((id, i) => { xy[id] = { x: PAD + c * COL, y: PAD + offset + i * ROW }; });
    });
    return { xy, width: PAD * 2 + depth * COL + NODE_W, height: PAD * 2 + (rows - 1) * ROW + NODE_H };
  }

  function clip(text, max) {
    return text.length > max ? text.slice(0, max - 1) + '…' : text;
  }

  /** A graph drawn in host; update(graph) redraws only when its shape changed, else refreshes labels. */
  function LineageView(host, onSelect) {
    let signature = null;
    let nodeEls = {};
    let edgeEls = {};

    function edgeKey(e) {
      return e.from + '>' + e.to + '>' + e.role;
    }

    function build(graph) {
      host.textContent = '';
      nodeEls = {};
      edgeEls = {};
      if (graph.nodes.length === 0) {
        host.innerHTML = '<div class="empty">Nothing in this project yet.</div>';
        return;
      }
      const { xy, width, height } = layout(graph.nodes, graph.edges);
      const svg = svgEl('svg', { width, height, viewBox: `0 0 ${width} ${height}`, id: 'lineage-svg' }, host);
      const edgeLayer = svgEl('g', { class: 'edges' }, svg);
      const labelLayer = svgEl('g', { class: 'labels' }, svg);
      const nodeLayer = svgEl('g', { class: 'nodes' }, svg);
      for (const e of graph.edges) {
        const a = xy[e.from];
        const b = xy[e.to];
        if (!a || !b) {
          continue;
        }
        const x1 = a.x + NODE_W;
        const y1 = a.y + NODE_H / 2;
        const x2 = b.x;
        const y2 = b.y + NODE_H / 2;
        const dx = Math.max(40, Math.abs(x2 - x1) / 2);
        const g = svgEl('g', { class: 'edge ' + e.role, 'data-from': e.from, 'data-to': e.to, 'data-role': e.role }, edgeLayer);
        svgEl('path', { d: `M${x1} ${y1} C${x1 + dx} ${y1}, ${x2 - dx} ${y2}, ${x2} ${y2}` }, g);
        svgEl('title', {}, g).textContent = `${e.from} → ${e.to} (${e.role})`;
        const label = svgEl('g', { class: 'rate ' + e.role, transform: `translate(${(x1 + x2) / 2}, ${(y1 + y2) / 2})` }, labelLayer);
        label.dataset.edge = edgeKey(e);
        const rect = svgEl('rect', { x: -22, y: -9, width: 44, height: 18, rx: 9 }, label);
        const text = svgEl('text', { x: 0, y: 0 }, label);
        edgeEls[edgeKey(e)] = { g, label, rect, text };
      }
      for (const n of graph.nodes) {
        const p = xy[n.id];
        const g = svgEl('g', {
          class: 'node', transform: `translate(${p.x}, ${p.y})`,
          'data-id': n.id, 'data-kind': n.kind, 'data-name': n.name,
        }, nodeLayer);
        svgEl('title', {}, g).textContent = `${n.kind} ${n.name}`;
        svgEl('rect', { class: 'box', width: NODE_W, height: NODE_H, rx: 6 }, g);
        svgEl('rect', { class: 'stripe', width: 4, height: NODE_H - 8, x: 0, y: 4, rx: 2 }, g);
        const name = svgEl('text', { class: 'name', x: 13, y: 19 }, g);
        name.textContent = clip(n.name, 24);
        const sub = svgEl('text', { class: 'sub', x: 13, y: 35 }, g);
        let circle = null;
        if (n.kind === 'pipeline') {
          circle = svgEl('circle', { class: 'state', cx: NODE_W - 13, cy: 14, r: 4.5 }, g);
        }
        g.addEventListener('click', () => onSelect(n));
        nodeEls[n.id] = { g, sub, circle };
      }
    }

    function refresh(graph) {
      const outRate = {};
      const inRate = {};
      for (const e of graph.edges) {
        const parts = edgeEls[edgeKey(e)];
        if (!parts) {
          continue;
        }
        const text = rateText(e.rate);
        parts.g.classList.toggle('flowing', (e.rate || 0) > 0);
        if (text === null) {
          parts.label.setAttribute('visibility', 'hidden');
        } else {
          parts.label.setAttribute('visibility', 'visible');
          parts.label.classList.toggle('idle', !(e.rate > 0));
          parts.text.textContent = text;
          const w = text.length * 6.8 + 14;
          parts.rect.setAttribute('x', -w / 2);
          parts.rect.setAttribute('width', w);
        }
        if (e.rate !== null && e.rate !== undefined) {
          outRate[e.from] = (outRate[e.from] || 0) + (e.role === 'dead-letters' ? 0 : e.rate);
          if (e.role === 'source') {
            inRate[e.to] = (inRate[e.to] || 0) + e.rate;
          }
        }
      }
      for (const n of graph.nodes) {
        const parts = nodeEls[n.id];
        if (!parts) {
          continue;
        }
        const d = n.details || {};
        let sub = n.kind;
        if (n.kind === 'pipeline') {
          parts.g.dataset.state = n.state || '';
          parts.g.dataset.status = status(n.state);
          sub = (n.state || '').toLowerCase().replace('_', ' ') + ' · ' + (rateText(inRate[n.id] || 0)) + ' in';
        } else if (n.kind === 'topic') {
          const bits = [];
          if (d.partitions !== undefined) {
            bits.push(d.partitions + 'p');
          }
          if (d.format) {
            bits.push(d.format);
          }
          if (d.schema) {
            bits.push('schema');
          }
          sub = 'topic' + (bits.length ? ' · ' + bits.join(' · ') : '');
        } else if (n.kind === 'generator') {
          sub = 'generator · ' + (outRate[n.id] !== undefined ? rateText(outRate[n.id]) : (d.rate ? d.rate + '/s' : ''));
        }
        parts.sub.textContent = clip(sub, 30);
      }
    }

    return {
      update(graph) {
        const shape = JSON.stringify([graph.nodes.map(n => n.id), graph.edges.map(edgeKey)]);
        if (shape !== signature) {
          build(graph);
          signature = shape;
        }
        refresh(graph);
      },
    };
  }

  window.WeirGraph = { LineageView, rateText };
})();
