/**
 * `/_mock/docs`: a small, self-contained API reference (no CDN, works offline). It loads
 * `/_mock/openapi.json`, lists the operations by tag and lets the user send a request with fetch:
 * path, query and header fields, a body prefilled from the example (a choice where there are
 * several, such as one per Entra dialect), the right credential for the operation.
 * Everything is rendered with DOM text nodes, never as HTML from the document.
 *
 * @module
 */

const STYLE = `
:root { color-scheme: light dark; --fg: #1b1f24; --muted: #57606a; --line: #d0d7de; --bg: #fff; --soft: #f6f8fa; --accent: #0a5bd3; }
@media (prefers-color-scheme: dark) { :root { --fg: #e6edf3; --muted: #9198a1; --line: #30363d; --bg: #0d1117; --soft: #161b22; --accent: #4c9dff; } }
* { box-sizing: border-box; }
body { margin: 0; font: 14px/1.5 system-ui, sans-serif; color: var(--fg); background: var(--bg); }
header { padding: 12px 20px; border-bottom: 1px solid var(--line); display: flex; gap: 16px; flex-wrap: wrap; align-items: end; }
header h1 { font-size: 18px; margin: 0 16px 0 0; }
label { display: block; font-size: 12px; color: var(--muted); }
input, textarea, select { font: 13px ui-monospace, monospace; width: 100%; padding: 6px; border: 1px solid var(--line); border-radius: 4px; background: var(--bg); color: var(--fg); }
header > div { flex: 1 1 240px; max-width: 340px; }
main { display: grid; grid-template-columns: minmax(220px, 320px) 1fr; min-height: calc(100vh - 70px); }
nav { border-right: 1px solid var(--line); overflow: auto; padding: 8px 0; }
nav h2 { font-size: 12px; text-transform: uppercase; color: var(--muted); margin: 12px 16px 4px; }
nav button { display: flex; gap: 8px; width: 100%; border: 0; background: none; color: var(--fg); text-align: left; padding: 4px 16px; cursor: pointer; font: inherit; }
nav button:hover, nav button[aria-current="true"] { background: var(--soft); }
.method { font: 600 11px ui-monospace, monospace; min-width: 52px; text-transform: uppercase; color: var(--accent); }
section { padding: 16px 24px; overflow: auto; }
section h2 { margin: 0 0 4px; font-size: 18px; }
code.path { font-size: 13px; word-break: break-all; }
.field { margin: 8px 0; max-width: 720px; }
button.send { margin-top: 12px; padding: 8px 20px; border: 0; border-radius: 4px; background: var(--accent); color: #fff; font-weight: 600; cursor: pointer; }
pre { background: var(--soft); border: 1px solid var(--line); padding: 12px; overflow: auto; max-height: 60vh; white-space: pre-wrap; word-break: break-word; }
.status { font-weight: 600; }
.about { margin: 4px 0 0; color: var(--muted); }
@media (max-width: 720px) { main { grid-template-columns: 1fr; } nav { border-right: 0; border-bottom: 1px solid var(--line); max-height: 40vh; } header > div { max-width: none; } }
`

const SCRIPT = `
'use strict';
var spec = null;
var tokens = { bearer: document.getElementById('token'), admin: document.getElementById('admin'), scim: document.getElementById('scim') };
function el(tag, text, attrs) {
  var node = document.createElement(tag);
  if (text !== undefined && text !== null) node.textContent = String(text);
  for (var key in (attrs || {})) node.setAttribute(key, attrs[key]);
  return node;
}
function securityOf(op) {
  var sec = op.security || [];
  for (var i = 0; i < sec.length; i++) {
    if (sec[i].clearidToken) return 'bearer';
    if (sec[i].adminToken) return 'admin';
    if (sec[i].scimKey) return 'scim';
  }
  return 'none';
}
function resolve(schema) {
  if (schema && schema.$ref) return spec.components.schemas[schema.$ref.split('/').pop()] || {};
  return schema || {};
}
function show(path, method) {
  var op = spec.paths[path][method];
  var view = document.getElementById('view');
  view.replaceChildren();
  document.querySelectorAll('nav button').forEach(function (b) { b.setAttribute('aria-current', String(b.dataset.key === method + ' ' + path)); });
  view.append(el('h2', op.summary), el('code', method.toUpperCase() + ' ' + path, { class: 'path' }));
  if (op.description) view.append(el('p', op.description));
  var inputs = [];
  (op.parameters || []).forEach(function (p) {
    var box = el('div', null, { class: 'field' });
    var input = el('input', null, { 'aria-label': p.name });
    if (p.example !== undefined) input.placeholder = String(p.example);
    if (p.name === 'accountId') input.value = localStorage.getItem('clearid-mock-account') || 'demo';
    box.append(el('label', p.name + ' (' + p.in + (p.required ? ', required' : '') + ') ' + (p.description || '')), input);
    view.append(box);
    inputs.push({ param: p, input: input });
  });
  var body = null, contentType = null;
  if (op.requestBody) {
    contentType = Object.keys(op.requestBody.content)[0];
    var media = op.requestBody.content[contentType];
    var text = function (example) { return typeof example === 'string' ? example : JSON.stringify(example === undefined ? {} : example, null, 2); };
    var names = Object.keys(media.examples || {});
    body = el('textarea', text(names.length ? media.examples[names[0]].value : media.example), { rows: '16', 'aria-label': 'body' });
    if (names.length) {
      var choice = el('div', null, { class: 'field' });
      var select = el('select', null, { 'aria-label': 'example' });
      var about = el('p', media.examples[names[0]].description || '', { class: 'about' });
      names.forEach(function (name) { select.append(el('option', media.examples[name].summary || name, { value: name })); });
      select.addEventListener('change', function () {
        body.value = text(media.examples[select.value].value);
        about.textContent = media.examples[select.value].description || '';
      });
      choice.append(el('label', 'Example'), select, about);
      view.append(choice);
    }
    var box = el('div', null, { class: 'field' });
    box.append(el('label', 'Body (' + contentType + ')'), body);
    view.append(box);
  }
  var send = el('button', 'Send', { class: 'send' });
  var out = el('div');
  send.addEventListener('click', function () { run(path, method, op, inputs, body, contentType, out); });
  view.append(send, out);
}
function run(path, method, op, inputs, body, contentType, out) {
  var url = path, query = new URLSearchParams(), headers = {};
  inputs.forEach(function (entry) {
    var value = entry.input.value, param = entry.param;
    if (param.in === 'path') {
      if (param.name === 'accountId') localStorage.setItem('clearid-mock-account', value);
      url = url.replace('{' + param.name + '}', encodeURIComponent(value));
    } else if (value === '') {
      return;
    } else if (param.in === 'header') {
      headers[param.name] = value;
    } else if (param.schema && param.schema.type === 'array') {
      // A repeatable parameter: one value per comma. Others (a SCIM filter) keep their commas.
      value.split(',').forEach(function (v) { query.append(param.name, v.trim()); });
    } else {
      query.append(param.name, value);
    }
  });
  if (String(query)) url += '?' + query;
  var kind = securityOf(op);
  if (kind !== 'none' && tokens[kind].value) headers.Authorization = 'Bearer ' + tokens[kind].value.trim();
  var init = { method: method.toUpperCase(), headers: headers };
  if (body) { headers['Content-Type'] = contentType; init.body = body.value; }
  out.replaceChildren(el('p', 'Sending…'));
  fetch(url, init).then(function (res) {
    return res.text().then(function (text) {
      var pretty = text;
      try { pretty = JSON.stringify(JSON.parse(text), null, 2); } catch (e) {}
      var head = [];
      res.headers.forEach(function (v, k) { head.push(k + ': ' + v); });
      out.replaceChildren(el('p', res.status + ' ' + res.statusText, { class: 'status' }), el('pre', head.join('\\n')), el('pre', pretty || '(no body)'));
      if (res.ok && path === '/sts/connect/token') {
        try { tokens.bearer.value = JSON.parse(text).access_token; } catch (e) {}
      }
    });
  }).catch(function (error) { out.replaceChildren(el('p', 'Request failed: ' + error.message, { class: 'status' })); });
}
function render() {
  var nav = document.getElementById('ops');
  var byTag = {};
  Object.keys(spec.paths).forEach(function (path) {
    Object.keys(spec.paths[path]).forEach(function (method) {
      var op = spec.paths[path][method];
      var tag = (op.tags || ['Other'])[0];
      (byTag[tag] = byTag[tag] || []).push({ path: path, method: method, op: op });
    });
  });
  (spec.tags || []).map(function (t) { return t.name; }).forEach(function (tag) {
    if (!byTag[tag]) return;
    nav.append(el('h2', tag));
    byTag[tag].forEach(function (entry) {
      var button = el('button', null, { 'data-key': entry.method + ' ' + entry.path });
      button.append(el('span', entry.method, { class: 'method' }), el('span', entry.op.summary));
      button.addEventListener('click', function () { show(entry.path, entry.method); });
      nav.append(button);
    });
  });
}
fetch('openapi.json').then(function (r) { return r.json(); }).then(function (doc) {
  spec = doc;
  document.title = doc.info.title;
  render();
}).catch(function (error) { document.getElementById('view').textContent = 'Could not load openapi.json: ' + error.message; });
`

export function docsPage(nonce: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Mock ClearID API reference</title>
<style nonce="${nonce}">${STYLE}</style>
</head>
<body>
<header>
  <h1>Mock ClearID API</h1>
  <div><label for="scim">SCIM key (SCIM endpoint)</label><input id="scim" autocomplete="off" placeholder="clearid-dev-scim-key on loopback"></div>
  <div><label for="token">Access token (REST; filled in by Get an access token)</label><input id="token" autocomplete="off"></div>
  <div><label for="admin">Admin token (control plane)</label><input id="admin" autocomplete="off" placeholder="clearid-dev-admin-token on loopback"></div>
</header>
<main>
  <nav id="ops" aria-label="Operations"></nav>
  <section id="view"><p>Choose an operation. The SCIM endpoint takes the account's SCIM key; for the REST API, start with <strong>Token service → Get an access token</strong>: the token fills in above.</p></section>
</main>
<script nonce="${nonce}">${SCRIPT}</script>
</body>
</html>
`
}
