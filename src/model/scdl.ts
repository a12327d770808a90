// Validation of French grant files in the SCDL "subventions" format (Table Schema v2.1.1,
// schema.data.gouv.fr "scdl/subventions"), as collectivités actually publish them: CSV or Excel
// workbooks (src/lib/read-table.ts), the standard's names or another dialect (the older draft,
// descriptive French headers: src/model/scdl-dialect.ts), frequent writings rewritten by named
// rules (src/model/scdl-normalise.ts). The schema itself is data: the published JSON, read from the
// data pack through the source registry (scdl_schema_2_1_1) and shipped to the page;
// src/model/validation/engine.ts checks what it says. This module adds only what the schema names
// or leaves open:
// - the checks it names: "french-siret-value" (SIRET check digit) and "one-of-required";
// - project rules: an amount is > 0 and at most MONTANT_MAX, a payment period holds real calendar
//   dates, the French wording staff read for each field;
// - what the bilan needs: a line whose amount, beneficiary's name or grantor's name is missing or
//   invalid is rejected, and so is a file without one of those columns; a line that lacks only
//   other fields of the standard (a payment period, a SIRET, notificationUE…) loads as an
//   INCOMPLETE record — those fields null, never guessed — counted apart, with the unmet
//   requirements listed;
// - exact duplicates (listed, kept once) and a stable key per grant;
// - the normalised file: valid rows written back as SCDL 2.1.1 CSV (formatScdl).
// Nothing is lost: every data line ends up in `rows` (valid), `incomplete`, `rejects` (with all its
// problems) or `duplicates`. Text is data: a beneficiary named `<script>…</script>` is a valid
// name, kept verbatim (whatever renders it must escape it).
import {formatCsv} from "../lib/csv.js";
import {checkIsoDate} from "../lib/dates.js";
import type {Problem} from "../lib/problems.js";
import {readTable} from "../lib/read-table.js";
import type {SheetInfo} from "../lib/xlsx.js";
import {headerScore, recognise, type Choices, type Dialect} from "./scdl-dialect.js";
import {changeWarnings, normaliseRecord, type Change, type NormaliseContext} from "./scdl-normalise.js";
import {isValidSiren, isValidSiret} from "./scdl-siret.js";
import {compile, validateTable, type CellFailure, type Compiled, type FieldRule, type NamedCheck, type Profile, type Reject, type TypedRecord} from "./validation/engine.js";
import type {TableSchema, Value} from "./validation/schema.js";

export {isValidSiren, isValidSiret};

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
   * boolean, dates "AAAA-MM-JJ" strings, empty, absent or unknown fields null), plus any extra
   * columns of the file as trimmed strings. */
  values: Record<string, ScdlValue>;
  /** An incomplete record's unknown fields (absent column, empty or invalid cell). */
  missing?: string[];
  /** Their text in the file ("" for an absent column). */
  unknown?: Record<string, string>;
}

/** How a file is read: the workbook's sheet, the answers to the dialect's questions. */
export interface ScdlOptions {
  sheet?: string;
  choices?: Choices;
  /** For a caller that finds exact duplicates itself (the block-by-block validation of large
   * files, src/model/scdl-flux.ts): no duplicate search and no row keys here (key ""). */
  sansDoublons?: boolean;
}

export interface ScdlResult {
  file: string;
  format: "csv" | "xlsx";
  encoding: string;
  separator: string;
  version: "2.1.1" | "1.x";
  /** The header's dialect: each column and its SCDL field, the questions asked (null when refused before the header). */
  dialect: Dialect | null;
  /** Valid rows (after the normalisation rules). */
  rows: ScdlRow[];
  /** Rows loaded without some fields the bilan can do without (see the top of this file). */
  incomplete: ScdlRow[];
  /** One entry per rejected line, listing all its problems in `reasons` and `problems`. */
  rejects: Reject[];
  /** All problems: file-level ones first (the fatal one when the file is refused), then each line's. */
  problems: Problem[];
  /** Data lines identical (after typing) to an earlier loaded row of the same file; not in `rows` nor `incomplete`. */
  duplicates: {line: number; duplicateOf: number; file: string}[];
  /** Every value a normalisation rule rewrote. */
  changes: Change[];
  /** The problem that refused the file (nothing loaded), or null. */
  refused: Problem | null;
  /** Data lines read: rows + incomplete + rejects + duplicates. */
  dataLines: number;
  /** Workbooks: the sheets, the one read, the header's row and group-title rows. */
  sheets?: SheetInfo[];
  sheet?: string | null;
  headerLine?: number;
  groupLines?: number[];
  options: ScdlOptions;
}

// ---------------------------------------------------------------------------------------------
// Identifiers

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

/** What an invalid SIRET probably is, when its digits say so (the value itself is never changed). */
export function siretHint(text: string): string {
  if (isValidSiren(text)) return " ; c'est un SIREN (9 chiffres) : le SIRET de l'établissement (14 chiffres) n'est pas donné";
  const digits = /^(\d{14})(?:[.,]0+)?$/.exec(text)?.[1];
  if (digits?.endsWith("00000") && isValidSiren(digits.slice(0, 9))) return ` ; ses 9 premiers chiffres forment un SIREN valide (${digits.slice(0, 9)}) suivi de 00000 : seul le SIREN semble connu, pas le SIRET`;
  if (/^\d+[.,]\d+$/.test(text) || /[eE][+-]?\d+$/.test(text)) return " ; écrit comme un nombre décimal, il a pu perdre des chiffres dans un tableur (ses 14 chiffres ne se retrouvent pas avec une clé valide)";
  return "";
}

/** What staff read, per SCDL field, and the project's rules beyond the schema. */
const FIELD_RULES = new Map<string, FieldRule>([
  ["idAttribuant", {expected: SIRET_EXPECTED, hint: (_code, text) => siretHint(text)}],
  ["idBeneficiaire", {expected: SIRET_EXPECTED, hint: (_code, text) => siretHint(text)}],
  ["rnaBeneficiaire", {expected: "un numéro RNA : la lettre W suivie de 9 chiffres (ex. W751234567)"}],
  ["dateConvention", {expected: "une date AAAA-MM-JJ (ex. 2024-03-15)"}],
  [
    "datesPeriodeVersement",
    {
      expected: "une date AAAA-MM-JJ ou une période AAAA-MM-JJ/AAAA-MM-JJ (ex. 2024-01-01/2024-12-31)",
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

/** What a line needs for the bilan to count it: who grants, to whom, how much (funders are never
 * summed, so the grantor is needed too). Every other field of the standard may be missing or
 * invalid: the line then loads as an incomplete record. */
export const ESSENTIAL = ["nomAttribuant", "nomBeneficiaire", "montant"] as const;

const degradableCache = new WeakMap<TableSchema, Set<string>>();
function degradable(schema: TableSchema): Set<string> {
  let d = degradableCache.get(schema);
  if (!d) degradableCache.set(schema, (d = new Set(schema.fields.map((f) => f.name).filter((n) => !(ESSENTIAL as readonly string[]).includes(n)))));
  return d;
}

/** The exact-duplicate signature: the typed values of the schema's fields (extra columns are not
 * compared: two lines with the same grant data are duplicates whatever their comments say). An
 * unknown field of an incomplete record is compared by its text in the file: two lines whose objects
 * are both too long are not the same grant. */
function signature(values: Record<string, ScdlValue>, names: Iterable<string>, unknown?: Record<string, string>): string {
  let s = "";
  for (const name of names) {
    const v = values[name];
    s += (unknown && Object.hasOwn(unknown, name) ? `\u0003${unknown[name]}` : v === null || v === undefined ? "\u0000" : typeof v === "string" ? v : typeof v === "number" ? `#${v}` : v ? "\u0002T" : "\u0002F") + "\u0001";
  }
  return s;
}

/**
 * Validates a grant file (CSV or .xlsx) against `schema` (the published SCDL "subventions" Table
 * Schema): reads it, recognises its dialect, rewrites the frequent writings, checks every line.
 */
export function validateScdl(bytes: Uint8Array, file: string, schema: TableSchema, options: ScdlOptions = {}): ScdlResult {
  const c = compiled(schema);
  const names = schema.fields.map((f) => f.name);
  const table = readTable(bytes, file, {expectedHeader: "les colonnes du schéma SCDL", headerScore: headerScore(schema), ...(options.sheet !== undefined ? {sheet: options.sheet} : {})});
  const workbook = table.format === "xlsx" ? {sheets: table.sheets ?? [], sheet: table.sheet ?? null, headerLine: table.headerLine ?? 1, groupLines: table.groupLines ?? []} : {};
  const base = {file, format: table.format, encoding: table.encoding, separator: table.separator, changes: [] as Change[], options, ...workbook};
  if (table.refused) return {...base, version: "2.1.1", dialect: null, rows: [], incomplete: [], rejects: [], problems: [table.refused], duplicates: [], refused: table.refused, dataLines: 0};

  const dialect = recognise(table.header, schema, {file, line: table.headerLine ?? 1, ...(table.letters ? {letters: table.letters} : {}), choices: options.choices ?? {}});
  const mapped = new Set(names.filter((_, i) => dialect.mapping.sources[i] !== null));
  const version = V2_ONLY_FIELDS.some((f) => c.names.has(f)) && !V2_ONLY_FIELDS.some((f) => mapped.has(f)) ? "1.x" : "2.1.1";
  const changes: Change[] = [];
  const period = dialect.period && {...dialect.period, startColumn: dialect.period.start === undefined ? undefined : table.header[dialect.period.start], endColumn: dialect.period.end === undefined ? undefined : table.header[dialect.period.end]};
  const context: NormaliseContext = {file, fields: names, natures: schema.fields.find((f) => f.name === "nature")?.constraints?.enum ?? [], layout1x: version === "1.x", ...(period ? {period} : {})};
  const question = dialect.questions.length ? " ; une question sur les colonnes attend votre réponse au-dessus du rapport" : "";
  const result = validateTable(table, c, {
    mapping: dialect.mapping,
    adapt: (record, source) => normaliseRecord(record, source, context, changes),
    degradable: degradable(schema),
    refusedBecause: `aucune ligne n'est chargée : le bilan ne peut compter une aide sans son attribuant, son bénéficiaire et son montant${question}`,
    afterHeader: () => changeWarnings(changes)
  });

  const rows: ScdlRow[] = [];
  const incomplete: ScdlRow[] = [];
  const duplicates: ScdlResult["duplicates"] = [];
  const firstLine = new Map<string, number>();
  const keep = (record: TypedRecord, into: ScdlRow[]) => {
    if (options.sansDoublons) {
      into.push({line: record.line, file, key: "", values: record.values, ...(record.missing ? {missing: record.missing, unknown: record.unknown} : {})});
      return;
    }
    const sig = signature(record.values, names, record.unknown);
    const first = firstLine.get(sig);
    if (first !== undefined) duplicates.push({file, line: record.line, duplicateOf: first});
    else {
      firstLine.set(sig, record.line);
      into.push({line: record.line, file, key: scdlKey(record.values), values: record.values, ...(record.missing ? {missing: record.missing, unknown: record.unknown} : {})});
    }
  };
  // In line order, so that the first of two duplicates is kept whatever its status.
  const loaded = [...result.records.map((r) => [r, rows] as const), ...result.incomplete.map((r) => [r, incomplete] as const)].sort((a, b) => a[0].line - b[0].line);
  for (const [record, into] of loaded) keep(record, into);
  duplicates.sort((a, b) => a.line - b.line);
  return {...base, changes, version: result.refused ? "2.1.1" : version, dialect, rows, incomplete, rejects: result.rejects, problems: result.problems, duplicates, refused: result.refused, dataLines: result.dataLines};
}

/** Rows of several files (valid and incomplete), each exact duplicate (after typing, on the SCDL
 * fields) kept once and listed with the first occurrence; within-file duplicates are listed too. */
export function mergeScdl(results: ScdlResult[], schema: TableSchema): {rows: ScdlRow[]; duplicates: {file: string; line: number; duplicateOf: {file: string; line: number}}[]} {
  const names = schema.fields.map((f) => f.name);
  const seen = new Map<string, {file: string; line: number}>();
  const canonical = new Map<string, {file: string; line: number}>();
  const rows: ScdlRow[] = [];
  const duplicates: {file: string; line: number; duplicateOf: {file: string; line: number}}[] = [];
  for (const result of results) {
    for (const row of [...result.rows, ...(result.incomplete ?? [])].sort((a, b) => a.line - b.line)) {
      const sig = signature(row.values, names, row.unknown);
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
export function refusedScdl(file: string, problem: Problem, options: ScdlOptions = {}): ScdlResult {
  return {file, format: "csv", encoding: "", separator: "", version: "2.1.1", dialect: null, rows: [], incomplete: [], rejects: [], problems: [problem], duplicates: [], changes: [], refused: problem, dataLines: 0, options};
}

/** A value as the SCDL 2.1.1 writes it: numbers with a decimal point, booleans with the schema's
 * first true / false value ("oui", "non"), unknown values empty. */
function scdlText(value: ScdlValue | undefined, trueText: string, falseText: string): string | number | null {
  if (value === null || value === undefined) return null;
  if (typeof value === "boolean") return value ? trueText : falseText;
  return value;
}

/** Rows written as an SCDL 2.1.1 CSV file (UTF-8, ",", the schema's columns in its order, extra
 * columns left out): the normalised file a collectivité can republish. Values are written as they
 * are (no formula neutralisation: this is the standard's data file, read by validators, not a sheet
 * for a spreadsheet), so that reading it back gives the same records. */
export function formatScdl(rows: readonly Pick<ScdlRow, "values">[], schema: TableSchema): string {
  const names = schema.fields.map((f) => f.name);
  const bool = schema.fields.find((f) => f.type === "boolean");
  const [yes, no] = [bool?.trueValues?.[0] ?? "true", bool?.falseValues?.[0] ?? "false"];
  return formatCsv(names, rows.map((r) => Object.fromEntries(names.map((n) => [n, scdlText(r.values[n], yes, no)]))));
}
