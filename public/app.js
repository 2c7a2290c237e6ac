// Progressive enhancement only: every page works without this file.
document.addEventListener('DOMContentLoaded', function () {
  if (typeof DKFDS !== 'undefined') DKFDS.init();
  // After a failed form submission, move focus to the error summary so screen readers announce it.
  var summary = document.getElementById('error-summary');
  if (summary) summary.focus();
});
