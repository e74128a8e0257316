// The programme dashboard: changing a filter shows the new figures at once (the button stays
// for keyboard users and for browsers without script).
document.addEventListener("DOMContentLoaded", function () {
  var form = document.getElementById("programme-filters");
  if (!form) {
    return;
  }
  form.querySelectorAll("select").forEach(function (select) {
    select.addEventListener("change", function () {
      form.submit();
    });
  });
});
