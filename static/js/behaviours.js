/* What inline event handlers used to do, now that the Content-Security-Policy forbids them:
   data-autosubmit submits its form on change (facets, sort order); data-history-back goes back
   one page (Oscar's "or cancel" links); data-window-close closes a dashboard pop-up window;
   data-print prints the page; an image preview with
   data-upload-button hides that button once a picture shows, and shows it again with
   data-error-message when the file is no picture (Oscar's dashboard image fields).
   On shop pages that load no jQuery (templates/oscar/base.html), it also does the little
   Oscar's ui.js and Bootstrap's bundle did there: an alert's close link closes it, a
   dropdown toggle opens its menu, and a clicked [data-loading-text] button shows that text
   and is disabled while its valid form is sent. */
(function () {
  "use strict";
  document.addEventListener("change", function (event) {
    var el = event.target;
    if (el && el.form && el.hasAttribute("data-autosubmit")) {
      el.form.submit();
    }
  });
  document.addEventListener("click", function (event) {
    var el = event.target && event.target.closest ? event.target.closest("[data-history-back], [data-print], [data-window-close]") : null;
    if (!el) return;
    event.preventDefault();
    if (el.hasAttribute("data-print")) {
      window.print();
    } else if (el.hasAttribute("data-window-close")) {
      window.close();
    } else {
      window.history.back();
    }
  });
  function uploadButton(img) {
    var id = img.getAttribute("data-upload-button");
    return id ? document.getElementById(id) : null;
  }
  // load and error do not bubble: listen while they go down to the image.
  document.addEventListener("load", function (event) {
    var button = event.target && event.target.getAttribute ? uploadButton(event.target) : null;
    if (button) button.style.display = "none";
  }, true);
  document.addEventListener("error", function (event) {
    var img = event.target;
    var button = img && img.getAttribute ? uploadButton(img) : null;
    if (!button || !img.getAttribute("src")) return;
    button.style.display = "";
    window.alert(img.getAttribute("data-error-message"));
  }, true);
  if (window.jQuery) return; // Oscar's ui.js and Bootstrap do the rest on this page.
  document.addEventListener("click", function (event) {
    var el = event.target && event.target.closest ? event.target.closest('[data-dismiss="alert"], [data-toggle="dropdown"], [data-loading-text]') : null;
    if (!el) return;
    if (el.getAttribute("data-dismiss") === "alert") {
      event.preventDefault();
      var alert = el.closest(".alert");
      if (alert) alert.parentNode.removeChild(alert);
    } else if (el.getAttribute("data-toggle") === "dropdown") {
      event.preventDefault();
      var menu = el.parentNode.querySelector(".dropdown-menu");
      var open = el.getAttribute("aria-expanded") !== "true";
      el.setAttribute("aria-expanded", open ? "true" : "false");
      if (menu) menu.classList.toggle("show", open);
      el.parentNode.classList.toggle("show", open);
    } else if (!el.form || el.form.checkValidity()) {
      window.setTimeout(function () { // after the form is on its way
        el[el.tagName === "INPUT" ? "value" : "textContent"] = el.getAttribute("data-loading-text");
        el.disabled = true;
      });
    }
  });
})();
