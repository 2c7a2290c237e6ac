/* global SwaggerUIBundle -- swagger-ui-bundle.js, loaded before this file on /api/docs */
// Starts Swagger UI on /api/docs over the server-rendered list of operations (which stays for readers without
// JavaScript). A file, not an inline script: the Content-Security-Policy allows scripts from the app only.
(function () {
  function start() {
    var root = document.getElementById('api-reference');
    if (!root || typeof SwaggerUIBundle === 'undefined') return;
    SwaggerUIBundle({
      url: root.getAttribute('data-openapi-url'),
      domNode: root,
      presets: [SwaggerUIBundle.presets.apis],
      layout: 'BaseLayout',
      deepLinking: false,
      // No call to swagger.io's validator badge: everything comes from this app.
      validatorUrl: null,
      displayOperationId: true,
      defaultModelsExpandDepth: 0,
    });
  }
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
  else start();
})();
