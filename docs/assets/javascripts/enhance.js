/* Loaded with defer on every page (overrides/partials/sw-register.html). 1. Tables that scroll sideways get
 * tabindex=0, role=region and a name, for keyboard users (WCAG 2.1.1). 2. Registers sw.js (overrides/hooks/offline.py)
 * after load: pages and calculator work offline after one visit; asks it to cache the other pages of this language. */
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
    requestAnimationFrame(mark); // after the theme has wrapped the tables (DOMContentLoaded)
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
        var c = navigator.connection; // no background downloads when saving data or on 2G
        if (!(c && (c.saveData || /2g/.test(c.effectiveType || "")))) reg.active.postMessage({ type: "warm", lang: document.documentElement.lang });
      }).catch(function () {});
    });
  }
})();
