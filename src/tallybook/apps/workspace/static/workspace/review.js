// The review queue's keyboard: one key per decision. Without this file the
// page still works as plain forms and links.
(function () {
  "use strict";
  document.documentElement.classList.add("keys");

  var panel = document.getElementById("review-panel");
  var status = document.getElementById("review-status");
  var dialog = document.getElementById("shortcuts");
  var busy = false;
  var dirty = false;

  function say(text, isError) {
    if (!status) return;
    var p = document.createElement("p");
    if (isError) p.className = "error";
    p.textContent = text;
    status.replaceChildren(p);
  }

  function typing(el) {
    if (!el || el === document.body) return false;
    var tag = el.tagName;
    return tag === "INPUT" || tag === "TEXTAREA" || tag === "SELECT" || el.isContentEditable;
  }

  function press(key) {
    var target = panel && panel.querySelector('[data-key="' + key + '"]');
    if (!target || busy) return false;
    target.click();
    return true;
  }

  function showSpan() {
    // Scroll the claim's words to the middle of the text box, not the page.
    var box = panel && panel.querySelector(".text.context");
    var mark = box && box.querySelector("mark.span");
    if (mark) box.scrollTop = Math.max(0, mark.offsetTop - box.clientHeight / 2);
  }

  function focusPanel() {
    if (!panel) return;
    showSpan();
    var invalid = panel.querySelector('[aria-invalid="true"]');
    var title = panel.querySelector("#claim-title");
    (invalid || title || panel).focus();
    dirty = !!invalid; // the typed values are still there, unsaved
  }

  function openShortcuts() {
    if (dialog && !dialog.open && dialog.showModal) dialog.showModal();
  }

  showSpan();

  document.addEventListener("click", function (event) {
    if (event.target.closest("[data-shortcuts]")) openShortcuts();
  });

  document.addEventListener("input", function (event) {
    if (event.target.closest(".review-form")) dirty = true;
  });

  document.addEventListener("keydown", function (event) {
    if (dialog && dialog.open) return; // the dialog handles Esc itself
    var el = event.target;
    if (event.key === "Enter" && (event.ctrlKey || event.metaKey) && el.closest && el.closest(".review-form")) {
      event.preventDefault();
      press("s");
      return;
    }
    if (typing(el)) {
      if (event.key === "Escape") el.blur(); // leave the field: keys work again
      return;
    }
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    var key = event.key;
    var done = false;
    if (key === "?") {
      openShortcuts();
      done = true;
    } else if (key === "e") {
      var first = panel && panel.querySelector(".review-form .field input, .review-form .field select");
      if (first) {
        first.focus();
        if (first.select) first.select();
        done = true;
      }
    } else if (key === "a" || key === "r") {
      if (dirty && key === "a") {
        say("You have unsaved edits: press s to save them, or reload to drop them.", true);
        done = true;
      } else {
        done = press(key);
      }
    } else if (key === "s" || key === "v") {
      done = press(key);
    } else if (key === "j" || key === "n") {
      done = press("j");
    } else if (key === "k" || key === "p") {
      done = press("k");
    }
    if (done) event.preventDefault();
  });

  // New content gets its htmx behaviour when it settles: no settle delay, and
  // no keys until then, or a key could follow a bare link past htmx.
  if (window.htmx) window.htmx.config.defaultSettleDelay = 0;
  document.addEventListener("htmx:beforeRequest", function () {
    busy = true;
  });
  document.addEventListener("htmx:afterRequest", function (event) {
    if (!event.detail.successful) busy = false;
  });
  // After settling, not after swapping: htmx restores the old focus in between.
  document.addEventListener("htmx:afterSettle", function (event) {
    busy = false;
    if (event.detail.target === panel) focusPanel();
  });
  document.addEventListener("htmx:responseError", function (event) {
    var xhr = event.detail.xhr;
    var why = xhr.status === 403 ? "You may not do this: " + xhr.responseText : "The server answered " + xhr.status + ".";
    say("Nothing was saved. " + why, true);
  });
  document.addEventListener("htmx:sendError", function () {
    say("Nothing was saved: the server could not be reached. Try again.", true);
  });
})();
