// Validation of French grant files in the SCDL "subventions" format (Table Schema v2.1.1,
// schema.data.gouv.fr "scdl/subventions"), and of the older 1.x layout still found in published
// files. The schema itself is data: the published JSON, read from the data pack through the source
// registry (scdl_schema_2_1_1) and shipped to the page; src/model/validation/engine.ts checks what
// it says. This module adds only what the schema names or leaves open:
// - the checks it names: "french-siret-value" (SIRET check digit) and "one-of-required";
// - project rules: an amount is > 0 and at most MONTANT_MAX, a payment period holds real calendar
//   dates, the French wording staff read for each field;
// - the 1.x layout (no rnaBeneficiaire nor dispositifAide): nature compared without case, periods
//   written "AAAA-MM-JJ_AAAA-MM-JJ" read as "AAAA-MM-JJ/AAAA-MM-JJ";
// - exact duplicates (listed, kept once) and a stable key per grant.
// Nothing valid is lost: every data line ends up in `rows`, in `rejects` (with all its problems)
// or in `duplicates`. Text is data: a beneficiary named `<script>…</script>` is a valid name, kept
// verbatim (whatever renders it must escape it).
import {checkIsoDate} from "../lib/dates.js";
import type {Problem} from "../lib/problems.js";
import {compile, validateCsv, type CellFailure, type Compiled, type FieldRule, type NamedCheck, type Profile, type Reject} from "./validation/engine.js";
import type {TableSchema, Value} from "./validation/schema.js";

// ---------------------------------------------------------------------------------------------
// Public types

export type ScdlValue = Value;
export type ScdlSchema = TableSchema;
export type {Problem, Reject};

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

export interface ScdlResult {
  file: string;
  encoding: string;
  separator: string;
  version: "2.1.1" | "1.x";
  rows: ScdlRow[];
  /** One entry per rejected line, listing all its problems in `reasons` and `problems`. */
  rejects: Reject[];
  /** All problems: file-level ones first (the fatal one when the file is refused), then each rejected line's. */
  problems: Problem[];
  /** Data lines identical (after typing) to an earlier row of the same file; not in `rows`. */
  duplicates: {line: number; duplicateOf: number; file: string}[];
  /** The problem that refused the file (nothing loaded), or null. */
  refused: Problem | null;
  /** Data lines read: rows + rejects + duplicates. */
  dataLines: number;
}

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
// Project rules on top of the schema

/** Highest amount accepted on one line. The Région Île-de-France's whole yearly budget is about
 * 5 billion euros: a single grant above 10 billion is a typing or export error, and the bound keeps
 * every total of an import finite (1e308 twice would otherwise add up to Infinity). */
export const MONTANT_MAX = 10_000_000_000;

const SIRET_EXPECTED = "un SIRET de 14 chiffres dont la clé de contrôle (Luhn) est valide";
const PERIOD_1X = /^(\d{4}-\d{2}-\d{2})_(\d{4}-\d{2}-\d{2})$/;

/** What staff read, per SCDL field, and the project's rules beyond the schema. */
const FIELD_RULES = new Map<string, FieldRule>([
  ["idAttribuant", {expected: SIRET_EXPECTED}],
  ["idBeneficiaire", {expected: SIRET_EXPECTED}],
  ["rnaBeneficiaire", {expected: "un numéro RNA : la lettre W suivie de 9 chiffres (ex. W751234567)"}],
  ["dateConvention", {expected: "une date AAAA-MM-JJ (ex. 2024-03-15)"}],
  [
    "datesPeriodeVersement",
    {
      expected: "une date AAAA-MM-JJ ou une période AAAA-MM-JJ/AAAA-MM-JJ (ex. 2024-01-01/2024-12-31)",
      // 1.x files write a period with "_" (2017-01-01_2017-12-31); in 1.x it is read as "/".
      normalize: (text, run) => (run.lenient ? text.replace(PERIOD_1X, "$1/$2") : text),
      // The schema's pattern accepts 2017-30-05; the dates must exist.
      check: (value) => {
        const text = String(value);
        const ok = checkIsoDate(text.slice(0, 10)) === "ok" && (text.length === 10 || checkIsoDate(text.slice(11)) === "ok");
        return ok ? null : {code: "calendar", expected: "une date AAAA-MM-JJ ou une période AAAA-MM-JJ/AAAA-MM-JJ (ex. 2024-01-01/2024-12-31) ; une des dates n'existe pas dans le calendrier"};
      }
    }
  ],
  // The schema only says "number": a grant is strictly positive, and bounded (see MONTANT_MAX).
  ["montant", {expected: "un montant en euros strictement positif et d'au plus 10 milliards, sans symbole € (ex. 1500, 1500.50 ou 1 500,50)", exclusiveMinimum: 0, maximum: MONTANT_MAX}],
  ["pourcentageSubvention", {expected: "une part entre 0.01 et 1 (ex. 0.5 pour 50 %)"}],
  ["notificationUE", {expected: "oui ou non"}],
  ["conditionsVersement", {expected: "« unique », « échelonné » ou un texte libre de 256 caractères au plus"}]
]);

/** The checks the SCDL schema names in custom_checks (validata's, implemented here). */
const CHECKS = new Map<string, (params: Record<string, string>) => NamedCheck>([
  [
    "french-siret-value",
    (params) => ({cell: {field: params.column, check: (value): CellFailure | null => (isValidSiret(String(value)) ? null : {code: "identifier", expected: SIRET_EXPECTED})}})
  ],
  [
    "one-of-required",
    ({column1: a, column2: b}) => ({
      requires: [[a, b]],
      row: (row, report) => {
        if (row.text(a) === "" && row.text(b) === "" && !row.failed(a) && !row.failed(b)) {
          report({fields: [a, b], value: "", code: "one-of-required", expected: `un identifiant du bénéficiaire : ${a} (SIRET) ou ${b} (numéro RNA) ; l'un des deux est obligatoire`});
        }
      }
    })
  ]
]);

const PROFILE: Profile = {schemaName: "schéma SCDL", fields: FIELD_RULES, checks: CHECKS, unknownColumns: "keep"};

/** Fields added in 2.1.0 (rnaBeneficiaire, dispositifAide): a header with neither is the 1.x layout. */
const V2_ONLY_FIELDS = ["rnaBeneficiaire", "dispositifAide"];

const compiledCache = new WeakMap<TableSchema, Compiled>();
function compiled(schema: TableSchema): Compiled {
  let c = compiledCache.get(schema);
  if (!c) compiledCache.set(schema, (c = compile(schema, PROFILE)));
  return c;
}

// ---------------------------------------------------------------------------------------------
// Files

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

/** Validates an SCDL file against `schema` (the published SCDL "subventions" Table Schema). */
export function validateScdl(bytes: Uint8Array, file: string, schema: TableSchema): ScdlResult {
  const c = compiled(schema);
  const names = schema.fields.map((f) => f.name);
  const layout = (header: string[]): ScdlResult["version"] => (V2_ONLY_FIELDS.some((f) => c.names.has(f)) && !V2_ONLY_FIELDS.some((f) => header.includes(f)) ? "1.x" : "2.1.1");
  const result = validateCsv(bytes, file, c, (header) => ({lenient: layout(header) === "1.x"}));
  const rows: ScdlRow[] = [];
  const duplicates: ScdlResult["duplicates"] = [];
  const firstLine = new Map<string, number>();
  for (const record of result.records) {
    const sig = signature(record.values, names);
    const first = firstLine.get(sig);
    if (first !== undefined) duplicates.push({file, line: record.line, duplicateOf: first});
    else {
      firstLine.set(sig, record.line);
      rows.push({line: record.line, file, key: scdlKey(record.values), values: record.values});
    }
  }
  return {
    file,
    encoding: result.encoding,
    separator: result.separator,
    version: result.refused ? "2.1.1" : layout(result.header),
    rows,
    rejects: result.rejects,
    problems: result.problems,
    duplicates,
    refused: result.refused,
    dataLines: result.dataLines
  };
}

/** Rows of several files, each exact duplicate (after typing, on the SCDL fields) kept once and
 * listed with the first occurrence; within-file duplicates are listed too. */
export function mergeScdl(results: ScdlResult[], schema: TableSchema): {rows: ScdlRow[]; duplicates: {file: string; line: number; duplicateOf: {file: string; line: number}}[]} {
  const names = schema.fields.map((f) => f.name);
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

/** The result of a file that could not be read at all (see unreadableProblem). */
export function refusedScdl(file: string, problem: Problem): ScdlResult {
  return {file, encoding: "", separator: "", version: "2.1.1", rows: [], rejects: [], problems: [problem], duplicates: [], refused: problem, dataLines: 0};
}
