/* The product listing's filters: a drawer on phones, a sidebar on wider screens.

   <details data-open-wide> opens by itself where the screen is wide enough for a sidebar.
   On phones a tick in <form data-live-count> does not reload the page (behaviours.js would):
   the count on its "Show results (N)" button follows the ticks, read from the listing the
   ticks would give; the button then loads that listing, scrolled to the results. */
(function () {
  "use strict";
  var wide = window.matchMedia ? window.matchMedia("(min-width: 768px)") : { matches: true };
  document.querySelectorAll("details[data-open-wide]").forEach(function (drawer) {
    if (wide.matches) drawer.open = true;
  });
  var pending = null;
  function liveCount(form) {
    var target = form.querySelector("[data-live-count-value]");
    if (!target || !window.fetch || !window.DOMParser) return;
    var query = new URLSearchParams(new FormData(form)).toString();
    var url = window.location.pathname + (query ? "?" + query : "");
    var ticket = pending = {};
    form.setAttribute("aria-busy", "true");
    window.fetch(url, { credentials: "same-origin" }).then(function (response) {
      return response.ok ? response.text() : Promise.reject(response.status);
    }).then(function (html) {
      if (ticket !== pending) return;
      var doc = new DOMParser().parseFromString(html, "text/html");
      var count = doc.querySelector("[data-result-count]");
      if (count) target.textContent = count.getAttribute("data-result-count");
    }).catch(function () {
      /* The button still submits the form: the count just stays as it was. */
    }).then(function () {
      if (ticket === pending) form.removeAttribute("aria-busy");
    });
  }
  document.querySelectorAll("form[data-live-count]").forEach(function (form) {
    // Listening on the form runs before the document-wide autosubmit of behaviours.js.
    form.addEventListener("change", function (event) {
      if (wide.matches) return;
      event.stopPropagation();
      liveCount(form);
    });
  });
})();
