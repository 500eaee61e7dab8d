// Session dashboard: a per-movie series and a histogram for each metric, thresholds drawn as
// dashed lines, updated live from the session's Server-Sent Events. No build step: plain ES2017.
(function () {
  'use strict';
  var root = document.getElementById('dashboard');
  if (!root) return;
  var sessionId = root.dataset.sessionId;
  var series = JSON.parse(root.dataset.metrics);
  var thresholds = JSON.parse(root.dataset.thresholds);
  var charts = {};
  var BINS = 20;

  function fmt(v) { return Math.abs(v) >= 100 ? Math.round(v).toLocaleString('en') : v.toFixed(2); }

  function histogram(values) {
    if (values.length === 0) return { labels: [], counts: [] };
    var lo = Math.min.apply(null, values), hi = Math.max.apply(null, values);
    if (hi === lo) { hi = lo + 1; }
    var width = (hi - lo) / BINS, counts = new Array(BINS).fill(0), labels = [];
    values.forEach(function (v) { counts[Math.min(BINS - 1, Math.floor((v - lo) / width))]++; });
    for (var i = 0; i < BINS; i++) labels.push(fmt(lo + (i + 0.5) * width));
    return { labels: labels, counts: counts };
  }

  function thresholdLines(t, points) {
    var sets = [];
    if (points.length === 0) return sets;
    var x0 = points[0].x, x1 = points[points.length - 1].x;
    [['low', t.low], ['high', t.high]].forEach(function (pair) {
      if (pair[1] !== null && pair[1] !== undefined) {
        sets.push({ type: 'line', label: pair[0] + ' ' + fmt(pair[1]), data: [{ x: x0, y: pair[1] }, { x: x1, y: pair[1] }],
          borderColor: '#b42318', borderDash: [6, 4], borderWidth: 1, pointRadius: 0, fill: false });
      }
    });
    return sets;
  }

  function build(t) {
    var points = (series[t.key] || []).map(function (p) { return { x: p[0], y: p[1] }; });
    var s = new Chart(document.getElementById('series-' + t.key), {
      type: 'scatter',
      data: { datasets: [{ label: t.label, data: points, pointRadius: 2, backgroundColor: '#2457c5' }].concat(thresholdLines(t, points)) },
      options: { animation: false, maintainAspectRatio: false, plugins: { legend: { display: false } },
        scales: { x: { title: { display: true, text: 'movie (file id)' }, ticks: { precision: 0 } }, y: { title: { display: true, text: t.unit || '' } } } }
    });
    var h = histogram(points.map(function (p) { return p.y; }));
    var hist = new Chart(document.getElementById('hist-' + t.key), {
      type: 'bar',
      data: { labels: h.labels, datasets: [{ label: 'movies', data: h.counts, backgroundColor: '#7d9be0' }] },
      options: { animation: false, maintainAspectRatio: false, plugins: { legend: { display: false } },
        scales: { x: { title: { display: true, text: t.unit || '' } }, y: { title: { display: true, text: 'movies' } } } }
    });
    charts[t.key] = { series: s, hist: hist, t: t, points: points, dirty: false };
    count(t.key);
  }

  function count(key) {
    document.getElementById('count-' + key).textContent = 'n = ' + charts[key].points.length;
  }

  function redraw() {
    Object.keys(charts).forEach(function (key) {
      var c = charts[key];
      if (!c.dirty) return;
      c.dirty = false;
      c.series.data.datasets = [c.series.data.datasets[0]].concat(thresholdLines(c.t, c.points));
      c.series.update('none');
      var h = histogram(c.points.map(function (p) { return p.y; }));
      c.hist.data.labels = h.labels;
      c.hist.data.datasets[0].data = h.counts;
      c.hist.update('none');
      count(key);
    });
  }

  thresholds.forEach(build);
  window.scopeflowDashboard = { pointCount: function (key) { return charts[key] ? charts[key].points.length : -1; } };

  var url = '/api/sessions/' + sessionId + '/events?after_file=' + root.dataset.afterFile + '&after_metric=' + root.dataset.afterMetric;
  var events = new EventSource(url);
  var live = document.getElementById('live');
  events.onopen = function () { live.classList.add('on'); };
  events.onerror = function () { live.classList.remove('on'); };
  events.addEventListener('metric', function (e) {
    var m = JSON.parse(e.data), c = charts[m.key];
    if (!c) return;
    c.points.push({ x: m.file_id, y: m.value });
    c.dirty = true;
  });
  var processed = null, galleryDirty = false;
  events.addEventListener('summary', function (e) {
    var s = JSON.parse(e.data);
    if (processed !== null && s.movies_processed !== processed) galleryDirty = true;
    processed = s.movies_processed;
    document.getElementById('movies-landed').textContent = s.movies_landed;
    document.getElementById('movies-processed').textContent = s.movies_processed;
    document.getElementById('movies-failed').textContent = s.movies_failed;
    document.getElementById('movies-pending').textContent = s.movies_pending;
    document.getElementById('files-total').textContent = s.files_total;
    if (s.last_activity_at) document.getElementById('last-activity').textContent = s.last_activity_at.replace('T', ' ').substring(0, 16) + ' UTC';
  });
  var jobsDirty = false;
  events.addEventListener('job', function () { jobsDirty = true; });
  setInterval(function () {
    if (jobsDirty && window.htmx) {
      jobsDirty = false;
      htmx.ajax('GET', '/sessions/' + sessionId + '/jobs', { target: '#jobs', swap: 'innerHTML' });
    }
    if (galleryDirty && window.htmx) {
      galleryDirty = false;
      htmx.ajax('GET', '/sessions/' + sessionId + '/gallery', { target: '#gallery', swap: 'innerHTML' });
    }
  }, 2000);
  setInterval(redraw, 500);
})();
