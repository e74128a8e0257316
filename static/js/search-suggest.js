/* Autocomplete for the header search box: asks /shop/search/suggest/ as the visitor types. */
(function () {
  "use strict";
  var input = document.getElementById("site-search-q");
  if (!input || !window.fetch) return;
  var url = input.getAttribute("data-suggest-url");
  if (!url) return;
  var list = document.createElement("ul");
  list.id = "site-search-suggestions";
  list.className = "search-suggest list-unstyled";
  list.setAttribute("role", "listbox");
  list.hidden = true;
  input.parentNode.appendChild(list);
  input.setAttribute("role", "combobox");
  input.setAttribute("aria-autocomplete", "list");
  input.setAttribute("aria-controls", list.id);
  input.setAttribute("aria-expanded", "false");
  var timer = null, active = -1, last = "";

  function close() {
    list.hidden = true; list.innerHTML = ""; active = -1;
    input.setAttribute("aria-expanded", "false");
  }
  function option(item, index) {
    var li = document.createElement("li");
    li.setAttribute("role", "option");
    li.id = "site-search-option-" + index;
    var a = document.createElement("a");
    a.href = item.url;
    a.textContent = item.title;
    if (item.stars) {
      var badge = document.createElement("span");
      badge.className = "ocop-badge ocop-badge--certified";
      badge.textContent = "OCOP " + item.stars + "\u2605";
      a.appendChild(document.createTextNode(" "));
      a.appendChild(badge);
    }
    if (item.label) {
      var kind = document.createElement("small");
      kind.className = "text-muted";
      kind.textContent = " \u00b7 " + item.label;
      a.appendChild(kind);
    }
    li.appendChild(a);
    return li;
  }
  function show(data) {
    var items = data.products.concat(data.others || []);
    list.innerHTML = "";
    items.forEach(function (item, i) { list.appendChild(option(item, i)); });
    list.hidden = items.length === 0;
    input.setAttribute("aria-expanded", items.length ? "true" : "false");
  }
  input.addEventListener("input", function () {
    var q = input.value.trim();
    clearTimeout(timer);
    if (q.length < 2) { close(); return; }
    timer = setTimeout(function () {
      if (q === last) return;
      last = q;
      fetch(url + "?q=" + encodeURIComponent(q), { headers: { Accept: "application/json" } })
        .then(function (r) { return r.ok ? r.json() : { products: [] }; })
        .then(function (data) { if (input.value.trim() === q) show(data); })
        .catch(close);
    }, 150);
  });
  input.addEventListener("keydown", function (event) {
    var options = list.querySelectorAll("[role=option]");
    if (!options.length) return;
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      event.preventDefault();
      active = (active + (event.key === "ArrowDown" ? 1 : -1) + options.length) % options.length;
      options.forEach(function (o, i) { o.classList.toggle("is-active", i === active); o.setAttribute("aria-selected", i === active); });
      input.setAttribute("aria-activedescendant", options[active].id);
    } else if (event.key === "Enter" && active >= 0) {
      event.preventDefault();
      window.location = options[active].querySelector("a").href;
    } else if (event.key === "Escape") {
      close();
    }
  });
  document.addEventListener("click", function (event) { if (!list.contains(event.target) && event.target !== input) close(); });
})();
