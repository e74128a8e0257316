/* Starts Swagger UI on /api/docs/ with the schema named by the page (no inline script). */
(function () {
  "use strict";
  window.addEventListener("DOMContentLoaded", function () {
    var url = document.body.getAttribute("data-schema-url");
    window.ui = window.SwaggerUIBundle({
      url: url,
      dom_id: "#swagger-ui",
      deepLinking: true,
      presets: [window.SwaggerUIBundle.presets.apis, window.SwaggerUIStandalonePreset],
      plugins: [window.SwaggerUIBundle.plugins.DownloadUrl],
      layout: "StandaloneLayout",
    });
  });
})();
