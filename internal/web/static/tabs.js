// Tabs for pages whose sections are [data-tabs] .tab-panel: without this
// file CSS shows the panel the address's #fragment names (or holds), and the
// first one otherwise; with it, choosing a tab does not jump the page, and
// the current tab is marked for assistive technology.
(function () {
  "use strict";

  function setup(root) {
    var panels = Array.prototype.slice.call(root.querySelectorAll(".tab-panel"));
    var tabs = Array.prototype.slice.call(root.querySelectorAll(".tab-list a.tab"));
    if (!panels.length) return;

    function panelFor(hash) {
      if (!hash || hash.length < 2) return null;
      var el = document.getElementById(decodeURIComponent(hash.slice(1)));
      if (!el) return null;
      return panels.filter(function (p) { return p === el || p.contains(el); })[0] || null;
    }

    function show(panel) {
      panels.forEach(function (p) { p.classList.toggle("active", p === panel); });
      tabs.forEach(function (t) {
        if (t.getAttribute("href") === "#" + panel.id) t.setAttribute("aria-current", "true");
        else t.removeAttribute("aria-current");
      });
    }

    root.classList.add("js-tabs");
    var first = panelFor(window.location.hash);
    show(first || panels[0]);
    // A tab named in the address opens with the page's header in view
    // (the browser scrolled to the panel itself); a note or field named
    // there keeps its scroll.
    if (first && window.location.hash === "#" + first.id) {
      window.scrollTo(0, 0);
      window.addEventListener("load", function () { window.scrollTo(0, 0); });
    }
    tabs.forEach(function (t) {
      t.addEventListener("click", function (e) {
        var panel = panelFor(t.getAttribute("href"));
        if (!panel) return;
        e.preventDefault();
        show(panel);
        if (window.history && window.history.replaceState) window.history.replaceState(null, "", "#" + panel.id);
      });
    });
    window.addEventListener("hashchange", function () {
      var panel = panelFor(window.location.hash);
      if (panel) show(panel);
    });
  }

  function init() { document.querySelectorAll("[data-tabs]").forEach(setup); }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
