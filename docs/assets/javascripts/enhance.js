/* Small progressive enhancements, loaded with `defer` on every page (overrides/partials/sw-register.html).
 * 1. Tables that scroll sideways get tabindex="0", role="region" and a name, so keyboard users can
 *    scroll them (WCAG 2.1.1; axe `scrollable-region-focusable`). Re-checked when the width changes.
 * 2. The service worker (sw.js, written by overrides/hooks/offline.py) is registered after the page
 *    has loaded, so the pages and the calculator keep working with no signal after one visit. */
(function () {
  "use strict";
  var script = document.currentScript;
  var label = document.documentElement.lang === "en" ? "Table, scrolls sideways" : "Bảng, cuộn ngang để xem hết";

  function markScrollable() {
    var boxes = document.querySelectorAll(".md-typeset__scrollwrap, .md-typeset .figures-table");
    Array.prototype.forEach.call(boxes, function (box) {
      var scrolls = box.scrollWidth > box.clientWidth + 1;
      if (scrolls && !box.hasAttribute("tabindex")) {
        box.setAttribute("tabindex", "0");
        box.setAttribute("role", "region");
        var named = box.closest("[data-table]");
        var caption = box.querySelector("caption");
        box.setAttribute("aria-label", caption ? caption.textContent.trim() : label);
        box.dataset.a11yScroll = named ? named.getAttribute("data-table") : "";
      } else if (!scrolls && box.dataset.a11yScroll !== undefined) {
        box.removeAttribute("tabindex");
        box.removeAttribute("role");
        box.removeAttribute("aria-label");
        delete box.dataset.a11yScroll;
      }
    });
  }

  function onReady() {
    // Material wraps tables in .md-typeset__scrollwrap on DOMContentLoaded; run after it.
    requestAnimationFrame(markScrollable);
    var timer;
    window.addEventListener("resize", function () {
      clearTimeout(timer);
      timer = setTimeout(markScrollable, 150);
    });
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", onReady);
  else onReady();

  if ("serviceWorker" in navigator && script && script.dataset.sw && location.protocol !== "file:") {
    window.addEventListener("load", function () {
      navigator.serviceWorker.register(script.dataset.sw).catch(function () { /* offline use is a bonus */ });
    });
  }
})();
