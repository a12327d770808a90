// The Bilan page's import of grant files: CSV or Excel workbooks (.xlsx), in the SCDL or one of the
// dialects collectivités publish, read in the browser (nothing is uploaded) and validated in a Web
// Worker (scdl-worker.ts), so that the page stays responsive whatever the size:
// - files up to GRAND (4 MB) come back whole and are reported file by file with every detail
//   (src/components/scdl-file-report.ts: the header's mapping and its questions, the rules applied,
//   the normalised file), and the loaded rows of all files — valid and incomplete, exact duplicates
//   across files kept once — summed into a bilan per grantor;
// - an import with a larger file (a national file of a million rows) is validated block by block
//   by helper workers, with a progress bar and a cancel button; each file is reported by its counts
//   and problems, and the bilan per grantor is computed in the worker (the rows never come back).
// Funders are never added together. The latest choice wins: a new choice stops the running worker.
// A read that fails, or a validator error, refuses that file with the error.
import {formatEuro, formatInteger, formatPercent, plural} from "../lib/format.js";
import {formatCsv} from "../lib/csv.js";
import {describe as sentence, type Problem} from "../lib/problems.js";
import type {Financeur} from "../model/aides.js";
import {importBilan} from "../model/bilan.js";
import type {ResumeFinanceur} from "../model/import-resume.js";
import {incompleteBreakdown} from "../model/scdl-report.js";
import {mergeScdl, refusedScdl, type ScdlOptions, type ScdlResult, type ScdlRow, type ScdlSchema} from "../model/scdl.js";
import type {ResultatFichier} from "../model/scdl-flux.js";
import {statusLine, summarize, unreadableProblem} from "../model/validation/summary.js";
import {textTable} from "./dictionary.js";
import {el} from "./el.js";
import {FilePicker} from "./file-picker.js";
import {downloadBlob} from "./export.js";
import {ScdlFileReport} from "./scdl-file-report.js";
import {GRAND, refusedFile, SCDL_WORKER_URL, type MessageImport, type ResultatImport} from "./scdl-worker.js";

/** Files read whole (ScdlResult[]), or an import read block by block, summarised in the worker. */
export type ImportScdl = ScdlResult[] | ({mode: "blocs"} & ResultatImport);

export type ScdlImportElement = HTMLElement & {
  value: ImportScdl | null;
  /** Replaces one file's result by a new reading (another sheet, answered questions), and fires "input". */
  replace: (old: ScdlResult, next: ScdlResult) => void;
  /** Reads a file again with other options, in the worker. */
  rerun: (old: ScdlResult, options: ScdlOptions) => void;
};

const errorText = (error: unknown) => (error instanceof Error ? `${error.name} : ${error.message}` : String(error));

/** `aides`: helper workers for large files (unset: by the machine's cores; 0: one worker does all — the bench compares both). */
export function ScdlImport(schema: ScdlSchema, {financeurs = [], aides}: {financeurs?: Financeur[]; aides?: number} = {}): ScdlImportElement {
  const root = el("div", {className: "file-import no-print"}) as unknown as ScdlImportElement;
  root.value = null;
  const input = el("input", {type: "file", id: "scdl-fichier", multiple: true, accept: ".csv,.xlsx,.xls,.ods,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"});
  const label = el("label", {htmlFor: "scdl-fichier", textContent: "Choisir un ou plusieurs fichiers de subventions (CSV ou classeur Excel .xlsx) — ou les déposer dans ce cadre. Ils sont lus sur votre poste, rien n'est envoyé."});
  const progress = el("progress", {max: 1, value: 0, hidden: true});
  progress.setAttribute("aria-label", "Avancement de la validation");
  const cancel = el("button", {type: "button", textContent: "Annuler l'import", hidden: true});
  const lines = el("div");
  lines.setAttribute("role", "status");
  lines.setAttribute("aria-live", "polite");
  lines.dataset.importStatus = "";
  const show = (texts: string[]) => lines.replaceChildren(...texts.map((t) => el("p", {textContent: t})));
  const fileOf = new WeakMap<ScdlResult, File>();

  let worker: Worker | null = null;
  let generation = 0;
  const stop = () => {
    worker?.terminate();
    worker = null;
    progress.hidden = true;
    cancel.hidden = true;
  };
  const publish = (value: ImportScdl, statuses: string[]) => {
    stop();
    root.value = value;
    root.dataset.importState = "fini";
    show(statuses);
    root.dispatchEvent(new Event("input", {bubbles: true}));
  };
  /** Starts a worker for one run; its messages are dropped once a later run has begun. */
  const start = (run: number, onMessage: (m: MessageImport) => void, onFailure: (message: string) => void) => {
    const w = new Worker(SCDL_WORKER_URL, {type: "module"});
    worker = w;
    let shownTenth = -1;
    w.onmessage = (event: MessageEvent<MessageImport>) => {
      if (run !== generation) return;
      const m = event.data;
      if (m.type === "progression") {
        const share = (m.index + m.octetsLus / Math.max(1, m.octetsTotal)) / m.total;
        progress.value = share;
        // The text (read aloud) changes every tenth, not at every block.
        if (Math.floor(share * 10) !== shownTenth) {
          shownTenth = Math.floor(share * 10);
          show([`Validation de ${m.fichier}${m.total > 1 ? ` (fichier ${m.index + 1} sur ${m.total})` : ""}${m.octetsLus ? ` : ${formatPercent(m.octetsLus / Math.max(1, m.octetsTotal))}, ${plural(m.lignes, "ligne lue", "lignes lues")}` : ""}…`]);
        }
        return;
      }
      root.dataset.importMs = String(Math.round(m.type === "complet" ? m.ms : m.resultat.ms));
      root.dataset.importAides = String(m.type === "complet" ? 0 : m.resultat.aides);
      onMessage(m);
    };
    w.onerror = (event) => {
      if (run !== generation) return;
      event.preventDefault();
      onFailure(event.message || "le validateur s'est arrêté");
    };
    return w;
  };

  const readAll = async (files: File[]) => {
    if (files.length === 0) return;
    stop();
    const run = ++generation;
    performance.mark("scdl-import-start"); // the bench measures from the choice to the bilan
    root.dataset.importState = "lecture";
    show([`Lecture de ${files.map((f) => f.name).join(", ")}…`]);
    // Reading is asynchronous I/O: the main thread is not held while the bytes arrive.
    const read: ({file: File; bytes: ArrayBuffer} | {file: File; error: string})[] = [];
    for (const file of files) {
      try {
        read.push({file, bytes: await file.arrayBuffer()});
      } catch (error) {
        read.push({file, error: errorText(error)});
      }
      if (run !== generation) return; // a later choice replaced this one
    }
    const ok = read.filter((r): r is {file: File; bytes: ArrayBuffer} => "bytes" in r);
    const large = ok.some((r) => r.bytes.byteLength > GRAND);
    progress.hidden = false;
    cancel.hidden = false;
    root.dataset.importState = "validation";
    if (!large) {
      const refusedAtReading = (r: {file: File; error: string}) => refusedScdl(r.file.name, unreadableProblem(r.file.name, r.error));
      const finish = (validated: ScdlResult[]) => {
        const it = validated[Symbol.iterator]();
        const results = read.map((r) => ("bytes" in r ? it.next().value! : refusedAtReading(r)));
        results.forEach((r, i) => fileOf.set(r, read[i].file));
        publish(results, results.map((r) => statusLine(summarize(r, r.rows.length))));
      };
      if (ok.length === 0) return finish([]);
      const w = start(run, (m) => m.type === "complet" && finish(m.resultats), (message) => finish(ok.map((r) => refusedScdl(r.file.name, unreadableProblem(r.file.name, message)))));
      w.postMessage({mode: "complet", fichiers: ok.map((r) => ({name: r.file.name, bytes: r.bytes})), schema}, ok.map((r) => r.bytes));
      return;
    }
    const finish = (result: ResultatImport) => {
      const it = result.fichiers[Symbol.iterator]();
      result.fichiers = read.map((r) => ("bytes" in r ? it.next().value! : refusedFile(r.file.name, unreadableProblem(r.file.name, r.error))));
      publish({mode: "blocs", ...result}, result.fichiers.map((f) => statusLine(f.summary)));
    };
    const w = start(run, (m) => m.type === "fin" && finish(m.resultat), (message) => finish({fichiers: ok.map((r) => refusedFile(r.file.name, unreadableProblem(r.file.name, message))), resume: [], lignes: 0, doublonsAutresFichiers: 0, ms: 0, aides: 0}));
    // The bytes are transferred, not copied: the page keeps no second copy of a large file.
    w.postMessage({fichiers: ok.map((r) => ({name: r.file.name, bytes: r.bytes})), schema, financeurs, aides}, ok.map((r) => r.bytes));
  };

  root.replace = (old, next) => {
    if (!Array.isArray(root.value)) return;
    const file = fileOf.get(old);
    if (file) fileOf.set(next, file);
    const results = root.value.map((r) => (r === old ? next : r));
    publish(results, results.map((r) => statusLine(summarize(r, r.rows.length))));
  };
  root.rerun = (old, options) => {
    const file = fileOf.get(old);
    if (!file) return;
    const run = generation; // a rerun belongs to the current choice
    void file.arrayBuffer().then(
      (bytes) => {
        if (run !== generation) return;
        const w = new Worker(SCDL_WORKER_URL, {type: "module"});
        w.onmessage = (event: MessageEvent<MessageImport>) => {
          if (event.data.type !== "complet") return;
          w.terminate();
          if (run === generation) root.replace(old, event.data.resultats[0]);
        };
        w.postMessage({mode: "complet", fichiers: [{name: old.file, bytes, options}], schema}, [bytes]);
      },
      (error) => run === generation && root.replace(old, refusedScdl(old.file, unreadableProblem(old.file, errorText(error)), options))
    );
  };
  cancel.addEventListener("click", () => {
    stop();
    generation++;
    root.dataset.importState = "annule";
    show(["Import annulé : aucun fichier n'a été chargé. Choisir un fichier pour recommencer."]);
    root.value = null;
    root.dispatchEvent(new Event("input", {bubbles: true}));
  });
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
  const controls = el("p", {}, progress, " ", cancel);
  root.append(label, FilePicker(input), controls, lines);
  return root;
}

// ---------------------------------------------------------------------------------------------
// Files read whole

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

function wholeReport(results: ScdlResult[], schema: ScdlSchema, importer?: ScdlImportElement): HTMLElement {
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

// ---------------------------------------------------------------------------------------------
// An import read block by block

/** Problems shown on the page per file; the list kept (up to 100,000) is downloadable. */
const SHOWN = 200;
const SEVERITY: Record<Problem["severity"], string> = {fatal: "fichier refusé", error: "ligne rejetée", incomplete: "ligne incomplète (chargée)", warning: "avertissement"};

function blockFileReport(r: ResultatFichier): HTMLElement {
  const section = el("section");
  section.dataset.importReport = r.file;
  section.append(el("h3", {textContent: `Rapport de validation : ${r.file}`}));
  const how = r.summary.refused ? "" : `Version ${r.version}, encodage ${r.encoding}, séparateur « ${r.separator} »${r.blocs > 1 ? `, lu en ${formatInteger(r.blocs)} blocs` : ""}. `;
  section.append(el("p", {textContent: how + statusLine(r.summary)}));
  if (r.questions.length) {
    section.append(el("p", {textContent: `L'en-tête pose ${plural(r.questions.length, "question")} (${r.questions.join(" ; ")}) : pour un fichier de plus de ${GRAND / 1024 / 1024} Mo, lu par blocs, elles ne se posent pas sur cette page ; les colonnes ambiguës ne sont pas lues. Renommer ces colonnes avec les noms du standard SCDL, puis importer à nouveau.`}));
  }
  if (r.summary.byColumn.length) section.append(el("p", {textContent: `Problèmes des lignes rejetées, par colonne : ${r.summary.byColumn.map(([column, n]) => `${column === "*" ? "ligne entière" : column} (${formatInteger(n)})`).join(", ")}.`}));
  if (r.problems.length && !r.summary.refused) {
    const table = textTable(
      ["Ligne", "Colonne", "Valeur lue", "Attendu", "Gravité"],
      r.problems.slice(0, SHOWN).map((p) => [p.lineEnd ? `${p.line} à ${p.lineEnd}` : String(p.line), p.column, p.value, p.expected, SEVERITY[p.severity]]),
      {caption: `Problèmes de ${r.file}`}
    );
    const scroll = el("div", {className: "import-problems", tabIndex: 0}, table);
    scroll.setAttribute("role", "region");
    scroll.setAttribute("aria-label", `Problèmes de ${r.file}`);
    section.append(scroll);
    if (r.problemesTotal > SHOWN) {
      const kept = r.problemesTotal > r.problems.length ? ` ; le fichier à télécharger liste les ${formatInteger(r.problems.length)} premiers` : " : la liste complète est dans le fichier à télécharger";
      section.append(el("p", {textContent: `${formatInteger(SHOWN)} premiers problèmes sur ${formatInteger(r.problemesTotal)}${kept}.`}));
    }
    const button = el("button", {type: "button", textContent: "Télécharger la liste des problèmes (CSV pour Excel)"});
    button.addEventListener("click", () => {
      const rows = r.problems.map((p) => ({fichier: p.file, ligne: p.line, ligne_fin: p.lineEnd ?? null, colonne: p.column, valeur: p.value, attendu: p.expected, code: p.code, gravite: p.severity, message: sentence(p)}));
      downloadBlob(new Blob([formatCsv(["fichier", "ligne", "ligne_fin", "colonne", "valeur", "attendu", "code", "gravite", "message"], rows, "excel-fr")], {type: "text/csv"}), `problemes-${r.file.replace(/\.[^.]*$/, "")}.csv`);
    });
    section.append(el("p", {}, button));
  }
  if (r.duplicates.length) {
    section.append(textTable(["Ligne", "Doublon exact de la ligne"], r.duplicates.slice(0, SHOWN).map((d) => [String(d.line), String(d.duplicateOf)]), {caption: `Doublons exacts (signalés, chargés une fois)${r.doublonsTotal > SHOWN ? ` : les ${SHOWN} premiers sur ${formatInteger(r.doublonsTotal)}` : ""}`}));
  }
  return section;
}

function funderBlock(f: ResumeFinanceur): HTMLElement[] {
  const apart = f.incomplets.aides ? `, dont ${plural(f.incomplets.aides, "aide incomplète", "aides incomplètes")} pour ${formatEuro(f.incomplets.montant)}` : "";
  const out: HTMLElement[] = [el("h4", {textContent: f.libelle}), el("p", {textContent: `Montant total : ${formatEuro(f.montant)} pour ${plural(f.aides, "aide")}${apart}, et ${plural(f.beneficiaires, "bénéficiaire")}.`})];
  if (f.incomplets.manquants.length) out.push(el("p", {textContent: `Aides incomplètes, comptées à part, par champ inconnu : ${f.incomplets.manquants.map(([field, n]) => `${formatInteger(n)} sans ${field}`).join(", ")}.`}));
  if (f.parAnnee.length > 1) out.push(textTable(["Année (date de la convention)", "Montant", "Aides"], f.parAnnee.map((y) => [y.cle, formatEuro(y.montant), formatInteger(y.aides)]), {caption: `Par année — ${f.libelle}`}));
  if (f.beneficiairesPrincipaux.length) {
    out.push(textTable(["Bénéficiaire", "Montant", "Part"], f.beneficiairesPrincipaux.map((b) => [b.nom, formatEuro(b.montant), formatPercent(b.montant / f.montant)]), {caption: `Principaux bénéficiaires — ${f.libelle}`}));
  }
  return out;
}

function blockReport(result: ResultatImport, {funders: maxFunders = 20}: {funders?: number} = {}): HTMLElement {
  const root = el("div", {className: "no-print"});
  root.append(...result.fichiers.map(blockFileReport));
  const block = el("div");
  block.dataset.importBilan = "";
  const n = result.fichiers.length;
  block.append(el("h3", {textContent: n > 1 ? `Bilan des ${n} fichiers` : "Bilan du fichier"}));
  const across = result.doublonsAutresFichiers;
  const funders = result.resume;
  block.append(
    el("p", {
      textContent:
        `Lignes chargées (valides et incomplètes) de ${plural(funders.length, "attribuant")} : chacun a son total, les montants de deux attribuants ne s'additionnent pas.` +
        (across > 0 ? ` ${plural(across, "ligne présente", "lignes présentes")} à l'identique dans plusieurs fichiers ${across > 1 ? "sont comptées" : "est comptée"} une fois.` : "")
    })
  );
  if (funders.length > 1) {
    block.append(textTable(["Attribuant", "Montant", "Aides", "Bénéficiaires"], funders.slice(0, maxFunders).map((f) => [f.libelle, formatEuro(f.montant), formatInteger(f.aides), formatInteger(f.beneficiaires)]), {caption: `Par attribuant${funders.length > maxFunders ? ` (les ${maxFunders} plus grands montants sur ${formatInteger(funders.length)})` : ""}`}));
  }
  for (const f of funders.slice(0, 3)) block.append(...funderBlock(f));
  if (funders.length === 0) block.append(el("p", {textContent: "Aucune ligne chargée."}));
  root.append(block);
  return root;
}

/** The report of every imported file, then the bilan of their loaded rows, one per grantor. */
export function ScdlReport(value: ImportScdl, schema: ScdlSchema, importer?: ScdlImportElement): HTMLElement {
  return Array.isArray(value) ? wholeReport(value, schema, importer) : blockReport(value);
}
