/* see overrides/partials/sw-register.html */
(function () {
  "use strict";
  var script = document.currentScript;
  var label = document.documentElement.lang === "en" ? "Table, scrolls sideways" : "Bảng, cuộn ngang để xem hết";

  function mark() {
    document.querySelectorAll(".md-typeset__scrollwrap, .md-typeset .figures-table").forEach(function (box) {
      var scrolls = box.scrollWidth > box.clientWidth + 1, ours = box.hasAttribute("data-a11y-scroll");
      if (scrolls && !box.hasAttribute("tabindex")) {
        var caption = box.querySelector("caption");
        box.setAttribute("tabindex", "0");
        box.setAttribute("role", "region");
        box.setAttribute("aria-label", caption ? caption.textContent.trim() : label);
        box.setAttribute("data-a11y-scroll", "");
      } else if (!scrolls && ours) {
        ["tabindex", "role", "aria-label", "data-a11y-scroll"].forEach(function (a) { box.removeAttribute(a); });
      }
    });
  }

  function ready() {
    requestAnimationFrame(mark);
    var timer;
    window.addEventListener("resize", function () { clearTimeout(timer); timer = setTimeout(mark, 150); });
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", ready);
  else ready();

  if ("serviceWorker" in navigator && script && script.dataset.sw) {
    window.addEventListener("load", function () {
      navigator.serviceWorker.register(script.dataset.sw).then(function () {
        return navigator.serviceWorker.ready;
      }).then(function (reg) {
        var c = navigator.connection;
        if (!(c && (c.saveData || /2g/.test(c.effectiveType || "")))) reg.active.postMessage({ type: "warm", lang: document.documentElement.lang });
      }).catch(function () {});
    });
  }
})();
