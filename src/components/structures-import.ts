// The Implantation page's import of support-structure files (data/structures.schema.json), read
// and validated in the browser (nothing is uploaded); see FileImport for the guarantees.
import {refusedStructures, validateStructures, type StructuresContext, type StructuresResult} from "../model/structures.js";
import {statusLine, summarize, unreadableProblem} from "../model/validation/summary.js";
import {FileImport} from "./file-import.js";

/** "x.csv : 3 structures chargées, 1 ligne rejetée." or "x.xlsx : fichier refusé, …" */
export const structuresStatus = (r: StructuresResult) => statusLine(summarize(r, r.rows.length), {loaded: ["structure chargée", "structures chargées"]});

export function StructuresImport(context: StructuresContext): HTMLElement & {value: StructuresResult[] | null} {
  return FileImport<StructuresResult>({
    id: "structures-fichier",
    label: "Importer une ou plusieurs listes de structures (CSV au schéma du projet) — ou les déposer dans ce cadre. Elles sont lues sur votre poste, rien n'est envoyé.",
    accept: ".csv,text/csv",
    read: (bytes, name) => validateStructures(bytes, name, context),
    failed: (name, message) => refusedStructures(name, unreadableProblem(name, message)),
    status: structuresStatus
  });
}
