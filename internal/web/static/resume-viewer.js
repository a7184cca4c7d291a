// Renders PDF resumes on the candidate page with the vendored pdf.js, page
// by page into canvases (Chromium shows a blank frame for a sandboxed PDF).
// Each .pdf-view names its document (data-src) and the pdf.js files
// (data-pdfjs, data-worker); without JavaScript the block keeps its link and
// the resume's text. Panels htmx swaps in are rendered too.
(function () {
  "use strict";

  var lib = null;

  function load(view) {
    if (!lib) {
      lib = import(view.getAttribute("data-pdfjs")).then(function (pdfjs) {
        pdfjs.GlobalWorkerOptions.workerSrc = view.getAttribute("data-worker");
        return pdfjs;
      });
    }
    return lib;
  }

  function scan(root) {
    (root || document).querySelectorAll(".pdf-view[data-src]:not([data-rendering])").forEach(function (view) {
      view.setAttribute("data-rendering", "true");
      load(view).then(function (pdfjs) { return render(pdfjs, view); }).catch(function () {
        view.classList.add("pdf-failed");
      });
    });
  }

  function render(pdfjs, view) {
    var pages = view.querySelector(".pdf-pages");
    var name = view.getAttribute("data-name") || "resume";
    return pdfjs.getDocument({ url: view.getAttribute("data-src"), withCredentials: true }).promise.then(function (doc) {
      var chain = Promise.resolve();
      var max = Math.min(doc.numPages, 20);
      for (var i = 1; i <= max; i++) {
        chain = chain.then(page.bind(null, doc, i));
      }
      return chain.then(function () { view.classList.add("pdf-ready"); });
    });

    function page(doc, n) {
      return doc.getPage(n).then(function (p) {
        var width = pages.clientWidth || 600;
        var scale = width / p.getViewport({ scale: 1 }).width;
        var vp = p.getViewport({ scale: scale * (window.devicePixelRatio || 1) });
        var canvas = document.createElement("canvas");
        canvas.width = Math.floor(vp.width);
        canvas.height = Math.floor(vp.height);
        canvas.className = "pdf-page";
        canvas.setAttribute("role", "img");
        canvas.setAttribute("aria-label", name + ", page " + n + " of " + doc.numPages);
        pages.appendChild(canvas);
        return p.render({ canvasContext: canvas.getContext("2d"), viewport: vp }).promise;
      });
    }
  }

  document.addEventListener("htmx:load", function (e) { scan(e.target); });
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", function () { scan(); });
  } else {
    scan();
  }
})();
