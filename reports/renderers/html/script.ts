/**
 * The report's inline script: plain DOM code, no framework. Filters by status, level, area and
 * text; expand and collapse all; links to a rule reveal it; printing expands every detail.
 * Without JavaScript the page shows everything and the filter bar stays hidden.
 *
 * @module
 */

export const SCRIPT: string = `
(function () {
  'use strict';
  var form = document.getElementById('filters');
  var rules = Array.prototype.slice.call(document.querySelectorAll('article.rule'));
  var shown = document.getElementById('shown');
  var empty = document.getElementById('empty');
  if (!form) return;
  form.hidden = false;
  document.getElementById('toolbar').hidden = false;

  function values(name) {
    return Array.prototype.slice.call(form.querySelectorAll('input[name="' + name + '"]:checked'))
      .map(function (input) { return input.value; });
  }

  function apply() {
    var statuses = values('status');
    var levels = values('level');
    var area = form.elements.area.value;
    var query = form.elements.q.value.trim().toLowerCase();
    var count = 0;
    rules.forEach(function (rule) {
      var d = rule.dataset;
      var visible = statuses.indexOf(d.status) >= 0 && levels.indexOf(d.level) >= 0 &&
        (area === '' || d.area === area) && (query === '' || d.search.indexOf(query) >= 0);
      rule.classList.toggle('filtered-out', !visible);
      if (visible) count += 1;
    });
    shown.textContent = 'Showing ' + count + ' of ' + rules.length;
    empty.hidden = count > 0;
  }

  form.addEventListener('input', apply);
  form.addEventListener('change', apply);
  form.addEventListener('submit', function (event) { event.preventDefault(); });
  form.addEventListener('reset', function () { setTimeout(apply, 0); });

  function setAll(open) {
    rules.forEach(function (rule) {
      if (rule.classList.contains('filtered-out')) return;
      rule.querySelectorAll('details').forEach(function (d) { d.open = open; });
    });
  }
  document.getElementById('expand-all').addEventListener('click', function () { setAll(true); });
  document.getElementById('collapse-all').addEventListener('click', function () { setAll(false); });

  function reveal() {
    var id = decodeURIComponent(location.hash.slice(1));
    var target = id && document.getElementById(id);
    if (!target || !target.classList.contains('rule')) return;
    if (target.classList.contains('filtered-out')) { form.reset(); apply(); }
    var details = target.querySelector('details');
    if (details) details.open = true;
    target.scrollIntoView();
  }
  window.addEventListener('hashchange', reveal);

  var opened = [];
  window.addEventListener('beforeprint', function () {
    opened = Array.prototype.slice.call(document.querySelectorAll('details:not([open])'));
    opened.forEach(function (d) { d.open = true; });
  });
  window.addEventListener('afterprint', function () {
    opened.forEach(function (d) { d.open = false; });
    opened = [];
  });

  apply();
  reveal();
})();
`
