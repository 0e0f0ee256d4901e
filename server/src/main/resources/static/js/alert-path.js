// The network paths on the alert page: each NETWORK factor's path, from the officer's identifier to the
// criminal group, drawn left to right in path order. The ordered list next to each drawing is the
// accessible alternative (the drawing is role="img"), so the drawing only needs a mouse to open nodes.
(function () {
  'use strict';
  var COLOURS = {
    Person: '#1f5fa8', Organization: '#8a2be2', Phone: '#2e7d32', Device: '#5d6d7e', Account: '#00838f',
    Vehicle: '#a0522d', BankAccount: '#b8860b', Address: '#6d4c41', Event: '#c2185b'
  };

  function draw(el) {
    var elements;
    try { elements = JSON.parse(el.getAttribute('data-elements') || '[]'); } catch (e) { el.setAttribute('data-state', 'failed'); return null; }
    var style = [
      { selector: 'node', style: {
        'label': 'data(label)', 'font-size': 11, 'color': '#1b1f24', 'text-valign': 'bottom', 'text-margin-y': 4,
        'text-wrap': 'ellipsis', 'text-max-width': 130, 'width': 24, 'height': 24, 'background-color': '#5d6d7e',
        'border-width': 2, 'border-color': '#ffffff' } },
      { selector: 'node[order = 0]', style: { 'border-color': '#b3001b', 'border-width': 4, 'width': 32, 'height': 32 } },
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
      elements: elements,
      style: style,
      // A path reads left to right: the officer's identifier first, the group last.
      layout: { name: 'preset', positions: function (n) { return { x: n.data('order') * 170, y: (n.data('order') % 2) * 40 }; },
                fit: true, padding: 40 },
      minZoom: 0.3, maxZoom: 1.5, userZoomingEnabled: false
    });
    cy.on('tap', 'node', function (e) {
      var href = e.target.data('href');
      if (href) window.location.assign(href);
    });
    cy.on('mouseover', 'node', function () { el.style.cursor = 'pointer'; });
    cy.on('mouseout', 'node', function () { el.style.cursor = ''; });
    el.setAttribute('data-state', 'ready');
    return cy;
  }

  function start() {
    if (typeof window.cytoscape !== 'function') return;
    var graphs = [];
    document.querySelectorAll('.path-graph[data-elements]').forEach(function (el) {
      var cy = draw(el);
      if (cy) graphs.push(cy);
    });
    window.besaAlertGraphs = graphs; // lets the browser tests read the drawn nodes
  }

  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
  else start();
})();
