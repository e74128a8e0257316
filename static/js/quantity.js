/* The product page's − and + beside the quantity: one step each, within the field's min and max. */
(function () {
  "use strict";
  document.addEventListener("click", function (event) {
    var button = event.target && event.target.closest ? event.target.closest("[data-quantity-step]") : null;
    if (!button) return;
    var input = document.getElementById(button.getAttribute("aria-controls"));
    if (!input) return;
    var value = parseInt(input.value, 10) || 0;
    var next = value + parseInt(button.getAttribute("data-quantity-step"), 10);
    var min = input.min ? parseInt(input.min, 10) : 1;
    var max = input.max ? parseInt(input.max, 10) : Infinity;
    input.value = String(Math.min(max, Math.max(min, next)));
    input.dispatchEvent(new Event("change", { bubbles: true }));
  });
})();
