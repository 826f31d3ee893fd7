// Small time-series charts drawn as SVG: one or more lines over the samples of the last hour,
// a reading of the latest values in the header, and the values under the pointer on hover.
(function () {
  'use strict';

  const NS = 'http://www.w3.org/2000/svg';
  const W = 300;
  const H = 64;

  function svgEl(name, attrs, parent) {
    const e = document.createElementNS(NS, name);
    for (const [k, v] of Object.entries(attrs || {})) {
      e.setAttribute(k, v);
    }
    if (parent) {
      parent.appendChild(e);
    }
    return e;
  }

  function clock(ms) {
    return new Date(ms).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit', second: '2-digit' });
  }

  function span(ms) {
    const min = Math.round(ms / 60000);
    return min < 1 ? Math.round(ms / 1000) + ' s ago' : min + ' min ago';
  }

  /**
   * Draws into host (an element with class "chart"), replacing what it held.
   * times: sample times in epoch ms; series: [{name, color, values}] with null where nothing was measured;
   * opts: {title, format: value -> text, empty: what to say when samples hold no value}.
   */
  function chart(host, times, series, opts) {
    const format = opts.format || (v => String(v));
    host.textContent = '';
    const head = document.createElement('div');
    head.className = 'chart-head';
    const title = document.createElement('span');
    title.className = 'title';
    title.textContent = opts.title;
    const reading = document.createElement('span');
    reading.className = 'reading';
    head.append(title, reading);
    host.appendChild(head);
    const svg = svgEl('svg', { viewBox: `0 0 ${W} ${H}`, preserveAspectRatio: 'none', role: 'img' }, host);
    const foot = document.createElement('div');
    foot.className = 'chart-foot';
    host.appendChild(foot);

    const all = series.flatMap(s => s.values.filter(v => v !== null && v !== undefined && isFinite(v)));
    if (times.length < 2 || all.length === 0) {
      svgEl('text', { x: 4, y: H / 2, class: 'nodata' }, svg).textContent =
          times.length < 2 ? 'collecting samples…' : (opts.empty || 'nothing measured');
      reading.textContent = '–';
      return;
    }
    const t0 = times[0];
    const t1 = times[times.length - 1];
    const max = Math.max(...all);
    const top = max > 0 ? max * 1.15 : 1;
    const x = t => ((t - t0) / Math.max(1, t1 - t0)) * W;
    const y = v => H - (v / top) * H;
    svgEl('line', { x1: 0, x2: W, y1: y(max), y2: y(max), class: 'grid-line' }, svg);
    svgEl('line', { x1: 0, x2: W, y1: H - 0.5, y2: H - 0.5, class: 'grid-line' }, svg);

    series.forEach((s, si) => {
      let d = '';
      let area = '';
      let open = false;
      let first = null;
      let last = null;
      s.values.forEach((v, i) => {
        if (v === null || v === undefined || !isFinite(v)) {
          open = false;
          return;
        }
        const px = x(times[i]).toFixed(1);
        const py = y(v).toFixed(1);
        d += (open ? 'L' : 'M') + px + ' ' + py + ' ';
        if (first === null) {
          first = px;
        }
        last = px;
        area += (area ? 'L' : 'M') + px + ' ' + py + ' ';
        open = true;
      });
      if (si === 0 && first !== null) {
        svgEl('path', { d: `${area}L${last} ${H} L${first} ${H} Z`, class: 'area', fill: s.color }, svg);
      }
      svgEl('path', { d, class: 'series', stroke: s.color }, svg);
    });

    const latest = () => series.map(s => {
      const v = [...s.values].reverse().find(v => v !== null && v !== undefined);
      return (series.length > 1 ? s.name + ' ' : '') + (v === undefined ? '–' : format(v));
    }).join(' · ');
    reading.textContent = latest();
    reading.title = 'latest';
    foot.innerHTML = '';
    const from = document.createElement('span');
    from.textContent = span(Date.now() - t0);
    const peak = document.createElement('span');
    peak.textContent = 'peak ' + format(max);
    foot.append(from, peak);

    const cursor = svgEl('line', { x1: 0, x2: 0, y1: 0, y2: H, class: 'cursor', visibility: 'hidden' }, svg);
    svg.addEventListener('mousemove', ev => {
      const box = svg.getBoundingClientRect();
      const t = t0 + ((ev.clientX - box.left) / box.width) * (t1 - t0);
      let best = 0;
      times.forEach((ti, i) => {
        if (Math.abs(ti - t) < Math.abs(times[best] - t)) {
          best = i;
        }
      });
      const px = x(times[best]);
      cursor.setAttribute('x1', px);
      cursor.setAttribute('x2', px);
      cursor.setAttribute('visibility', 'visible');
      reading.textContent = clock(times[best]) + '  ' + series.map(s => {
        const v = s.values[best];
        return (series.length > 1 ? s.name + ' ' : '') + (v === null || v === undefined ? '–' : format(v));
      }).join(' · ');
    });
    svg.addEventListener('mouseleave', () => {
      cursor.setAttribute('visibility', 'hidden');
      reading.textContent = latest();
    });
  }

  window.WeirCharts = { chart, svgEl };
})();
