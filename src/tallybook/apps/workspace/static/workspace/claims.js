// The claims list: select every claim on the page at once, and say how many are selected.
(function () {
  "use strict";
  var form = document.getElementById("bulk");
  var all = document.getElementById("select-all");
  var count = document.getElementById("bulk-count");
  if (!form || !all) return;
  var boxes = form.querySelectorAll('input[name="ids"]');
  all.hidden = false;

  function update() {
    var n = 0;
    boxes.forEach(function (b) { if (b.checked) n += 1; });
    all.checked = n > 0 && n === boxes.length;
    all.indeterminate = n > 0 && n < boxes.length;
    count.textContent = n ? n + " selected:" : "Select claims below, then";
  }

  all.addEventListener("change", function () {
    boxes.forEach(function (b) { b.checked = all.checked; });
    update();
  });
  boxes.forEach(function (b) { b.addEventListener("change", update); });
  form.addEventListener("submit", function (event) {
    var n = form.querySelectorAll('input[name="ids"]:checked').length;
    var action = event.submitter ? event.submitter.value : "";
    if (!n) {
      event.preventDefault();
      count.textContent = "Select at least one claim first.";
      return;
    }
    var verb = action === "reject" ? "Reject" : "Accept";
    if (!window.confirm(verb + " " + n + " claim" + (n === 1 ? "" : "s") + "?")) event.preventDefault();
  });
})();
