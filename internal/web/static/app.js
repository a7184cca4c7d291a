// Candor recruiter UI enhancements. Every flow works without this file:
// it adds the CSRF header to htmx requests and drag-and-drop on the board.
(function () {
  "use strict";

  function csrfToken() {
    var m = document.querySelector('meta[name="csrf-token"]');
    return m ? m.getAttribute("content") : "";
  }

  // On a phone the filter forms would fill the first screen: fold them
  // unless a filter is in use (the page's query string says so).
  if (window.matchMedia && window.matchMedia("(max-width: 640px)").matches && !window.location.search.replace(/^\?/, "")) {
    document.querySelectorAll("details.filter-box[open]").forEach(function (d) { d.removeAttribute("open"); });
  }

  // "/" focuses the header's quick search (the form works without this).
  document.addEventListener("keydown", function (e) {
    if (e.key !== "/" || e.ctrlKey || e.metaKey || e.altKey) return;
    var t = e.target;
    if (t && (t.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(t.tagName))) return;
    var q = document.getElementById("quick-q");
    if (!q) return;
    e.preventDefault();
    q.focus();
  });

  document.addEventListener("htmx:configRequest", function (e) {
    e.detail.headers["X-CSRF-Token"] = csrfToken();
  });

  function showError(msg) {
    var main = document.getElementById("main");
    if (!main) return;
    var p = document.getElementById("flash");
    if (!p) {
      p = document.createElement("p");
      p.id = "flash";
      main.insertBefore(p, main.firstChild);
    }
    p.className = "flash error";
    p.setAttribute("role", "alert");
    p.textContent = msg;
  }

  function updateCounts(from, to) {
    [from, to].forEach(function (list) {
      var col = list.closest(".column");
      if (!col) return;
      var count = col.querySelector("h2 .count");
      if (count) {
        var delta = list === to ? 1 : -1;
        count.textContent = String(Math.max(0, (parseInt(count.textContent, 10) || 0) + delta));
      }
    });
  }

  // Posts the same form the card's "Move to" button submits. A move that
  // hires (a drop on the hired column) is answered with the server's one
  // hiring question (409 + Candor-Confirm); agreeing posts it again confirmed.
  function move(card, stageId, from, to, oldIndex, confirmed) {
    var id = card.getAttribute("data-application-id");
    var body = new URLSearchParams(); // urlencoded: the handlers parse forms with ParseForm, which skips multipart bodies
    body.append("stage_id", stageId);
    body.append("csrf_token", csrfToken());
    if (confirmed) body.append("confirm", "yes");
    function putBack() { from.insertBefore(card, from.children[oldIndex] || null); }
    fetch("/applications/" + encodeURIComponent(id) + "/move", {
      method: "POST",
      body: body,
      credentials: "same-origin",
      headers: { "HX-Request": "true", "X-CSRF-Token": csrfToken() }
    }).then(function (res) {
      if (res.ok) {
        var sel = card.querySelector("select[name=stage_id]");
        if (sel) sel.value = stageId;
        updateCounts(from, to);
        return;
      }
      return res.text().then(function (msg) {
        if (res.status === 409 && res.headers.get("Candor-Confirm") && !confirmed) {
          if (window.confirm(msg)) {
            move(card, stageId, from, to, oldIndex, true);
          } else {
            putBack();
          }
          return;
        }
        // Errors come as plain text from the UI, or problem+json from the CSRF check.
        try { var p = JSON.parse(msg); msg = p.detail || p.title || msg; } catch (e) { /* plain text */ }
        putBack();
        showError(msg || "The card could not be moved.");
      });
    }).catch(function () {
      putBack();
      showError("The card could not be moved: the server did not answer.");
    });
  }

  function initBoard() {
    if (typeof Sortable === "undefined") return;
    document.querySelectorAll('ol[data-sortable="true"]').forEach(function (list) {
      Sortable.create(list, {
        group: "board",
        draggable: ".app-card",
        filter: "input, select, button, a, label, summary, .menu-panel",
        preventOnFilter: false,
        animation: 120,
        onEnd: function (evt) {
          if (evt.from === evt.to) return;
          move(evt.item, evt.to.getAttribute("data-stage-id"), evt.from, evt.to, evt.oldIndex);
        }
      });
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", initBoard);
  } else {
    initBoard();
  }
})();

// The self-scheduling page shows times in UTC until the visitor picks a
// zone; with JavaScript the browser's own zone is chosen on the first visit
// (the address then carries it, so moving and cancelling keep it).
(function () {
  "use strict";
  var sel = document.querySelector("select[data-detect-tz]");
  if (!sel || /[?&]tz=/.test(location.search) || !window.Intl) return;
  var zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  if (!zone || zone === "UTC") return;
  var u = new URL(location.href);
  u.searchParams.set("tz", zone);
  location.replace(u.toString());
})();
