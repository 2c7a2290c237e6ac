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

  function start() {
    // After a failed form submission, move focus to the error summary so screen readers announce it.
    var summary = document.getElementById('error-summary');
    if (summary) summary.focus();
    warnBeforeIdleSignOut();
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
