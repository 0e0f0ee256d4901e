// The composer's entity picker: the search box asks the existing search (GET /search, audited there,
// with the purpose it requires) for its results fragment; choosing a result adds its id to the
// entity ids instead of leaving the composer.
(function () {
  'use strict';
  document.addEventListener('click', function (e) {
    var link = e.target.closest('#pick-results a.caption');
    if (!link) return;
    e.preventDefault();
    var item = link.closest('li[data-id]');
    var box = document.getElementById('entities');
    if (!item || !box) return;
    var id = item.getAttribute('data-id');
    var ids = box.value.split(/[\s,]+/).filter(function (s) { return s.length > 0; });
    if (ids.indexOf(id) < 0) ids.push(id);
    box.value = ids.join(' ');
    item.classList.add('picked');
    item.setAttribute('aria-selected', 'true');
  });
  // Results of the picker page stay in the picker (the search page's pager would leave the composer).
  document.addEventListener('htmx:afterSwap', function (e) {
    if (e.target && e.target.id === 'pick-results') {
      e.target.querySelectorAll('nav.pager').forEach(function (n) { n.remove(); });
    }
  });
})();
