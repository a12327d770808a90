// The Bilan page's SCDL import: files dropped or chosen are read and validated in the browser
// against the published SCDL schema (nothing is uploaded), then reported file by file, and the
// valid rows of all files (exact duplicates across files kept once) summed into a bilan.
import {formatCsv} from "../lib/csv.js";
import {formatEuro, formatInteger, formatPercent, plural} from "../lib/format.js";
import {describe as sentence} from "../lib/problems.js";
import {importBilan} from "../model/bilan.js";
import {mergeScdl, refusedScdl, validateScdl, type ScdlResult, type ScdlSchema} from "../model/scdl.js";
import {statusLine, summarize, unreadableProblem} from "../model/validation/summary.js";
import {textTable} from "./dictionary.js";
import {downloadBlob} from "./export.js";
import {FileImport} from "./file-import.js";

export function ScdlImport(schema: ScdlSchema): HTMLElement & {value: ScdlResult[] | null} {
  return FileImport<ScdlResult>({
    id: "scdl-fichier",
    label: "Choisir un ou plusieurs fichiers SCDL (CSV) — ou les déposer dans ce cadre. Ils sont lus sur votre poste, rien n'est envoyé.",
    accept: ".csv,text/csv",
    read: (bytes, name) => validateScdl(bytes, name, schema),
    failed: (name, message) => refusedScdl(name, unreadableProblem(name, message)),
    status: (r) => statusLine(summarize(r, r.rows.length))
  });
}

/** Problems shown on the page per file; the full list is downloadable. */
const SHOWN = 200;

function element<K extends keyof HTMLElementTagNameMap>(tag: K, text?: string, attributes: Record<string, string> = {}): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  if (text !== undefined) e.textContent = text;
  for (const [k, v] of Object.entries(attributes)) e.setAttribute(k, v);
  return e;
}

function fileReport(r: ScdlResult): HTMLElement {
  const section = element("section", undefined, {"data-import-report": r.file});
  section.append(element("h3", `Rapport de validation : ${r.file}`));
  const how = r.refused ? "" : `Version ${r.version}, encodage ${r.encoding}, séparateur « ${r.separator} ». `;
  const summary = summarize(r, r.rows.length);
  section.append(element("p", how + statusLine(summary)));
  if (summary.byColumn.length) section.append(element("p", `Problèmes des lignes rejetées, par colonne : ${summary.byColumn.map(([column, n]) => `${column === "*" ? "ligne entière" : column} (${formatInteger(n)})`).join(", ")}.`));
  // A refused file has one problem, already said by the status line above.
  if (r.problems.length && !r.refused) {
    const shown = r.problems.slice(0, SHOWN);
    const table = textTable(
      ["Ligne", "Colonne", "Valeur lue", "Attendu", "Gravité"],
      shown.map((p) => [p.lineEnd ? `${p.line} à ${p.lineEnd}` : String(p.line), p.column, p.value, p.expected, p.severity === "warning" ? "avertissement" : p.severity === "fatal" ? "fichier refusé" : "ligne rejetée"]),
      {caption: `Problèmes de ${r.file}`}
    );
    const scroll = element("div", undefined, {class: "import-problems", tabindex: "0", role: "region", "aria-label": `Problèmes de ${r.file}`});
    scroll.append(table);
    section.append(scroll);
    if (r.problems.length > SHOWN) section.append(element("p", `${formatInteger(SHOWN)} premiers problèmes sur ${formatInteger(r.problems.length)} : la liste complète est dans le fichier à télécharger.`));
    const button = element("button", "Télécharger la liste des problèmes (CSV pour Excel)", {type: "button"});
    button.addEventListener("click", () => {
      const rows = r.problems.map((p) => ({fichier: p.file, ligne: p.line, ligne_fin: p.lineEnd ?? null, colonne: p.column, valeur: p.value, attendu: p.expected, code: p.code, gravite: p.severity, message: sentence(p)}));
      downloadBlob(new Blob([formatCsv(["fichier", "ligne", "ligne_fin", "colonne", "valeur", "attendu", "code", "gravite", "message"], rows, "excel-fr")], {type: "text/csv"}), `problemes-${r.file.replace(/\.[^.]*$/, "")}.csv`);
    });
    const p = element("p");
    p.append(button);
    section.append(p);
  }
  if (r.duplicates.length) {
    section.append(textTable(["Ligne", "Doublon exact de la ligne"], r.duplicates.map((d) => [String(d.line), String(d.duplicateOf)]), {caption: "Doublons exacts (signalés, chargés une fois)"}));
  }
  return section;
}

/** The report of every imported file, then the bilan of their valid rows together. */
export function ScdlReport(results: ScdlResult[], schema: ScdlSchema): HTMLElement {
  const root = element("div", undefined, {class: "no-print"});
  root.append(...results.map(fileReport));
  const merged = mergeScdl(results, schema);
  const bilan = importBilan(merged.rows);
  const block = element("div", undefined, {"data-import-bilan": ""});
  block.append(element("h3", results.length > 1 ? `Bilan des ${results.length} fichiers` : "Bilan du fichier"));
  const across = merged.duplicates.length - results.reduce((s, r) => s + r.duplicates.length, 0);
  block.append(
    element(
      "p",
      `Montant total des lignes valides : ${formatEuro(bilan.total)} pour ${plural(bilan.count, "aide")} et ${plural(bilan.beneficiaries.length, "bénéficiaire")}.` +
        (across > 0 ? ` ${plural(across, "ligne présente", "lignes présentes")} à l'identique dans plusieurs fichiers ${across > 1 ? "sont comptées" : "est comptée"} une fois.` : "")
    )
  );
  if (bilan.beneficiaries.length) {
    block.append(textTable(["Bénéficiaire", "Montant", "Part"], bilan.beneficiaries.slice(0, 10).map((b) => [b.nom, formatEuro(b.montant), formatPercent(b.montant / bilan.total)]), {caption: "Principaux bénéficiaires des fichiers importés"}));
  }
  root.append(block);
  return root;
}
