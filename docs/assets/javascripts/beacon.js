/* Counting what QR codes and staff links bring, from the office's own server log (scripts/report.py).
   The page asks for a tiny static file, q/_/<event>.gif?c=<campaign>&s=<source>&k=<code>, that the server logs:
   no cookie, no other host, no identifier. The campaign and code are those of the address the reader arrived
   with (a QR code or a staff link adds utm_campaign and utm_content), kept for the visit in sessionStorage.
   Nothing is sent when the reader asks not to be tracked (Do Not Track), saves data, or is offline.
   Events: "open" (the calculator page was opened), and window.bhxhBeacon("share" | "print") from other scripts. */
(function () {
  "use strict";
  var script = document.currentScript;
  var KEY = "bhxh-from";
  var from = {};
  try {
    var q = new URLSearchParams(location.search);
    if (q.get("utm_content") || q.get("utm_campaign")) {
      sessionStorage.setItem(KEY, JSON.stringify({ c: q.get("utm_campaign") || "", s: q.get("utm_source") || "", k: q.get("utm_content") || "" }));
    }
    from = JSON.parse(sessionStorage.getItem(KEY) || "{}");
  } catch (e) { from = {}; }

  function quiet() {
    var c = navigator.connection;
    return navigator.doNotTrack === "1" || window.doNotTrack === "1" || (c && c.saveData) || navigator.onLine === false;
  }

  function beacon(event) {
    if (quiet() || !script || !/^(open|share|print)$/.test(event)) { return; }
    var url = new URL("../../q/_/" + event + ".gif", script.src);
    ["c", "s", "k"].forEach(function (name) { if (from[name]) { url.searchParams.set(name, from[name]); } });
    fetch(url.href, { credentials: "omit", cache: "no-store", keepalive: true, referrerPolicy: "no-referrer" }).catch(function () {});
  }

  window.bhxhBeacon = beacon;
  if (script && script.getAttribute("data-event")) { beacon(script.getAttribute("data-event")); }
})();
