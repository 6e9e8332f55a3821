// The status page: reads /api/v1/status every few seconds and fills the page. The charts arrive as
// SVG drawn by the server; everything else is set as text, never as markup. A token from "Sign in"
// lives in this tab's sessionStorage only and goes out as a bearer header to this server alone.
(() => {
  'use strict';
  const $ = (id) => document.getElementById(id);
  const STATUSES = ['PENDING', 'RUNNING', 'DATAREQUEST', 'COMPLETED', 'ERROR'];
  const NAMES = { PENDING: 'waiting', RUNNING: 'running', DATAREQUEST: 'uploading', COMPLETED: 'completed', ERROR: 'error' };
  const KEY = 'xtremweb-status-token';
  let token = sessionStorage.getItem(KEY);
  let span = 'hour';
  let timer = null;
  let refresh = 5;

  const number = (n) => Number(n).toLocaleString();
  const count = (works, s) => Number((works && works[s]) || 0);

  function text(id, value) {
    $(id).textContent = value;
  }

  function el(tag, cls, value) {
    const e = document.createElement(tag);
    if (cls) e.className = cls;
    if (value !== undefined) e.textContent = value;
    return e;
  }

  function duration(seconds) {
    if (seconds === null || seconds === undefined) return '–';
    if (seconds < 1) return Math.round(seconds * 1000) + ' ms';
    if (seconds < 120) return (Math.round(seconds * 10) / 10) + ' s';
    if (seconds < 7200) return Math.round(seconds / 60) + ' min';
    if (seconds < 172800) return Math.round(seconds / 360) / 10 + ' h';
    return Math.round(seconds / 8640) / 10 + ' days';
  }

  function uptime(s) {
    if (s < 60) return `${s} s`;
    const d = Math.floor(s / 86400), h = Math.floor((s % 86400) / 3600), m = Math.floor((s % 3600) / 60);
    return d > 0 ? `${d} d ${h} h` : h > 0 ? `${h} h ${m} min` : `${m} min`;
  }

  function legend(ul, works, statuses) {
    ul.replaceChildren(...statuses.map((s) => {
      const li = el('li');
      li.append(el('i', 'k-' + s.toLowerCase()), NAMES[s]);
      li.append(el('b', null, number(count(works, s))));
      return li;
    }));
  }

  function renderGrid(g) {
    const w = g.works;
    text('t-alive', number(g.hosts.alive));
    text('t-registered', number(g.hosts.registered));
    text('t-pending', number(count(w, 'PENDING')));
    text('t-running', number(count(w, 'RUNNING') + count(w, 'DATAREQUEST')));
    text('t-completed', number(count(w, 'COMPLETED')));
    text('t-error', number(count(w, 'ERROR')));
    text('t-lasthour', number(g.recent.completedLastHour));
    text('t-wait', duration(g.recent.waitSeconds));
    const total = STATUSES.reduce((sum, s) => sum + count(w, s), 0);
    text('works-total', number(total) + ' works');
    $('works-bar').innerHTML = g.charts.works;
    legend($('works-legend'), w, STATUSES);
    $('chart-hosts-box').innerHTML = g.charts.hosts;
    $('chart-throughput-box').innerHTML = g.charts.throughput;
    $('chart-latency-box').innerHTML = g.charts.latency;
    text('version', g.server.version);
    text('uptime', uptime(g.server.uptimeSeconds));
    text('period', g.server.samplePeriodSeconds);
    text('since', g.server.fullWindow ? '' : 'since this server started ' + uptime(g.server.uptimeSeconds) + ' ago');
    text('queue-summary', g.pending === 0 ? 'nothing waiting'
        : `${number(g.pending)} works from ${number(g.ownersWithPending)} ${g.ownersWithPending === 1 ? 'user' : 'users'}`);
    refresh = g.server.refreshSeconds;
  }

  function renderQueue(rows) {
    $('queue-table').hidden = !rows;
    $('queue-public').hidden = !!rows;
    $('queue-empty').hidden = true;
    if (!rows) return;
    $('queue-table').hidden = rows.length === 0;
    // Signed in and nothing queued: say so rather than leave the card blank.
    $('queue-empty').hidden = rows.length !== 0;
    const max = rows.reduce((m, r) => Math.max(m, r.pending), 1);
    $('queue-rows').replaceChildren(...rows.map((r) => {
      const tr = el('tr', r.you ? 'you' : '');
      tr.append(el('td', null, r.you ? r.owner + ' (you)' : r.owner), el('td', 'num', number(r.pending)));
      const bar = el('td', 'share');
      const meter = el('div', 'meter');
      const fill = el('span');
      fill.style.width = Math.round(100 * r.pending / max) + '%';
      meter.append(fill);
      bar.append(meter);
      tr.append(bar);
      return tr;
    }));
  }

  function progress(box, works) {
    const total = STATUSES.reduce((sum, s) => sum + count(works, s), 0);
    const [done, failed] = box.children;
    done.style.width = total ? (100 * count(works, 'COMPLETED') / total) + '%' : '0';
    failed.style.width = total ? (100 * count(works, 'ERROR') / total) + '%' : '0';
    return total;
  }

  function renderYou(you) {
    $('you').hidden = !you;
    $('whoami').hidden = !you;
    $('signout').hidden = !you;
    $('signin-open').hidden = !!you;
    if (!you) return;
    $('whoami').replaceChildren('Signed in as ', el('b', null, you.login));
    const total = progress($('you-progress'), you.works);
    const finished = count(you.works, 'COMPLETED') + count(you.works, 'ERROR');
    text('you-summary', total === 0 ? 'you have no works' : `${number(finished)} of ${number(total)} finished`);
    legend($('you-legend'), you.works, STATUSES);
    $('sessions-table').hidden = you.sessions.length === 0;
    $('sessions-rows').replaceChildren(...you.sessions.map((s) => {
      const tr = el('tr');
      const box = el('div', 'progress');
      box.append(el('span', 'done'), el('span', 'failed'));
      progress(box, s.works);
      const cell = el('td');
      cell.append(box);
      tr.append(el('td', null, s.name), el('td', 'num', number(count(s.works, 'COMPLETED'))),
          el('td', 'num', number(count(s.works, 'ERROR'))),
          el('td', 'num', number(count(s.works, 'RUNNING') + count(s.works, 'DATAREQUEST'))),
          el('td', 'num', number(count(s.works, 'PENDING'))), cell);
      return tr;
    }));
  }

  function renderAdmin(admin) {
    $('errors').hidden = !admin;
    $('database').hidden = !admin;
    if (!admin) return;
    text('database', admin.database);
    $('errors-none').hidden = admin.errors.length > 0;
    $('errors-table').hidden = admin.errors.length === 0;
    $('errors-rows').replaceChildren(...admin.errors.map((e) => {
      const tr = el('tr');
      const work = el('td');
      work.append(el('code', null, e.workUid.slice(0, 8)));
      if (e.label) work.append(' ', e.label);
      work.title = e.workUid;
      tr.append(el('td', 'num', e.at ? e.at.replace('T', ' ').slice(0, 19) : '–'), work, el('td', null, e.app || '–'),
          el('td', null, e.owner || '–'), el('td', 'msg', e.message || '–'));
      return tr;
    }));
  }

  function notice(message) {
    $('notice').hidden = !message;
    text('notice', message || '');
  }

  async function load() {
    clearTimeout(timer);
    const headers = token ? { Authorization: 'Bearer ' + token } : {};
    try {
      const answer = await fetch('/api/v1/status?window=' + span, { headers, cache: 'no-store' });
      if (answer.status === 401 && token) {
        // Expired or revoked: back to the public view.
        token = null;
        sessionStorage.removeItem(KEY);
        return load();
      }
      if (answer.status === 401) {
        notice('This grid shows its status to its users only: sign in.');
        $('pulse').className = 'pulse down';
        return;
      }
      if (!answer.ok) throw new Error('the server answered ' + answer.status);
      const status = await answer.json();
      renderGrid(status.grid);
      renderQueue(status.queue);
      renderYou(status.you);
      renderAdmin(status.admin);
      notice(null);
      $('pulse').className = 'pulse';
      void $('pulse').offsetWidth; // restarts the pulse animation
      $('pulse').className = 'pulse ok';
      // UTC and 24 hours, as the charts and the errors' times: one clock on the page.
      text('updated', 'updated ' + new Date().toISOString().substring(11, 19) + ' UTC');
    } catch (e) {
      $('pulse').className = 'pulse down';
      text('updated', 'server unreachable, retrying…');
    } finally {
      timer = setTimeout(load, refresh * 1000);
    }
  }

  function setWindow(name) {
    span = name;
    for (const [id, on] of [['w-hour', name === 'hour'], ['w-day', name === 'day']]) {
      $(id).classList.toggle('on', on);
      $(id).setAttribute('aria-pressed', String(on));
    }
    load();
  }

  async function signIn(event) {
    event.preventDefault();
    $('signin-error').hidden = true;
    $('signin-submit').disabled = true;
    try {
      const answer = await fetch('/api/v1/login', {
        method: 'POST', headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ login: $('login').value, password: $('password').value }),
      });
      const body = await answer.json();
      if (!answer.ok) throw new Error(body.detail || 'sign-in refused');
      token = body.token;
      sessionStorage.setItem(KEY, token);
      $('password').value = '';
      $('signin').close();
      load();
    } catch (e) {
      $('signin-error').textContent = e.message;
      $('signin-error').hidden = false;
    } finally {
      $('signin-submit').disabled = false;
    }
  }

  async function signOut() {
    const old = token;
    token = null;
    sessionStorage.removeItem(KEY);
    renderYou(null);
    renderQueue(null);
    renderAdmin(null);
    if (old) {
      try {
        await fetch('/api/v1/logout', { method: 'POST', headers: { Authorization: 'Bearer ' + old } });
      } catch (e) {
        // The token expires anyway.
      }
    }
    load();
  }

  $('signin-open').addEventListener('click', () => $('signin').showModal());
  $('signin-cancel').addEventListener('click', () => $('signin').close());
  $('signin-form').addEventListener('submit', signIn);
  $('signout').addEventListener('click', signOut);
  $('w-hour').addEventListener('click', () => setWindow('hour'));
  $('w-day').addEventListener('click', () => setWindow('day'));
  load();
})();
