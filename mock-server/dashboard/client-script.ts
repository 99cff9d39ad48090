/**
 * The dashboard's script, served as `/_dashboard/app.js`: plain DOM code, no framework and no build
 * step. The server renders every fragment; this script only fetches them with the admin token and
 * puts them in place (htmx's way, in a page of code), sends the actions the fragments describe
 * (`data-call`, `data-url`, a form's fields as JSON) to the control plane, and reads the live feed
 * (server-sent events over `fetch`, because `EventSource` cannot send the token).
 *
 * The token comes from the page (development token only) or from the sign-in form, and is kept in
 * `sessionStorage`: for this tab, never in a cookie, so no other site can make the browser use it.
 *
 * @module
 */

export const SCRIPT: string = `
(function () {
  'use strict';
  var TOKEN_KEY = 'clearid-admin-token';
  var MAX_ROWS = 500;
  var $ = function (id) { return document.getElementById(id); };
  var meta = document.querySelector('meta[name="clearid-admin-token"]');
  var state = {
    token: meta ? meta.content : sessionStorage.getItem(TOKEN_KEY),
    account: '',
    tab: 'overview',
    identities: { q: '', page: 1, deleted: false },
    lastSeq: 0,
    lastRequestSeq: 0,
    // The SCIM key generated on this page, shown once: {key, revealed}.
    newKey: null,
    live: null,
    loaded: {},
    loads: {},
    timers: {},
    queue: []
  };

  function ApiError(message, status) { this.message = message; this.status = status; }

  function authHeaders(extra) {
    var headers = { Authorization: 'Bearer ' + state.token };
    Object.keys(extra || {}).forEach(function (name) { headers[name] = extra[name]; });
    return headers;
  }

  async function detailOf(res) {
    try {
      var body = await res.json();
      return body.detail || body.error_description || (res.status + ' ' + res.statusText);
    } catch (e) {
      return res.status + ' ' + res.statusText;
    }
  }

  async function api(method, url, body) {
    var init = { method: method, headers: authHeaders(body === undefined ? {} : { 'Content-Type': 'application/json' }) };
    if (body !== undefined) init.body = typeof body === 'string' ? body : JSON.stringify(body);
    var res = await fetch(url, init);
    if (res.status === 401) {
      signOut('The admin token was not accepted.');
      throw new ApiError('unauthorized', 401);
    }
    if (!res.ok) throw new ApiError(await detailOf(res), res.status);
    return res;
  }

  function base() { return '/_dashboard/accounts/' + encodeURIComponent(state.account); }

  var toastTimer;
  function toast(message, bad) {
    var box = $('toast');
    box.textContent = message;
    box.className = bad ? 'toast bad' : 'toast';
    box.hidden = false;
    clearTimeout(toastTimer);
    toastTimer = setTimeout(function () { box.hidden = true; }, bad ? 7000 : 2500);
  }

  function failed(error) {
    if (error instanceof ApiError && error.status === 401) return;
    toast(error && error.message ? error.message : String(error), true);
  }

  // --- fragments ---------------------------------------------------------------------------

  var FRAGMENTS = {
    overview: function () { return base() + '/overview'; },
    identities: function () {
      var q = state.identities;
      return base() + '/identities?q=' + encodeURIComponent(q.q) + '&page=' + q.page + (q.deleted ? '&deleted=1' : '');
    },
    faults: function () { return base() + '/faults'; },
    webhooks: function () { return base() + '/webhooks'; },
    report: function () { return base() + '/report'; }
  };

  /**
   * Loads a URL's fragment into the element with this id; the latest request for it wins. The
   * element is aria-busy meanwhile. What the user was typing in it survives the swap: the live feed
   * refreshes tabs while someone fills in a form.
   */
  async function loadInto(id, url) {
    var target = $(id);
    var ticket = (state.loads[id] || 0) + 1;
    state.loads[id] = ticket;
    target.setAttribute('aria-busy', 'true');
    try {
      var res = await api('GET', url);
      var text = await res.text();
      if (state.loads[id] !== ticket) return false;
      var typed = editedFields(target);
      target.innerHTML = text;
      restoreFields(target, typed);
      return true;
    } finally {
      if (state.loads[id] === ticket) target.removeAttribute('aria-busy');
    }
  }

  function editedFields(root) {
    var focused = document.activeElement && root.contains(document.activeElement) ? document.activeElement.name : '';
    var values = {};
    root.querySelectorAll('input[name]:not([type="hidden"]), select[name]').forEach(function (field) {
      var changed = field.type === 'checkbox' ? field.checked !== field.defaultChecked
        : field.tagName === 'SELECT' ? !field.options[field.selectedIndex] || !field.options[field.selectedIndex].defaultSelected
        : field.value !== field.defaultValue;
      if (changed) values[field.name] = field.type === 'checkbox' ? field.checked : field.value;
    });
    return { values: values, focused: focused };
  }

  function restoreFields(root, typed) {
    Object.keys(typed.values).forEach(function (name) {
      var field = root.querySelector('[name="' + CSS.escape(name) + '"]');
      if (!field) return;
      if (field.type === 'checkbox') field.checked = typed.values[name];
      else field.value = typed.values[name];
    });
    var focus = typed.focused && root.querySelector('[name="' + CSS.escape(typed.focused) + '"]');
    if (focus) focus.focus();
  }

  async function load(name) {
    if (!FRAGMENTS[name] || !state.account) return;
    try {
      var fresh = await loadInto(name, FRAGMENTS[name]());
      state.loaded[name] = true;
      // The new SCIM key is shown once: a reload of the overview (the live feed asks for one when
      // identities change) must not take it away.
      if (fresh && name === 'overview' && state.newKey) showNewKey(state.newKey.key, state.newKey.revealed);
    } catch (error) {
      failed(error);
    }
  }

  /** Reloads the named fragments that are on screen or were shown before. */
  function refresh(names) {
    return Promise.all((names || '').split(' ').filter(Boolean).map(function (name) {
      if (name === 'traffic') { clearRows(); return undefined; }
      return state.loaded[name] || state.tab === name ? load(name) : undefined;
    }));
  }

  /**
   * A refresh the live feed asked for, coalesced: a burst of writes reloads a tab once, and a
   * steady stream of them a few times a second (never postponed until the stream stops).
   */
  function schedule(name) {
    if (!(state.loaded[name] || state.tab === name) || state.timers[name]) return;
    state.timers[name] = setTimeout(function () {
      state.timers[name] = null;
      load(name);
    }, 150);
  }

  // --- tabs and accounts -------------------------------------------------------------------

  function showTab(name) {
    if (!document.getElementById('panel-' + name)) name = 'overview';
    state.tab = name;
    document.querySelectorAll('[data-tab]').forEach(function (tab) {
      tab.setAttribute('aria-selected', String(tab.getAttribute('data-tab') === name));
    });
    document.querySelectorAll('.panel').forEach(function (panel) {
      panel.hidden = panel.getAttribute('data-panel') !== name;
    });
    if (location.hash !== '#' + name) history.replaceState(null, '', '#' + name);
    if (name !== 'traffic') load(name);
  }

  function selectAccount(id) {
    state.account = id;
    state.loaded = {};
    state.lastSeq = 0;
    state.lastRequestSeq = 0;
    state.newKey = null;
    state.identities = { q: '', page: 1, deleted: false };
    var search = $('identity-search');
    search.elements.q.value = '';
    search.elements.deleted.checked = false;
    ['identity-detail', 'exchange', 'webhook-log'].forEach(function (slot) { $(slot).innerHTML = ''; });
    $('report-frame').hidden = true;
    clearRows();
    var routes = $('traffic-filter').elements.route;
    while (routes.options.length > 1) routes.remove(1);
    var url = new URL(location.href);
    url.searchParams.set('account', id);
    history.replaceState(null, '', url.pathname + url.search + location.hash);
    connectLive();
    showTab(state.tab);
  }

  async function start() {
    $('signin').hidden = true;
    document.querySelector('.tabs').hidden = false;
    var accounts;
    try {
      accounts = (await (await api('GET', '/_admin/accounts')).json()).accounts || [];
    } catch (error) {
      failed(error);
      return;
    }
    var select = $('account');
    select.innerHTML = '';
    accounts.forEach(function (account) {
      var option = document.createElement('option');
      option.value = option.textContent = account.accountId;
      select.appendChild(option);
    });
    if (accounts.length === 0) { toast('This mock has no account.', true); return; }
    var wanted = new URL(location.href).searchParams.get('account');
    var chosen = accounts.some(function (a) { return a.accountId === wanted; }) ? wanted : accounts[0].accountId;
    select.value = chosen;
    state.tab = (location.hash || '#overview').slice(1);
    selectAccount(chosen);
  }

  function signOut(message) {
    sessionStorage.removeItem(TOKEN_KEY);
    state.token = null;
    if (state.live) state.live.abort();
    state.live = null;
    setLive('off', 'offline');
    document.querySelectorAll('.panel').forEach(function (panel) { panel.hidden = true; });
    document.querySelector('.tabs').hidden = true;
    $('signin').hidden = false;
    var error = $('signin-error');
    error.hidden = !message;
    error.textContent = message || '';
    $('signin').elements.token.focus();
  }

  // --- live traffic ------------------------------------------------------------------------

  function setLive(stateName, text) {
    var live = $('live');
    live.setAttribute('data-state', stateName);
    live.textContent = text;
  }

  async function connectLive() {
    if (state.live) state.live.abort();
    var controller = new AbortController();
    state.live = controller;
    setLive('off', 'connecting…');
    try {
      var res = await fetch(base() + '/live?since=' + state.lastSeq + '&requestsSince=' + state.lastRequestSeq, {
        headers: authHeaders({ Accept: 'text/event-stream' }),
        signal: controller.signal
      });
      if (res.status === 401) { signOut('The admin token was not accepted.'); return; }
      if (!res.ok || !res.body) throw new Error('live feed answered ' + res.status);
      setLive('on', 'live');
      var reader = res.body.getReader();
      var decoder = new TextDecoder();
      var buffer = '';
      for (;;) {
        var chunk = await reader.read();
        if (chunk.done) break;
        buffer += decoder.decode(chunk.value, { stream: true });
        var end;
        while ((end = buffer.indexOf('\\n\\n')) >= 0) {
          onEvent(buffer.slice(0, end));
          buffer = buffer.slice(end + 2);
        }
      }
    } catch (error) {
      if (controller.signal.aborted) return;
    }
    if (state.live !== controller || controller.signal.aborted) return;
    setLive('error', 'reconnecting…');
    setTimeout(function () { if (state.live === controller) connectLive(); }, 2000);
  }

  function onEvent(block) {
    var event = 'message';
    var data = '';
    block.split('\\n').forEach(function (line) {
      if (line.indexOf('event: ') === 0) event = line.slice(7);
      else if (line.indexOf('data: ') === 0) data += line.slice(6);
    });
    if (data === '') return;
    var payload = JSON.parse(data);
    if (event === 'traffic') addRows(payload.rows, 'lastSeq');
    else if (event === 'requests') addRows(payload.rows, 'lastRequestSeq');
    else if (event === 'identities') { schedule('identities'); schedule('overview'); }
    else if (event === 'faults') schedule('faults');
  }

  // SCIM exchanges (lastSeq) and REST calls (lastRequestSeq) are numbered apart.
  function addRows(rows, counter) {
    var form = $('traffic-filter');
    var routes = form.elements.route;
    rows.forEach(function (row) {
      if (row.seq <= state[counter]) return;
      state[counter] = row.seq;
      if (!Array.prototype.some.call(routes.options, function (o) { return o.value === row.route; })) {
        var option = document.createElement('option');
        option.value = option.textContent = row.route;
        routes.appendChild(option);
      }
      state.queue.push(row);
    });
    if (!form.elements.pause.checked) flushRows();
    else $('traffic-count').textContent = state.queue.length + ' new while paused';
  }

  function flushRows() {
    var body = document.querySelector('#traffic tbody');
    state.queue.splice(0).forEach(function (row) {
      body.insertAdjacentHTML('afterbegin', row.html);
      var tr = body.firstElementChild;
      tr.classList.add('fresh');
      applyFilter(tr);
    });
    while (body.children.length > MAX_ROWS) body.removeChild(body.lastElementChild);
    countRows();
  }

  function applyFilter(tr) {
    var form = $('traffic-filter');
    var route = form.elements.route.value;
    var verdict = form.elements.verdict.value;
    var shown = (route === '' || tr.getAttribute('data-route') === route) &&
      (verdict === '' || (verdict === 'fault' ? tr.getAttribute('data-fault') === 'yes' : tr.getAttribute('data-verdict') === verdict));
    tr.hidden = !shown;
  }

  function countRows() {
    var rows = document.querySelectorAll('#traffic tbody tr');
    var shown = Array.prototype.filter.call(rows, function (tr) { return !tr.hidden; }).length;
    $('traffic-empty').hidden = rows.length > 0;
    $('traffic-count').textContent = rows.length === 0 ? '' : 'showing ' + shown + ' of ' + rows.length;
  }

  function clearRows() {
    document.querySelector('#traffic tbody').innerHTML = '';
    state.queue = [];
    $('exchange').innerHTML = '';
    countRows();
  }

  // --- actions -----------------------------------------------------------------------------

  function setPath(target, path, value) {
    var key = path.shift();
    if (path.length === 0) { target[key] = value; return; }
    if (typeof target[key] !== 'object' || target[key] === null) target[key] = {};
    setPath(target[key], path, value);
  }

  /** A form's named fields as JSON: dotted names nest, numbers stay numbers, empty optional fields are left out. */
  function formBody(form) {
    var body = {};
    Array.prototype.forEach.call(form.elements, function (input) {
      if (!input.name || input.disabled) return;
      var value;
      if (input.hasAttribute('data-random')) value = Math.floor(Math.random() * 2147483647);
      else if (input.type === 'checkbox') value = input.checked;
      else if (input.type === 'number') { if (input.value === '') return; value = Number(input.value); }
      else { value = input.value; if (value === '' && !input.required) return; }
      setPath(body, input.name.split('.'), value);
    });
    return body;
  }

  async function call(el, form) {
    var question = el.getAttribute('data-confirm');
    if (question && !window.confirm(question)) return;
    var body = form ? formBody(form) : (el.getAttribute('data-body') || undefined);
    var busy = form ? form.querySelector('[type="submit"]') : el;
    if (busy) busy.disabled = true;
    try {
      var res = await api(el.getAttribute('data-call'), el.getAttribute('data-url'), body);
      var data = res.status === 204 ? null : await res.json().catch(function () { return null; });
      if (form && form.hasAttribute('data-reset')) form.reset();
      await refresh(el.getAttribute('data-refresh'));
      if (el.getAttribute('data-result') === 'new-key' && data && data.key) showNewKey(data.key);
      toast(data && typeof data.created === 'number' ? 'Seeded ' + data.created + ' identities.' : 'Done.');
    } catch (error) {
      failed(error);
    } finally {
      if (busy && busy.isConnected) busy.disabled = false;
    }
  }

  function showNewKey(key, revealed) {
    state.newKey = { key: key, revealed: !!revealed };
    var box = $('new-key');
    if (!box) return;
    var secret = box.querySelector('[data-secret]');
    secret.setAttribute('data-secret', key);
    box.querySelector('[data-copy]').setAttribute('data-copy', key);
    if (revealed) {
      secret.textContent = key;
      box.querySelector('[data-reveal]').textContent = 'Hide';
    }
    box.hidden = false;
  }

  function copy(text) {
    function fallback() {
      var area = document.createElement('textarea');
      area.value = text;
      area.setAttribute('readonly', '');
      area.className = 'offscreen';
      document.body.appendChild(area);
      area.select();
      var ok = document.execCommand('copy');
      area.remove();
      toast(ok ? 'Copied.' : 'Copy it by hand: select the text.', !ok);
    }
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(text).then(function () { toast('Copied.'); }, fallback);
    } else {
      fallback();
    }
  }

  function reveal(button) {
    var secret = button.parentElement.querySelector('[data-secret]');
    var hidden = button.textContent === 'Show';
    secret.textContent = hidden ? secret.getAttribute('data-secret') : '••••••••••••••••';
    button.textContent = hidden ? 'Hide' : 'Show';
    if (state.newKey && button.closest('#new-key')) state.newKey.revealed = hidden;
  }

  async function openDetail(el) {
    var target = el.getAttribute('data-target');
    try {
      if (await loadInto(target, el.getAttribute('data-get'))) {
        document.querySelectorAll('tr.selected').forEach(function (tr) { tr.classList.remove('selected'); });
        if (el.tagName === 'TR') el.classList.add('selected');
        $(target).scrollIntoView({ block: 'nearest', behavior: 'smooth' });
      }
    } catch (error) {
      failed(error);
    }
  }

  async function openReport(url) {
    var frame = $('report-frame');
    try {
      var res = await api('GET', url);
      frame.srcdoc = await res.text();
      frame.hidden = false;
    } catch (error) {
      failed(error);
    }
  }

  // --- events ------------------------------------------------------------------------------

  document.addEventListener('click', function (event) {
    var el = event.target.closest('[data-tab],[data-copy],[data-reveal],[data-fill],[data-page],[data-close],[data-report],button[data-call],[data-get]');
    if (!el || el.disabled) return;
    if (el.hasAttribute('data-tab')) showTab(el.getAttribute('data-tab'));
    else if (el.hasAttribute('data-copy')) copy(el.getAttribute('data-copy'));
    else if (el.hasAttribute('data-reveal')) reveal(el);
    else if (el.hasAttribute('data-fill')) {
      var input = el.closest('.card').querySelector('input[name="text"]');
      input.value = el.getAttribute('data-fill');
      input.focus();
    } else if (el.hasAttribute('data-page')) {
      state.identities.page = Number(el.getAttribute('data-page'));
      load('identities');
    } else if (el.hasAttribute('data-close')) {
      el.closest('.detail-slot').innerHTML = '';
      document.querySelectorAll('tr.selected').forEach(function (tr) { tr.classList.remove('selected'); });
    } else if (el.hasAttribute('data-report')) openReport(el.getAttribute('data-report'));
    else if (el.hasAttribute('data-call')) { if (!el.form) call(el); }
    else if (el.hasAttribute('data-get')) openDetail(el);
  });

  document.addEventListener('keydown', function (event) {
    if (event.key !== 'Enter' || !event.target.matches('tr[data-get]')) return;
    event.preventDefault();
    openDetail(event.target);
  });

  document.addEventListener('submit', function (event) {
    var form = event.target;
    event.preventDefault();
    if (form.id === 'signin') {
      state.token = form.elements.token.value.trim();
      sessionStorage.setItem(TOKEN_KEY, state.token);
      form.reset();
      start();
    } else if (form.hasAttribute('data-call')) {
      call(form, form);
    }
  });

  var searchTimer;
  $('identity-search').addEventListener('input', function () {
    clearTimeout(searchTimer);
    var form = this;
    searchTimer = setTimeout(function () {
      state.identities = { q: form.elements.q.value, page: 1, deleted: form.elements.deleted.checked };
      load('identities');
    }, 200);
  });

  $('traffic-filter').addEventListener('change', function (event) {
    if (event.target.name === 'pause') {
      if (!event.target.checked) flushRows();
      return;
    }
    document.querySelectorAll('#traffic tbody tr').forEach(applyFilter);
    countRows();
  });

  $('traffic-clear').addEventListener('click', async function () {
    try {
      await api('DELETE', '/_admin/accounts/' + encodeURIComponent(state.account) + '/traffic');
      clearRows();
      schedule('overview');
    } catch (error) {
      failed(error);
    }
  });

  $('account').addEventListener('change', function () { selectAccount(this.value); });
  window.addEventListener('hashchange', function () { if (state.account) showTab(location.hash.slice(1)); });

  if (state.token) start();
  else signOut();
})();
`
