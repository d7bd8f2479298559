// The report's filters, search and sorting: the page's one script, allowed by its hash.
// Without it the page is whole: every section shows and the tools stay hidden.
// It reads only attributes the report wrote (data-tags, data-actor, data-groups) and
// the text of the tables' cells; it writes only `hidden`, the order of table rows and
// the address's #fragment, never markup: text goes in by textContent only. State lives
// in the fragment (#q=&tag=&group=&date=&sort=), so a filtered view can be shared as a
// link and a test can open one.
(function () {
  "use strict";
  var tools = document.getElementById("tools");
  if (!tools) return;
  var q = document.getElementById("tool-q");
  var tag = document.getElementById("tool-tag");
  var group = document.getElementById("tool-group");
  var shown = document.getElementById("tool-shown");
  var date = document.getElementById("tool-date");
  var sorted = { table: null, column: 0, down: false };

  function state() {
    var found = {};
    location.hash.replace(/^#/, "").split("&").forEach(function (part) {
      var at = part.indexOf("=");
      if (at <= 0) return;
      var value = part.slice(at + 1);
      try { value = decodeURIComponent(value); } catch (e) { /* a cut link: as typed */ }
      found[part.slice(0, at)] = value;
    });
    return found;
  }

  function save() {
    var parts = [];
    if (q.value) parts.push("q=" + encodeURIComponent(q.value));
    if (tag.value) parts.push("tag=" + encodeURIComponent(tag.value));
    if (group.value) parts.push("group=" + encodeURIComponent(group.value));
    if (date.value && date.selectedIndex !== date.options.length - 1) {
      parts.push("date=" + encodeURIComponent(date.options[date.selectedIndex].text));
    }
    if (sorted.table) parts.push("sort=" + (sorted.down ? "-" : "") + sorted.column);
    var base = location.pathname + location.search;
    if (parts.length) history.replaceState(null, "", base + "#" + parts.join("&"));
    // No filter: the fragment is left as it is, unless it was ours (a link to a
    // section, #agreement, keeps working).
    else if (location.hash.indexOf("=") >= 0) history.replaceState(null, "", base);
  }

  function words(node) {
    return (node.getAttribute("data-tags") || "").split(" ").filter(Boolean);
  }

  function apply() {
    var text = q.value.trim().toLowerCase();
    var issues = document.querySelectorAll("[data-issue-row]");
    var kept = 0;
    issues.forEach(function (node) {
      var title = node.getAttribute("data-title").toLowerCase();
      var ok = (!text || title.indexOf(text) >= 0) && (!tag.value || words(node).indexOf(tag.value) >= 0);
      node.hidden = !ok;
      if (ok && node.tagName === "TR") kept += 1;
    });
    var members = null;
    if (group.value) {
      var chosen = group.options[group.selectedIndex];
      members = (chosen.getAttribute("data-members") || "").split(" ");
    }
    document.querySelectorAll("[data-actor]").forEach(function (node) {
      if (node.closest("svg")) return;  // the pictures stay whole
      node.hidden = members !== null && members.indexOf(node.getAttribute("data-actor")) < 0;
    });
    // A table of positions the actor filter empties says so instead.
    document.querySelectorAll("table.positions").forEach(function (table) {
      var left = table.querySelectorAll("tbody tr:not([hidden])").length;
      var note = table.nextElementSibling;
      table.hidden = left === 0;
      if (note && note.classList.contains("filtered")) note.hidden = left !== 0;
    });
    var rows = document.querySelectorAll("tr[data-issue-row]").length;
    shown.textContent = kept === rows ? "" : kept + " of " + rows + " issues shown";
    save();
  }

  // The date switch: each cell of the table of stances carries its state on the first
  // date and on each date it changes (data-at="i/class/symbol/word/marks/score;..."),
  // made by the report; the state shown is the last one on or before the date chosen.
  function dated() {
    var chosen = parseInt(date.value, 10);
    document.querySelectorAll("td[data-at]").forEach(function (cell) {
      var state = null;
      cell.getAttribute("data-at").split(";").forEach(function (entry) {
        var parts = entry.split("/");
        if (parseInt(parts[0], 10) <= chosen) state = parts;
      });
      if (state === null) return;
      if (state.length === 2) {  // a status
        var status = cell.querySelector(".status");
        status.className = "status " + state[1];
        status.textContent = state[1];
        return;
      }
      cell.className = "st " + state[1];
      cell.setAttribute("data-sort", state[5]);
      cell.querySelector(".sym").textContent = state[2];
      cell.querySelector(".word").textContent = state[3];
      var marks = cell.querySelector(".qual");
      if (!marks && state[4]) {
        marks = document.createElement("span");
        marks.className = "word qual";
        cell.appendChild(document.createTextNode(" "));
        cell.appendChild(marks);
      }
      if (marks) marks.textContent = state[4];
    });
  }

  function sort(table, column, down) {
    var body = table.tBodies[0];
    var rows = Array.prototype.slice.call(body.rows);
    function key(row) {
      var cell = row.cells[column];
      var given = cell ? cell.getAttribute("data-sort") : null;  // a stance: its score
      var text = given !== null ? given : cell ? cell.textContent.trim() : "";
      // A number only when the whole cell is one ("1,234", "-2"): "2030 targets" is text.
      return /^-?[0-9][0-9,]*(\.[0-9]+)?$/.test(text) ? parseFloat(text.replace(/,/g, "")) : text;
    }
    rows.sort(function (a, b) {
      var x = key(a), y = key(b);
      if (x === "" || y === "") return x === y ? 0 : x === "" ? 1 : -1;  // unstated last
      var order;
      if (typeof x !== typeof y) order = typeof x === "number" ? -1 : 1;
      else if (typeof x === "number") order = x < y ? -1 : x > y ? 1 : 0;
      else order = x.localeCompare(y, undefined, { numeric: true, sensitivity: "base" });
      return down ? -order : order;
    });
    rows.forEach(function (row) { body.appendChild(row); });
    table.querySelectorAll("thead th").forEach(function (th, n) {
      th.setAttribute("aria-sort", n === column ? (down ? "descending" : "ascending") : "none");
    });
    sorted = { table: table, column: column, down: down };
  }

  document.querySelectorAll("table.sortable").forEach(function (table) {
    table.querySelectorAll("thead th").forEach(function (th, column) {
      th.tabIndex = 0;
      th.title = "Sort by this column";
      function go() {
        var down = sorted.table === table && sorted.column === column && !sorted.down;
        sort(table, column, down);
        save();
      }
      th.addEventListener("click", go);
      th.addEventListener("keydown", function (event) {
        if (event.key === "Enter" || event.key === " ") { event.preventDefault(); go(); }
      });
    });
  });

  var given = state();
  q.value = given.q || "";
  tag.value = given.tag || "";
  group.value = given.group || "";
  for (var i = 0; i < date.options.length; i++) {
    if (date.options[i].text === given.date) date.selectedIndex = i;
  }
  if (given.sort) {
    var table = document.querySelector("table.sortable");
    var column = Math.abs(parseInt(given.sort, 10)) || 0;
    if (table) sort(table, column, given.sort.charAt(0) === "-");
  }
  [q, tag, group].forEach(function (input) { input.addEventListener("input", apply); });
  date.addEventListener("input", function () { dated(); apply(); });
  tools.hidden = false;
  if (date.options.length) dated();
  apply();
})();
