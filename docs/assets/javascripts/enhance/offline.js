/* After load, register the service worker (scripts/postbuild/offline.py), so pages and the calculator work
   offline after one visit, and ask it to cache the other pages of this language ("warm") unless the phone
   saves data or is on 2G. */
export function registerWorker(url) {
  if (!("serviceWorker" in navigator) || !url) return;
  window.addEventListener("load", function () {
    navigator.serviceWorker.register(url).then(function () {
      return navigator.serviceWorker.ready;
    }).then(function (reg) {
      var c = navigator.connection;
      if (!(c && (c.saveData || /2g/.test(c.effectiveType || "")))) reg.active.postMessage({ type: "warm", lang: document.documentElement.lang });
    }).catch(function () {});
  });
}
