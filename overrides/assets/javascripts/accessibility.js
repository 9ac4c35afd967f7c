/* Accessibility repairs to what Material and Markdown write, run on every page (axe rules named). */

/* A table wider than the text column scrolls inside its own box; a keyboard user must be able to
   focus that box to scroll it (scrollable-region-focusable). Checked again on resize, since a table
   that fits on a desktop may scroll on a phone. */
function hbMarkScrollableTables() {
  document.querySelectorAll(".md-typeset__scrollwrap").forEach(function (box) {
    if (box.scrollWidth > box.clientWidth) box.setAttribute("tabindex", "0");
    else box.removeAttribute("tabindex");
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
