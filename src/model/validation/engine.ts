// One validation engine for every file the project accepts, driven by its Table Schema (the SCDL
// "subventions" schema, data/structures.schema.json). Pure and synchronous, web-standard APIs
// only: it runs in node, in the browser and in a worker.
//
// What a schema says (types, required, enum, pattern, maxLength, minimum/maximum, unique) is
// checked here, the same way for every file. What a schema only names (the SCDL's custom_checks
// such as "french-siret-value", the structures' x_regles) is implemented by the domain module
// that owns it (src/model/scdl.ts, src/model/structures.ts) and handed in as a Profile, together
// with the French wording of what each field expects.
//
// Guarantees:
// - nothing valid is lost: every data line ends up typed in `records` or in `rejects` (with all
//   its problems); a file-level problem that refuses the file is `refused`;
// - every problem is structured ({file, line, column, value, expected, code, severity}, see
//   src/lib/problems.ts); `expected` is French and built from the schema and the rule;
// - text is data: values are kept verbatim; lookups keyed by file data use Map/Set (a column or a
//   value named "constructor" or "__proto__" is data like any other).
import {checkIsoDate} from "../../lib/dates.js";
import {readCsv, type CsvRecord} from "../../lib/csv-parse.js";
import {reason, type Problem, type ProblemCode} from "../../lib/problems.js";
import type {Table} from "../../lib/read-table.js";
import {hasExponent, parseFrenchNumber} from "../../lib/values.js";
import type {FieldSchema, TableSchema, Value} from "./schema.js";

// ---------------------------------------------------------------------------------------------
// Profiles: what a domain adds to its schema

export interface CellFailure {
  code: ProblemCode;
  expected: string;
}

/** A record seen by rules: raw text and typed values by field name. */
export interface RowView {
  /** Trimmed text of the field on this line ("" when empty or absent). */
  text(field: string): string;
  /** Typed value, undefined when the field failed its checks. */
  value(field: string): Value | undefined;
  /** True when the field already has a problem on this line. */
  failed(field: string): boolean;
}

export interface Run {
  /** Older layouts accepted with leniency (SCDL 1.x): enum values compared without case. */
  lenient: boolean;
}

export interface FieldRule {
  /** What staff read as expected, instead of the description built from the schema. */
  expected?: string;
  /** Rewrites the text before checks (a 1.x period "a_b" → "a/b"). */
  normalize?: (text: string, run: Run) => string;
  /** Numbers: project bounds beyond the schema's (a grant amount is > 0 and below a ceiling). */
  exclusiveMinimum?: number;
  maximum?: number;
  /** Extra check of a value that passed the schema's. */
  check?: (value: Value, row: RowView) => CellFailure | null;
  /** Words added after `expected` when a check fails, e.g. " ; 93059 n'existe plus…". */
  hint?: (code: ProblemCode, text: string, row: RowView) => string;
}

export interface RowProblem {
  fields: string[];
  value: string;
  expected: string;
  code: ProblemCode;
}

/** A check named by the schema (custom_checks[].name or x_regles[].nom). */
export interface NamedCheck {
  /** A cell check on one column (e.g. SIRET check digit). */
  cell?: {field: string; check: (value: Value) => CellFailure | null};
  /** A check across the cells of one line. */
  row?: (row: RowView, report: (p: RowProblem) => void) => void;
  /** Groups of columns of which the header must hold at least one. */
  requires?: string[][];
}

export interface Profile {
  /** The schema in messages, after "du": "schéma SCDL", "schéma des structures". */
  schemaName: string;
  fields?: ReadonlyMap<string, FieldRule>;
  /** Implementations of the checks the schema names, with their params. */
  checks?: ReadonlyMap<string, (params: Record<string, string>) => NamedCheck>;
  /** A column the schema does not name: kept in the values (as text) or ignored; both are warnings. */
  unknownColumns: "keep" | "ignore";
}

// ---------------------------------------------------------------------------------------------
// Compilation: one check function per field, built once per call (no regex built per row)

type Checked = {ok: true; value: Value} | {ok: false; code: ProblemCode; expected: string};

interface CompiledField {
  name: string;
  required: boolean;
  unique: boolean;
  expected: string;
  check: (text: string, row: RowView, run: Run) => Checked;
}

export interface Compiled {
  schema: TableSchema;
  profile: Profile;
  fields: CompiledField[];
  names: ReadonlySet<string>;
  rowChecks: NonNullable<NamedCheck["row"]>[];
  requires: string[][];
}

const quoteList = (values: readonly string[]) => values.map((v) => `« ${v} »`).join(", ");
const frenchNumber = (n: number) => String(n).replace(".", ",");

/** Lower case, no accents, blanks, hyphens and apostrophes as "_": "Pépinière" → "pepiniere". */
export function normalizeCode(text: string): string {
  return text
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[\s'’-]+/g, "_");
}

/** What a field expects, in French, from its type and constraints. */
export function describeField(field: FieldSchema): string {
  const c = field.constraints ?? {};
  if (c.enum) return `une des valeurs ${quoteList(c.enum)}`;
  switch (field.type) {
    case "date":
      return "une date AAAA-MM-JJ (ex. 2024-03-15)";
    case "boolean":
      return [...(field.trueValues ?? ["true"]), ...(field.falseValues ?? ["false"])].join(" ou ");
    case "number":
    case "integer": {
      const what = field.type === "integer" ? "un nombre entier" : "un nombre";
      if (c.minimum !== undefined && c.maximum !== undefined) return `${what} entre ${frenchNumber(c.minimum)} et ${frenchNumber(c.maximum)}`;
      if (c.minimum !== undefined) return `${what} supérieur ou égal à ${frenchNumber(c.minimum)}`;
      if (c.maximum !== undefined) return `${what} inférieur ou égal à ${frenchNumber(c.maximum)}`;
      return what;
    }
    default:
      if (field.format === "uri") return "une adresse web complète (ex. https://www.exemple.fr/page)";
      return c.pattern ? `une valeur au format ${c.pattern}` : "un texte";
  }
}

function isUri(text: string): boolean {
  if (/\s/.test(text)) return false;
  try {
    new URL(text);
    return true;
  } catch {
    return false;
  }
}

function compileField(field: FieldSchema, rule: FieldRule, cellChecks: NonNullable<NamedCheck["cell"]>["check"][]): CompiledField {
  const c = field.constraints ?? {};
  const expected = rule.expected ?? describeField(field);
  const pattern = c.pattern !== undefined ? new RegExp(`^(?:${c.pattern})$`) : undefined;
  const enumSet = c.enum ? new Set(c.enum) : undefined;
  const byLowerCase = c.enum ? new Map(c.enum.map((v) => [v.toLowerCase(), v])) : undefined;
  const byNormalized = c.enum ? new Map(c.enum.map((v) => [normalizeCode(v), v])) : undefined;
  // Table Schema booleans: the schema's values, and true/false, compared without case.
  const trueValues = new Set([...(field.trueValues ?? []), "true"].map((v) => v.toLowerCase()));
  const falseValues = new Set([...(field.falseValues ?? []), "false"].map((v) => v.toLowerCase()));
  const minimum = c.minimum;
  const maximum = Math.min(c.maximum ?? Infinity, rule.maximum ?? Infinity);
  const exclusiveMinimum = rule.exclusiveMinimum;
  const numeric = field.type === "number" || field.type === "integer";
  const required = c.required === true;
  const emptyExpected = `une valeur obligatoire (la cellule est vide)${expected === "un texte" ? "" : ` : ${expected}`}`;

  const fail = (code: ProblemCode, text: string, row: RowView, words = expected): Checked => ({ok: false, code, expected: words + (rule.hint?.(code, text, row) ?? "")});

  const check = (raw: string, row: RowView, run: Run): Checked => {
    if (raw === "") return required ? {ok: false, code: "required", expected: emptyExpected} : {ok: true, value: null};
    const text = rule.normalize ? rule.normalize(raw, run) : raw;
    let value: Value;
    if (numeric) {
      const n = parseFrenchNumber(text);
      if (n === undefined || (field.type === "integer" && !Number.isInteger(n))) {
        const why = text.includes("€") ? " ; retirer le symbole €" : hasExponent(text) ? " ; écrire le nombre en chiffres, sans puissance de 10 (pas de notation « 1e308 »)" : "";
        return fail("type", text, row, expected + why);
      }
      if ((minimum !== undefined && n < minimum) || n > maximum || (exclusiveMinimum !== undefined && n <= exclusiveMinimum)) return fail("range", text, row);
      value = n;
    } else if (field.type === "boolean") {
      const lower = text.toLowerCase();
      if (trueValues.has(lower)) value = true;
      else if (falseValues.has(lower)) value = false;
      else return fail("type", text, row);
    } else if (field.type === "date") {
      const date = checkIsoDate(text);
      if (date === "not-iso") return fail("type", text, row);
      if (date === "not-in-calendar") return fail("calendar", text, row, `${expected} ; cette date n'existe pas dans le calendrier`);
      value = text;
    } else {
      let s = text;
      if (c.maxLength !== undefined && s.length > c.maxLength) {
        const length = [...s].length; // characters (code points), as Table Schema counts
        if (length > c.maxLength) return fail("length", s, row, `un texte de ${c.maxLength} caractères au plus (${length} trouvés)`);
      }
      if (enumSet && !enumSet.has(s)) {
        const canonical = byLowerCase!.get(s.toLowerCase());
        if (canonical !== undefined && run.lenient) s = canonical;
        else {
          const close = canonical ?? byNormalized!.get(normalizeCode(s));
          return fail("enum", s, row, `${expected}${close !== undefined ? ` (écrire « ${close} »)` : ""}`);
        }
      }
      if (pattern && !pattern.test(s)) return fail("pattern", s, row);
      if (field.format === "uri" && !isUri(s)) return fail("format", s, row);
      value = s;
    }
    for (const cellCheck of cellChecks) {
      const failure = cellCheck(value);
      if (failure) return fail(failure.code, text, row, failure.expected);
    }
    if (rule.check) {
      const failure = rule.check(value, row);
      if (failure) return fail(failure.code, text, row, failure.expected);
    }
    return {ok: true, value};
  };
  return {name: field.name, required, unique: c.unique === true, expected, check};
}

/** Compiles a schema with a domain's profile; a check the schema names but the profile lacks is a programming error. */
export function compile(schema: TableSchema, profile: Profile): Compiled {
  const named: NamedCheck[] = [];
  const wanted = [...(schema.custom_checks ?? []).map((k) => ({name: k.name, params: k.params ?? {}})), ...(schema.x_regles ?? []).map((r) => ({name: r.nom, params: {}}))];
  for (const {name, params} of wanted) {
    const make = profile.checks?.get(name);
    if (!make) throw new Error(`Le ${profile.schemaName} demande le contrôle « ${name} », que le validateur ne connaît pas.`);
    named.push(make(params));
  }
  const fields = schema.fields.map((f) =>
    compileField(
      f,
      profile.fields?.get(f.name) ?? {},
      named.flatMap((k) => (k.cell && k.cell.field === f.name ? [k.cell.check] : []))
    )
  );
  return {
    schema,
    profile,
    fields,
    names: new Set(schema.fields.map((f) => f.name)),
    rowChecks: named.flatMap((k) => (k.row ? [k.row] : [])),
    requires: named.flatMap((k) => k.requires ?? [])
  };
}

// ---------------------------------------------------------------------------------------------
// Records

/** A data line mapped onto the schema's fields, by header or by an adapter. */
export interface MappedRecord {
  line: number;
  lineEnd?: number;
  /** One text per schema field, in schema order ("" when empty or absent). */
  cells: string[];
  /** The file's column for each field, for messages (default: the field's name). */
  columns?: readonly string[];
  /** The file's original text for each field, when an adapter changed it. */
  originals?: readonly (string | undefined)[];
  /** Problems the adapter found, by field index (those fields are not checked again). */
  problems?: {field: number; problem: Problem}[];
  /** Columns outside the schema, kept as text when the profile says so. */
  extras?: [string, string][];
}

export interface TypedRecord {
  line: number;
  lineEnd?: number;
  /** Typed values by field name (null-prototype object: a column named "__proto__" is data). */
  values: Record<string, Value>;
  /** An incomplete record's unknown fields (absent column, empty or invalid cell), left null. */
  missing?: string[];
  /** The text each unknown field had in the file ("" for an absent column): two incomplete records
   * are the same only if these are the same too. */
  unknown?: Record<string, string>;
}

/** A rejected line with all its problems; column, value and expected join theirs. */
export interface Reject {
  file: string;
  line: number;
  lineEnd?: number;
  column: string;
  value: string;
  expected: string;
  /** One French sentence per problem ("montant = « 1 500 € » : attendu …"). */
  reasons: string[];
  problems: Problem[];
}

export function rejectOf(problems: Problem[]): Reject {
  const [first] = problems;
  return {
    file: first.file,
    line: first.line,
    ...(first.lineEnd !== undefined ? {lineEnd: first.lineEnd} : {}),
    column: problems.map((p) => p.column).join(", "),
    value: problems.map((p) => p.value).join(" ; "),
    expected: problems.map((p) => p.expected).join(" ; "),
    reasons: problems.map(reason),
    problems
  };
}

export interface CheckOptions {
  /** Fields a record may lack: when every problem of a line is on these fields, the line is loaded
   * as an incomplete record (those fields null, listed in `missing`, problems of severity
   * "incomplete") instead of being rejected. */
  degradable?: ReadonlySet<string>;
  /** Required fields the file has no column for (all degradable): every record lacks them. */
  absent?: readonly string[];
}

/**
 * Checks mapped records against the compiled schema. `lineProblems` are lines already rejected
 * (by the reader: wrong width, broken quote, invalid bytes); they are merged, in line order.
 * Valid records go to `records`, records that only lack degradable fields to `incomplete`.
 */
export function checkRecords(
  file: string,
  records: Iterable<MappedRecord>,
  compiled: Compiled,
  run: Run,
  lineProblems: Problem[] = [],
  {degradable, absent = []}: CheckOptions = {}
): {records: TypedRecord[]; incomplete: TypedRecord[]; rejects: Reject[]; problems: Problem[]} {
  const {fields, rowChecks, profile} = compiled;
  const index = new Map(fields.map((f, i) => [f.name, i]));
  const seen = fields.map((f) => (f.unique ? new Map<string, number>() : null));
  const typed: TypedRecord[] = [];
  const incomplete: TypedRecord[] = [];
  const byLine = new Map<number, Problem[]>();
  for (const p of lineProblems) byLine.set(p.line, [...(byLine.get(p.line) ?? []), p]);
  const rejectedLines = new Set(byLine.keys());
  const absentFields = new Set(absent);

  // One RowView reused across records (no closure built per row).
  let cells: string[] = [];
  let values: Value[] = [];
  let failed: boolean[] = [];
  const view: RowView = {
    text: (name) => {
      const i = index.get(name);
      return i === undefined ? "" : cells[i];
    },
    value: (name) => {
      const i = index.get(name);
      return i === undefined || failed[i] ? undefined : values[i];
    },
    failed: (name) => {
      const i = index.get(name);
      return i !== undefined && failed[i];
    }
  };

  for (const record of records) {
    cells = record.cells;
    values = new Array(fields.length);
    failed = new Array(fields.length).fill(false);
    let found: Problem[] | undefined;
    // The fields each problem is about, to decide whether the line can load as incomplete.
    const about: string[][] = [];
    const add = (problem: Problem, names: string[]) => {
      (found ??= []).push(problem);
      about.push(names);
    };
    const column = (i: number) => record.columns?.[i] ?? fields[i].name;
    const shown = (i: number) => record.originals?.[i] ?? cells[i];
    for (const {field, problem} of record.problems ?? []) {
      failed[field] = true;
      add(problem, [fields[field].name]);
    }
    for (let i = 0; i < fields.length; i++) {
      if (failed[i]) continue;
      const f = fields[i];
      // A column the file does not have is said once for the file, not on every line.
      if (absentFields.has(f.name)) {
        failed[i] = true;
        continue;
      }
      const result = f.check(cells[i], view, run);
      if (!result.ok) {
        failed[i] = true;
        add({file, line: record.line, column: column(i), value: shown(i), expected: result.expected, code: result.code, severity: "error"}, [f.name]);
        continue;
      }
      values[i] = result.value;
      const unique = seen[i];
      if (unique && cells[i] !== "") {
        const first = unique.get(cells[i]);
        if (first === undefined) unique.set(cells[i], record.line);
        else {
          failed[i] = true;
          const what = compiled.schema.primaryKey === f.name ? "un identifiant unique" : "une valeur unique dans la colonne";
          add({file, line: record.line, column: column(i), value: shown(i), expected: `${what} (« ${cells[i]} » est déjà utilisé ligne ${first})`, code: "unique", severity: "error"}, [f.name]);
        }
      }
    }
    for (const rowCheck of rowChecks) {
      rowCheck(view, (p) => {
        const columns = p.fields.map((name) => {
          const i = index.get(name);
          return i === undefined ? name : column(i);
        });
        add({file, line: record.line, column: columns.join(", "), value: p.value, expected: p.expected, code: p.code, severity: "error"}, p.fields);
      });
    }
    const loadable = !found || (degradable !== undefined && !rejectedLines.has(record.line) && about.every((names) => names.every((n) => degradable.has(n))));
    if (!loadable) {
      byLine.set(record.line, [...(byLine.get(record.line) ?? []), ...found!]);
      rejectedLines.add(record.line);
      continue;
    }
    const out: Record<string, Value> = Object.create(null);
    for (let i = 0; i < fields.length; i++) out[fields[i].name] = failed[i] ? null : values[i];
    if (profile.unknownColumns === "keep") for (const [name, text] of record.extras ?? []) out[name] = text === "" ? null : text;
    const missing = [...new Set([...absent, ...about.flat()])];
    const unknown: Record<string, string> = Object.create(null);
    for (const name of missing) unknown[name] = absentFields.has(name) ? "" : (cells[index.get(name)!] ?? "");
    const result: TypedRecord = {line: record.line, ...(record.lineEnd !== undefined ? {lineEnd: record.lineEnd} : {}), values: out, ...(missing.length ? {missing, unknown} : {})};
    if (missing.length === 0) typed.push(result);
    else {
      incomplete.push(result);
      if (found) byLine.set(record.line, found.map((p) => ({...p, severity: "incomplete"})));
    }
  }

  const rejects: Reject[] = [];
  const problems: Problem[] = [];
  for (const line of [...byLine.keys()].sort((a, b) => a - b)) {
    const list = byLine.get(line)!;
    problems.push(...list);
    if (rejectedLines.has(line)) rejects.push(rejectOf(list));
  }
  return {records: typed, incomplete, rejects, problems};
}

// ---------------------------------------------------------------------------------------------
// Files

/** What any reader hands over (src/lib/read-table.ts): a header, records with their lines, problems. */
export type TableInput = Omit<Table, "format" | "letters" | "sheets" | "sheet" | "headerLine" | "groupLines">;

export interface ValidationResult {
  file: string;
  encoding: string;
  separator: string;
  header: string[];
  records: TypedRecord[];
  /** Records loaded without some degradable fields (see CheckOptions). */
  incomplete: TypedRecord[];
  rejects: Reject[];
  /** File-level problems first (the fatal one alone when the file is refused), then each line's, in line order. */
  problems: Problem[];
  refused: Problem | null;
  /** Data lines read: records + incomplete + rejected lines. */
  dataLines: number;
}

/** The header's missing required columns (or groups, "a ou b"), as one fatal problem; null when complete.
 * `what` names the expected layout: "schéma SCDL", "base des tiers-lieux CGET 2019". */
export function missingColumns(table: Pick<TableInput, "file" | "header" | "separator">, required: (string | string[])[], what: string, present: ReadonlySet<string> = new Set(table.header), why = "aucune ligne n'est chargée"): Problem | null {
  const missing = required.filter((r) => (Array.isArray(r) ? !r.some((n) => present.has(n)) : !present.has(r))).map((r) => (Array.isArray(r) ? r.join(" ou ") : r));
  if (missing.length === 0) return null;
  const label = missing.length > 1 ? "les colonnes obligatoires" : "la colonne obligatoire";
  return {file: table.file, line: 1, column: missing.join(", "), value: table.header.join(table.separator || " | "), expected: `${label} ${missing.join(", ")} dans l'en-tête (${what} ; ${why})`, code: "missing-column", severity: "fatal"};
}

export function refusedResult(table: Pick<TableInput, "file" | "encoding" | "separator" | "header">, problem: Problem, warnings: Problem[] = []): ValidationResult {
  return {file: table.file, encoding: table.encoding, separator: table.separator, header: table.header, records: [], incomplete: [], rejects: [], problems: [problem, ...warnings], refused: problem, dataLines: 0};
}

/** The end of every file's validation: a header and no data line is worth a warning. */
export function noDataWarning(table: Pick<TableInput, "file" | "dataRecords">): Problem[] {
  return table.dataRecords === 0 ? [{file: table.file, line: 1, column: "*", value: "", expected: "au moins une ligne de données après l'en-tête (le fichier ne contient que l'en-tête)", code: "no-data", severity: "warning"}] : [];
}

/**
 * Validates a CSV file laid out as the schema says: columns in any order, "," or ";", UTF-8 or
 * Windows-1252. `run` may depend on the header (the SCDL 1.x layout).
 */
export function validateCsv(bytes: Uint8Array, file: string, compiled: Compiled, runFor?: (header: string[]) => Run): ValidationResult {
  return validateTable(readCsv(bytes, file, {expectedHeader: `les colonnes du ${compiled.profile.schemaName}`}), compiled, runFor);
}

/** Where a schema field's text comes from in the file. */
export interface FieldSource {
  /** Indexes of the file's columns (two for a field a dialect splits, e.g. a period's start and end). */
  indexes: number[];
  /** The file's column(s), as messages name them. */
  column: string;
}

/** How a file's columns map onto the schema's fields: by exact name (the default), or a domain's
 * dialect (src/model/scdl-dialect.ts). */
export interface HeaderMapping {
  /** Per schema field, in schema order; null when the file has no column for it. */
  sources: (FieldSource | null)[];
  /** Columns outside the schema, kept as text under their name when the profile says so. */
  extras: {name: string; index: number}[];
  /** What the mapping says about the header (renamed, unknown, ambiguous columns): warnings. */
  problems: Problem[];
}

/** The mapping by exact column names: each unknown column is a warning. */
export function exactMapping(table: Pick<TableInput, "file" | "header">, compiled: Compiled): HeaderMapping {
  const {profile, fields, names} = compiled;
  const kept = profile.unknownColumns === "keep" ? "conservée, non contrôlée" : "ignorée, les lignes sont chargées";
  const problems: Problem[] = [];
  for (const name of table.header) {
    if (name !== "" && !names.has(name)) problems.push({file: table.file, line: 1, column: name, value: name, expected: `une colonne du ${profile.schemaName} (colonne inconnue : ${kept})`, code: "unknown-column", severity: "warning"});
  }
  return {
    sources: fields.map((f) => {
      const i = table.header.indexOf(f.name);
      return i < 0 ? null : {indexes: [i], column: f.name};
    }),
    extras: table.header.flatMap((name, index) => (name !== "" && !names.has(name) ? [{name, index}] : [])),
    problems
  };
}

export interface ValidateOptions {
  run?: (header: string[]) => Run;
  /** The header's mapping (default: exactMapping). */
  mapping?: HeaderMapping;
  /** Rewrites a line mapped by `mapping` before it is checked (a dialect's normalisation rules),
   * keeping the file's texts in `originals` and its own problems in `problems`. */
  adapt?: (record: MappedRecord, source: CsvRecord) => MappedRecord;
  /** Fields the domain can do without (see CheckOptions): a required column absent from the file no
   * longer refuses it when it is one of these; its records load as incomplete. */
  degradable?: ReadonlySet<string>;
  /** Why a file without an essential column is refused, for its message. */
  refusedBecause?: string;
  /** File-level warnings known once every line is read (e.g. the rules `adapt` applied), placed after the header's. */
  afterHeader?: () => Problem[];
}

/** Validates a table already read (from CSV, a workbook…: any reader that gives a header and
 * records): the header is mapped onto the schema (exactly, or as `options.mapping` says), then
 * every record is checked. */
export function validateTable(table: TableInput, compiled: Compiled, options: ValidateOptions | ((header: string[]) => Run) = {}): ValidationResult {
  const {run = () => ({lenient: false}), mapping = exactMapping(table, compiled), adapt, degradable, refusedBecause, afterHeader} = typeof options === "function" ? {run: options} : options;
  const {profile, fields} = compiled;
  const file = table.file;
  if (table.refused) return refusedResult(table, table.refused);
  const readerWarnings = table.problems.filter((p) => p.severity === "warning");
  const present = new Set(fields.filter((_, i) => mapping.sources[i] !== null).map((f) => f.name));
  const required: (string | string[])[] = [...fields.filter((f) => f.required).map((f) => f.name), ...compiled.requires];
  const essential = degradable ? required.filter((r) => (Array.isArray(r) ? r : [r]).some((n) => !degradable.has(n))) : required;
  if (missingColumns(table, essential, profile.schemaName, present)) {
    // Refused: the message lists every missing required column, so that all can be fixed at once.
    return refusedResult(table, missingColumns(table, required, profile.schemaName, present, refusedBecause)!, [...readerWarnings, ...mapping.problems]);
  }
  const absentProblem = missingColumns(table, required, profile.schemaName, present);
  const absent = fields.filter((f) => f.required && !present.has(f.name)).map((f) => f.name);
  for (const group of compiled.requires) if (!group.some((n) => present.has(n))) absent.push(...group);
  const fileProblems = [...readerWarnings, ...mapping.problems];
  if (absentProblem) {
    const plural = absentProblem.column.includes(",");
    fileProblems.push({
      ...absentProblem,
      expected: `${plural ? "les colonnes obligatoires" : "la colonne obligatoire"} ${absentProblem.column} du ${profile.schemaName} : ${plural ? "elles manquent" : "elle manque"} ; les lignes sont chargées comme incomplètes, le fichier ne respecte pas le standard`,
      severity: "incomplete"
    });
  }
  const mapped = function* (): Generator<MappedRecord> {
    for (const r of table.records) {
      const record: MappedRecord = {
        line: r.line,
        ...(r.lineEnd !== undefined ? {lineEnd: r.lineEnd} : {}),
        cells: mapping.sources.map((s) => (s === null ? "" : s.indexes.length === 1 ? r.values[s.indexes[0]] : s.indexes.map((i) => r.values[i]).join(" "))),
        columns: mapping.sources.map((s, i) => s?.column ?? fields[i].name),
        ...(mapping.extras.length ? {extras: mapping.extras.map(({name, index}) => [name, r.values[index]] as [string, string])} : {})
      };
      yield adapt ? adapt(record, r) : record;
    }
  };
  const checked = checkRecords(file, mapped(), compiled, run(table.header), table.problems.filter((p) => p.severity === "error"), {degradable, absent});
  return {
    file,
    encoding: table.encoding,
    separator: table.separator,
    header: table.header,
    records: checked.records,
    incomplete: checked.incomplete,
    rejects: checked.rejects,
    problems: [...fileProblems, ...(afterHeader?.() ?? []), ...checked.problems, ...noDataWarning(table)],
    refused: null,
    dataLines: table.dataRecords
  };
}
