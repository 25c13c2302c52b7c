/* The live board without reloading: new items, counters and map points from the
   server's event stream. The page works without this script; nothing third-party. */
(function () {
  "use strict";
  var board = document.getElementById("live-board");
  if (!board || !window.EventSource) return;

  var MAX_ITEMS = 50;
  var list = document.getElementById("live-items");
  var status = document.getElementById("live-status");
  var map = document.getElementById("live-map");
  var points = document.getElementById("live-points");
  var state = JSON.parse(document.getElementById("live-state").textContent);
  var groups = new Set(state.groups);
  var places = new Set(state.places);
  var kx = parseFloat(map.getAttribute("data-kx")) || 1;
  var unit = parseFloat(map.getAttribute("data-unit")) || 1;
  var lastId = parseInt(board.getAttribute("data-last-id"), 10) || 0;

  function setStatus(text, cls) {
    status.textContent = text;
    status.className = "live-status " + cls;
  }

  function el(tag, cls, text) {
    var node = document.createElement(tag);
    if (cls) node.className = cls;
    if (text) node.textContent = text; // text only: contributors' words are never HTML
    return node;
  }

  function fmt(n) { return Number(n).toLocaleString("en"); }

  function countLabel(kind, d) {
    if (kind === "checkin") return typeof d.attendance === "number" ? fmt(d.attendance) + " present" : "";
    if (kind !== "claim") return "";
    var lo = d.min, hi = d.max, number;
    if (lo != null && hi != null) number = lo === hi ? fmt(lo) : fmt(lo) + "\u2013" + fmt(hi);
    else if (lo != null) number = "at least " + fmt(lo);
    else if (hi != null) number = "up to " + fmt(hi);
    else number = "an unknown number of";
    return (number + " " + ((d.unit || "") + " " + (d.category || "")).trim()).trim();
  }

  function when(iso) { return iso && iso.length >= 16 ? iso.slice(0, 10) + " " + iso.slice(11, 16) + " UTC" : iso || ""; }

  function render(kind, d) {
    var li = el("li", "item item-" + kind + " new");
    li.id = "item-" + d.id;
    li.setAttribute("data-id", d.id);
    li.setAttribute("data-kind", kind);
    if (typeof d.attendance === "number") li.setAttribute("data-attendance", d.attendance);
    if (d.place && d.place.key) li.setAttribute("data-place", d.place.key);
    var head = el("p", "item-head");
    head.appendChild(el("span", "kind", kind === "checkin" ? "check-in" : kind));
    if (d.group && d.group.name) head.appendChild(el("span", "group", d.group.name));
    var place = (d.place && d.place.name) || d.place_name;
    if (place) head.appendChild(el("span", "place", place));
    var time = el("time", "", when(d.published_at));
    time.setAttribute("datetime", d.published_at || "");
    head.appendChild(time);
    li.appendChild(head);
    var count = countLabel(kind, d);
    if (count) li.appendChild(el("p", "count", count));
    if (d.text) li.appendChild(el("p", "text-body", d.text));
    if (d.quote) li.appendChild(el("blockquote", "", d.quote));
    var src = d.source || {};
    var title = src.title || src.publisher;
    if (d.claimant || title) {
      var p = el("p", "src", d.claimant ? "as " + d.claimant + " says" : "");
      if (title) {
        p.appendChild(document.createTextNode(" \u00b7 "));
        if (/^https?:\/\//.test(src.url || "")) {
          var a = el("a", "", title);
          a.href = src.url;
          a.rel = "noopener noreferrer";
          p.appendChild(a);
        } else {
          p.appendChild(document.createTextNode(title));
        }
      }
      li.appendChild(p);
    }
    return li;
  }

  function bump(name, by) {
    var node = board.querySelector('[data-counter="' + name + '"]');
    if (node) node.textContent = String((parseInt(node.textContent.replace(/\D/g, ""), 10) || 0) + by);
  }

  var placeList = document.getElementById("live-places");

  function listPlace(place, items) {
    var row = placeList.querySelector('[data-key="' + CSS.escape(place.key) + '"]');
    if (!row) {
      var none = placeList.querySelector(".muted:not(span)");
      if (none) none.remove();
      row = el("li", "", place.name + " ");
      row.setAttribute("data-key", place.key);
      row.appendChild(el("span", "muted", ""));
      placeList.appendChild(row);
    }
    row.querySelector("span").textContent = String(items);
  }

  // Fit the view to every point, as the server does (margins, at least 8 degrees), and
  // size the dots for the new view. Only when a point falls outside the current view.
  function refit() {
    var dots = points.querySelectorAll("circle"), xs = [], ys = [], most = 1;
    dots.forEach(function (d) {
      xs.push(parseFloat(d.getAttribute("cx")));
      ys.push(parseFloat(d.getAttribute("cy")));
      most = Math.max(most, parseInt(d.getAttribute("data-items"), 10) || 1);
    });
    if (!xs.length) return;
    function pad(lo, hi, min) {
      var span = Math.max(hi - lo, min), mid = (lo + hi) / 2;
      return [mid - span * 0.62, span * 1.24];
    }
    var x = pad(Math.min.apply(null, xs), Math.max.apply(null, xs), 8 * kx);
    var y = pad(Math.min.apply(null, ys), Math.max.apply(null, ys), 8);
    map.setAttribute("viewBox", [x[0], y[0], x[1], y[1]].join(" "));
    unit = Math.max(x[1], y[1]) / 100;
    map.querySelector(".grid").setAttribute("stroke-width", unit / 8);
    dots.forEach(function (d) {
      var items = parseInt(d.getAttribute("data-items"), 10) || 1;
      d.setAttribute("r", unit * (0.8 + 1.6 * Math.sqrt(items / most)));
    });
  }

  function outside(x, y) {
    var v = map.getAttribute("viewBox").split(/\s+/).map(parseFloat);
    return x < v[0] || y < v[1] || x > v[0] + v[2] || y > v[1] + v[3] || !state.places.length;
  }

  function plot(place) {
    if (!place || place.lat == null || place.lon == null) return;
    var dot = points.querySelector('[data-key="' + CSS.escape(place.key) + '"]');
    if (dot) {
      var items = (parseInt(dot.getAttribute("data-items"), 10) || 0) + 1;
      dot.setAttribute("data-items", items);
      dot.querySelector("title").textContent = place.name + ": " + items + " items";
      dot.classList.add("new");
      listPlace(place, items);
      return;
    }
    var ns = "http://www.w3.org/2000/svg";
    dot = document.createElementNS(ns, "circle");
    dot.setAttribute("class", "point new");
    dot.setAttribute("data-key", place.key);
    dot.setAttribute("data-items", "1");
    dot.setAttribute("cx", place.lon * kx);
    dot.setAttribute("cy", -place.lat);
    dot.setAttribute("r", unit * 1.2);
    var t = document.createElementNS(ns, "title");
    t.textContent = place.name + ": 1 item";
    dot.appendChild(t);
    points.appendChild(dot);
    listPlace(place, 1);
    if (outside(place.lon * kx, -place.lat)) refit();
  }

  // One item fewer at a place: the dot and the list shrink, and go at none.
  function unplot(key) {
    var dot = points.querySelector('[data-key="' + CSS.escape(key) + '"]');
    var row = placeList.querySelector('[data-key="' + CSS.escape(key) + '"]');
    var items = dot ? (parseInt(dot.getAttribute("data-items"), 10) || 1) - 1 : 0;
    if (items > 0) {
      dot.setAttribute("data-items", items);
      var name = row ? row.firstChild.textContent.trim() : key;
      dot.querySelector("title").textContent = name + ": " + items + (items === 1 ? " item" : " items");
      if (row) row.querySelector("span").textContent = String(items);
      return;
    }
    if (dot) dot.remove();
    if (row) row.remove();
    if (places.has(key)) { places.delete(key); bump("places", -1); }
  }

  // A withdrawn item leaves the list, its count and its place. The count of distinct
  // groups is left as it is (other items may share the group); a reload counts it afresh.
  function onRetraction(e) {
    var d;
    try { d = JSON.parse(e.data); } catch (err) { return; }
    if (!d || typeof d.id !== "number" || d.id <= lastId) return;
    lastId = d.id;
    var item = document.getElementById("item-" + d.retracts);
    if (!item) return;
    var kind = item.getAttribute("data-kind");
    bump(kind === "checkin" ? "checkins" : kind === "claim" ? "claims" : "reports", -1);
    var n = parseInt(item.getAttribute("data-attendance"), 10);
    if (n) bump("attendance", -n);
    var key = item.getAttribute("data-place");
    if (key) unplot(key);
    item.remove();
    setStatus("live · an item was withdrawn: " + (d.reason || ""), "on");
  }

  function onEvent(e) {
    var d;
    try { d = JSON.parse(e.data); } catch (err) { return; }
    if (!d || typeof d.id !== "number" || d.id <= lastId) return; // already shown
    lastId = d.id;
    var empty = list.querySelector(".empty");
    if (empty) empty.remove();
    list.insertBefore(render(e.type, d), list.firstChild);
    while (list.children.length > MAX_ITEMS) list.removeChild(list.lastChild);
    bump(e.type === "checkin" ? "checkins" : e.type === "claim" ? "claims" : "reports", 1);
    if (e.type === "checkin" && typeof d.attendance === "number") bump("attendance", d.attendance);
    if (d.group && d.group.name && !groups.has(d.group.name)) { groups.add(d.group.name); bump("groups", 1); }
    if (d.place && d.place.key && !places.has(d.place.key)) { places.add(d.place.key); bump("places", 1); }
    plot(d.place);
  }

  var source = new EventSource(board.getAttribute("data-stream") + "?after=" + lastId);
  ["report", "checkin", "claim"].forEach(function (kind) { source.addEventListener(kind, onEvent); });
  source.addEventListener("retraction", onRetraction);
  source.onopen = function () { setStatus("live", "on"); };
  source.onerror = function () { setStatus("reconnecting\u2026", "off"); };
})();
