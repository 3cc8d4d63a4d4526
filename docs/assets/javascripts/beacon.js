/* Counting what QR codes and staff links bring, from the office's own server log (scripts/report.py).
   The page asks for a tiny static file, q/_/<event>.gif?c=<campaign>&s=<source>&k=<code>, that the server logs:
   no cookie, no other host, no identifier. The campaign and code are those of the address the reader arrived
   with (a QR code or a staff link adds utm_campaign and utm_content), kept for the visit in sessionStorage.
   Nothing is sent when the reader asks not to be tracked (Do Not Track), saves data, or is offline.
   Events: "open" (data-event on the script tag: the calculator page), and window.bhxhBeacon("share" | "print").
   Part of site.js: esbuild gives it its own function scope, and document.currentScript is site.js's tag. */
var script = document.currentScript;
var from = {};
try {
  var q = new URLSearchParams(location.search);
  if (q.get("utm_content") || q.get("utm_campaign")) {
    sessionStorage.setItem("bhxh-from", JSON.stringify({ c: q.get("utm_campaign"), s: q.get("utm_source"), k: q.get("utm_content") }));
  }
  from = JSON.parse(sessionStorage.getItem("bhxh-from")) || {};
} catch (e) { /* storage turned off: counted without a campaign */ }

window.bhxhBeacon = function (event) {
  var c = navigator.connection;
  if (navigator.doNotTrack === "1" || window.doNotTrack === "1" || (c && c.saveData) || navigator.onLine === false ||
      !script || !/^(open|share|print)$/.test(event)) { return; }
  var url = new URL("../../q/_/" + event + ".gif", script.src);
  ["c", "s", "k"].forEach(function (name) { if (from[name]) { url.searchParams.set(name, from[name]); } });
  // The body is read: an unread one holds the request open and, over nginx's keep-alive, the connection with it.
  fetch(url, { credentials: "omit", cache: "no-store", referrerPolicy: "no-referrer" })
    .then(function (r) { return r.arrayBuffer(); }).catch(function () {});
};
if (script && script.dataset.event) { window.bhxhBeacon(script.dataset.event); }
