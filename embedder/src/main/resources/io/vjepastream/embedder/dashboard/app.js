// The vjepa-stream dashboard: one card per stream (energy curve with flags and model swaps, z-score, newest
// frame with its per-patch energy), fed by the server-sent events of /dashboard/events.
(function () {
  'use strict';
  const KEEP = 3000;           // points per stream on the curve: five minutes at 10 pairs a second
  const FRAME_EVERY_MS = 500;  // at most two frame images a second per stream
  // slowestMs: the longest an event took to draw, the first (the whole history) left out
  const state = { streams: {}, events: 0, slowestMs: 0 };
  window.vjepaDashboard = state;

  const streamsEl = document.getElementById('streams');
  const panelsEl = document.getElementById('panels');
  const connection = document.getElementById('connection');

  function card(streamId) {
    let s = state.streams[streamId];
    if (s) {
      return s;
    }
    const el = document.createElement('article');
    el.className = 'stream';
    el.dataset.stream = streamId;
    el.innerHTML = '<h2></h2><div class="numbers"></div><div class="body"><div class="chart"></div>'
        + '<canvas class="heat" width="160" height="160" title="newest frame, per-patch energy"></canvas></div>'
        + '<div class="legend">energy (line), anomaly flags (red dots), model swaps (dashed lines)</div>';
    el.querySelector('h2').textContent = streamId;
    // Cards stay in stream-id order, whichever stream answers first.
    const after = [...streamsEl.children].find(c => c.dataset.stream > streamId);
    streamsEl.insertBefore(el, after || null);
    s = {
      el: el, x: [], energy: [], flags: [], swaps: [], model: null, points: 0, flagged: [],
      lastFrameAt: 0, heatIndex: 0, image: null,
    };
    s.plot = new uPlot({
      width: 260, height: 160,
      scales: { x: { time: false } },
      axes: [{ stroke: '#8894a0', label: 'seconds' }, { stroke: '#8894a0' }],
      legend: { show: false },
      series: [
        {},
        { label: 'energy', stroke: '#5aa9e6', width: 1.5 },
        { label: 'flag', stroke: '#ff6b6b', paths: () => null, points: { show: true, size: 8, fill: '#ff6b6b' } },
      ],
      hooks: { draw: [u => drawSwaps(u, s)] },
    }, [[], [], []], el.querySelector('.chart'));
    state.streams[streamId] = s;
    return s;
  }

  function drawSwaps(u, s) {
    const ctx = u.ctx;
    ctx.save();
    ctx.strokeStyle = '#c9a227';
    ctx.setLineDash([4, 4]);
    for (const x of s.swaps) {
      const px = u.valToPos(x, 'x', true);
      if (px >= u.bbox.left && px <= u.bbox.left + u.bbox.width) {
        ctx.beginPath();
        ctx.moveTo(px, u.bbox.top);
        ctx.lineTo(px, u.bbox.top + u.bbox.height);
        ctx.stroke();
      }
    }
    ctx.restore();
  }

  function add(row, receivedAt) {
    const [streamId, sequence, seconds, energy, z, anomalous, model, captureMillis, answeredMillis] = row;
    const s = card(streamId);
    if (s.model !== null && model !== s.model) {
      s.swaps.push(seconds);
    }
    s.model = model;
    s.x.push(seconds);
    s.energy.push(energy);
    s.flags.push(anomalous ? energy : null);
    s.points++;
    if (anomalous) {
      // live: it came after the page opened, not with the history the first event brings
      s.flagged.push({ sequence: sequence, seconds: seconds, shownAfterCaptureMs: receivedAt - captureMillis,
        shownAfterAnswerMs: receivedAt - answeredMillis, live: state.events > 0 });
    }
    s.z = z;
    s.sequence = sequence;
    s.anomalous = anomalous;
  }

  function trim(s) {
    const extra = s.x.length - KEEP;
    if (extra > 0) {
      s.x.splice(0, extra);
      s.energy.splice(0, extra);
      s.flags.splice(0, extra);
      s.swaps = s.swaps.filter(x => x >= s.x[0]);
    }
  }

  function show(s) {
    trim(s);
    s.plot.setData([s.x, s.energy, s.flags]);
    const numbers = s.el.querySelector('.numbers');
    numbers.innerHTML = '';
    const text = document.createElement('span');
    text.textContent = 'pair ' + s.sequence + ' · z ' + (Number.isFinite(s.z) ? s.z.toFixed(2) : '–')
        + ' · model ' + s.model + ' · ' + s.flagged.length + ' flagged ';
    numbers.appendChild(text);
    if (s.anomalous) {
      const flag = document.createElement('span');
      flag.className = 'flagged';
      flag.textContent = 'ANOMALY';
      numbers.appendChild(flag);
    }
    s.el.dataset.points = String(s.points);
    s.el.dataset.flags = String(s.flagged.length);
  }

  function heat(streamId, newest) {
    const s = state.streams[streamId];
    const now = Date.now();
    if (!s || newest.index === s.heatIndex || now - s.lastFrameAt < FRAME_EVERY_MS) {
      return;
    }
    s.lastFrameAt = now;
    const image = new Image();
    image.onload = () => {
      const canvas = s.el.querySelector("canvas.heat");
      const ctx = canvas.getContext('2d');
      ctx.imageSmoothingEnabled = false;
      ctx.drawImage(image, 0, 0, canvas.width, canvas.height);
      const g = newest.grid;
      const max = Math.max(...newest.patch, 1e-9);
      const cell = canvas.width / g;
      for (let i = 0; i < newest.patch.length; i++) {
        const v = newest.patch[i] / max;
        ctx.fillStyle = 'rgba(255,' + Math.round(200 * (1 - v)) + ',0,' + (0.55 * v).toFixed(3) + ')';
        ctx.fillRect((i % g) * cell, Math.floor(i / g) * cell, cell, cell);
      }
      s.heatIndex = newest.index;
      s.el.dataset.heat = String(newest.index);
    };
    image.src = '/dashboard/frame.png?stream=' + encodeURIComponent(streamId) + '&i=' + newest.index;
  }

  function panels(values) {
    panelsEl.innerHTML = '';
    for (const [name, rows] of Object.entries(values)) {
      const el = document.createElement('div');
      el.className = 'panel';
      el.dataset.panel = name;
      const title = document.createElement('h2');
      title.textContent = name;
      el.appendChild(title);
      const table = document.createElement('table');
      for (const [key, value] of Object.entries(rows || {})) {
        const tr = table.insertRow();
        tr.insertCell().textContent = key;
        tr.insertCell().textContent = value === 'NaN' ? '–'
            : typeof value === 'number' && !Number.isInteger(value) ? value.toFixed(4) : String(value);
      }
      el.appendChild(table);
      panelsEl.appendChild(el);
    }
  }

  const events = new EventSource('/dashboard/events');
  events.onopen = () => {
    connection.textContent = 'live';
    connection.className = 'up';
  };
  events.onerror = () => {
    connection.textContent = 'reconnecting';
    connection.className = 'down';
  };
  events.onmessage = message => {
    const began = performance.now();
    const event = JSON.parse(message.data);
    const receivedAt = Date.now();
    const touched = new Set();
    for (const row of event.points) {
      add(row, receivedAt);
      touched.add(row[0]);
    }
    touched.forEach(id => show(state.streams[id]));
    for (const [streamId, newest] of Object.entries(event.newest)) {
      heat(streamId, newest);
    }
    panels(event.panels);
    if (state.events > 0) {
      state.slowestMs = Math.max(state.slowestMs, performance.now() - began);
    }
    state.events++;
  };
})();
