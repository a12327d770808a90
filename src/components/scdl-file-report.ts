// The report of one imported grant file, in the order a person needs it: how the file was read
// (sheet, header row), which column gives which SCDL field — and the questions to answer when a
// header is ambiguous —, then the verdict, the rules applied, what the incomplete lines lack, every
// problem, and the downloads (normalised SCDL file, lines to complete, change report, problems).
// All text is set with textContent: names from the file are never HTML.
import {formatCsv} from "../lib/csv.js";
import {formatInteger, plural} from "../lib/format.js";
import {describe as sentence, type Problem} from "../lib/problems.js";
import {howLabel, type Question} from "../model/scdl-dialect.js";
import {CHANGE_REPORT_COLUMNS, changeReport, conformity, incompleteBreakdown} from "../model/scdl-report.js";
import {formatScdl, type ScdlOptions, type ScdlResult, type ScdlSchema} from "../model/scdl.js";
import {statusLine, summarize} from "../model/validation/summary.js";
import {textTable} from "./dictionary.js";
import {el} from "./el.js";
import {downloadBlob} from "./export.js";

/** Problems shown on the page per file; the full list is downloadable. */
const SHOWN = 200;

const SEVERITY: Record<Problem["severity"], string> = {fatal: "fichier refusé", error: "ligne rejetée", incomplete: "ligne incomplète (chargée)", warning: "avertissement"};

const stem = (file: string) => file.replace(/\.[^.]*$/, "");

/** How the file was read: CSV encoding and separator, or the workbook's sheet and header rows. */
function howRead(r: ScdlResult, rerun: (options: ScdlOptions) => void): HTMLElement {
  const p = el("p");
  const layout = r.refused ? "" : ` Disposition des colonnes : SCDL ${r.version === "1.x" ? "1.x (sans rnaBeneficiaire ni dispositifAide)" : "2.1.1"}.`;
  if (r.format === "csv") {
    p.append(`Fichier CSV, encodage ${r.encoding}, séparateur « ${r.separator} ».${layout}`);
    return p;
  }
  const groups = r.groupLines?.length ? ` (titres de groupes ${r.groupLines.length > 1 ? "lignes" : "ligne"} ${r.groupLines.join(", ")})` : "";
  p.append(`Classeur Excel, feuille « ${r.sheet ?? "?"} », en-tête ligne ${r.headerLine ?? 1}${groups}.${layout}`);
  const sheets = r.sheets ?? [];
  if (sheets.length > 1) {
    const id = `feuille-${stem(r.file).replace(/[^A-Za-z0-9_-]/g, "_")}`;
    const select = el("select", {id});
    for (const s of sheets) select.append(el("option", {value: s.name, selected: s.name === r.sheet, textContent: s.hidden ? `${s.name} (masquée)` : s.name}));
    select.addEventListener("change", () => rerun({...r.options, sheet: select.value, choices: {}}));
    p.append(" ", el("label", {htmlFor: id, textContent: "Feuille à lire : "}), select);
  }
  return p;
}

/** The questions of an ambiguous header, each a labelled list; an answer reads the file again. */
function questions(r: ScdlResult, list: Question[], rerun: (options: ScdlOptions) => void): HTMLElement {
  const box = el("fieldset", {className: "scdl-questions"}, el("legend", {textContent: "À préciser : rien n'est associé au hasard"}));
  list.forEach((q, n) => {
    const id = `question-${stem(r.file).replace(/[^A-Za-z0-9_-]/g, "_")}-${n}`;
    // Option values are indexes: a column name from the file is never a control value.
    const select = el("select", {id}, el("option", {value: "", textContent: "— choisir —"}));
    const several = q.columns.length > 1;
    const options = several ? q.columns : q.fields;
    options.forEach((option, i) => select.append(el("option", {value: String(i), textContent: several ? `la colonne « ${option} »` : option})));
    select.append(el("option", {value: "-1", textContent: several ? "aucune de ces colonnes" : "aucun champ SCDL (colonne conservée sans contrôle)"}));
    select.addEventListener("change", () => {
      if (select.value === "") return;
      const chosen = Number(select.value);
      // Null prototype: a column named "__proto__" is a key like any other.
      const choices: Record<string, string> = Object.assign(Object.create(null), r.options.choices);
      if (several) q.columns.forEach((column, i) => (choices[column] = i === chosen ? q.fields[0] : ""));
      else choices[q.columns[0]] = chosen < 0 ? "" : q.fields[chosen];
      rerun({...r.options, choices});
    });
    box.append(el("p", {}, el("label", {htmlFor: id, textContent: `${q.text} `}), select));
  });
  return box;
}

/** "colonne du fichier → champ SCDL", with the standard's required columns the file lacks. */
function mappingTable(r: ScdlResult, schema: ScdlSchema): HTMLElement {
  const rows: string[][] = (r.dialect?.columns ?? []).filter((c) => c.column !== "").map((c) => [c.letter ? `${c.letter} — ${c.column}` : c.column, c.field ? `→ ${c.field}${c.part ? ` (${c.part})` : ""}` : "—", `${howLabel(c.how)}${c.note ? ` : ${c.note}` : ""}`]);
  const given = new Set((r.dialect?.columns ?? []).map((c) => c.field));
  for (const f of schema.fields) if (f.constraints?.required && !given.has(f.name)) rows.push(["(absente)", `→ ${f.name}`, "colonne obligatoire du standard absente du fichier"]);
  return textTable(["Colonne du fichier", "Champ SCDL", "Lecture"], rows, {caption: `Colonnes de ${r.file} → champs SCDL 2.1.1 — en-tête reconnu : ${r.dialect?.label ?? ""}`});
}

function button(text: string, onClick: () => void): HTMLElement {
  const b = el("button", {type: "button", textContent: text});
  b.addEventListener("click", onClick);
  return b;
}

function downloads(r: ScdlResult, schema: ScdlSchema): HTMLElement {
  const p = el("p", {className: "scdl-downloads"});
  const csv = (text: string, name: string) => downloadBlob(new Blob([text], {type: "text/csv;charset=utf-8"}), name);
  if (r.rows.length) p.append(button(`Télécharger le fichier normalisé : ${plural(r.rows.length, "ligne valide", "lignes valides")} au SCDL 2.1.1 (CSV UTF-8, « , »)`, () => csv(formatScdl(r.rows, schema), `${stem(r.file)}-scdl-2.1.1.csv`)), " ");
  if (r.incomplete.length) {
    // The unknown fields keep the file's text (empty when the column is absent), to be corrected or completed.
    const toComplete = r.incomplete.map((row) => ({values: {...row.values, ...row.unknown}}));
    const which = r.incomplete.length > 1 ? `les ${formatInteger(r.incomplete.length)} lignes incomplètes` : "la ligne incomplète";
    p.append(button(`Télécharger ${which} à compléter (même format, pas encore valide)`, () => csv(formatScdl(toComplete, schema), `${stem(r.file)}-a-completer.csv`)), " ");
  }
  p.append(button("Télécharger le rapport des changements (CSV pour Excel)", () => csv(formatCsv(CHANGE_REPORT_COLUMNS, changeReport(r) as unknown as Record<string, unknown>[], "excel-fr"), `changements-${stem(r.file)}.csv`)), " ");
  if (r.problems.length) {
    p.append(
      button("Télécharger la liste des problèmes (CSV pour Excel)", () => {
        const rows = r.problems.map((q) => ({fichier: q.file, ligne: q.line, ligne_fin: q.lineEnd ?? null, colonne: q.column, valeur: q.value, attendu: q.expected, code: q.code, gravite: q.severity, message: sentence(q)}));
        csv(formatCsv(["fichier", "ligne", "ligne_fin", "colonne", "valeur", "attendu", "code", "gravite", "message"], rows, "excel-fr"), `problemes-${stem(r.file)}.csv`);
      })
    );
  }
  return p;
}

/** One file's report; `rerun` reads the same file again with other options. */
export function ScdlFileReport(r: ScdlResult, schema: ScdlSchema, rerun: (options: ScdlOptions) => void): HTMLElement {
  const section = el("section", {className: "scdl-file-report"});
  section.dataset.importReport = r.file;
  section.append(el("h3", {textContent: `Rapport : ${r.file}`}));
  const summary = summarize(r, r.rows.length);
  if (r.refused && !r.dialect) {
    section.append(el("p", {textContent: statusLine(summary)}));
    return section;
  }
  section.append(howRead(r, rerun));
  if (r.dialect) {
    if (r.dialect.questions.length) section.append(questions(r, r.dialect.questions, rerun));
    const scroll = el("div", {className: "import-problems scdl-mapping", tabIndex: 0}, mappingTable(r, schema));
    scroll.setAttribute("role", "region");
    scroll.setAttribute("aria-label", `Colonnes de ${r.file}`);
    section.append(scroll);
  }
  section.append(el("p", {className: "scdl-status", textContent: statusLine(summary)}));
  if (r.refused) return section;
  const verdict = conformity(r);
  section.append(el("p", {textContent: verdict.conform ? "Conforme au SCDL 2.1.1 tel quel." : `Non conforme au SCDL 2.1.1 tel quel : ${verdict.reasons.join(" ; ")}.`}));
  const lacking = incompleteBreakdown(r.incomplete);
  if (lacking.length) section.append(el("p", {textContent: `Exigences du standard non remplies par les lignes incomplètes (chargées, comptées à part) : ${lacking.map(([noun, n]) => `${formatInteger(n)} sans ${noun}`).join(", ")}.`}));
  if (summary.byColumn.length) section.append(el("p", {textContent: `Problèmes des lignes rejetées, par colonne : ${summary.byColumn.map(([column, n]) => `${column === "*" ? "ligne entière" : column} (${formatInteger(n)})`).join(", ")}.`}));
  // The columns read under another name are in the table above; the downloadable list has them too.
  const shown = r.problems.filter((p) => p.code !== "mapped-column");
  if (shown.length) {
    const table = textTable(
      ["Ligne", "Colonne", "Valeur lue", "Attendu", "Gravité"],
      shown.slice(0, SHOWN).map((p) => [p.lineEnd ? `${p.line} à ${p.lineEnd}` : String(p.line), p.column, p.value, p.expected, SEVERITY[p.severity]]),
      {caption: `Problèmes de ${r.file}`}
    );
    const scroll = el("div", {className: "import-problems", tabIndex: 0}, table);
    scroll.setAttribute("role", "region");
    scroll.setAttribute("aria-label", `Problèmes de ${r.file}`);
    section.append(scroll);
    if (shown.length > SHOWN) section.append(el("p", {textContent: `${formatInteger(SHOWN)} premiers problèmes sur ${formatInteger(shown.length)} : la liste complète est dans le fichier à télécharger.`}));
  }
  section.append(downloads(r, schema));
  if (r.duplicates.length) section.append(textTable(["Ligne", "Doublon exact de la ligne"], r.duplicates.map((d) => [String(d.line), String(d.duplicateOf)]), {caption: "Doublons exacts (signalés, chargés une fois)"}));
  return section;
}
