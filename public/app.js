// Progressive enhancement only: every page works without this file.
(function () {
  function start() {
    // After a failed form submission, move focus to the error summary so screen readers announce it.
    var summary = document.getElementById('error-summary');
    if (summary) summary.focus();
    if (typeof DKFDS !== 'undefined') DKFDS.init();
  }
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
  else start();
})();
