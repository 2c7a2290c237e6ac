// Progressive enhancement only: every page works without this file.
(function () {
  var WARN_BEFORE_MS = 2 * 60 * 1000;

  function warnBeforeIdleSignOut() {
    // The server ends a session after a period without requests; say so shortly before it happens.
    var warning = document.getElementById('session-warning');
    if (!warning) return;
    var idleMs = Number(warning.getAttribute('data-idle-minutes')) * 60 * 1000;
    if (!(idleMs > WARN_BEFORE_MS)) return;
    window.setTimeout(function () {
      warning.hidden = false;
    }, idleMs - WARN_BEFORE_MS);
  }

  function occupationTypeahead() {
    // The job search's occupation field: the occupations the ads name, offered as the reader types (a <datalist>).
    // Without this the typed text is matched on the server, so the search works the same without JavaScript.
    var fields = document.querySelectorAll('input[data-occupation-typeahead]');
    Array.prototype.forEach.call(fields, function (input) {
      var list = input.list;
      var source = input.getAttribute('data-occupation-typeahead');
      if (!list || !source || typeof window.fetch !== 'function') return;
      var timer;
      var asked = '';
      input.addEventListener('input', function () {
        window.clearTimeout(timer);
        var text = input.value.trim();
        if (text.length < 2 || text === asked) return;
        timer = window.setTimeout(function () {
          asked = text;
          window
            .fetch(source + '?q=' + encodeURIComponent(text), { headers: { accept: 'application/json' } })
            .then(function (response) {
              return response.ok ? response.json() : [];
            })
            .then(function (occupations) {
              if (input.value.trim() !== text) return;
              list.textContent = '';
              occupations.forEach(function (occupation) {
                var option = document.createElement('option');
                option.value = occupation.title;
                list.appendChild(option);
              });
            })
            .catch(function () {
              // No suggestions this time; the field still works as plain text.
            });
        }, 200);
      });
    });
  }

  function start() {
    // After a failed form submission, move focus to the error summary so screen readers announce it.
    var summary = document.getElementById('error-summary');
    if (summary) summary.focus();
    warnBeforeIdleSignOut();
    occupationTypeahead();
    if (typeof DKFDS !== 'undefined') {
      DKFDS.init();
      // dkfds.js now opens and closes the header's menu drawer; its links' own way (the drawer as :target) would keep it open.
      document.addEventListener('click', function (event) {
        var link = event.target instanceof Element ? event.target.closest('a.js-menu-open, a.js-menu-close') : null;
        if (link) event.preventDefault();
      });
    }
  }
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
  else start();
})();
