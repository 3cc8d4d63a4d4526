/* Tables that scroll sideways get tabindex=0, role=region and a name, so a keyboard user can scroll them
   (WCAG 2.1.1); re-checked on resize. The name is the table's caption, or the page's words (data-scroll-label). */
export function markScrollingTables(label) {
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
}
