// The report's filters, search and sorting: the page's one script, allowed by its hash.
// Without it the page is whole: every section shows and the tools stay hidden.
// It reads only attributes the report wrote (data-tags, data-actor, data-issues...) and
// the text of the tables' cells; it writes only `hidden`, the order of table rows and
// the address's #fragment, never markup: text goes in by textContent only. State lives
// in the fragment (#q=&tag=&group=&date=&sort=&issue=&pair=), so a filtered view can be
// shared as a link and a test can open one.
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
  var picked = { issue: null, pair: null };  // the detail shown (a summary page's)

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
      parts.push("date=" + encodeURIComponent(date.options[date.selectedIndex].getAttribute("data-day")));
    }
    if (sorted.table) parts.push("sort=" + (sorted.down ? "-" : "") + sorted.column);
    if (picked.issue !== null) parts.push("issue=" + encodeURIComponent(picked.issue));
    if (picked.pair !== null) parts.push("pair=" + picked.pair.map(encodeURIComponent).join(","));
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
      // One actor's agreement: its row, against every column.
      var against = members !== null && members.length === 1 && node.tagName !== "TR" &&
        node.closest("table.agreement");
      node.hidden = !against && members !== null &&
        members.indexOf(node.getAttribute("data-actor")) < 0;
    });
    // A table of positions the actor filter empties says so instead.
    document.querySelectorAll("table.positions").forEach(function (table) {
      var left = table.querySelectorAll("tbody tr:not([hidden])").length;
      var note = table.closest("[data-dates], section").querySelector("p.filtered");
      table.hidden = left === 0;
      if (note && note.classList.contains("filtered")) note.hidden = left !== 0;
    });
    // The brief's items: each stays while one of its issues and one of its actors is
    // shown (an item about no issue, or no actor, is not narrowed by that filter).
    var shownIssues = {};
    document.querySelectorAll("tr[data-issue-row]").forEach(function (row) {
      if (!row.hidden) shownIssues[row.getAttribute("data-issue")] = true;
    });
    document.querySelectorAll(".briefing li").forEach(function (item) {
      var about = (item.getAttribute("data-issues") || "").split(" ").filter(Boolean);
      var who = (item.getAttribute("data-actors") || "").split(" ").filter(Boolean);
      var issueOk = !about.length || about.some(function (id) { return shownIssues[id]; });
      var actorOk = members === null || !who.length ||
        who.some(function (id) { return members.indexOf(id) >= 0; });
      item.hidden = !(issueOk && actorOk);
    });
    // A brief's section the filters empty says so (its heading's count is the whole's).
    var narrowed = Boolean(text || tag.value || group.value);
    document.querySelectorAll(".briefing p.filtered").forEach(function (note) {
      var part = note.parentNode;
      var items = part.querySelectorAll("li");
      var left = part.querySelectorAll("li:not([hidden])").length;
      note.hidden = left > 0;
      // Its heading's count: the whole's, and how many the filters leave.
      var count = part.querySelector(".count");
      var whole = count.getAttribute("data-count");
      count.textContent = narrowed && left < items.length ?
        "(" + left.toLocaleString("en") + " shown of " + whole + ")" : "(" + whole + ")";
    });
    document.querySelectorAll("p.narrowed").forEach(function (note) { note.hidden = !narrowed; });
    document.querySelectorAll("p.grouped").forEach(function (note) { note.hidden = !group.value; });
    // What is shown, and by which filters: on paper the tools are gone, this stays.
    var rows = document.querySelectorAll("tr[data-issue-row]").length;
    var by = [];
    if (text) by.push("titles with \u201c" + q.value.trim() + "\u201d");
    if (tag.value) by.push("tag " + tag.value);
    if (group.value) by.push("actors: " + group.options[group.selectedIndex].text);
    var count = kept === rows ? "all " + rows.toLocaleString("en") + " issues shown" :
      kept.toLocaleString("en") + " of " + rows.toLocaleString("en") + " issues shown";
    shown.textContent = by.length ? count + ": " + by.join(", ") : "";
    save();
  }

  // The date switch: each cell of the table of stances carries its state on the first
  // date and on each date it changes (data-at="i/class/symbol/word/marks/score;..."),
  // made by the report; the state shown is the last one on or before the date chosen.
  function dated() {
    var chosen = parseInt(date.value, 10);
    // An issue's line, sides and positions on each run of dates (data-dates="i-j").
    document.querySelectorAll("[data-dates]").forEach(function (node) {
      var run = node.getAttribute("data-dates").split("-");
      node.hidden = chosen < parseInt(run[0], 10) || chosen > parseInt(run[1], 10);
    });
    // What stays at the last date says so, beside the switch and where it is shown.
    document.querySelectorAll("#tool-date-note, .stays").forEach(function (node) {
      node.hidden = chosen === date.options.length - 1;
    });
    document.querySelectorAll("[data-at]").forEach(function (cell) {
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

  // A summary's detail on demand (html._detail): one issue's stances, or the issues on
  // which two actors stand furthest apart, drawn from the page's data block (a letter
  // per actor and issue) into elements made here, text by textContent only.
  var detail = document.getElementById("detail-tools");
  var data = detail ? JSON.parse(document.getElementById("detail-data").textContent) : null;
  var MOST = 100;  // rows of a pair's table; the rest are counted

  function make(tag, text, css) {
    var node = document.createElement(tag);
    if (text !== undefined) node.textContent = text;
    if (css) node.className = css;
    return node;
  }

  function said(letter) {  // [symbol, words, class] of a cell's letter
    if (letter === ".") return [data.unstated[0], data.unstated[1], "unstated"];
    if (letter === "-") return [data.not_party[0], data.not_party[1], "not-party"];
    var stance = data.stances[letter.toLowerCase()];
    var words = stance[1] + (letter !== letter.toLowerCase() ? ", conditional" : "");
    return [stance[0], words, stance[2]];
  }

  function stanceCell(letter) {
    var shown = said(letter);
    var cell = make("td", undefined, "st " + shown[2]);
    cell.appendChild(make("span", shown[0], "sym"));
    cell.appendChild(document.createTextNode(" "));
    cell.appendChild(make("span", shown[1], "word"));
    return cell;
  }

  function score(letter) {  // -2..2, or null for an unstated actor or one not a party
    var at = "abcde".indexOf(letter.toLowerCase());
    return at < 0 ? null : at - 2;
  }

  function counted(letter) {  // as the agreement counts it: a conditional stance not
    return letter === letter.toLowerCase() ? score(letter) : null;
  }

  function table(caption, heads) {
    var node = make("table", undefined, "detail");
    node.appendChild(make("caption", caption));
    var row = node.appendChild(make("thead")).appendChild(make("tr"));
    heads.forEach(function (head) { row.appendChild(make("th", head)).scope = "col"; });
    node.appendChild(make("tbody"));
    return node;
  }

  function showIssue(n) {
    var place = document.getElementById("detail-issue");
    place.textContent = "";
    picked.issue = n === null ? null : data.issues[n][0];
    if (n === null) return;
    var cells = data.cells[n];
    var order = data.actors.map(function (actor, k) { return k; });
    order.sort(function (x, y) {  // the most in favour first, then unstated, not a party
      var a = score(cells[x]), b = score(cells[y]);
      if (a === null || b === null) {
        if (a !== b) return a === null ? 1 : -1;
        return (cells[x] === "-") - (cells[y] === "-") || x - y;
      }
      return b - a || x - y;
    });
    var shown = table(data.issues[n][1] + " (" + data.issues[n][0] + "): each actor's stance",
      ["Actor", "Stance"]);
    order.forEach(function (k) {
      var row = shown.tBodies[0].appendChild(make("tr"));
      row.appendChild(make("th", data.actors[k][1])).scope = "row";
      row.appendChild(stanceCell(cells[k]));
    });
    place.appendChild(shown);
  }

  function matches(text) {  // places of the issues `text` names: its id, else titles
    var wanted = text.trim().toLowerCase(), found = [];
    if (!wanted) return found;
    for (var n = 0; n < data.issues.length; n++) {
      if (data.issues[n][0] === wanted) return [n];
    }
    for (n = 0; n < data.issues.length && found.length <= 10; n++) {
      if (data.issues[n][1].toLowerCase().indexOf(wanted) >= 0) found.push(n);
    }
    return found;
  }

  function search() {
    var found = matches(detailQ.value), list = document.getElementById("detail-matches");
    list.textContent = "";
    var more = found.length > 10;
    found.slice(0, 10).forEach(function (n) {
      var button = make("button", data.issues[n][1] + " (" + data.issues[n][0] + ")");
      button.type = "button";
      button.addEventListener("click", function () { showIssue(n); save(); });
      list.appendChild(make("li")).appendChild(button);
    });
    document.getElementById("detail-found").textContent = !detailQ.value.trim() ? ""
      : found.length === 0 ? "no issue found" : more ? "the first 10 found" : "";
    if (found.length === 1) showIssue(found[0]);
    else if (!found.length) showIssue(null);  // nothing found: no stale table
  }

  function showPair() {
    var place = document.getElementById("detail-pair");
    place.textContent = "";
    var i = pickA.selectedIndex, j = pickB.selectedIndex;
    picked.pair = i > 0 && j > 0 ? [data.actors[i - 1][0], data.actors[j - 1][0]] : null;
    if (picked.pair === null) return;
    i -= 1; j -= 1;
    if (i === j) { place.appendChild(make("p", "Choose two different actors.", "note")); return; }
    var low = Math.min(i, j), high = Math.max(i, j), n = data.actors.length;
    var pair = data.pairs[low * (2 * n - low - 1) / 2 + (high - low - 1)];
    var names = [data.actors[i][1], data.actors[j][1]];
    place.appendChild(make("p", names[0] + " and " + names[1] + ": agreement " + pair[0] +
      " over " + pair[1].toLocaleString("en") + " issues both stated (conditional stances aside, as the heat map counts them).",
      "note"));
    var apart = [];
    data.cells.forEach(function (cells, k) {
      var a = counted(cells[i]), b = counted(cells[j]);
      if (a !== null && b !== null && a !== b) apart.push([Math.abs(a - b), k]);
    });
    apart.sort(function (x, y) { return y[0] - x[0] || x[1] - y[1]; });
    if (!apart.length) { place.appendChild(make("p", "They stand apart on no issue.", "note")); return; }
    var shown = table("Issues on which they stand apart, furthest first: " +
      Math.min(apart.length, MOST) + " of " + apart.length.toLocaleString("en"),
      ["Issue", names[0], names[1]]);
    apart.slice(0, MOST).forEach(function (entry) {
      var k = entry[1], row = shown.tBodies[0].appendChild(make("tr"));
      row.appendChild(make("th", data.issues[k][1] + " (" + data.issues[k][0] + ")")).scope = "row";
      row.appendChild(stanceCell(data.cells[k][i]));
      row.appendChild(stanceCell(data.cells[k][j]));
    });
    place.appendChild(shown);
  }

  var detailQ, pickA, pickB;
  if (detail) {
    detailQ = document.getElementById("detail-q");
    pickA = document.getElementById("detail-a");
    pickB = document.getElementById("detail-b");
    [pickA, pickB].forEach(function (pick) {
      pick.appendChild(make("option", "choose an actor")).value = "";
      data.actors.forEach(function (actor) { pick.appendChild(make("option", actor[1])).value = actor[0]; });
      pick.addEventListener("input", function () { showPair(); save(); });
    });
    detailQ.addEventListener("input", function () { search(); save(); });
  }

  var given = state();
  q.value = given.q || "";
  tag.value = given.tag || "";
  group.value = given.group || "";
  [tag, group].forEach(function (list) {  // a value the page does not offer: the first
    if (list.selectedIndex < 0) list.selectedIndex = 0;
  });
  // A date the list names; else, as --as-of does, the last on or before it (ISO
  // dates compare as text); before them all, the first.
  if (given.date) {
    var at = -1;
    for (var i = 0; i < date.options.length; i++) {
      var day = date.options[i].getAttribute("data-day");
      if (day === given.date) { at = i; break; }  // the first of a day (not "latest")
      if (day <= given.date) at = i;
    }
    if (date.options.length) date.selectedIndex = Math.max(at, 0);
  }
  if (date.options.length) dated();  // before sorting: the rows sort by the date's stances
  if (given.sort) {
    var table = document.querySelector("table.sortable");
    var column = Math.abs(parseInt(given.sort, 10)) || 0;
    if (table) sort(table, column, given.sort.charAt(0) === "-");
  }
  [q, tag, group].forEach(function (input) { input.addEventListener("input", apply); });
  date.addEventListener("input", function () {
    dated();
    if (sorted.table) sort(sorted.table, sorted.column, sorted.down);  // by the new stances
    apply();
  });
  // A link within the page scrolls to its target and keeps the view's state in the
  // address (a bare #issue-x would drop the date and the filters).
  document.addEventListener("click", function (event) {
    var link = event.target.closest ? event.target.closest("a[href^='#']") : null;
    if (!link || event.defaultPrevented) return;
    var id = decodeURIComponent(link.getAttribute("href").slice(1));
    if (id.indexOf("=") >= 0) return;  // a detail's #issue=ID: the address is the state
    var target = document.getElementById(id);
    if (!target) return;
    event.preventDefault();
    if (!target.hasAttribute("tabindex")) target.setAttribute("tabindex", "-1");
    target.focus({ preventScroll: true });
    target.scrollIntoView();
  });
  // The detail the address names (#issue=ID&pair=A,B), on load and when a link (a
  // summary row's title) changes the address.
  function picks(wanted) {
    for (var k = 0; wanted.issue && k < data.issues.length; k++) {
      if (data.issues[k][0] === wanted.issue) { detailQ.value = wanted.issue; showIssue(k); }
    }
    var ids = data.actors.map(function (actor) { return actor[0]; });
    var pair = (wanted.pair || "").split(",");
    if (pair.length === 2 && ids.indexOf(pair[0]) >= 0 && ids.indexOf(pair[1]) >= 0) {
      pickA.selectedIndex = ids.indexOf(pair[0]) + 1;
      pickB.selectedIndex = ids.indexOf(pair[1]) + 1;
      showPair();
    }
  }
  if (detail) {
    detail.hidden = false;
    picks(given);
    window.addEventListener("hashchange", function () {
      var wanted = state();
      if (!wanted.issue && !wanted.pair) return;  // a link to a section
      picks(wanted);
      save();  // the filters' state back in the address beside it
      detail.scrollIntoView();
    });
  }
  tools.hidden = false;
  apply();
})();
