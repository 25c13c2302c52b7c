// Optional: a filter box above long tables. Everything works without it.
(function () {
  "use strict";
  document.querySelectorAll("table.filterable").forEach(function (table, n) {
    var rows = table.tBodies[0] ? table.tBodies[0].rows : [];
    if (rows.length < 12) return;
    var label = document.createElement("label");
    label.className = "filter";
    label.textContent = "Filter these rows: ";
    var input = document.createElement("input");
    input.type = "search";
    input.id = "filter-" + n;
    label.appendChild(input);
    table.parentNode.insertBefore(label, table);
    input.addEventListener("input", function () {
      var q = input.value.trim().toLowerCase();
      for (var i = 0; i < rows.length; i++) {
        rows[i].hidden = q !== "" && rows[i].textContent.toLowerCase().indexOf(q) < 0;
      }
    });
  });
})();
