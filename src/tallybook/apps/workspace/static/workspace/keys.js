// One-key decisions: a key presses the control marked data-key="<key>".
// Keys are ignored while typing in a field, and with Ctrl, Alt or Cmd held.
(function () {
  "use strict";
  document.addEventListener("keydown", function (event) {
    if (event.ctrlKey || event.metaKey || event.altKey || event.repeat) return;
    var target = event.target;
    if (target && target.closest && target.closest("input, textarea, select, [contenteditable]")) return;
    var key = (event.key || "").toLowerCase();
    if (key.length !== 1) return;
    var control = document.querySelector('[data-key="' + key + '"]');
    if (!control) return;
    event.preventDefault();
    control.click();
  });
  // A refused decision comes back as 400 with the reason: show it, as plain forms do.
  document.addEventListener("htmx:beforeSwap", function (event) {
    if (event.detail.xhr.status === 400) {
      event.detail.shouldSwap = true;
      event.detail.isError = false;
    }
  });
  // After the next pair is swapped in, keyboard and screen-reader focus go to its heading.
  document.addEventListener("htmx:afterSwap", function () {
    var heading = document.getElementById("pair-heading");
    if (heading) heading.focus();
  });
})();
