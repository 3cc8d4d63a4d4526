/* Share bar and share-kit copy buttons. No framework, no third-party script, no tracking.
   The canonical address comes from the page (data-share-url), never from location.href. */
(function () {
  "use strict";

  function copyText(text) {
    if (navigator.clipboard && window.isSecureContext) {
      return navigator.clipboard.writeText(text);
    }
    return new Promise(function (resolve, reject) {
      var area = document.createElement("textarea");
      area.value = text;
      area.setAttribute("readonly", "");
      area.style.position = "fixed";
      area.style.opacity = "0";
      document.body.appendChild(area);
      area.select();
      var ok;
      try { ok = document.execCommand("copy"); } catch (e) { ok = false; }
      document.body.removeChild(area);
      if (ok) { resolve(); } else { reject(new Error("copy failed")); }
    });
  }

  function say(status, key) {
    if (!status) { return; }
    status.textContent = "";
    /* a fresh text node each time so screen readers announce a repeated message */
    window.setTimeout(function () { status.textContent = status.getAttribute(key) || ""; }, 50);
  }

  function setUpBar(bar) {
    var url = bar.getAttribute("data-share-url");
    var title = bar.getAttribute("data-share-title");
    var status = bar.querySelector("[data-share-status]");
    var canShare = typeof navigator.share === "function";

    /* a count for the office's report (beacon.js): one per share that happened, not per button press */
    function counted() { if (window.bhxhBeacon) { window.bhxhBeacon("share"); } }
    function copyLink() {
      copyText(url).then(function () { say(status, "data-copied"); counted(); }, function () { say(status, "data-failed"); });
    }
    function nativeShare() {
      navigator.share({ title: title, url: url }).then(counted, function (err) {
        if (!err || err.name !== "AbortError") { copyLink(); }
      });
    }

    Array.prototype.forEach.call(bar.querySelectorAll("[data-share-js]"), function (item) {
      if (item.getAttribute("data-share-js") !== "native" || canShare) { item.hidden = false; }
    });
    var native = bar.querySelector("[data-share-native]");
    if (native) { native.addEventListener("click", nativeShare); }
    var zalo = bar.querySelector("[data-share-zalo]");
    if (zalo) { zalo.addEventListener("click", function () { if (canShare) { nativeShare(); } else { copyLink(); } }); }
    var facebook = bar.querySelector("[data-share-facebook]");
    if (facebook) { facebook.addEventListener("click", counted); }
    var copy = bar.querySelector("[data-share-copy]");
    if (copy) { copy.addEventListener("click", copyLink); }
  }

  function setUpKitButton(button) {
    var target = document.getElementById(button.getAttribute("data-copy-target"));
    var status = document.getElementById(button.getAttribute("data-copy-status"));
    if (!target) { return; }
    button.hidden = false;
    button.addEventListener("click", function () {
      var text = target.innerText.replace(/\n{3,}/g, "\n\n").trim();
      copyText(text).then(function () { say(status, "data-copied"); }, function () { say(status, "data-failed"); });
    });
  }

  function init() {
    Array.prototype.forEach.call(document.querySelectorAll(".share-bar"), setUpBar);
    Array.prototype.forEach.call(document.querySelectorAll("[data-copy-target]"), setUpKitButton);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
