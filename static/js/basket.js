/* The basket page without jQuery (what Oscar's oscar.basket did there, minus the AJAX):
   a line's "Remove", "Save for later" or "Move to basket" link ticks that line's hidden box
   and submits its form; "I have a voucher code..." shows the voucher form, "cancel" hides it. */
(function () {
  "use strict";
  var boxes = {
    basket_formset: { remove: "DELETE", save: "save_for_later", prefix: "form" },
    saved_basket_formset: { remove: "DELETE", move: "move_to_basket", prefix: "saved" }
  };
  var busy = false;
  function voucherForm(show) {
    var container = document.getElementById("voucher_form_container");
    var link = document.getElementById("voucher_form_link");
    if (!container || !link) return;
    container.style.display = show ? "" : "none";
    link.style.display = show ? "none" : "";
    var code = document.getElementById("id_code");
    if (show && code) code.focus();
  }
  document.addEventListener("click", function (event) {
    var el = event.target && event.target.closest ? event.target.closest("a") : null;
    if (!el) return;
    if (el.closest("#voucher_form_link")) {
      event.preventDefault();
      voucherForm(true);
      return;
    }
    if (el.id === "voucher_form_cancel") {
      event.preventDefault();
      voucherForm(false);
      return;
    }
    var form = el.closest("form");
    var behaviour = el.getAttribute("data-behaviours");
    var kind = form && boxes[form.id];
    if (!kind || !behaviour || !kind[behaviour]) return;
    event.preventDefault();
    var box = document.getElementById("id_" + kind.prefix + "-" + el.getAttribute("data-id") + "-" + kind[behaviour]);
    if (!box || busy) return;
    busy = true;
    box.checked = true;
    form.submit();
  });
  if (window.location.hash === "#voucher") voucherForm(true);
})();
