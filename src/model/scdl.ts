// Validation of French grant files in the SCDL "subventions" format (Table Schema v2.1.1,
// schema.data.gouv.fr "scdl/subventions"), and of the older 1.x layout still found in published
// files. Pure and synchronous: web-standard APIs only, so it runs in node and in the browser.
//
// Principles:
// - nothing valid is lost: every data line ends up in `rows`, in `rejects` (with all its
//   problems) or in `duplicates` (an exact copy of an earlier row, listed, never dropped silently);
// - every problem names file, line (1 = header), column, the value found and what was expected,
//   in French, for the staff who fix the files;
// - text is data: a beneficiary named `<script>…</script>` is a valid name, kept verbatim
//   (whatever renders it must escape it).
import {CsvError, decode, detectSeparator, parseCsv, fileProblem} from "../lib/csv-parse.js";
import {parseFrenchNumber} from "../lib/values.js";

// ---------------------------------------------------------------------------------------------
// Public types

export interface ScdlProblem {
  file: string;
  /** 1-based physical line; 1 is the header (file-level problems). */
  line: number;
  column: string;
  value: string;
  expected: string;
  /** Set on problems that do not reject anything (e.g. an unknown extra column). */
  warning?: true;
}

export type ScdlValue = string | number | boolean | null;

export interface ScdlRow {
  line: number;
  file: string;
  /** Stable identifier of the grant across files: see {@link scdlKey}. */
  key: string;
  /** Typed values of the SCDL fields (montant and pourcentageSubvention numbers, notificationUE
   * boolean, dates "AAAA-MM-JJ" strings, empty or absent optional fields null), plus any extra
   * columns of the file as trimmed strings. */
  values: Record<string, ScdlValue>;
}

export type ScdlReject = ScdlProblem & {reasons: string[]};

export interface ScdlResult {
  file: string;
  encoding: string;
  separator: string;
  version: "2.1.1" | "1.x";
  rows: ScdlRow[];
  /** One entry per rejected line, listing all its problems in `reasons`. */
  rejects: ScdlReject[];
  /** All problems: file-level ones (line 1, or the line an unterminated quote opens) and cell ones. */
  problems: ScdlProblem[];
  /** Data lines identical (after typing) to an earlier row of the same file; not in `rows`. */
  duplicates: {line: number; duplicateOf: number; file: string}[];
}

/** The part of a Table Schema (frictionless) this validator understands. */
export interface ScdlSchemaField {
  name: string;
  type: string;
  trueValues?: string[];
  falseValues?: string[];
  constraints?: {required?: boolean; pattern?: string; maxLength?: number; enum?: string[]; minimum?: number; maximum?: number};
}
export interface ScdlSchema {
  version?: string;
  fields: ScdlSchemaField[];
  custom_checks?: {name: string; params: Record<string, string>}[];
}

// ---------------------------------------------------------------------------------------------
// The official schema v2.1.1 (fields and constraints as published; descriptions left out).
// The tests check that validating with the published JSON gives the same results as this copy.

const NATURES = ["aide en numéraire", "aide en nature", "aide en numéraire;aide en nature", "aide en nature;aide en numéraire"];

export const SCDL_SCHEMA_2_1_1: ScdlSchema = {
  version: "2.1.1",
  fields: [
    {name: "nomAttribuant", type: "string", constraints: {required: true}},
    {name: "idAttribuant", type: "string", constraints: {required: true, pattern: "^\\d{14}$"}},
    {name: "dateConvention", type: "date", constraints: {required: true}},
    {name: "referenceDecision", type: "string"},
    {name: "nomBeneficiaire", type: "string", constraints: {required: true}},
    {name: "idBeneficiaire", type: "string"},
    {name: "rnaBeneficiaire", type: "string", constraints: {pattern: "^W\\d{9}$"}},
    {name: "objet", type: "string", constraints: {required: true, maxLength: 256}},
    {name: "montant", type: "number", constraints: {required: true}},
    {name: "nature", type: "string", constraints: {required: true, enum: NATURES}},
    {name: "conditionsVersement", type: "string", constraints: {required: true, maxLength: 256}},
    {name: "datesPeriodeVersement", type: "string", constraints: {required: true, pattern: "^[0-9]{4}\\-[0-9]{2}\\-[0-9]{2}(\\/[0-9]{4}\\-[0-9]{2}\\-[0-9]{2})?$"}},
    {name: "idRAE", type: "string", constraints: {maxLength: 5}},
    {name: "notificationUE", type: "boolean", trueValues: ["oui"], falseValues: ["non"], constraints: {required: true}},
    {name: "pourcentageSubvention", type: "number", constraints: {required: true, minimum: 0.01, maximum: 1}},
    {name: "dispositifAide", type: "string"}
  ],
  custom_checks: [
    {name: "french-siret-value", params: {column: "idAttribuant"}},
    {name: "french-siret-value", params: {column: "idBeneficiaire"}},
    {name: "one-of-required", params: {column1: "idBeneficiaire", column2: "rnaBeneficiaire"}}
  ]
};

/** Fields added in 2.1.0 (rnaBeneficiaire, dispositifAide): a header with neither is the 1.x layout. */
const V2_ONLY_FIELDS = ["rnaBeneficiaire", "dispositifAide"];

// ---------------------------------------------------------------------------------------------
// Identifiers

function luhn(digits: string): boolean {
  let sum = 0;
  for (let i = digits.length - 1, double = false; i >= 0; i--, double = !double) {
    let d = digits.charCodeAt(i) - 48;
    if (double) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

const SIRET_DIGITS = /^\d{14}$/;
const SIREN_DIGITS = /^\d{9}$/;

/** 9 digits with a valid Luhn key. */
export function isValidSiren(s: string): boolean {
  return SIREN_DIGITS.test(s) && luhn(s);
}

/** 14 digits with a valid Luhn key. Exception (INSEE): the establishments of La Poste (SIREN
 * 356000000) have SIRETs whose sum of digits is a multiple of 5 instead; its head office,
 * 35600000000048, follows Luhn. */
export function isValidSiret(s: string): boolean {
  if (!SIRET_DIGITS.test(s)) return false;
  if (s.startsWith("356000000") && s !== "35600000000048") {
    let sum = 0;
    for (let i = 0; i < 14; i++) sum += s.charCodeAt(i) - 48;
    return sum % 5 === 0;
  }
  return luhn(s);
}

const utf8 = new TextEncoder();
let utf8Buffer = new Uint8Array(1024);

/** FNV-1a 64-bit over the UTF-8 bytes of `text` (lone surrogates as U+FFFD, like TextEncoder),
 * as 16 hex digits. Synchronous and without BigInt: the 64-bit state is two 32-bit halves. */
export function fnv1a64(text: string): string {
  if (text.length * 3 > utf8Buffer.length) utf8Buffer = new Uint8Array(text.length * 3);
  const bytes = utf8Buffer;
  const n = utf8.encodeInto(text, bytes).written;
  let hi = 0xcbf29ce4;
  let lo = 0x84222325;
  for (let i = 0; i < n; i++) {
    lo = (lo ^ bytes[i]) >>> 0;
    // × 0x100000001b3 = × 0x1b3 + × 2^40, modulo 2^64
    const product = lo * 0x1b3;
    const newLo = product >>> 0;
    hi = (Math.imul(hi, 0x1b3) + (product - newLo) / 0x100000000 + (lo << 8)) >>> 0;
    lo = newLo;
  }
  return hi.toString(16).padStart(8, "0") + lo.toString(16).padStart(8, "0");
}

/** The key of a grant for the companion table: FNV-1a 64 of
 * idAttribuant|dateConvention|idBeneficiaire (or rnaBeneficiaire when there is no SIRET)|objet|montant|referenceDecision
 * on typed values (montant as a JavaScript number string, e.g. "1234.56"; an absent value as "").
 * It identifies the same grant across files and re-publications, whatever the file's layout,
 * separator or number format. It is not a uniqueness guarantee: two lines that differ only in
 * other fields (e.g. nature) share a key. */
export function scdlKey(values: Record<string, ScdlValue>): string {
  const beneficiary = values.idBeneficiaire ?? values.rnaBeneficiaire;
  return fnv1a64(`${text(values.idAttribuant)}|${text(values.dateConvention)}|${text(beneficiary)}|${text(values.objet)}|${text(values.montant)}|${text(values.referenceDecision)}`);
}
function text(v: ScdlValue | undefined): string {
  return v === null || v === undefined ? "" : String(v);
}

// ---------------------------------------------------------------------------------------------
// Cell checks, compiled once per schema (no regex built per row)

type Check = {ok: true; value: ScdlValue} | {ok: false; expected: string};
type CellCheck = (text: string, version: ScdlResult["version"]) => Check;


const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const PERIOD_1X = /^(\d{4}-\d{2}-\d{2})_(\d{4}-\d{2}-\d{2})$/;
const DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function isCalendarDate(year: number, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1) return false;
  const leap = month === 2 && year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  return day <= DAYS[month - 1] + (leap ? 1 : 0);
}
/** "AAAA-MM-JJ" that exists in the calendar (2019-02-30 does not). */
function isIsoDate(text: string): boolean {
  const m = ISO_DATE.exec(text);
  return m !== null && isCalendarDate(+m[1], +m[2], +m[3]);
}

/** What staff read, per SCDL field. */
const EXPECTED: Record<string, string> = {
  idAttribuant: "un SIRET de 14 chiffres dont la clé de contrôle (Luhn) est valide",
  idBeneficiaire: "un SIRET de 14 chiffres dont la clé de contrôle (Luhn) est valide",
  rnaBeneficiaire: "un numéro RNA : la lettre W suivie de 9 chiffres (ex. W751234567)",
  dateConvention: "une date AAAA-MM-JJ (ex. 2024-03-15)",
  datesPeriodeVersement: "une date AAAA-MM-JJ ou une période AAAA-MM-JJ/AAAA-MM-JJ (ex. 2024-01-01/2024-12-31)",
  montant: "un montant en euros strictement positif, sans symbole € (ex. 1500, 1500.50 ou 1 500,50)",
  pourcentageSubvention: "une part entre 0.01 et 1 (ex. 0.5 pour 50 %)",
  notificationUE: "oui ou non",
  conditionsVersement: "« unique », « échelonné » ou un texte libre de 256 caractères au plus",
  nature: `une des valeurs ${NATURES.map((n) => `« ${n} »`).join(", ")}`
};

/** Project rule beyond the schema (which only says "number"): a grant amount is > 0. */
const STRICTLY_POSITIVE = new Set(["montant"]);

function compileField(field: ScdlSchemaField, siret: boolean): CellCheck {
  const c = field.constraints ?? {};
  const name = field.name;
  const pattern = c.pattern !== undefined ? new RegExp(`^(?:${c.pattern})$`) : undefined;
  const enumValues = c.enum;
  // 1.x leniency: the 1.x files in the wild write the nature with a capital ("Aide en numéraire");
  // in 1.x the enum is compared case-insensitively and the canonical (lower-case) value is kept.
  const enumByLowerCase = enumValues && new Map(enumValues.map((v) => [v.toLowerCase(), v]));
  const trueValues = new Set([...(field.trueValues ?? ["true"]), "true"].map((v) => v.toLowerCase()));
  const falseValues = new Set([...(field.falseValues ?? ["false"]), "false"].map((v) => v.toLowerCase()));
  const fallback =
    field.type === "date" ? "une date AAAA-MM-JJ"
    : field.type === "number" ? (c.minimum !== undefined || c.maximum !== undefined ? `un nombre entre ${c.minimum ?? "-∞"} et ${c.maximum ?? "+∞"}` : "un nombre")
    : field.type === "boolean" ? [...trueValues, ...falseValues].join(" ou ")
    : enumValues ? `une des valeurs ${enumValues.map((v) => `« ${v} »`).join(", ")}`
    : pattern ? `une valeur au format ${c.pattern}`
    : "un texte";
  const expected = EXPECTED[name] ?? fallback;
  const isPeriod = name === "datesPeriodeVersement";
  const positive = STRICTLY_POSITIVE.has(name);
  const fail = (text: string): Check => ({ok: false, expected: text});

  return (text, version) => {
    if (text === "") return c.required ? fail(`une valeur obligatoire (la cellule est vide)${expected === "un texte" ? "" : ` : ${expected}`}`) : {ok: true, value: null};
    switch (field.type) {
      case "date":
        if (!ISO_DATE.test(text)) return fail(expected);
        return isIsoDate(text) ? {ok: true, value: text} : fail(`${expected} ; cette date n'existe pas dans le calendrier`);
      case "number": {
        const value = parseFrenchNumber(text);
        if (value === undefined) return fail(text.includes("€") ? `${expected} ; retirer le symbole €` : expected);
        if ((c.minimum !== undefined && value < c.minimum) || (c.maximum !== undefined && value > c.maximum) || (positive && value <= 0)) return fail(expected);
        return {ok: true, value};
      }
      case "boolean": {
        const lower = text.toLowerCase();
        if (trueValues.has(lower)) return {ok: true, value: true};
        if (falseValues.has(lower)) return {ok: true, value: false};
        return fail(expected);
      }
      default: {
        let value = text;
        // 1.x leniency: 1.x files write a period with "_" (2017-01-01_2017-12-31); in 1.x it is
        // accepted and normalised to the ISO "/" separator.
        if (isPeriod && version === "1.x") value = value.replace(PERIOD_1X, "$1/$2");
        if (c.maxLength !== undefined && value.length > c.maxLength) {
          const length = [...value].length; // characters (code points), as Table Schema counts
          if (length > c.maxLength) return fail(`un texte de ${c.maxLength} caractères au plus (${length} trouvés)`);
        }
        if (enumValues && !enumValues.includes(value)) {
          const canonical = enumByLowerCase!.get(value.toLowerCase());
          if (canonical === undefined) return fail(expected);
          if (version !== "1.x") return fail(`${expected} (en minuscules : « ${canonical} »)`);
          value = canonical;
        }
        if (pattern && !pattern.test(value)) return fail(expected);
        if (siret && !isValidSiret(value)) return fail(expected);
        if (isPeriod && !(isIsoDate(value.slice(0, 10)) && (value.length === 10 || isIsoDate(value.slice(11))))) return fail(`${expected} ; une des dates n'existe pas dans le calendrier`);
        return {ok: true, value};
      }
    }
  };
}

interface Compiled {
  fields: {name: string; required: boolean; check: CellCheck}[];
  names: Set<string>;
  oneOf: [string, string][];
}

const compiledCache = new WeakMap<ScdlSchema, Compiled>();

function compile(schema: ScdlSchema): Compiled {
  const cached = compiledCache.get(schema);
  if (cached) return cached;
  const checks = schema.custom_checks ?? [];
  const siret = new Set(checks.filter((k) => k.name === "french-siret-value").map((k) => k.params.column));
  const compiled: Compiled = {
    fields: schema.fields.map((f) => ({name: f.name, required: f.constraints?.required === true, check: compileField(f, siret.has(f.name))})),
    names: new Set(schema.fields.map((f) => f.name)),
    oneOf: checks.filter((k) => k.name === "one-of-required").map((k) => [k.params.column1, k.params.column2])
  };
  compiledCache.set(schema, compiled);
  return compiled;
}

// ---------------------------------------------------------------------------------------------
// Files

function fileLevel(file: string, error: CsvError): ScdlProblem {
  return fileProblem(file, error, "du schéma SCDL");
}

/** The exact-duplicate signature: the typed values of the schema's fields (extra columns are not
 * compared: two lines with the same grant data are duplicates whatever their comments say). */
function signature(values: Record<string, ScdlValue>, names: Iterable<string>): string {
  let s = "";
  for (const name of names) {
    const v = values[name];
    s += (v === null || v === undefined ? "\u0000" : typeof v === "string" ? v : typeof v === "number" ? `#${v}` : v ? "\u0002T" : "\u0002F") + "\u0001";
  }
  return s;
}

export function validateScdl(bytes: Uint8Array, file: string, options: {schema?: ScdlSchema} = {}): ScdlResult {
  const schema = options.schema ?? SCDL_SCHEMA_2_1_1;
  const compiled = compile(schema);
  const problems: ScdlProblem[] = [];
  const rows: ScdlRow[] = [];
  const rejects: ScdlReject[] = [];
  const duplicates: ScdlResult["duplicates"] = [];

  let table;
  try {
    table = parseCsv(bytes, file);
  } catch (error) {
    if (!(error instanceof CsvError)) throw error;
    const {text, encoding} = decode(bytes);
    problems.push(fileLevel(file, error));
    return {file, encoding, separator: detectSeparator(text.replace(/^\ufeff/, "")), version: "2.1.1", rows, rejects, problems, duplicates};
  }
  const header = table.header.map((h) => h.trim());
  const version: ScdlResult["version"] = V2_ONLY_FIELDS.some((f) => compiled.names.has(f)) && !V2_ONLY_FIELDS.some((f) => header.includes(f)) ? "1.x" : "2.1.1";
  const result: ScdlResult = {file, encoding: table.encoding, separator: table.separator, version, rows, rejects, problems, duplicates};

  // Header: columns in any order; unknown columns kept and reported as a warning.
  for (const name of header) {
    if (!compiled.names.has(name)) problems.push({file, line: 1, column: name, value: name, expected: "une colonne du schéma SCDL (colonne inconnue : conservée, non contrôlée)", warning: true});
  }
  const missing = compiled.fields.filter((f) => f.required && !header.includes(f.name)).map((f) => f.name);
  for (const [a, b] of compiled.oneOf) if (!header.includes(a) && !header.includes(b)) missing.push(`${a} ou ${b}`);
  if (missing.length > 0) {
    const what = missing.length > 1 ? "les colonnes obligatoires" : "la colonne obligatoire";
    problems.unshift({file, line: 1, column: missing.join(", "), value: header.join(table.separator), expected: `${what} ${missing.join(", ")} dans l'en-tête (aucune ligne n'est chargée)`});
    return result;
  }
  const fieldIndex = compiled.fields.map((f) => header.indexOf(f.name));
  const extras = header.map((name, i) => [name, i] as const).filter(([name]) => !compiled.names.has(name));
  const fieldNames = compiled.fields.map((f) => f.name);

  // Lines set aside by the CSV reader (wrong number of fields).
  const lineProblems = new Map<number, ScdlProblem[]>();
  for (const p of table.problems) {
    const found = /found (\d+)/.exec(p.expected)?.[1];
    lineProblems.set(p.line, [{file, line: p.line, column: p.column, value: p.value, expected: `${header.length} champs séparés par « ${table.separator} »${found ? `, ${found} trouvés` : ""}`}]);
  }

  const firstLine = new Map<string, number>();
  for (const record of table.records) {
    const values: Record<string, ScdlValue> = {};
    let rowProblems: ScdlProblem[] | undefined;
    for (let i = 0; i < compiled.fields.length; i++) {
      const field = compiled.fields[i];
      const index = fieldIndex[i];
      const raw = index < 0 ? "" : record.values[index].trim();
      const check = field.check(raw, version);
      if (check.ok) values[field.name] = check.value;
      else (rowProblems ??= []).push({file, line: record.line, column: field.name, value: raw, expected: check.expected});
    }
    for (const [a, b] of compiled.oneOf) {
      if ((values[a] ?? null) === null && (values[b] ?? null) === null && !rowProblems?.some((p) => p.column === a || p.column === b)) {
        (rowProblems ??= []).push({file, line: record.line, column: `${a}, ${b}`, value: "", expected: `un identifiant du bénéficiaire : ${a} (SIRET) ou ${b} (numéro RNA) ; l'un des deux est obligatoire`});
      }
    }
    if (rowProblems) {
      lineProblems.set(record.line, rowProblems);
      continue;
    }
    for (const [name, i] of extras) values[name] = record.values[i].trim() || null;
    const sig = signature(values, fieldNames);
    const first = firstLine.get(sig);
    if (first !== undefined) duplicates.push({file, line: record.line, duplicateOf: first});
    else {
      firstLine.set(sig, record.line);
      rows.push({line: record.line, file, key: scdlKey(values), values});
    }
  }

  for (const line of [...lineProblems.keys()].sort((a, b) => a - b)) {
    const list = lineProblems.get(line)!;
    problems.push(...list);
    rejects.push({
      file,
      line,
      column: list.map((p) => p.column).join(", "),
      value: list.map((p) => p.value).join(" ; "),
      expected: list.map((p) => p.expected).join(" ; "),
      reasons: list.map((p) => `${p.column} = « ${p.value} » : attendu ${p.expected}`)
    });
  }
  if (table.records.length === 0 && table.problems.length === 0) {
    problems.push({file, line: 1, column: "*", value: "", expected: "au moins une ligne de données après l'en-tête (le fichier ne contient que l'en-tête)", warning: true});
  }
  return result;
}

/** Rows of several files, each exact duplicate (after typing, on the SCDL fields) kept once and
 * listed with the first occurrence; within-file duplicates are listed too. */
export function mergeScdl(results: ScdlResult[]): {rows: ScdlRow[]; duplicates: {file: string; line: number; duplicateOf: {file: string; line: number}}[]} {
  const names = SCDL_SCHEMA_2_1_1.fields.map((f) => f.name);
  const seen = new Map<string, {file: string; line: number}>();
  const canonical = new Map<string, {file: string; line: number}>();
  const rows: ScdlRow[] = [];
  const duplicates: {file: string; line: number; duplicateOf: {file: string; line: number}}[] = [];
  for (const result of results) {
    for (const row of result.rows) {
      const sig = signature(row.values, names);
      const first = seen.get(sig);
      if (first) {
        duplicates.push({file: row.file, line: row.line, duplicateOf: first});
        canonical.set(`${row.file}\u0000${row.line}`, first);
      } else {
        seen.set(sig, {file: row.file, line: row.line});
        rows.push(row);
      }
    }
    for (const d of result.duplicates) {
      const first = canonical.get(`${d.file}\u0000${d.duplicateOf}`) ?? {file: d.file, line: d.duplicateOf};
      duplicates.push({file: d.file, line: d.line, duplicateOf: first});
    }
  }
  return {rows, duplicates};
}
