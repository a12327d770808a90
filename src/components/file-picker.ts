// A French file chooser. The browser's own <input type=file> writes its button and its "no file"
// text in the browser's language ("Choose file / No file chosen"), and no attribute changes them.
// The input stays in the page, in the tab order and named by its labels (keyboard and screen
// readers use it as before; tests set files on it), but is drawn 1 px wide; a label styled as a
// button opens it, and a line says in French which files are chosen.
import {el} from "./el.js";

const chosenText = (files: FileList | null): string => {
  const names = [...(files ?? [])].map((f) => f.name);
  if (!names.length) return "Aucun fichier choisi";
  return names.length === 1 ? names[0] : `${names.length} fichiers : ${names.join(", ")}`;
};

/** Wraps `input` (type file, with an id) in a French chooser; returns the wrapper to place instead of the input. */
export function FilePicker(input: HTMLInputElement, {button = input.multiple ? "Choisir des fichiers…" : "Choisir un fichier…"}: {button?: string} = {}): HTMLElement {
  input.classList.add("file-picker-input");
  const chosen = el("span", {className: "file-picker-chosen", textContent: chosenText(input.files)});
  const update = () => (chosen.textContent = chosenText(input.files));
  input.addEventListener("change", update);
  // A reset (input.value = "") fires no event: the line follows the next change only.
  return el("span", {className: "file-picker"}, input, el("label", {htmlFor: input.id, className: "file-picker-button", textContent: button}), chosen);
}
