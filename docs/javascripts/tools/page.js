// What the three tool pages share: reading the setup the build embedded or wrote beside the page, showing the parts that need
// JavaScript, keeping the inputs in the address, and copying or downloading the result.
import { reportCsv, reportMarkdown } from "./core.js";

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

// A number typed or found in the address, as whole units (`scale` per 1): { units } when it is a number
// from 0 to max units in whole units, otherwise { error } saying what the input accepts. Nothing is
// clamped or rounded away: a value the tool cannot use is reported, never quietly replaced.
export function readNumber(text, scale, max, accepts) {
  const shown = text === null || text === undefined ? "" : String(text).trim();
  if (shown === "") return { error: `Enter ${accepts}.` };
  const value = Number(shown);
  if (!Number.isFinite(value)) return { error: `“${shown}” is not a number. Enter ${accepts}.` };
  if (value < 0 || value * scale > max) return { error: `${shown} is out of range. Enter ${accepts}.` };
  const units = Math.round(value * scale);
  if (Math.abs(units - value * scale) > 1e-6) return { error: `${shown} is not a step this input takes. Enter ${accepts}.` };
  return { units };
}

// Show or clear an input's message (an aria-live element, so a screen reader announces it).
export function showMessage(input, message, text) {
  message.textContent = text;
  if (text) input.setAttribute("aria-invalid", "true");
  else input.removeAttribute("aria-invalid");
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
