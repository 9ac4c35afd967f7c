/* Accessibility repairs to what Material and Markdown write, run on every page (axe rules named). */

/* A table or chart wider than its box scrolls inside it; a keyboard user must be able to focus that
   box to scroll it (scrollable-region-focusable), and every reader needs a cue that there is more:
   data-hb-scroll (start, middle, end) drives a fade at the edge that continues, and a line of text
   before the box says so. Checked again on resize, since what fits on a desktop may scroll on a phone. */
var HB_SCROLLERS = ".md-typeset__scrollwrap, .hb-chart";

function hbScrollState(box) {
  if (box.scrollWidth - box.clientWidth < 2) return null;
  if (box.scrollLeft < 2) return "start";
  return box.scrollLeft + box.clientWidth >= box.scrollWidth - 2 ? "end" : "middle";
}

function hbShowScrollState(box) {
  var state = hbScrollState(box);
  var hint = box.previousElementSibling;
  var hasHint = hint && hint.classList.contains("hb-scroll-hint");
  if (state) {
    box.setAttribute("data-hb-scroll", state);
    box.setAttribute("tabindex", "0");
    if (!hasHint) {
      hint = document.createElement("p");
      hint.className = "hb-scroll-hint";
      hint.setAttribute("aria-hidden", "true");
      hint.textContent = "Scroll sideways to see every column \u2192";
      box.parentNode.insertBefore(hint, box);
    }
  } else {
    box.removeAttribute("data-hb-scroll");
    if (!box.classList.contains("hb-chart")) box.removeAttribute("tabindex");
    if (hasHint) hint.remove();
  }
}

function hbMarkScrollableTables() {
  document.querySelectorAll(HB_SCROLLERS).forEach(function (box) {
    hbShowScrollState(box);
    if (!box.hasAttribute("data-hb-scroll-watched")) {
      box.setAttribute("data-hb-scroll-watched", "");
      box.addEventListener("scroll", function () { hbShowScrollState(box); }, { passive: true });
    }
  });
}

/* A checklist item's checkbox is named by the item's own text, not by its nested items (label). */
function hbNameChecklistBoxes() {
  document.querySelectorAll(".task-list-item > .task-list-control > input:not([aria-label])").forEach(function (box) {
    var item = box.closest(".task-list-item");
    var text = Array.prototype.filter.call(item.childNodes, function (node) {
      return node.nodeName !== "UL" && node.nodeName !== "OL";
    }).map(function (node) { return node.textContent; }).join(" ");
    box.setAttribute("aria-label", text.replace(/\s+/g, " ").trim());
  });
}

document$.subscribe(function () {
  hbMarkScrollableTables();
  hbNameChecklistBoxes();
});
window.addEventListener("resize", hbMarkScrollableTables);
