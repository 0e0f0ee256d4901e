// The first-neighbour chart on the entity page. The text list of relations on the same page is the
// accessible alternative, so the chart is a picture (role="img") that mouse users can click through.
(function () {
  'use strict';
  var COLOURS = {
    Person: '#1f5fa8', Organization: '#8a2be2', Phone: '#2e7d32', Device: '#5d6d7e', Account: '#00838f',
    Vehicle: '#a0522d', BankAccount: '#b8860b', Address: '#6d4c41', Event: '#c2185b'
  };

  function start() {
    var el = document.getElementById('graph');
    if (!el || typeof window.cytoscape !== 'function') return;
    el.setAttribute('aria-busy', 'true');
    fetch(el.getAttribute('data-src'), { headers: { Accept: 'application/json' }, credentials: 'same-origin' })
      .then(function (r) { if (!r.ok) throw new Error('HTTP ' + r.status); return r.json(); })
      .then(function (g) { draw(el, g); })
      .catch(function () { el.setAttribute('data-state', 'failed'); el.setAttribute('aria-busy', 'false'); });
  }

  function draw(el, g) {
    var style = [
      { selector: 'node', style: {
        'label': 'data(label)', 'font-size': 11, 'color': '#1b1f24', 'text-valign': 'bottom', 'text-margin-y': 4,
        'text-wrap': 'ellipsis', 'text-max-width': 120, 'width': 22, 'height': 22, 'background-color': '#5d6d7e',
        'border-width': 2, 'border-color': '#ffffff' } },
      { selector: 'node[?center]', style: { 'width': 34, 'height': 34, 'border-color': '#b3001b', 'border-width': 4, 'font-weight': 'bold' } },
      { selector: 'edge', style: {
        'width': 1.5, 'line-color': '#9aa4b1', 'target-arrow-color': '#9aa4b1', 'target-arrow-shape': 'triangle',
        'curve-style': 'bezier', 'label': 'data(label)', 'font-size': 9, 'color': '#5b6470',
        'text-background-color': '#ffffff', 'text-background-opacity': 0.8, 'text-rotation': 'autorotate' } }
    ];
    Object.keys(COLOURS).forEach(function (t) {
      style.push({ selector: 'node[type = "' + t + '"]', style: { 'background-color': COLOURS[t] } });
    });
    var cy = window.cytoscape({
      container: el,
      elements: g.nodes.concat(g.edges),
      style: style,
      layout: { name: 'concentric', concentric: function (n) { return n.data('center') ? 2 : 1; },
                levelWidth: function () { return 1; }, minNodeSpacing: 60, padding: 30, animate: false },
      minZoom: 0.3, maxZoom: 1.4
    });
    cy.on('tap', 'node', function (e) {
      var n = e.target;
      if (!n.data('center') && n.data('href')) window.location.assign(n.data('href'));
    });
    cy.on('mouseover', 'node', function () { el.style.cursor = 'pointer'; });
    cy.on('mouseout', 'node', function () { el.style.cursor = ''; });
    window.besaGraph = cy; // lets the browser tests count nodes
    el.setAttribute('data-state', 'ready');
    el.setAttribute('aria-busy', 'false');
  }

  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
  else start();
})();
