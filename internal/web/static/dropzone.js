// Drop files on a [data-dropzone] form: they become the form's file input
// and the form is sent, as if chosen and submitted by hand (which works
// without this file).
(function () {
  "use strict";

  function setup(form) {
    var input = form.querySelector('input[type="file"]');
    if (!input || typeof DataTransfer === "undefined") return;
    var depth = 0;
    form.addEventListener("dragenter", function (e) { e.preventDefault(); depth++; form.classList.add("dragging"); });
    form.addEventListener("dragover", function (e) { e.preventDefault(); e.dataTransfer.dropEffect = "copy"; });
    form.addEventListener("dragleave", function () { if (--depth <= 0) { depth = 0; form.classList.remove("dragging"); } });
    form.addEventListener("drop", function (e) {
      e.preventDefault();
      depth = 0;
      form.classList.remove("dragging");
      var files = e.dataTransfer && e.dataTransfer.files;
      if (!files || !files.length) return;
      var dt = new DataTransfer();
      for (var i = 0; i < files.length; i++) dt.items.add(files[i]);
      input.files = dt.files;
      form.classList.add("sending");
      if (form.requestSubmit) form.requestSubmit(); else form.submit();
    });
  }

  function init() { document.querySelectorAll("[data-dropzone]").forEach(setup); }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
