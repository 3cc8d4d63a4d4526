/* A page read after its figures changed, when the site was not rebuilt in time (partials/validity.html).
   Each figure is <span data-fig data-next='[[iso date, text, confirmed], …]'> with its later values from the
   policy data; on a day past the page's validity, the value in force on the reader's date replaces the old one,
   the "from …" notes of changes that have happened are hidden, and a notice at the top says what happened.
   Where the data holds no later value, or a table cannot be updated, the notice sends the reader to the
   calculator instead. Nothing runs while the page is current. */
(function () {
  "use strict";
  var box = document.querySelector("[data-validity]");
  var until = box && box.getAttribute("data-valid-until");
  if (!until) { return; }
  var now = new Date();
  var today = [now.getFullYear(), now.getMonth() + 1, now.getDate()].map(function (n) { return n < 10 ? "0" + n : String(n); }).join("-");
  if (today <= until) { return; }
  var texts = JSON.parse(document.getElementById("validity-texts").textContent);
  var changed = null;
  var unknown = false;

  function fill(template, values) {
    return template.replace(/\{(\w+)\}/g, function (all, name) { return name in values ? values[name] : all; });
  }
  function dmy(iso) { return iso.split("-").reverse().join("/"); }
  function label(fig) {
    var next = fig.nextElementSibling;
    return next && next.classList.contains("unconfirmed") ? next : null;
  }

  document.querySelectorAll("[data-fig][data-next]").forEach(function (fig) {
    var pick = null;
    JSON.parse(fig.getAttribute("data-next")).forEach(function (step) { if (step[0] <= today) { pick = step; } });
    if (!pick) { return; }
    if (pick[1] === null) { unknown = true; return; }
    fig.textContent = pick[1];
    fig.setAttribute("data-updated", pick[0]);
    changed = changed && changed > pick[0] ? changed : pick[0];
    var mark = label(fig);
    if (pick[2] && mark) { mark.hidden = true; }
    if (!pick[2] && !mark) {
      mark = document.createElement("a");
      mark.className = "unconfirmed";
      mark.href = texts.legal;
      mark.textContent = "(" + texts.unconfirmed + ")";
      fig.after(" ", mark);
    }
  });
  document.querySelectorAll(".fig-coming[data-from]").forEach(function (note) {
    if (note.getAttribute("data-from") <= today) { note.hidden = true; }
  });
  document.querySelectorAll("[data-stale-table]").forEach(function (table) { table.hidden = true; unknown = true; });

  var notice = document.createElement("p");
  notice.className = "stale-notice";
  notice.setAttribute("role", "status");
  var built = dmy(box.getAttribute("data-built"));
  notice.textContent = unknown || !changed
    ? fill(texts.stale_unknown, { built: built, end: dmy(until) }) + " "
    : fill(texts.stale, { built: built, date: dmy(changed) }) + " ";
  var link = document.createElement("a");
  link.href = texts.calculator;
  link.textContent = texts.calculator_link;
  notice.appendChild(link);
  var article = document.querySelector("article") || document.body;
  article.insertBefore(notice, article.firstElementChild ? article.firstElementChild.nextSibling : null);
  box.textContent = notice.textContent.replace(texts.calculator_link, "").trim();
  document.documentElement.setAttribute("data-validity", unknown || !changed ? "stale" : "updated");
})();
