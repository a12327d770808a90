// Drop or choose an SCDL CSV on the page: it is read and validated in the browser (nothing is
// uploaded). The element's value is the validation result; it fires "input" when a file is read.
import {validateScdl, type ScdlResult} from "../model/scdl.js";

export function ScdlImport(): HTMLElement & {value: ScdlResult | null} {
  const root = document.createElement("div") as HTMLDivElement & {value: ScdlResult | null};
  root.className = "scdl-import no-print";
  root.value = null;
  const input = document.createElement("input");
  Object.assign(input, {type: "file", id: "scdl-fichier", accept: ".csv,text/csv"});
  const label = document.createElement("label");
  label.htmlFor = input.id;
  label.textContent = "Choisir un fichier SCDL (CSV) — ou le déposer dans ce cadre. Il est lu sur votre poste, rien n'est envoyé.";
  const status = document.createElement("p");
  status.setAttribute("aria-live", "polite");
  const read = async (file: File) => {
    status.textContent = `Lecture de ${file.name}…`;
    root.value = validateScdl(new Uint8Array(await file.arrayBuffer()), file.name);
    status.textContent = `${file.name} : ${root.value.rows.length} ligne(s) valide(s), ${root.value.rejects.length} rejetée(s), ${root.value.duplicates.length} doublon(s).`;
    root.dispatchEvent(new Event("input", {bubbles: true}));
  };
  input.addEventListener("change", () => input.files?.[0] && read(input.files[0]));
  root.addEventListener("dragover", (e) => {
    e.preventDefault();
    root.classList.add("scdl-import--over");
  });
  root.addEventListener("dragleave", () => root.classList.remove("scdl-import--over"));
  root.addEventListener("drop", (e) => {
    e.preventDefault();
    root.classList.remove("scdl-import--over");
    const file = e.dataTransfer?.files?.[0];
    if (file) void read(file);
  });
  root.append(label, input, status);
  return root;
}
