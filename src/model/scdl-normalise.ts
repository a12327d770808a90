// The frequent writings of real grant files, rewritten into the SCDL 2.1.1's, each by a named rule
// that the import report lists with the lines it rewrote (and the change report value by value).
// Only the writings listed in RULES are rewritten, and only when the reading is certain; any other
// value stays as it was and gets the validator's message (a date "2019-1-5", an amount "1,000"
// that could be 1 000 or 1, a SIRET whose digits were lost by a spreadsheet).
import type {CsvRecord} from "../lib/csv-parse.js";
import {linesList, type Problem} from "../lib/problems.js";
import {isValidSiret} from "./scdl-siret.js";
import type {MappedRecord} from "./validation/engine.js";

export interface Rule {
  id: string;
  /** What the rule does, in French. */
  label: string;
  /** The SCDL fields it applies to. */
  fields: readonly string[];
}

export const RULES = [
  {id: "date-aaaa/mm/jj", label: "date AAAA/MM/JJ écrite AAAA-MM-JJ", fields: ["dateConvention", "datesPeriodeVersement"]},
  {id: "date-jj/mm/aaaa", label: "date JJ/MM/AAAA (ordre français) écrite AAAA-MM-JJ", fields: ["dateConvention", "datesPeriodeVersement"]},
  {id: "periode-souligne", label: "période AAAA-MM-JJ_AAAA-MM-JJ écrite AAAA-MM-JJ/AAAA-MM-JJ", fields: ["datesPeriodeVersement"]},
  {id: "periode-deux-colonnes", label: "période donnée en deux colonnes (début, fin) réunie en AAAA-MM-JJ/AAAA-MM-JJ (une date seule quand elles sont égales)", fields: ["datesPeriodeVersement"]},
  {id: "nombre-espaces", label: "espaces (ordinaires, insécables ou fines) entre les milliers retirés", fields: ["montant", "pourcentageSubvention"]},
  {id: "nombre-virgule-decimale", label: "virgule décimale écrite avec un point (1 000,50 → 1000.50)", fields: ["montant", "pourcentageSubvention"]},
  {id: "nombre-virgule-milliers", label: "virgules des milliers retirées quand un point décimal ou plusieurs groupes lèvent l'ambiguïté (1,000.50 → 1000.50)", fields: ["montant", "pourcentageSubvention"]},
  {id: "siret-nombre", label: "SIRET écrit comme un nombre (21860194600013.0, ou sans son zéro initial) : ses 14 chiffres rétablis, seulement quand la clé de contrôle le confirme", fields: ["idAttribuant", "idBeneficiaire"]},
  {id: "booleen-casse", label: "oui ou non écrit en minuscules (Non, NON, Oui → non, non, oui)", fields: ["notificationUE"]},
  {id: "nature-numeraire", label: "nature « Numéraire » écrite « aide en numéraire »", fields: ["nature"]},
  {id: "nature-casse", label: "nature écrite avec les minuscules du standard (fichiers à la disposition 1.x, sans rnaBeneficiaire ni dispositifAide)", fields: ["nature"]}
] as const satisfies readonly Rule[];

export type RuleId = (typeof RULES)[number]["id"];

const RULE = new Map<string, Rule>(RULES.map((r) => [r.id, r]));

/** One value rewritten by a rule. */
export interface Change {
  file: string;
  line: number;
  /** The file's column(s). */
  column: string;
  field: string;
  before: string;
  after: string;
  rule: RuleId;
}

type Rewrite = {text: string; rules: RuleId[]} | {problem: {code: Problem["code"]; expected: string}};

// ---------------------------------------------------------------------------------------------
// Dates and periods

const ISO = /^\d{4}-\d{2}-\d{2}$/;

function date(text: string): {text: string; rules: RuleId[]} {
  let m = /^(\d{4})\/(\d{2})\/(\d{2})$/.exec(text);
  if (m) return {text: `${m[1]}-${m[2]}-${m[3]}`, rules: ["date-aaaa/mm/jj"]};
  m = /^(\d{2})\/(\d{2})\/(\d{4})$/.exec(text);
  if (m) return {text: `${m[3]}-${m[2]}-${m[1]}`, rules: ["date-jj/mm/aaaa"]};
  return {text, rules: []};
}

const isDateLike = (text: string) => ISO.test(text) || /^\d{4}\/\d{2}\/\d{2}$/.test(text) || /^\d{2}\/\d{2}\/\d{4}$/.test(text);

function period(text: string): {text: string; rules: RuleId[]} {
  const underscore = /^([^_]+)_([^_]+)$/.exec(text);
  if (underscore && isDateLike(underscore[1]) && isDateLike(underscore[2])) {
    const a = date(underscore[1]);
    const b = date(underscore[2]);
    return {text: `${a.text}/${b.text}`, rules: [...new Set([...a.rules, ...b.rules, "periode-souligne" as const])]};
  }
  return date(text);
}

// ---------------------------------------------------------------------------------------------
// Numbers

/** What Table Schema reads as a number (decimal point, no grouping): left as it is. */
const CANONICAL = /^[-+]?(\d+(\.\d*)?|\.\d+)$/;

function number(text: string): Rewrite {
  if (CANONICAL.test(text)) return {text, rules: []};
  const rules: RuleId[] = [];
  let t = text;
  if (/^[-+]?\d{1,3}([ \u00a0\u202f]\d{3})+([.,]\d+)?$/.test(t)) {
    t = t.replace(/[ \u00a0\u202f]/g, "");
    rules.push("nombre-espaces");
  }
  if (/^[-+]?\d{1,3}(,\d{3})+\.\d+$/.test(t) || /^[-+]?\d{1,3}(,\d{3}){2,}$/.test(t)) {
    t = t.replace(/,/g, "");
    rules.push("nombre-virgule-milliers");
  } else if (/^[-+]?\d+,\d+$/.test(t)) {
    // "1,000" or "12,500" alone could be thousands or decimals: not read.
    if (rules.length === 0 && /^[-+]?[1-9]\d{0,2},\d{3}$/.test(t)) {
      return {problem: {code: "type", expected: `un nombre sans ambiguïté : « ${text} » peut se lire avec une virgule des milliers (${text.replace(",", " ")}) ou une virgule décimale ; écrire ${text.replace(",", "")} ou ${text.replace(",", ".")}`}};
    }
    t = t.replace(",", ".");
    rules.push("nombre-virgule-decimale");
  }
  return {text: t, rules};
}

// ---------------------------------------------------------------------------------------------
// Identifiers, booleans, nature

/** A SIRET written as a number: its 14 digits when the text holds them all and the check digit
 * confirms them (a 13-digit number lost its leading zero); undefined otherwise. */
export function siretFromNumber(text: string): string | undefined {
  let digits: string | undefined;
  let m = /^(\d{13,14})(?:[.,]0+)?$/.exec(text);
  if (m) digits = m[1];
  m = /^(\d)[.,](\d+)[eE]\+?(\d+)$/.exec(text);
  if (m && m[2].length === Number(m[3])) digits = m[1] + m[2]; // every digit written: exact
  if (digits === undefined || (digits === text && digits.length === 14)) return undefined; // already 14 digits: nothing to restore
  const siret = digits.padStart(14, "0");
  return siret.length === 14 && isValidSiret(siret) ? siret : undefined;
}

const fold = (text: string) => text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase().trim();

export interface NormaliseContext {
  file: string;
  /** Field names in schema order. */
  fields: readonly string[];
  /** The nature field's allowed values. */
  natures: readonly string[];
  /** The 1.x layout (no rnaBeneficiaire nor dispositifAide): nature compared without case. */
  layout1x: boolean;
  /** The payment period given as two columns (older draft). */
  period?: {start?: number; end?: number; startColumn?: string; endColumn?: string};
}

function rewrite(field: string, text: string, context: NormaliseContext): Rewrite {
  switch (field) {
    case "dateConvention":
      return date(text);
    case "datesPeriodeVersement":
      return period(text);
    case "montant":
    case "pourcentageSubvention":
      return number(text);
    case "idAttribuant":
    case "idBeneficiaire": {
      const siret = siretFromNumber(text);
      return siret ? {text: siret, rules: ["siret-nombre"]} : {text, rules: []};
    }
    case "notificationUE":
      return /^(oui|non)$/i.test(text) && text !== text.toLowerCase() ? {text: text.toLowerCase(), rules: ["booleen-casse"]} : {text, rules: []};
    case "nature": {
      if (context.natures.includes(text)) return {text, rules: []};
      if (fold(text) === "numeraire") return {text: "aide en numéraire", rules: ["nature-numeraire"]};
      const same = context.layout1x ? context.natures.find((n) => n.toLowerCase() === text.toLowerCase()) : undefined;
      return same ? {text: same, rules: ["nature-casse"]} : {text, rules: []};
    }
    default:
      return {text, rules: []};
  }
}

/** Rewrites one mapped line's cells; the file's texts stay in `originals`, each rewrite is a Change. */
export function normaliseRecord(record: MappedRecord, source: CsvRecord, context: NormaliseContext, changes: Change[]): MappedRecord {
  const cells = [...record.cells];
  const originals: (string | undefined)[] = record.originals ? [...record.originals] : new Array(cells.length);
  const problems = [...(record.problems ?? [])];
  const column = (i: number) => record.columns?.[i] ?? context.fields[i];
  context.fields.forEach((field, i) => {
    let text = cells[i];
    let rules: RuleId[] = [];
    const p = context.period;
    if (field === "datesPeriodeVersement" && p) {
      const start = p.start === undefined ? "" : source.values[p.start];
      const end = p.end === undefined ? "" : source.values[p.end];
      originals[i] = [p.start === undefined ? "" : `${p.startColumn} = ${start}`, p.end === undefined ? "" : `${p.endColumn} = ${end}`].filter(Boolean).join(" ; ");
      if (start === "" && end === "") text = "";
      else if (start === "" || end === "") {
        const [given, missing] = start === "" ? [p.endColumn ?? "fin", p.startColumn ?? "SUB_DATE_DEBUT"] : [p.startColumn ?? "début", p.endColumn ?? "SUB_DATE_FIN"];
        problems.push({field: i, problem: {file: context.file, line: record.line, column: column(i), value: originals[i]!, expected: `une période complète : ${missing} est vide, ${given} seule ne dit pas la période de versement`, code: "required", severity: "error"}});
        cells[i] = "";
        return;
      } else {
        const a = date(start);
        const b = date(end);
        text = a.text === b.text ? a.text : `${a.text}/${b.text}`;
        rules = [...new Set([...a.rules, ...b.rules, "periode-deux-colonnes" as const])];
      }
    } else {
      if (text === "") return;
      const r = rewrite(field, text, context);
      if ("problem" in r) {
        problems.push({field: i, problem: {file: context.file, line: record.line, column: column(i), value: text, expected: r.problem.expected, code: r.problem.code, severity: "error"}});
        return;
      }
      text = r.text;
      rules = r.rules;
    }
    if (rules.length === 0) return;
    const before = originals[i] ?? cells[i];
    originals[i] ??= cells[i];
    cells[i] = text;
    for (const rule of rules) changes.push({file: context.file, line: record.line, column: column(i), field, before, after: text, rule});
  });
  return {...record, cells, originals, ...(problems.length ? {problems} : {})};
}

/** One warning per rule and column: the rule, how many values, which lines, a first example. */
export function changeWarnings(changes: readonly Change[]): Problem[] {
  const groups = new Map<string, Change[]>();
  for (const c of changes) groups.set(`${c.rule}\u0000${c.column}`, [...(groups.get(`${c.rule}\u0000${c.column}`) ?? []), c]);
  return [...groups.values()].map((list) => {
    const [first] = list;
    const n = list.length;
    return {
      file: first.file,
      line: first.line,
      column: first.column,
      value: `${first.before} → ${first.after}`,
      expected: `l'écriture du standard : règle « ${RULE.get(first.rule)!.label} » appliquée à ${n} ${n > 1 ? "valeurs" : "valeur"} (${n > 1 ? "lignes" : "ligne"} ${linesList(list.map((c) => c.line))})`,
      code: "normalised",
      severity: "warning"
    };
  });
}
