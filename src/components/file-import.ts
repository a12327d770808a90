// A file import read and validated in the browser (nothing is uploaded): choose or drop one or
// several files; each is read and validated; the element's value is the list of results, in the
// order given, and it fires "input" when they are ready.
// - The latest choice wins: a file chosen while an earlier one is still being read replaces it;
//   the earlier result is dropped even if it arrives last.
// - A read that fails (the file moved or was deleted since it was chosen, or the validator threw)
//   gives a refused result with the error, never a status stuck on "Lecture de…".
// - Several files are all read, each with its own status line.
// - A result can be replaced by a new reading of the same file (another sheet, an answered
//   question): `replace(old, next)` updates the value and fires "input" again.
import {FilePicker} from "./file-picker.js";

export interface FileImportOptions<R> {
  id: string;
  label: string;
  accept: string;
  /** Validates the bytes of one file. */
  read: (bytes: Uint8Array, name: string) => R;
  /** The result for a file that could not be read or validated (`message`: the error). */
  failed: (name: string, message: string) => R;
  /** The status line of one result, in French. */
  status: (result: R) => string;
}

export type FileImportElement<R> = HTMLElement & {value: R[] | null; replace: (old: R, next: R) => void};

export function FileImport<R>({id, label, accept, read, failed, status}: FileImportOptions<R>): FileImportElement<R> {
  const root = document.createElement("div") as HTMLDivElement & FileImportElement<R>;
  root.className = "file-import no-print";
  root.value = null;
  const input = document.createElement("input");
  Object.assign(input, {type: "file", id, accept, multiple: true});
  const text = document.createElement("label");
  text.htmlFor = id;
  text.textContent = label;
  const lines = document.createElement("div");
  lines.setAttribute("role", "status");
  lines.setAttribute("aria-live", "polite");
  lines.dataset.importStatus = "";
  const show = (texts: string[]) =>
    lines.replaceChildren(
      ...texts.map((t) => {
        const p = document.createElement("p");
        p.textContent = t;
        return p;
      })
    );

  let generation = 0;
  const readAll = async (files: File[]) => {
    if (files.length === 0) return;
    const run = ++generation;
    show([`Lecture de ${files.map((f) => f.name).join(", ")}…`]);
    const results: R[] = [];
    for (const file of files) {
      let result: R;
      try {
        const bytes = new Uint8Array(await file.arrayBuffer());
        if (run !== generation) return; // a later choice replaced this one: do not even validate
        result = read(bytes, file.name);
      } catch (error) {
        if (run !== generation) return;
        result = failed(file.name, error instanceof Error ? `${error.name} : ${error.message}` : String(error));
      }
      results.push(result);
    }
    if (run !== generation) return;
    root.value = results;
    show(results.map(status));
    root.dispatchEvent(new Event("input", {bubbles: true}));
  };
  root.replace = (old, next) => {
    if (!root.value?.includes(old)) return; // a later choice already replaced it
    root.value = root.value.map((r) => (r === old ? next : r));
    show(root.value.map(status));
    root.dispatchEvent(new Event("input", {bubbles: true}));
  };
  input.addEventListener("change", () => void readAll([...(input.files ?? [])]));
  root.addEventListener("dragover", (e) => {
    e.preventDefault();
    root.classList.add("file-import--over");
  });
  root.addEventListener("dragleave", () => root.classList.remove("file-import--over"));
  root.addEventListener("drop", (e) => {
    e.preventDefault();
    root.classList.remove("file-import--over");
    void readAll([...(e.dataTransfer?.files ?? [])]);
  });
  root.append(text, FilePicker(input), lines);
  return root;
}
