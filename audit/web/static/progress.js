// Progress of a queued or running audit: refresh the status line, show the report when it is ready.
// Same-origin only (the page's CSP allows this file and requests to the service, nothing else).
(function () {
  "use strict";
  var box = document.getElementById("progression");
  var line = document.getElementById("etat");
  if (!box || !line) { return; }
  var url = box.getAttribute("data-etat");
  function plural(n, word) { return n + " " + word + (n > 1 ? "s" : ""); }
  function text(s) {
    if (s.etat === "queued") {
      return "En attente : " + plural(s.avant, "site") + " avant le vôtre.";
    }
    var pages = plural(s.pages, "page") + " lue" + (s.pages > 1 ? "s" : "");
    return s.temps_ecoule ? "Temps maximal atteint : " + pages + ", rapport en préparation."
                          : "Audit en cours : " + pages + ".";
  }
  function poll() {
    fetch(url, { credentials: "same-origin", cache: "no-store" })
      .then(function (r) { return r.json(); })
      .then(function (s) {
        if (s.etat === "done" || s.etat === "failed") { window.location.reload(); return; }
        var next = text(s);
        if (line.textContent.trim() !== next) { line.textContent = next; }
        window.setTimeout(poll, 1500);
      })
      .catch(function () { window.setTimeout(poll, 5000); });
  }
  window.setTimeout(poll, 1000);
})();
