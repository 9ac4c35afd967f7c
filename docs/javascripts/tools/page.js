// What the three tool pages share: reading the setup the build embedded or wrote beside the page, showing the parts that need
// JavaScript, keeping the inputs in the address, and copying or downloading the result.
import { reportCsv, reportMarkdown, toUnits } from "./core.js";

export function readSetup(id) {
  return JSON.parse(document.getElementById(id).textContent);
}

// A setup too large to embed (it grows with the handbook), from the file the element's data-setup names.
export async function fetchSetup(element) {
  const response = await fetch(element.dataset.setup);
  if (!response.ok) throw new Error(`${element.dataset.setup}: ${response.status}`);
  return response.json();
}

export function revealLiveParts() {
  document.querySelectorAll("[data-tool-live]").forEach((element) => { element.hidden = false; });
}

// A number typed or found in the address, as whole units (`scale` per 1) clamped to 0..max;
// null when it is not a number.
export function parseUnits(text, scale, max) {
  if (text === null || text === undefined || String(text).trim() === "") return null;
  const value = Number(text);
  if (!Number.isFinite(value)) return null;
  return Math.min(max, Math.max(0, toUnits(value, scale)));
}

export function readQuery() {
  return new URLSearchParams(window.location.search);
}

// Replace the address (no new history entry per keystroke) so a bookmark or shared link reopens this state.
export function writeQuery(entries) {
  const url = new URL(window.location.href);
  url.search = new URLSearchParams(entries).toString();
  window.history.replaceState(null, "", url);
}

// Wire a [data-share] block; returns the function that refreshes its Markdown after every change.
export function setUpSharing(root, filename, currentReport) {
  const text = root.querySelector("[data-share-text]");
  const status = root.querySelector("[data-share-status]");
  const details = root.querySelector("[data-share-details]");
  const refresh = () => { text.value = reportMarkdown(currentReport(), window.location.href); };

  root.querySelector("[data-share-copy]").addEventListener("click", async () => {
    refresh();
    try {
      await navigator.clipboard.writeText(text.value);
      status.textContent = "Copied to the clipboard as Markdown.";
    } catch {
      details.open = true;
      text.focus();
      text.select();
      status.textContent = "Your browser did not allow copying. The Markdown is selected below: press Ctrl+C (⌘C on a Mac).";
    }
  });

  root.querySelector("[data-share-csv]").addEventListener("click", () => {
    const blob = new Blob([reportCsv(currentReport())], { type: "text/csv;charset=utf-8" });
    const href = URL.createObjectURL(blob);
    const anchor = document.createElement("a");
    anchor.href = href;
    anchor.download = filename;
    document.body.append(anchor);
    anchor.click();
    anchor.remove();
    window.setTimeout(() => URL.revokeObjectURL(href), 60000);
    status.textContent = `Saved ${filename} to your downloads.`;
  });
  return refresh;
}
