/* Counts a click on a search result in the query log (search/querylog.py), without delaying it. */
(function () {
  "use strict";
  var box = document.querySelector("[data-search-query]");
  if (!box || !navigator.sendBeacon) return;
  var query = box.getAttribute("data-search-query");
  var url = box.getAttribute("data-click-url");
  if (!query || !url) return;
  box.addEventListener("click", function (event) {
    var link = event.target.closest ? event.target.closest("a[href*='/catalogue/']") : null;
    if (!link || link.closest(".browse-sidebar")) return;
    var body = new FormData();
    body.append("q", query);
    navigator.sendBeacon(url, body);
  });
})();
