// Refill a commune <select data-communes-url> whenever its province select changes.
(function () {
    "use strict";
    function bind(select) {
        var form = select.form;
        var province = form && form.elements[select.dataset.provinceField];
        if (!province) { return; }
        province.addEventListener("change", function () {
            var url = select.dataset.communesUrl + "?province=" + encodeURIComponent(province.value);
            fetch(url, {headers: {"Accept": "application/json"}})
                .then(function (response) { return response.json(); })
                .then(function (data) {
                    var first = select.options[0];
                    select.innerHTML = "";
                    if (first && !first.value) { select.appendChild(first); }
                    data.communes.forEach(function (unit) {
                        select.appendChild(new Option(unit.name, unit.code));
                    });
                });
        });
    }
    document.addEventListener("DOMContentLoaded", function () {
        document.querySelectorAll("select[data-communes-url]").forEach(bind);
    });
})();
