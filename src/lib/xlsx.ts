// Excel workbooks (.xlsx, Office Open XML) read as a table, in node, the browser or a worker, with
// the same guarantees as the CSV reader (src/lib/csv-parse.ts): it never throws on bad input, one
// bad line never sinks the file, a workbook it cannot read safely is refused with one French
// sentence, and every problem names the sheet's own row numbers (what Excel shows).
//
// How: fflate (MIT) opens the zip; saxen (MIT), a SAX parser, reads the XML parts; this module only
// knows SpreadsheetML (which part holds what, cell types, shared strings, date formats). Chosen over
// excelize-wasm, the library that writes the project's .xlsx downloads, after measuring it on
// untrusted files (0.1.3, i.e. Excelize 2.11.0, the release that fixed its row-index advisories):
// a 1 KB workbook declaring row 2147483647 kept it busy about two minutes, a sparse sheet reaching
// row 1,000,000 ten seconds, a row numbered -1 was silently merged into row 1; 20,000 rows took
// seconds; it downloads 4 MB (17 MB of WebAssembly) and its Go runtime sets globals, so it must run
// in a worker. SheetJS's npm `xlsx` 0.18.5 is frozen with known advisories (CVE-2023-30533 prototype
// pollution, CVE-2024-22363 ReDoS) and ExcelJS has had no release since 2023.
//
// What makes it safe on untrusted files:
// - sizes: the zip's directory is checked first (entry count, each part's declared size); parts
//   are inflated into buffers of their declared size, so a part cannot expand beyond it (a lie is
//   truncated and then fails as malformed XML);
// - XML: saxen never expands DTD entities (no "billion laughs", no external entities);
// - rows and cells must be numbered within Excel's limits and in increasing order (a crafted row
//   number is refused, never allocated); reading stops past XLSX_LIMITS.rows rows with values;
// - nothing is evaluated: a formula's last value saved in the file is read, never the formula;
// - attributes are looked up with Object.hasOwn (an attribute named __proto__ is data).
import {unzipSync} from "fflate";
import {Parser, type Decode} from "saxen";
import type {CsvRecord} from "./csv-parse.js";
import {formatInteger} from "./format.js";
import {linesList, type Problem, type ProblemCode} from "./problems.js";

export const XLSX_LIMITS = {
  /** Entries in the zip. */
  entries: 10_000,
  /** Uncompressed bytes of one XML part (sheet, shared strings, styles). */
  part: 64 * 1024 * 1024,
  /** Uncompressed bytes of all parts read. */
  total: 192 * 1024 * 1024,
  /** Rows holding at least one value, in the sheet read. */
  rows: 100_000
};

/** Excel's own bounds (ECMA-376; Excel 2007 and later). */
const MAX_ROW = 1_048_576;
const MAX_COLUMN = 16_384;

export interface SheetInfo {
  name: string;
  hidden: boolean;
}

export interface XlsxTable {
  file: string;
  encoding: "xlsx";
  separator: "";
  /** Column names: the header row's cells, prefixed by the titles of merged group cells above ("Bénéficiaire › Nom"). */
  header: string[];
  /** The column letter of each header column (A, B…). */
  letters: string[];
  records: CsvRecord[];
  problems: Problem[];
  refused: Problem | null;
  dataRecords: number;
  sheets: SheetInfo[];
  /** The sheet read (null when the file is refused before a sheet is chosen). */
  sheet: string | null;
  /** Row of the header, and rows of the group titles above it. */
  headerLine: number;
  groupLines: number[];
}

export interface XlsxOptions {
  /** The sheet to read; by default the first visible one. */
  sheet?: string;
  /** How much a row looks like the header (e.g. how many cells name a known field); the best of the
   * first 30 rows is the header (the first row when none scores above 0). */
  headerScore?: (cells: readonly string[]) => number;
  limits?: Partial<typeof XLSX_LIMITS>;
}

/** Separator between a group title and a column name in `header`. */
export const GROUP_SEPARATOR = " › ";

class Refusal extends Error {
  constructor(readonly code: ProblemCode, readonly value: string, readonly expected: string) {
    super(expected);
  }
}

const SAVE_AGAIN = "l'ouvrir dans le tableur et l'enregistrer à nouveau au format Excel (.xlsx), ou en CSV UTF-8";

// ---------------------------------------------------------------------------------------------
// The zip

interface Entry {
  name: string;
  originalSize: number;
}

const u16 = (b: Uint8Array, i: number) => b[i] | (b[i + 1] << 8);
const u32 = (b: Uint8Array, i: number) => (b[i] | (b[i + 1] << 8) | (b[i + 2] << 16) | (b[i + 3] << 24)) >>> 0;

/** The entry count the zip's end record declares (a forged count would make any reader loop for long). */
function declaredEntries(bytes: Uint8Array): number | undefined {
  for (let e = bytes.length - 22; e >= 0 && bytes.length - e <= 65_557; e--) {
    if (u32(bytes, e) !== 0x06054b50) continue;
    let count = u16(bytes, e + 10);
    // Zip64: the locator, 20 bytes before, points to the record holding the real count.
    if (e >= 20 && u32(bytes, e - 20) === 0x07064b50) {
      const at = u32(bytes, e - 12);
      if (at + 40 <= bytes.length && u32(bytes, at) === 0x06064b50) count = u32(bytes, at + 32) + u32(bytes, at + 36) * 2 ** 32;
    }
    return count;
  }
  return undefined;
}

class Zip {
  private readonly entries = new Map<string, Entry>();
  private inflated = 0;
  constructor(private readonly bytes: Uint8Array, private readonly limits: typeof XLSX_LIMITS) {
    const count = declaredEntries(bytes);
    if (count === undefined) throw new Refusal("not-workbook", "zip", `un classeur Excel (.xlsx) complet : la fin de l'archive zip est introuvable (fichier tronqué ou abîmé) ; ${SAVE_AGAIN}`);
    if (count > limits.entries) throw new Refusal("too-large", `${count} parties`, `un classeur d'au plus ${limits.entries} parties (l'archive en déclare ${count})`);
    try {
      unzipSync(bytes, {
        filter: (f) => {
          this.entries.set(f.name.toLowerCase(), {name: f.name, originalSize: f.originalSize});
          return false;
        }
      });
    } catch (error) {
      throw new Refusal("not-workbook", "zip", `un classeur Excel (.xlsx) lisible : l'archive zip est abîmée (${error instanceof Error ? error.message : String(error)}) ; ${SAVE_AGAIN}`);
    }
  }

  has(path: string): boolean {
    return this.entries.has(path.toLowerCase());
  }

  /** A part's text, inflated into a buffer of its declared size (never more), or undefined when absent. */
  text(path: string): string | undefined {
    const entry = this.entries.get(path.toLowerCase());
    if (!entry) return undefined;
    if (entry.originalSize > this.limits.part) {
      throw new Refusal("too-large", `${path} : ${entry.originalSize} octets`, `un classeur dont chaque partie fait au plus ${Math.round(this.limits.part / 2 ** 20)} Mo une fois décompressée (${path} en déclare ${Math.round(entry.originalSize / 2 ** 20)}) : enregistrer la feuille en CSV`);
    }
    this.inflated += entry.originalSize;
    if (this.inflated > this.limits.total) throw new Refusal("too-large", path, `un classeur d'au plus ${Math.round(this.limits.total / 2 ** 20)} Mo une fois décompressé : enregistrer la feuille en CSV`);
    let bytes: Uint8Array | undefined;
    try {
      bytes = unzipSync(this.bytes, {filter: (f) => f.name === entry.name})[entry.name];
    } catch (error) {
      throw new Refusal("not-workbook", path, `un classeur lisible : la partie ${path} ne se décompresse pas (${error instanceof Error ? error.message : String(error)}) ; ${SAVE_AGAIN}`);
    }
    if (!bytes) return undefined;
    // XML parts are UTF-8; a UTF-16 part starts with its byte-order mark.
    const utf16 = bytes[0] === 0xff && bytes[1] === 0xfe;
    return new TextDecoder(utf16 ? "utf-16le" : "utf-8").decode(bytes);
  }
}

// ---------------------------------------------------------------------------------------------
// XML

const NAMESPACES = {
  "http://schemas.openxmlformats.org/spreadsheetml/2006/main": "s",
  "http://purl.oclc.org/ooxml/spreadsheetml/main": "s",
  "http://schemas.openxmlformats.org/officeDocument/2006/relationships": "r",
  "http://purl.oclc.org/ooxml/officeDocument/relationships": "r",
  "http://schemas.openxmlformats.org/package/2006/relationships": "p"
};

type Attributes = (name: string) => string | undefined;

interface Handlers {
  open?: (name: string, attribute: Attributes) => void;
  close?: (name: string) => void;
  text?: (text: string) => void;
}

function parseXml(xml: string, part: string, on: Handlers): void {
  const parser = new Parser();
  parser.ns(NAMESPACES);
  let error: string | undefined;
  parser.on("error", (e) => {
    error ??= e.message;
  });
  parser.on("openTag", (name, attributes, decode, selfClosing) => {
    if (error) return;
    let all: Record<string, string> | undefined;
    on.open?.(name, (key) => {
      all ??= attributes();
      return Object.hasOwn(all, key) ? decode(all[key]) : undefined;
    });
    if (selfClosing) on.close?.(name);
  });
  parser.on("closeTag", (name, _decode, selfClosing) => {
    if (!error && !selfClosing) on.close?.(name);
  });
  if (on.text) {
    const text = on.text;
    parser.on("text", (t: string, decode: Decode) => error || text(decode(t)));
    parser.on("cdata", (t) => error || text(t));
  }
  parser.parse(xml);
  if (error) throw new Refusal("not-workbook", part, `un classeur lisible : la partie ${part} n'est pas du XML valide (${error}) ; ${SAVE_AGAIN}`);
}

/** Excel writes some characters as _xHHHH_ (ECMA-376 Part 1, 22.4.2.4). */
const unescapeX = (text: string) => (text.includes("_x") ? text.replace(/_x([0-9A-Fa-f]{4})_/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16))) : text);

// ---------------------------------------------------------------------------------------------
// Workbook structure

interface Relationship {
  type: string;
  target: string;
}

function directory(path: string): string {
  const i = path.lastIndexOf("/");
  return i < 0 ? "" : path.slice(0, i + 1);
}

/** A relationship's target, relative to its source part's folder or absolute ("/xl/…"). */
function resolve(base: string, target: string): string {
  const parts = (target.startsWith("/") ? target.slice(1) : base + target).split("/");
  const out: string[] = [];
  for (const p of parts) {
    if (p === "..") out.pop();
    else if (p !== "." && p !== "") out.push(p);
  }
  return out.join("/");
}

function relationships(zip: Zip, part: string): Map<string, Relationship> {
  const rels = new Map<string, Relationship>();
  const path = `${directory(part)}_rels/${part.slice(directory(part).length)}.rels`;
  const xml = zip.text(path);
  if (xml === undefined) return rels;
  parseXml(xml, path, {
    open: (name, attribute) => {
      if (name !== "p:Relationship" || attribute("TargetMode") === "External") return;
      const id = attribute("Id");
      const target = attribute("Target");
      if (id !== undefined && target !== undefined) rels.set(id, {type: attribute("Type") ?? "", target: resolve(directory(part), target)});
    }
  });
  return rels;
}

const isType = (rel: Relationship, kind: string) => rel.type.endsWith(`/${kind}`);

interface WorkbookParts {
  sheets: (SheetInfo & {path: string | undefined})[];
  date1904: boolean;
  sharedStrings: string | undefined;
  styles: string | undefined;
}

function workbookParts(zip: Zip): WorkbookParts {
  const root = [...relationships(zip, "").values()].find((r) => isType(r, "officeDocument"));
  const path = root?.target ?? "xl/workbook.xml";
  const xml = zip.text(path);
  if (xml === undefined) {
    throw new Refusal("not-workbook", "zip", `un classeur Excel (.xlsx) : cette archive zip ne contient pas de classeur (pas de partie ${path}) ; importer le fichier CSV ou .xlsx des données`);
  }
  const rels = relationships(zip, path);
  const sheets: WorkbookParts["sheets"] = [];
  let date1904 = false;
  parseXml(xml, path, {
    open: (name, attribute) => {
      if (name === "s:sheet") {
        const rel = rels.get(attribute("r:id") ?? "");
        // Chart and dialog sheets hold no cells: only worksheets are listed.
        if (rel && !isType(rel, "worksheet")) return;
        const state = attribute("state");
        sheets.push({name: attribute("name") ?? `Feuille ${sheets.length + 1}`, hidden: state === "hidden" || state === "veryHidden", path: rel?.target});
      } else if (name === "s:workbookPr") {
        const value = attribute("date1904");
        date1904 = value === "1" || value === "true";
      }
    }
  });
  const target = (kind: string) => [...rels.values()].find((r) => isType(r, kind))?.target;
  return {sheets, date1904, sharedStrings: target("sharedStrings"), styles: target("styles")};
}

function sharedStrings(zip: Zip, path: string | undefined): string[] {
  const strings: string[] = [];
  const xml = path === undefined ? undefined : zip.text(path);
  if (xml === undefined) return strings;
  let text = "";
  let inText = false;
  let phonetic = 0; // phonetic runs (rPh) are reading aids, not the cell's text
  parseXml(xml, path!, {
    open: (name) => {
      if (name === "s:si") text = "";
      else if (name === "s:rPh") phonetic++;
      else if (name === "s:t") inText = phonetic === 0;
    },
    close: (name) => {
      if (name === "s:t") inText = false;
      else if (name === "s:rPh") phonetic--;
      else if (name === "s:si") strings.push(unescapeX(text));
    },
    text: (t) => {
      if (inText) text += t;
    }
  });
  return strings;
}

// Built-in number formats that show a date (ECMA-376 Part 1, 18.8.30; 27–36 and 50–58 are the East
// Asian date formats). Times alone (18–21, 45–47) are not dates.
const DATE_FORMATS = new Set([14, 15, 16, 17, 22, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 50, 51, 52, 53, 54, 55, 56, 57, 58]);

/** A custom format shows a date when, outside quoted text, escapes and [..] codes, it has d or y. */
export function isDateFormat(code: string): boolean {
  const bare = code.replace(/"[^"]*"/g, "").replace(/\\./g, "").replace(/\[[^\]]*\]/g, "");
  return /[dy]/i.test(bare.split(";")[0]);
}

/** The style indexes (cellXfs) whose number format shows a date. */
function dateStyles(zip: Zip, path: string | undefined): Set<number> {
  const dates = new Set<number>();
  const xml = path === undefined ? undefined : zip.text(path);
  if (xml === undefined) return dates;
  const custom = new Map<number, string>();
  const formats: number[] = [];
  let inCellXfs = false;
  parseXml(xml, path!, {
    open: (name, attribute) => {
      if (name === "s:numFmt") custom.set(Number(attribute("numFmtId")), attribute("formatCode") ?? "");
      else if (name === "s:cellXfs") inCellXfs = true;
      else if (name === "s:xf" && inCellXfs) formats.push(Number(attribute("numFmtId") ?? 0));
    },
    close: (name) => {
      if (name === "s:cellXfs") inCellXfs = false;
    }
  });
  formats.forEach((id, index) => {
    const code = custom.get(id);
    if (code !== undefined ? isDateFormat(code) : DATE_FORMATS.has(id)) dates.add(index);
  });
  return dates;
}

// ---------------------------------------------------------------------------------------------
// Cells

/** "A" → 1, "AB" → 28; 0 when not letters. */
export function columnNumber(letters: string): number {
  let n = 0;
  for (let i = 0; i < letters.length; i++) {
    const c = letters.charCodeAt(i);
    if (c < 65 || c > 90) return 0;
    n = n * 26 + (c - 64);
  }
  return n;
}

/** 1 → "A", 28 → "AB". */
export function columnLetters(n: number): string {
  let s = "";
  for (let k = n; k > 0; k = Math.floor((k - 1) / 26)) s = String.fromCharCode(65 + ((k - 1) % 26)) + s;
  return s;
}

const REF = /^([A-Z]{1,3})(\d{1,7})$/;

function parseRef(ref: string): {column: number; row: number} | undefined {
  const m = REF.exec(ref);
  if (!m) return undefined;
  const column = columnNumber(m[1]);
  const row = Number(m[2]);
  return column >= 1 && column <= MAX_COLUMN && row >= 1 && row <= MAX_ROW ? {column, row} : undefined;
}

const pad = (n: number, width = 2) => String(n).padStart(width, "0");

/** An Excel date serial as AAAA-MM-JJ (with the time when it has one); undefined outside 1900–9999.
 * 1900 system: serial 1 is 1900-01-01 and 60 the 1900-02-29 Lotus 1-2-3 counted (it does not exist,
 * so it is written as such and fails the calendar check); 1904 system: serial 0 is 1904-01-01. */
export function serialDate(serial: number, date1904 = false): string | undefined {
  // 1900 system: serial 0 is Excel's "1900-01-00", not a date.
  if (!(serial >= (date1904 ? 0 : 1)) || serial >= 2_958_466) return undefined;
  const days = Math.floor(serial);
  let date: string;
  if (!date1904 && days === 60) date = "1900-02-29";
  else {
    const epoch = date1904 ? Date.UTC(1904, 0, 1) : days < 60 ? Date.UTC(1899, 11, 31) : Date.UTC(1899, 11, 30);
    const d = new Date(epoch + days * 86_400_000);
    date = `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
  }
  const seconds = Math.round((serial - days) * 86_400);
  if (seconds === 0 || seconds === 86_400) return date;
  return `${date} ${pad(Math.floor(seconds / 3600))}:${pad(Math.floor(seconds / 60) % 60)}:${pad(seconds % 60)}`;
}

interface Row {
  line: number;
  cells: Map<number, string>;
  hidden: boolean;
}

interface Merge {
  ref: string;
  top: number;
  left: number;
  bottom: number;
  right: number;
}

interface SheetContent {
  rows: Row[];
  merges: Merge[];
  formulas: {ref: string; formula: string}[];
  /** Formula cells with no value saved in the file. */
  unsaved: string[];
}

function readSheet(zip: Zip, path: string, strings: string[], dates: Set<number>, date1904: boolean, maxRows: number): SheetContent {
  const xml = zip.text(path);
  if (xml === undefined) throw new Refusal("not-workbook", path, `un classeur complet : la feuille (${path}) manque dans l'archive ; ${SAVE_AGAIN}`);
  const rows: Row[] = [];
  const merges: Merge[] = [];
  const formulas: SheetContent["formulas"] = [];
  const unsaved: string[] = [];
  let row: Row | undefined;
  let lastRow = 0;
  let lastColumn = 0;
  // The cell being read
  let column = 0;
  let type = "n";
  let style = 0;
  let value = "";
  let hasValue = false;
  let formula: string | undefined;
  let inline = "";
  let collect: "v" | "f" | "t" | undefined;
  let phonetic = 0;
  const corrupt = (what: string) => {
    throw new Refusal("not-workbook", path, `un classeur lisible : ${what} ; le fichier a peut-être été fabriqué ou abîmé par un autre logiciel, ${SAVE_AGAIN}`);
  };
  parseXml(xml, path, {
    open: (name, attribute) => {
      switch (name) {
        case "s:row": {
          const r = attribute("r");
          const line = r === undefined ? lastRow + 1 : /^\d{1,7}$/.test(r) ? Number(r) : NaN;
          if (!(line >= 1 && line <= MAX_ROW)) corrupt(`une ligne porte le numéro « ${r} », hors des 1 à ${MAX_ROW} lignes d'une feuille`);
          if (line <= lastRow) corrupt(`la ligne ${line} vient après la ligne ${lastRow} (les lignes doivent se suivre)`);
          const hidden = attribute("hidden");
          row = {line, cells: new Map(), hidden: hidden === "1" || hidden === "true"};
          lastRow = line;
          lastColumn = 0;
          break;
        }
        case "s:c": {
          if (!row) corrupt("une cellule est hors de toute ligne");
          const ref = attribute("r");
          let at: number;
          if (ref === undefined) at = lastColumn + 1;
          else {
            const p = parseRef(ref);
            if (!p || p.row !== row!.line) corrupt(`la cellule « ${ref} » n'est pas sur sa ligne (${row!.line}) ou hors des limites d'une feuille`);
            at = p!.column;
          }
          if (at <= lastColumn || at > MAX_COLUMN) corrupt(`la cellule de la colonne ${at} de la ligne ${row!.line} est hors d'ordre ou hors des limites`);
          column = lastColumn = at;
          type = attribute("t") ?? "n";
          style = Number(attribute("s") ?? 0);
          value = "";
          hasValue = false;
          formula = undefined;
          inline = "";
          break;
        }
        case "s:v":
          collect = "v";
          hasValue = true;
          break;
        case "s:f":
          collect = "f";
          formula = "";
          break;
        case "s:rPh":
          phonetic++;
          break;
        case "s:t":
          if (phonetic === 0) collect = "t";
          break;
        case "s:mergeCell": {
          const [a, b] = (attribute("ref") ?? "").split(":");
          const from = parseRef(a ?? "");
          const to = parseRef(b ?? a ?? "");
          if (from && to) merges.push({ref: attribute("ref")!, top: Math.min(from.row, to.row), left: Math.min(from.column, to.column), bottom: Math.max(from.row, to.row), right: Math.max(from.column, to.column)});
          break;
        }
      }
    },
    text: (t) => {
      if (collect === "v") value += t;
      else if (collect === "f") formula += t;
      else if (collect === "t") inline += t;
    },
    close: (name) => {
      switch (name) {
        case "s:v":
        case "s:f":
        case "s:t":
          collect = undefined;
          break;
        case "s:rPh":
          phonetic--;
          break;
        case "s:c": {
          let text = "";
          if (type === "inlineStr") text = unescapeX(inline);
          else if (type === "s") {
            const i = Number(value);
            if (hasValue && !(Number.isInteger(i) && i >= 0 && i < strings.length)) corrupt(`la cellule ${columnLetters(column)}${row!.line} renvoie au texte partagé n° ${value}, qui n'existe pas`);
            text = hasValue ? strings[i] : "";
          } else if (type === "b") text = value === "1" ? "true" : value === "0" ? "false" : value;
          else if (type === "d") text = /^\d{4}-\d{2}-\d{2}(T00:00(:00(\.0+)?)?Z?)?$/.test(value) ? value.slice(0, 10) : value;
          else if (type === "str" || type === "e") text = unescapeX(value);
          else if (value !== "") {
            const n = Number(value);
            text = !Number.isFinite(n) ? value : dates.has(style) ? (serialDate(n, date1904) ?? String(n)) : String(n);
          }
          const ref = `${columnLetters(column)}${row!.line}`;
          if (formula !== undefined) {
            formulas.push({ref, formula});
            if (!hasValue) unsaved.push(ref);
          }
          text = text.trim();
          if (text !== "") row!.cells.set(column, text);
          break;
        }
        case "s:row":
          if (row && row.cells.size > 0) {
            rows.push(row);
            if (rows.length > maxRows) throw new Refusal("too-large", `plus de ${maxRows} lignes`, `une feuille d'au plus ${formatInteger(maxRows)} lignes remplies (celle-ci en a davantage ; la lecture s'est arrêtée) : enregistrer la feuille en CSV UTF-8 et importer le CSV`);
          }
          row = undefined;
          break;
      }
    }
  });
  return {rows, merges, formulas, unsaved};
}

// ---------------------------------------------------------------------------------------------
// The table

/** The text at (line, column), through merged cells: a merged range's value is its top-left cell's. */
function headerText(content: Map<number, Row>, merges: Merge[], line: number, column: number): string {
  const merge = merges.find((m) => m.top <= line && line <= m.bottom && m.left <= column && column <= m.right);
  const [l, c] = merge ? [merge.top, merge.left] : [line, column];
  return content.get(l)?.cells.get(c) ?? "";
}

const plural = (n: number, one: string, many: string) => `${formatInteger(n)} ${n > 1 ? many : one}`;
const quoted = (list: readonly string[]) => list.map((s) => `« ${s} »`).join(", ");

/** Reads one sheet of an .xlsx workbook as a table; never throws on bad input (see the top of this file). */
export function readXlsx(bytes: Uint8Array, file: string, options: XlsxOptions = {}): XlsxTable {
  const limits = {...XLSX_LIMITS, ...options.limits};
  let sheets: SheetInfo[] = [];
  let sheetName: string | null = null;
  const refuse = (code: ProblemCode, value: string, expected: string, line = 1): XlsxTable => {
    const problem: Problem = {file, line, column: "*", value, expected, code, severity: "fatal"};
    return {file, encoding: "xlsx", separator: "", header: [], letters: [], records: [], problems: [problem], refused: problem, dataRecords: 0, sheets, sheet: sheetName, headerLine: 1, groupLines: []};
  };
  try {
    const zip = new Zip(bytes, limits);
    const parts = workbookParts(zip);
    sheets = parts.sheets.map(({name, hidden}) => ({name, hidden}));
    if (parts.sheets.length === 0) return refuse("not-workbook", "0 feuille", "un classeur avec au moins une feuille de données (celui-ci n'en a aucune)");
    const chosen = options.sheet !== undefined ? parts.sheets.find((s) => s.name === options.sheet) : (parts.sheets.find((s) => !s.hidden) ?? parts.sheets[0]);
    if (!chosen) return refuse("not-workbook", options.sheet!, `une des feuilles du classeur : ${quoted(sheets.map((s) => s.name))} (la feuille « ${options.sheet} » n'existe pas)`);
    sheetName = chosen.name;
    if (chosen.path === undefined) return refuse("not-workbook", chosen.name, `un classeur complet : la feuille « ${chosen.name} » n'a pas de contenu dans l'archive ; ${SAVE_AGAIN}`);
    const strings = sharedStrings(zip, parts.sharedStrings);
    const dates = dateStyles(zip, parts.styles);
    const content = readSheet(zip, chosen.path, strings, dates, parts.date1904, limits.rows);
    return table(file, content, sheets, chosen, options);
  } catch (error) {
    if (error instanceof Refusal) return refuse(error.code, error.value, error.expected);
    // A reader bug must not sink the page either: the file is refused with the error.
    return refuse("not-workbook", String(error), `un classeur que le lecteur sait lire : la lecture a échoué (${error instanceof Error ? error.message : String(error)}) ; ${SAVE_AGAIN}`);
  }
}

function table(file: string, {rows, merges, formulas, unsaved}: SheetContent, sheets: SheetInfo[], chosen: SheetInfo, options: XlsxOptions): XlsxTable {
  const problems: Problem[] = [];
  const warn = (p: Omit<Problem, "file" | "severity" | "code">) => problems.push({file, ...p, code: "workbook", severity: "warning"});
  const base = {file, encoding: "xlsx" as const, separator: "" as const, sheets, sheet: chosen.name};
  if (rows.length === 0) {
    const problem: Problem = {file, line: 1, column: "*", value: "", expected: `une ligne d'en-tête (la feuille « ${chosen.name} » est vide)`, code: "empty-file", severity: "fatal"};
    return {...base, header: [], letters: [], records: [], problems: [problem], refused: problem, dataRecords: 0, headerLine: 1, groupLines: []};
  }

  // Other sheets, hidden or not, are said: the person may have meant another one.
  const others = sheets.filter((s) => s.name !== chosen.name);
  if (others.length) {
    const hidden = others.filter((s) => s.hidden).map((s) => s.name);
    warn({line: 1, column: "*", value: chosen.name, expected: `une seule feuille de données : le classeur a ${plural(sheets.length, "feuille", "feuilles")} ; la feuille « ${chosen.name} »${chosen.hidden ? " (masquée)" : ""} est lue, pas ${quoted(others.map((s) => s.name))}${hidden.length ? ` (${hidden.length > 1 ? "feuilles masquées" : "feuille masquée"} : ${quoted(hidden)})` : ""} ; en choisir une autre dans la liste si besoin`});
  } else if (chosen.hidden) warn({line: 1, column: "*", value: chosen.name, expected: `une feuille visible : la seule feuille, « ${chosen.name} », est masquée dans le tableur ; elle est lue`});

  // The header: the row of the first 30 that looks most like one.
  let headerIndex = 0;
  if (options.headerScore) {
    let best = 0;
    rows.slice(0, 30).forEach((r, i) => {
      const width = Math.max(...r.cells.keys());
      const score = options.headerScore!(Array.from({length: width}, (_, c) => r.cells.get(c + 1) ?? ""));
      if (score > best) [best, headerIndex] = [score, i];
    });
  }
  const content = new Map(rows.map((r) => [r.line, r]));
  const headerRow = rows[headerIndex];
  const headerLine = headerRow.line;
  // Group titles: the rows just above the header holding a merged cell over several of its columns
  // (a title merged over the whole width names no group).
  const left = Math.min(...headerRow.cells.keys());
  const right = Math.max(...headerRow.cells.keys());
  const isGroup = (m: Merge, line: number) => m.top <= line && line <= m.bottom && (m.right > m.left || m.bottom >= headerLine) && !(m.left <= left && m.right >= right && m.bottom < headerLine);
  const groupLines: number[] = [];
  for (let line = headerLine - 1; line >= 1 && groupLines.length < 3; line--) {
    if (!merges.some((m) => isGroup(m, line))) break;
    groupLines.unshift(line);
  }
  const headerLines = [...groupLines, headerLine];
  const columns = new Set<number>();
  for (const line of headerLines) for (const c of content.get(line)?.cells.keys() ?? []) columns.add(c);
  for (const m of merges) if (m.top <= headerLine && m.bottom >= headerLines[0]) for (let c = m.left; c <= m.right; c++) columns.add(c);
  const names = new Map<number, string>();
  for (const c of columns) {
    const parts: string[] = [];
    for (const line of headerLines) {
      const text = headerText(content, merges, line, c);
      if (text !== "" && parts[parts.length - 1] !== text) parts.push(text);
    }
    if (parts.length) names.set(c, parts.join(GROUP_SEPARATOR));
  }
  if (names.size === 0) {
    const problem: Problem = {file, line: headerLine, column: "*", value: "", expected: `une ligne d'en-tête (la feuille « ${chosen.name} » n'a pas de noms de colonnes)`, code: "empty-file", severity: "fatal"};
    return {...base, header: [], letters: [], records: [], problems: [problem], refused: problem, dataRecords: 0, headerLine, groupLines};
  }
  const first = Math.min(...names.keys());
  const last = Math.max(...names.keys());
  const header = Array.from({length: last - first + 1}, (_, i) => names.get(first + i) ?? "");
  const letters = header.map((_, i) => columnLetters(first + i));
  const duplicate = header.find((name, i) => name !== "" && header.indexOf(name) !== i);
  if (duplicate !== undefined) {
    const problem: Problem = {file, line: headerLine, column: duplicate, value: header.join(" | "), expected: `des noms de colonnes tous différents (la colonne « ${duplicate} » apparaît deux fois dans l'en-tête, ligne ${headerLine})`, code: "duplicate-column", severity: "fatal"};
    return {...base, header: [], letters: [], records: [], problems: [problem], refused: problem, dataRecords: 0, headerLine, groupLines};
  }

  const above = rows.filter((r) => r.line < headerLines[0]).map((r) => r.line);
  if (above.length) warn({line: above[0], ...(above.length > 1 ? {lineEnd: above[above.length - 1]} : {}), column: "*", value: [...content.get(above[0])!.cells.values()].join(" ").slice(0, 120), expected: `des données sous l'en-tête : l'en-tête est ligne ${headerLine}${groupLines.length ? ` (titres de groupes ${groupLines.length > 1 ? "lignes" : "ligne"} ${groupLines.join(", ")})` : ""} ; ${above.length > 1 ? `les lignes ${linesList(above)}, au-dessus, ne sont pas lues comme des données` : `la ligne ${above[0]}, au-dessus, n'est pas lue comme une donnée`}`});
  header.forEach((name, i) => {
    if (name === "") warn({line: headerLine, column: `(colonne ${letters[i]})`, value: "", expected: `un nom de colonne : la colonne ${letters[i]} de l'en-tête n'a pas de nom ; ses valeurs sont ignorées`});
  });

  const records: CsvRecord[] = [];
  const dataRows = rows.filter((r) => r.line > headerLine);
  for (const r of dataRows) {
    const outside = [...r.cells.keys()].find((c) => c < first || c > last);
    if (outside !== undefined) {
      problems.push({file, line: r.line, column: `(colonne ${columnLetters(outside)}, sans nom)`, value: r.cells.get(outside)!, expected: `une cellule vide : la colonne ${columnLetters(outside)} n'a pas de nom dans l'en-tête (ligne ${headerLine}), sa valeur ne peut être rattachée à aucun champ`, code: "unnamed-cell", severity: "error"});
      continue;
    }
    records.push({line: r.line, values: header.map((_, i) => r.cells.get(first + i) ?? "")});
  }

  const inData = (ref: string) => (parseRef(ref)?.row ?? 0) > headerLine;
  const dataFormulas = formulas.filter((f) => inData(f.ref));
  if (dataFormulas.length) {
    const example = dataFormulas[0];
    warn({line: parseRef(example.ref)!.row, column: "*", value: `${example.ref} : =${example.formula}`, expected: `des valeurs : ${plural(dataFormulas.length, "cellule est une formule", "cellules sont des formules")} (${dataFormulas.slice(0, 5).map((f) => f.ref).join(", ")}${dataFormulas.length > 5 ? "…" : ""}) ; la dernière valeur calculée par le tableur, enregistrée dans le fichier, est lue, la formule n'est jamais recalculée`});
  }
  const dataUnsaved = unsaved.filter(inData);
  if (dataUnsaved.length) {
    warn({line: parseRef(dataUnsaved[0])!.row, column: "*", value: dataUnsaved.slice(0, 10).join(", "), expected: `des valeurs : ${plural(dataUnsaved.length, "formule n'a", "formules n'ont")} pas de valeur calculée enregistrée dans le fichier (${dataUnsaved.slice(0, 10).join(", ")}${dataUnsaved.length > 10 ? "…" : ""}) ; ces cellules sont lues vides ; ouvrir le classeur dans le tableur et l'enregistrer pour que les valeurs soient calculées`});
  }
  for (const m of merges.filter((m) => m.bottom > headerLine).slice(0, 20)) {
    warn({line: Math.max(m.top, headerLine + 1), column: "*", value: m.ref, expected: `une valeur par cellule : les cellules ${m.ref} sont fusionnées ; seule la première (${columnLetters(m.left)}${m.top}) porte une valeur, les autres sont lues vides (aucune valeur n'est recopiée)`});
  }
  const hidden = dataRows.filter((r) => r.hidden).map((r) => r.line);
  if (hidden.length) warn({line: hidden[0], column: "*", value: "", expected: `des lignes visibles : ${plural(hidden.length, "ligne est masquée", "lignes sont masquées")} dans le tableur (${linesList(hidden)}) ; elles sont lues comme les autres`});

  problems.sort((a, b) => a.line - b.line);
  return {...base, header, letters, records, problems, refused: null, dataRecords: dataRows.length, headerLine, groupLines};
}
