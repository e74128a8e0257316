// Refill a commune <select data-communes-url> whenever its province select changes, and put a
// search box above it: typing "tan phu" keeps only the communes whose names match, with or
// without accents, so nobody scrolls a list of a hundred names on a phone. Without this
// script the plain select still works.
(function () {
    "use strict";
    function fold(text) {
        return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "")
            .replace(/đ/g, "d").replace(/Đ/g, "D").toLowerCase().trim();
    }
    function bind(select) {
        var form = select.form;
        var province = form && form.elements[select.dataset.provinceField];
        if (!province) { return; }
        var placeholder = select.options[0] && !select.options[0].value ? select.options[0] : null;
        var all = [];
        function remember() {
            all = Array.prototype.filter.call(select.options, function (option) { return option.value; })
                .map(function (option) { return {code: option.value, name: option.text, key: fold(option.text)}; });
        }
        var search = null;
        function show(units) {
            var chosen = select.value;
            select.innerHTML = "";
            if (placeholder) { select.appendChild(placeholder); }
            units.forEach(function (unit) {
                select.appendChild(new Option(unit.name, unit.code, false, unit.code === chosen));
            });
            if (units.length === 1) { select.value = units[0].code; }
        }
        function filter() {
            var words = fold(search.value).split(/\s+/).filter(Boolean);
            show(all.filter(function (unit) {
                return words.every(function (word) { return unit.key.indexOf(word) !== -1; });
            }));
        }
        if (select.dataset.searchLabel) {
            search = document.createElement("input");
            search.type = "search";
            search.id = select.id + "-search";
            search.className = "form-control commune-search";
            search.setAttribute("aria-label", select.dataset.searchLabel);
            search.setAttribute("aria-controls", select.id);
            search.placeholder = select.dataset.searchLabel;
            search.autocomplete = "off";
            search.addEventListener("input", filter);
            select.parentNode.insertBefore(search, select);
        }
        remember();
        province.addEventListener("change", function () {
            var url = select.dataset.communesUrl + "?province=" + encodeURIComponent(province.value);
            fetch(url, {headers: {"Accept": "application/json"}})
                .then(function (response) { return response.json(); })
                .then(function (data) {
                    all = data.communes.map(function (unit) {
                        return {code: unit.code, name: unit.name, key: fold(unit.name)};
                    });
                    if (search) { search.value = ""; }
                    show(all);
                });
        });
    }
    document.addEventListener("DOMContentLoaded", function () {
        document.querySelectorAll("select[data-communes-url]").forEach(bind);
    });
})();
