/* Copy buttons: <button data-copy="text" data-copied="Copied">. The Clipboard API where the
   page may use it; otherwise a hidden textarea and execCommand("copy"); if both fail, the
   value is selected on the page so the buyer can copy it by hand. */
(function () {
  "use strict";
  function legacyCopy(text) {
    var area = document.createElement("textarea");
    area.value = text;
    area.setAttribute("readonly", "");
    area.className = "copy-buffer";
    document.body.appendChild(area);
    area.select();
    var done = false;
    try { done = document.execCommand("copy"); } catch (e) { done = false; }
    document.body.removeChild(area);
    return done;
  }
  function selectBeside(button) {
    var value = button.parentNode && button.parentNode.querySelector("span");
    if (!value || !window.getSelection) return;
    var range = document.createRange();
    range.selectNodeContents(value);
    var selection = window.getSelection();
    selection.removeAllRanges();
    selection.addRange(range);
  }
  function confirm(button) {
    var label = button.getAttribute("data-label") || button.textContent;
    button.setAttribute("data-label", label);
    button.textContent = button.getAttribute("data-copied") || label;
    button.classList.add("is-copied");
    var status = document.querySelector("[data-copy-status]");
    if (status) status.textContent = button.getAttribute("data-copied") || "";
    window.setTimeout(function () {
      button.textContent = label;
      button.classList.remove("is-copied");
    }, 2000);
  }
  document.addEventListener("click", function (event) {
    var button = event.target && event.target.closest ? event.target.closest("[data-copy]") : null;
    if (!button) return;
    var text = button.getAttribute("data-copy");
    function fallback() {
      if (legacyCopy(text)) confirm(button); else selectBeside(button);
    }
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(text).then(function () { confirm(button); }, fallback);
    } else {
      fallback();
    }
  });
})();
