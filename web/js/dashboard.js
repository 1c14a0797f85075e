/**
 * The operations dashboard: six metric cards, a uPlot chart per metric seeded from
 * /api/metrics/history and extended by the stream, the alerts panel and the system
 * events log. Updates go through a buffer, so a burst costs one repaint; every
 * server-sent string is rendered with textContent.
 */
import * as herald from './herald.js';
import uPlot from '/webjars/uplot/1.6.30/dist/uPlot.esm.js';
import { METRICS, formatMetric, trend, createSeries, describeAlert } from './metrics-view.js';
import { mountSlowestStreams } from './slowest-streams.js';

const HISTORY_MINUTES = 15;
const MAX_EVENTS = 200;
const RESOLVED_VISIBLE_MS = 15_000;
const CHART_HEIGHT = 150;
const COUNT_TICKS = [1, 2, 5, 10, 20, 50, 100, 200, 500, 1_000, 2_000, 5_000, 10_000, 20_000, 50_000, 100_000, 1_000_000];
const TREND_LABELS = { up: 'rising', down: 'falling', flat: 'steady' };

const $ = (id) => document.getElementById(id);

function start() {
  herald.mountIndicator($('connection'));
  const metrics = metricsView();
  const alerts = alertsPanel();
  const log = systemLog();

  herald.subscribe('metrics', (e) => metrics.push(e), { onReset: () => metrics.reload() });
  herald.subscribe('alerts', (e) => alerts.push(e.data), { onReset: () => alerts.reload() });
  herald.subscribe('events', (e) => log.push(e));
  metrics.reload();
  alerts.reload();
  mountSlowestStreams(document.querySelector('[data-testid="slowest-streams"]'));

  // For tests and the curious: the client API and the dashboard's state from the console.
  globalThis.herald = herald;
  globalThis.heraldDashboard = { metrics, alerts };
}

/** Cards and charts. Stream samples wait in `pending` until the history has seeded the series. */
function metricsView() {
  const cards = new Map(METRICS.map((m) => [m.key, cardOf(m.key)]));
  const charts = new Map();
  let series = null;
  let pending = [];
  let latest = null;
  const buffer = herald.createBuffer(flush, { maxSize: 100 });

  function cardOf(key) {
    const root = document.querySelector(`[data-metric="${key}"]`);
    return { root, value: root.querySelector('[data-testid="metric-value"]'), trend: root.querySelector('[data-testid="metric-trend"]') };
  }

  function flush(samples) {
    let grew = false;
    for (const s of samples) {
      if (!latest || s.timestamp >= latest.timestamp) latest = s;
      if (series) grew = series.add(s) || grew;
      else pending.push(s);
    }
    renderCards();
    if (grew) drawCharts();
  }

  function renderCards() {
    if (!latest) return;
    for (const [key, card] of cards) {
      const value = latest[key];
      card.value.textContent = formatMetric(key, value);
      card.value.setAttribute('data-value', String(value));
      const direction = series ? trend(series.values(key).slice(-10)) : 'flat';
      card.trend.setAttribute('data-trend', direction);
      card.trend.setAttribute('aria-label', TREND_LABELS[direction]);
    }
    const anonymous = document.querySelector('[data-testid="anonymous-connections"]');
    anonymous.textContent = String(latest.anonymousConnections ?? 0);
    renderNodes(latest.nodes ?? []);
    renderDelivery(latest);
    const updated = $('updated');
    updated.textContent = clock(latest.timestamp);
    updated.setAttribute('datetime', new Date(latest.timestamp).toISOString());
  }

  function drawCharts() {
    for (const [key, plot] of charts) {
      plot.setData(series.data(key));
      plot.root.closest('[data-chart]').setAttribute('data-points', String(series.size));
    }
  }

  function seed(interval, samples) {
    if (!series) {
      series = createSeries(Math.ceil((HISTORY_MINUTES * 60_000) / Math.max(100, interval)));
      $('interval').textContent = interval === 1000 ? 'second' : `${interval} ms`;
    }
    for (const s of samples) series.add(s);
    for (const s of pending) series.add(s);
    pending = [];
    if (charts.size === 0) createCharts();
    drawCharts();
    renderCards();
  }

  function createCharts() {
    const styles = getComputedStyle(document.documentElement);
    const accent = styles.getPropertyValue('--accent').trim() || '#3b6cf6';
    const muted = styles.getPropertyValue('--muted').trim() || '#5d6778';
    const grid = styles.getPropertyValue('--border').trim() || '#e1e6ef';
    for (const m of METRICS) {
      const figure = document.querySelector(`[data-chart="${m.key}"]`);
      const target = figure.querySelector('.chart__plot');
      const plot = new uPlot(chartOptions(m, target.clientWidth || 300, { accent, muted, grid }), series.data(m.key), target);
      charts.set(m.key, plot);
    }
    if (typeof ResizeObserver === 'function') {
      const resize = new ResizeObserver(() => {
        for (const plot of charts.values()) {
          const width = plot.root.parentElement.clientWidth;
          if (width > 0 && width !== plot.width) plot.setSize({ width, height: CHART_HEIGHT });
        }
      });
      resize.observe(document.querySelector('[data-testid="charts"]'));
    }
  }

  async function reload() {
    try {
      const history = await herald.getJSON(`/api/metrics/history?minutes=${HISTORY_MINUTES}`);
      seed(history.interval, history.samples ?? []);
      $('dash-error').textContent = '';
    } catch (err) {
      $('dash-error').textContent = `Could not load the history (${err.message}); showing live values only.`;
      seed(1000, []);
    }
  }

  return {
    push(event) {
      buffer.push({ ...event.data, timestamp: event.timestamp });
    },
    reload,
    get size() {
      return series ? series.size : 0;
    },
  };
}

function chartOptions(metric, width, colors) {
  const fraction = metric.unit === 'fraction';
  const axis = { stroke: colors.muted, grid: { stroke: colors.grid, width: 1 }, ticks: { stroke: colors.grid, width: 1 } };
  return {
    width,
    height: CHART_HEIGHT,
    legend: { show: false },
    cursor: { y: false },
    scales: {
      x: { time: true },
      // From zero, with headroom, so a flat line does not fill the chart with noise.
      y: { range: (u, min, max) => [0, fraction ? Math.min(1, Math.max(0.05, max * 1.2)) : Math.max(1, max * 1.2)] },
    },
    series: [
      {},
      {
        label: metric.label,
        stroke: colors.accent,
        width: 2,
        fill: `${colors.accent}22`,
        points: { show: false },
        value: (u, v) => formatMetric(metric.key, v),
      },
    ],
    axes: [
      axis,
      {
        ...axis,
        size: 64,
        // Counts tick at whole numbers only, so a small count never shows "1, 1, 0".
        ...(metric.unit === 'count' ? { incrs: COUNT_TICKS } : {}),
        values: (u, ticks) => ticks.map((v) => formatMetric(metric.key, v)),
      },
    ],
  };
}

/** Firing alerts by id; a resolved one stays a while, faded, then goes. */
function alertsPanel() {
  const list = $('alerts');
  const rows = new Map();
  const resolved = new Set();

  function render(alert) {
    if (!alert || typeof alert.id !== 'string') return;
    if (alert.state === 'firing' && resolved.has(alert.id)) return; // a stale list after the resolution
    let row = rows.get(alert.id);
    if (!row) {
      row = alertRow();
      rows.set(alert.id, row);
      list.prepend(row.li);
    }
    fill(row, alert);
    if (alert.state === 'resolved') {
      resolved.add(alert.id);
      setTimeout(() => {
        row.li.remove();
        rows.delete(alert.id);
        update();
      }, RESOLVED_VISIBLE_MS);
    }
    update();
  }

  function update() {
    const firing = [...rows.values()].filter((r) => r.li.getAttribute('data-state') === 'firing').length;
    const badge = $('alert-count');
    badge.textContent = String(firing);
    badge.setAttribute('data-count', String(firing));
    $('alerts-empty').hidden = rows.size > 0;
  }

  return {
    push: render,
    async reload() {
      try {
        const firing = await herald.getJSON('/api/alerts');
        for (const alert of firing ?? []) render(alert);
      } catch (err) {
        $('dash-error').textContent = `Could not load the alerts (${err.message}).`;
      }
    },
    get firing() {
      return [...rows.values()].filter((r) => r.li.getAttribute('data-state') === 'firing').length;
    },
  };
}

function alertRow() {
  const li = document.createElement('li');
  li.className = 'alert';
  li.setAttribute('data-testid', 'alert');
  const severity = span('alert__severity');
  const text = span('alert__text');
  text.setAttribute('data-testid', 'alert-text');
  const when = span('alert__time');
  li.append(severity, text, when);
  return { li, severity, text, when };
}

function fill(row, alert) {
  row.li.setAttribute('data-state', alert.state);
  row.li.setAttribute('data-metric', String(alert.metric));
  row.li.setAttribute('data-severity', String(alert.severity));
  row.li.setAttribute('data-alert-id', alert.id);
  row.li.classList.toggle('is-resolved', alert.state === 'resolved');
  row.severity.textContent = alert.state === 'resolved' ? 'resolved' : String(alert.severity);
  row.text.textContent = describeAlert(alert);
  row.when.textContent = clock(alert.state === 'resolved' ? alert.resolvedAt : alert.firedAt);
}

/** Herald's own delivery latency over the last interval: '—' when nothing was written. */
function renderDelivery(sample) {
  const count = sample.deliveries ?? 0;
  for (const [id, key] of [['delivery-p50', 'deliveryLatencyP50'], ['delivery-p99', 'deliveryLatencyP99']]) {
    const value = count > 0 ? sample[key] : null;
    $(id).textContent = formatMetric('avgResponseTime', value);
    $(id).setAttribute('data-value', value === null || value === undefined ? '' : String(value));
  }
  $('delivery-count').textContent = formatMetric('requestsPerMinute', count);
}

/** The live nodes of the hub (one, itself, on a single node), each with its own load and memory. */
function renderNodes(nodes) {
  const list = $('nodes');
  list.replaceChildren(...nodes.map(nodeRow));
  $('nodes-panel').hidden = nodes.length === 0;
  const count = $('node-count');
  count.textContent = String(nodes.length);
  count.setAttribute('data-count', String(nodes.length));
}

function nodeRow(node) {
  const li = document.createElement('li');
  li.className = 'node';
  li.setAttribute('data-testid', 'node');
  li.setAttribute('data-node-id', String(node.id));
  li.append(
    span('node__id', String(node.id)),
    span('node__figure', `${formatMetric('activeUsers', node.activeUsers)} users`),
    span('node__figure', `${formatMetric('requestsPerMinute', node.requestsPerMinute)} req/min`),
    span('node__figure', `load ${formatMetric('systemLoad', node.systemLoad)}`),
    span('node__figure', `memory ${formatMetric('memoryUsage', node.memoryUsage)}`),
    span('node__time', `seen ${clock(node.lastSeen)}`),
  );
  return li;
}

/** Newest first, at most MAX_EVENTS rows. */
function systemLog() {
  const list = $('system-events');
  const buffer = herald.createBuffer((events) => {
    for (const e of events) list.prepend(eventRow(e));
    while (list.childElementCount > MAX_EVENTS) list.lastElementChild.remove();
    $('events-empty').hidden = list.childElementCount > 0;
  }, { maxSize: 100 });
  return { push: (e) => buffer.push(e) };
}

function eventRow(event) {
  const data = event.data ?? {};
  const li = document.createElement('li');
  li.className = 'system-event is-new';
  li.setAttribute('data-testid', 'system-event');
  li.setAttribute('data-kind', String(data.kind ?? ''));
  li.setAttribute('data-severity', String(data.severity ?? 'info'));
  li.append(
    span('system-event__time', clock(event.timestamp)),
    span('system-event__severity', String(data.severity ?? 'info')),
    span('system-event__message', String(data.message ?? data.kind ?? '')),
  );
  return li;
}

function span(className, text = '') {
  const s = document.createElement('span');
  s.className = className;
  s.textContent = text;
  return s;
}

function clock(ts) {
  const d = new Date(typeof ts === 'number' ? ts : Date.now());
  if (Number.isNaN(d.getTime())) return '';
  const pad = (n) => String(n).padStart(2, '0');
  return `${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
}

if (typeof document !== 'undefined') {
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start, { once: true });
  else start();
}
