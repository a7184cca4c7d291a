// @mention autocompletion for note boxes (a textarea inside [data-mentions]).
// Typing "@" and a few letters lists matching colleagues (GET /mentions?q=);
// arrows choose, Enter or Tab inserts "@handle ", Escape closes. Without this
// file, typing the handle by hand works the same.
(function () {
  "use strict";

  var TOKEN = /(^|[^\w@.])@([A-Za-z0-9._%+-]*)$/;

  function setup(box) {
    var ta = box.querySelector("textarea");
    if (!ta) return;
    var url = box.getAttribute("data-mentions");
    var list = document.createElement("ul");
    list.className = "mention-menu";
    list.id = ta.id + "-mentions";
    list.setAttribute("role", "listbox");
    list.setAttribute("aria-label", "Colleagues to mention");
    list.hidden = true;
    box.appendChild(list);
    var status = document.createElement("p");
    status.className = "visually-hidden";
    status.setAttribute("role", "status");
    box.appendChild(status);
    var items = [], active = -1, seq = 0, timer = null;

    function close() {
      list.hidden = true;
      list.textContent = "";
      items = [];
      active = -1;
      ta.removeAttribute("aria-activedescendant");
    }

    function highlight(i) {
      active = i;
      items.forEach(function (li, k) { li.setAttribute("aria-selected", k === i ? "true" : "false"); });
      if (i >= 0) ta.setAttribute("aria-activedescendant", items[i].id);
    }

    function token() {
      var before = ta.value.slice(0, ta.selectionStart);
      var m = TOKEN.exec(before);
      return m ? { start: before.length - m[2].length - 1, q: m[2] } : null;
    }

    function choose(i) {
      var t = token();
      if (!t || !items[i]) return close();
      var handle = items[i].getAttribute("data-handle");
      var end = ta.selectionStart;
      ta.value = ta.value.slice(0, t.start) + "@" + handle + " " + ta.value.slice(end);
      var pos = t.start + handle.length + 2;
      ta.setSelectionRange(pos, pos);
      close();
      ta.focus();
    }

    function show(people) {
      list.textContent = "";
      items = people.map(function (p, k) {
        var li = document.createElement("li");
        li.id = list.id + "-" + k;
        li.setAttribute("role", "option");
        li.setAttribute("data-handle", p.handle);
        var name = document.createElement("bdi");
        name.textContent = p.name;
        var h = document.createElement("span");
        h.className = "muted";
        h.textContent = " @" + p.handle;
        li.appendChild(name);
        li.appendChild(h);
        li.addEventListener("mousedown", function (e) { e.preventDefault(); choose(k); });
        list.appendChild(li);
        return li;
      });
      list.hidden = items.length === 0;
      status.textContent = items.length ? items.length + (items.length === 1 ? " colleague" : " colleagues") + " found; arrows to choose, Enter to mention." : "";
      highlight(items.length ? 0 : -1);
    }

    function lookup() {
      var t = token();
      if (!t) return close();
      var mine = ++seq;
      fetch(url + "?q=" + encodeURIComponent(t.q), { credentials: "same-origin", headers: { Accept: "application/json" } })
        .then(function (r) { return r.ok ? r.json() : []; })
        .then(function (people) { if (mine === seq) show(people || []); })
        .catch(close);
    }

    ta.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(lookup, 120);
    });
    ta.addEventListener("keydown", function (e) {
      if (list.hidden) return;
      if (e.key === "ArrowDown" || e.key === "ArrowUp") {
        e.preventDefault();
        var n = items.length;
        highlight((active + (e.key === "ArrowDown" ? 1 : n - 1)) % n);
      } else if ((e.key === "Enter" || e.key === "Tab") && active >= 0) {
        e.preventDefault();
        choose(active);
      } else if (e.key === "Escape") {
        e.preventDefault();
        close();
      }
    });
    ta.addEventListener("blur", function () { setTimeout(close, 150); });
  }

  function init() { document.querySelectorAll("[data-mentions]").forEach(setup); }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
