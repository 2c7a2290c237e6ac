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
    if (typeof DKFDS !== 'undefined') DKFDS.init();
  }
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
  else start();
})();
