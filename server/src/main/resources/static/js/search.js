// After htmx has put a new search into the address bar, point the language links at it, so
// switching language keeps the search the user is looking at.
(function () {
  'use strict';
  document.addEventListener('htmx:pushedIntoHistory', function () {
    document.querySelectorAll('header a[lang]').forEach(function (a) {
      var params = new URLSearchParams(window.location.search);
      params.set('lang', a.getAttribute('lang'));
      a.setAttribute('href', window.location.pathname + '?' + params.toString());
    });
  });
})();
