// The Bilan page's import of grant files: CSV or Excel workbooks (.xlsx), in the SCDL or one of the
// dialects collectivités publish, read and validated in the browser (nothing is uploaded), then
// reported file by file (src/components/scdl-file-report.ts), and the loaded rows of all files —
// valid and incomplete, exact duplicates across files kept once — summed into a bilan per grantor:
// funders are never added together.
import {formatEuro, formatInteger, formatPercent, plural} from "../lib/format.js";
import {importBilan} from "../model/bilan.js";
import {incompleteBreakdown} from "../model/scdl-report.js";
import {mergeScdl, refusedScdl, validateScdl, type ScdlOptions, type ScdlResult, type ScdlRow, type ScdlSchema} from "../model/scdl.js";
import {statusLine, summarize, unreadableProblem} from "../model/validation/summary.js";
import {textTable} from "./dictionary.js";
import {el} from "./el.js";
import {FileImport, type FileImportElement} from "./file-import.js";
import {ScdlFileReport} from "./scdl-file-report.js";

export type ScdlImportElement = FileImportElement<ScdlResult> & {
  /** Reads a file again with other options (the sheet, the answers to the header's questions). */
  rerun: (old: ScdlResult, options: ScdlOptions) => void;
};

export function ScdlImport(schema: ScdlSchema): ScdlImportElement {
  // The bytes of each result, to read the same file again with another sheet or answered questions.
  const bytesOf = new WeakMap<ScdlResult, Uint8Array>();
  const element = FileImport<ScdlResult>({
    id: "scdl-fichier",
    label: "Choisir un ou plusieurs fichiers de subventions (CSV ou classeur Excel .xlsx) — ou les déposer dans ce cadre. Ils sont lus sur votre poste, rien n'est envoyé.",
    accept: ".csv,.xlsx,.xls,.ods,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    read: (bytes, name) => {
      const result = validateScdl(bytes, name, schema);
      bytesOf.set(result, bytes);
      return result;
    },
    failed: (name, message) => refusedScdl(name, unreadableProblem(name, message)),
    status: (r) => statusLine(summarize(r, r.rows.length))
  }) as ScdlImportElement;
  element.rerun = (old, options) => {
    const bytes = bytesOf.get(old);
    if (!bytes) return;
    const next = validateScdl(bytes, old.file, schema, options);
    bytesOf.set(next, bytes);
    element.replace(old, next);
  };
  return element;
}

/** The bilan of one grantor's loaded rows: total, count, incomplete ones apart, top beneficiaries. */
function grantorBilan(grantor: string, rows: ScdlRow[]): HTMLElement[] {
  const bilan = importBilan(rows);
  const incomplete = rows.filter((r) => r.missing);
  const parts: HTMLElement[] = [el("h4", {textContent: grantor})];
  const apart = incomplete.length ? `, dont ${plural(incomplete.length, "aide incomplète", "aides incomplètes")} pour ${formatEuro(importBilan(incomplete).total)}` : "";
  parts.push(el("p", {textContent: `Montant total : ${formatEuro(bilan.total)} pour ${plural(bilan.count, "aide")}${apart}, et ${plural(bilan.beneficiaries.length, "bénéficiaire")}.`}));
  const lacking = incompleteBreakdown(incomplete);
  if (lacking.length) parts.push(el("p", {textContent: `Aides incomplètes, comptées à part : ${lacking.map(([noun, n]) => `${formatInteger(n)} sans ${noun}`).join(", ")}.`}));
  if (bilan.beneficiaries.length) {
    parts.push(textTable(["Bénéficiaire", "Montant", "Part"], bilan.beneficiaries.slice(0, 10).map((b) => [b.nom, formatEuro(b.montant), formatPercent(b.montant / bilan.total)]), {caption: `Principaux bénéficiaires — ${grantor}`}));
  }
  return parts;
}

/** The report of every imported file, then the bilan of their loaded rows, one per grantor. */
export function ScdlReport(results: ScdlResult[], schema: ScdlSchema, importer?: ScdlImportElement): HTMLElement {
  const root = el("div", {className: "no-print"});
  const rerun = (r: ScdlResult) => (options: ScdlOptions) => importer?.rerun(r, options);
  root.append(...results.map((r) => ScdlFileReport(r, schema, rerun(r))));
  const merged = mergeScdl(results, schema);
  const block = el("div");
  block.dataset.importBilan = "";
  block.append(el("h3", {textContent: results.length > 1 ? `Bilan des ${results.length} fichiers` : "Bilan du fichier"}));
  const byGrantor = new Map<string, ScdlRow[]>();
  for (const row of merged.rows) {
    const grantor = String(row.values.nomAttribuant);
    byGrantor.set(grantor, [...(byGrantor.get(grantor) ?? []), row]);
  }
  const across = merged.duplicates.length - results.reduce((s, r) => s + r.duplicates.length, 0);
  block.append(
    el("p", {
      textContent:
        `Lignes chargées (valides et incomplètes), par attribuant : les financeurs ne sont jamais additionnés.` +
        (across > 0 ? ` ${plural(across, "ligne présente", "lignes présentes")} à l'identique dans plusieurs fichiers ${across > 1 ? "sont comptées" : "est comptée"} une fois.` : "")
    })
  );
  if (byGrantor.size === 0) block.append(el("p", {textContent: "Aucune ligne chargée."}));
  for (const [grantor, rows] of [...byGrantor].sort((a, b) => a[0].localeCompare(b[0], "fr"))) block.append(...grantorBilan(grantor, rows));
  root.append(block);
  return root;
}
