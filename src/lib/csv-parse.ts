// CSV as real French public files come: "," or ";" separators, UTF-8 with or without BOM or
// Windows-1252, quoted fields that hold separators, doubled quotes and newlines. Positions are kept
// so that every problem names file, line and column.
//
// One bad byte or line never sinks the file: `readCsv` never throws on bad input. A file that is
// not CSV text at all (a workbook, UTF-16, a PDF…), an empty file or an ambiguous header refuses
// the file with one fatal problem; anything else rejects only the lines concerned:
// - encoding by evidence: valid UTF-8 is UTF-8; a file whose bytes are mostly valid UTF-8 stays
//   UTF-8 and each line holding an invalid byte (say one Windows-1252 "é") is rejected and named;
//   a file with no UTF-8 evidence is Windows-1252, the other encoding French files use;
// - a quote that never closes rejects the line it opens on, and reading resumes on the next line;
//   quotes that join several lines into one record of the wrong width reject those lines only;
// - empty header cells (Excel leftovers such as a header ending in ";;") are a warning.
import {notCsv} from "./file-kind.js";
import {describe, type Problem} from "./problems.js";

export interface CsvRecord {
  /** 1-based physical line where the record starts (the header is line 1). */
  line: number;
  /** Last physical line, when a quoted field holds line breaks. */
  lineEnd?: number;
  values: string[];
}

/** @deprecated kept for the build's readers: a problem is a {@link Problem}. */
export type CsvProblem = Problem;

export interface CsvTable {
  file: string;
  encoding: "utf-8" | "windows-1252";
  separator: string;
  /** Column names, trimmed, empty trailing cells removed ("" for an unnamed column in the middle). */
  header: string[];
  /** Data records with one value per header column. */
  records: CsvRecord[];
  /** The fatal problem alone when the file is refused; otherwise file-level warnings and one error per rejected record, in line order. */
  problems: Problem[];
  refused: Problem | null;
  /** Data records read, rejected ones included: records.length + the rejected ones. */
  dataRecords: number;
}

export class CsvError extends Error {}

// Windows-1252 bytes 0x80–0x9F (€ ‚ ƒ „ … † ‡ ˆ ‰ Š ‹ Œ Ž ‘ ’ “ ” • – — ˜ ™ š › œ ž Ÿ). Node's
// TextDecoder("windows-1252") returns Latin-1 control characters for them (nodejs/node issues 56542
// and 60888) where browsers follow WHATWG; mapping them here gives the same text everywhere.
const CP1252_C1 =
  "\u20ac\u0081\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\u008d\u017d\u008f" +
  "\u0090\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\u009d\u017e\u0178";

export interface Decoded {
  text: string;
  encoding: CsvTable["encoding"];
  /** Physical lines (1-based) holding bytes that are not UTF-8, with those bytes; only for a UTF-8 file. */
  invalidLines: Map<number, number[]>;
  /** A UTF-8 byte-order mark before text that is not UTF-8. */
  bomMismatch: boolean;
}

const fatalUtf8 = new TextDecoder("utf-8", {fatal: true, ignoreBOM: true});
const lenientUtf8 = new TextDecoder("utf-8", {ignoreBOM: true});
const cp1252 = new TextDecoder("windows-1252");

/** Counts valid multi-byte UTF-8 sequences and lists the lines of invalid bytes (WHATWG rules). */
function scanUtf8(bytes: Uint8Array, start: number): {multiByte: number; invalid: number; lines: Map<number, number[]>} {
  let multiByte = 0;
  let invalid = 0;
  const lines = new Map<number, number[]>();
  let line = 1;
  const n = bytes.length;
  for (let i = start; i < n; ) {
    const b = bytes[i];
    if (b < 0x80) {
      if (b === 0x0a || (b === 0x0d && bytes[i + 1] !== 0x0a)) line++;
      i++;
      continue;
    }
    const length = b >= 0xc2 && b <= 0xdf ? 2 : b >= 0xe0 && b <= 0xef ? 3 : b >= 0xf0 && b <= 0xf4 ? 4 : 0;
    let ok = length > 0 && i + length <= n;
    if (ok) {
      const second = bytes[i + 1];
      const [low, high] = b === 0xe0 ? [0xa0, 0xbf] : b === 0xed ? [0x80, 0x9f] : b === 0xf0 ? [0x90, 0xbf] : b === 0xf4 ? [0x80, 0x8f] : [0x80, 0xbf];
      ok = second >= low && second <= high;
      for (let k = 2; ok && k < length; k++) ok = bytes[i + k] >= 0x80 && bytes[i + k] <= 0xbf;
    }
    if (ok) {
      multiByte++;
      i += length;
    } else {
      invalid++;
      const list = lines.get(line) ?? [];
      if (list.length < 8) list.push(b);
      lines.set(line, list);
      i++;
    }
  }
  return {multiByte, invalid, lines};
}

/**
 * Decodes by the bytes' evidence: valid UTF-8 (BOM or not) is UTF-8; otherwise UTF-8 when its
 * valid multi-byte sequences (and a BOM) outnumber the invalid bytes — those lines are reported —
 * else Windows-1252 (a UTF-8 BOM before Windows-1252 text is then reported).
 */
export function decode(bytes: Uint8Array): Decoded {
  const bom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  const body = bom ? bytes.subarray(3) : bytes;
  try {
    return {text: fatalUtf8.decode(body), encoding: "utf-8", invalidLines: new Map(), bomMismatch: false};
  } catch {
    const scan = scanUtf8(body, 0);
    if (scan.multiByte + (bom ? 1 : 0) > scan.invalid) {
      return {text: lenientUtf8.decode(body), encoding: "utf-8", invalidLines: scan.lines, bomMismatch: false};
    }
    const text = cp1252.decode(body).replace(/[\u0080-\u009f]/g, (c) => CP1252_C1[c.charCodeAt(0) - 0x80]);
    return {text, encoding: "windows-1252", invalidLines: new Map(), bomMismatch: bom};
  }
}

/** The separator is the candidate that occurs most often, outside quotes, in the header line. */
export function detectSeparator(text: string): string {
  const candidates = [";", ",", "\t"];
  const counts = new Map(candidates.map((c) => [c, 0]));
  let quoted = false;
  for (const char of text) {
    if (char === '"') quoted = !quoted;
    else if (!quoted && (char === "\n" || char === "\r")) break;
    else if (!quoted && counts.has(char)) counts.set(char, counts.get(char)! + 1);
  }
  const [best, n] = [...counts].sort((a, b) => b[1] - a[1])[0];
  return n > 0 ? best : ",";
}

// ---------------------------------------------------------------------------------------------
// Records

const QUOTE = 34;
const LF = 10;
const CR = 13;

interface RawRecord {
  values: string[];
  line: number;
  lineEnd: number;
  /** Where the next record starts, and its line. */
  next: number;
  nextLine: number;
  /** A quoted field holds a line break. */
  quotedBreak: boolean;
  /** A quote that never closes: the line and field where it opened, and the text of that line. */
  unclosed?: {line: number; field: number; text: string};
}

function countBreaks(text: string, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c === LF || (c === CR && text.charCodeAt(i + 1) !== LF)) n++;
  }
  return n;
}

function endOfLine(text: string, from: number): number {
  let e = from;
  while (e < text.length && text.charCodeAt(e) !== LF && text.charCodeAt(e) !== CR) e++;
  return e;
}

function startOfLine(text: string, at: number): number {
  let s = at;
  while (s > 0 && text.charCodeAt(s - 1) !== LF && text.charCodeAt(s - 1) !== CR) s--;
  return s;
}

/** Reads one record from `pos`. A quote opens a quoted field only at the start of a field (after blanks). */
function readRecord(text: string, pos: number, line: number, separator: number): RawRecord {
  const n = text.length;
  const values: string[] = [];
  const startLine = line;
  let quotedBreak = false;
  for (;;) {
    let i = pos;
    while (i < n) {
      const c = text.charCodeAt(i);
      if (c === 32 || (c === 9 && separator !== 9)) i++;
      else break;
    }
    if (i < n && text.charCodeAt(i) === QUOTE) {
      const openLine = line;
      let value = "";
      let k = i + 1;
      let segment = k;
      for (;;) {
        const q = text.indexOf('"', k);
        if (q < 0) {
          // Never closed: the quote spans only the line it opens on; the caller resumes after it.
          const e = endOfLine(text, i);
          const next = e < n && text.charCodeAt(e) === CR && text.charCodeAt(e + 1) === LF ? e + 2 : e + 1;
          return {values, line: startLine, lineEnd: openLine, next: Math.min(next, n), nextLine: openLine + 1, quotedBreak, unclosed: {line: openLine, field: values.length, text: text.slice(startOfLine(text, i), e)}};
        }
        line += countBreaks(text, k, q);
        if (text.charCodeAt(q + 1) === QUOTE) {
          value += text.slice(segment, q + 1);
          k = q + 2;
          segment = k;
          continue;
        }
        value += text.slice(segment, q);
        k = q + 1;
        break;
      }
      if (line > openLine) quotedBreak = true;
      // Text between the closing quote and the separator is kept (`"abc" def` → `abc def`).
      let m = k;
      while (m < n) {
        const c = text.charCodeAt(m);
        if (c === separator || c === LF || c === CR) break;
        m++;
      }
      if (m > k) value += text.slice(k, m).trimEnd();
      values.push(value);
      pos = m;
    } else {
      let m = i;
      while (m < n) {
        const c = text.charCodeAt(m);
        if (c === separator || c === LF || c === CR) break;
        m++;
      }
      values.push(text.slice(pos, m).trim());
      pos = m;
    }
    if (pos < n && text.charCodeAt(pos) === separator) {
      pos++;
      continue;
    }
    let next = pos;
    if (pos < n) next = text.charCodeAt(pos) === CR && text.charCodeAt(pos + 1) === LF ? pos + 2 : pos + 1;
    return {values, line: startLine, lineEnd: line, next, nextLine: line + 1, quotedBreak};
  }
}

const isBlank = (r: RawRecord) => r.values.length === 1 && r.values[0] === "" && !r.unclosed;
const hex = (b: number) => `0x${b.toString(16).toUpperCase().padStart(2, "0")}`;
const clip = (s: string, n = 300) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);

export interface ReadOptions {
  /** Force the separator instead of detecting it. */
  separator?: string;
  /** What the header should hold, for the message of an empty file (e.g. "les colonnes du schéma SCDL"). */
  expectedHeader?: string;
}

/** Reads CSV bytes into a header and records; never throws on bad input (see the top of this file). */
export function readCsv(bytes: Uint8Array, file: string, options: ReadOptions = {}): CsvTable {
  const refuse = (p: Omit<Problem, "file" | "severity" | "line"> & {line?: number}, encoding: CsvTable["encoding"] = "utf-8", separator = options.separator ?? ","): CsvTable => {
    const problem: Problem = {file, line: 1, ...p, severity: "fatal"};
    return {file, encoding, separator, header: [], records: [], problems: [problem], refused: problem, dataRecords: 0};
  };
  const kind = notCsv(bytes);
  if (kind) {
    return refuse({column: "*", value: kind.what, code: "not-csv", expected: `un fichier CSV (du texte, colonnes séparées par « , » ou « ; ») ; ce fichier est ${kind.what} : ${kind.howTo}`});
  }
  const {text, encoding, invalidLines, bomMismatch} = decode(bytes);
  const emptyMessage = `une ligne d'en-tête${options.expectedHeader ? ` avec ${options.expectedHeader}` : ""} (le fichier est vide)`;
  if (text.trim() === "") return refuse({column: "*", value: "", code: "empty-file", expected: emptyMessage}, encoding);
  const separator = options.separator ?? detectSeparator(text);
  const sep = separator.charCodeAt(0);
  const problems: Problem[] = [];
  const warn = (p: Omit<Problem, "file" | "severity">) => problems.push({file, ...p, severity: "warning"});

  // The header: the first record that is not blank.
  let pos = 0;
  let line = 1;
  let head: RawRecord;
  do {
    head = readRecord(text, pos, line, sep);
    pos = head.next;
    line = head.nextLine;
  } while (isBlank(head) && pos < text.length);
  if (isBlank(head)) return refuse({column: "*", value: "", code: "empty-file", expected: emptyMessage}, encoding, separator);
  if (head.unclosed) {
    return refuse({line: head.unclosed.line, column: "*", value: clip(head.unclosed.text), code: "header-quote", expected: `un guillemet fermant pour le champ de l'en-tête ouvert ligne ${head.unclosed.line} (l'en-tête n'a pas pu être lu)`}, encoding, separator);
  }
  const full = head.values.map((h) => h.trim());
  let width = full.length;
  while (width > 0 && full[width - 1] === "") width--;
  if (width === 0) return refuse({line: head.line, column: "*", value: full.join(separator), code: "empty-file", expected: emptyMessage}, encoding, separator);
  const header = full.slice(0, width);
  const duplicate = header.find((name, i) => name !== "" && header.indexOf(name) !== i);
  if (duplicate !== undefined) {
    return refuse({line: head.line, column: duplicate, value: header.join(separator), code: "duplicate-column", expected: `des noms de colonnes tous différents (la colonne « ${duplicate} » apparaît deux fois dans l'en-tête)`}, encoding, separator);
  }

  if (bomMismatch) warn({line: 1, column: "*", value: "EF BB BF", code: "encoding", expected: "un fichier UTF-8 : il commence par la marque d'octets UTF-8 mais son texte est en Windows-1252 ; il a été lu en Windows-1252"});
  if (invalidLines.has(head.line)) warn({line: head.line, column: "*", value: clip(header.join(separator)), code: "invalid-bytes", expected: `un en-tête en UTF-8 valide (octets ${invalidLines.get(head.line)!.map(hex).join(", ")} invalides)`});
  if (width < full.length) {
    warn({line: head.line, column: "*", value: `…${header[width - 1]}${separator.repeat(full.length - width + 1)}`, code: "unnamed-column", expected: `des noms de colonnes : ${full.length - width === 1 ? "la dernière cellule de l'en-tête est vide" : `les ${full.length - width} dernières cellules de l'en-tête sont vides`} (restes d'un tableur) ; elles sont ignorées, ainsi que les cellules vides correspondantes des lignes`});
  }
  header.forEach((name, i) => {
    if (name === "") warn({line: head.line, column: `(colonne ${i + 1})`, value: "", code: "unnamed-column", expected: `un nom de colonne : la colonne ${i + 1} de l'en-tête n'a pas de nom ; ses valeurs sont ignorées`});
  });

  const records: CsvRecord[] = [];
  let dataRecords = 0;
  const reject = (p: Omit<Problem, "file" | "severity">) => problems.push({file, ...p, severity: "error"});
  const columnName = (i: number) => (header[i] ? header[i] : `(colonne ${i + 1})`);
  while (pos < text.length) {
    const raw = readRecord(text, pos, line, sep);
    pos = raw.next;
    line = raw.nextLine;
    if (isBlank(raw)) continue;
    dataRecords++;
    const span = raw.lineEnd > raw.line ? {lineEnd: raw.lineEnd} : {};
    if (raw.unclosed) {
      const u = raw.unclosed;
      reject({line: raw.line, ...span, column: columnName(u.field), value: clip(u.text), code: "unclosed-quote", expected: `un guillemet fermant pour le champ ouvert ligne ${u.line} (il n'est jamais fermé : ${raw.lineEnd > raw.line ? "ces lignes sont rejetées" : "cette ligne est rejetée"}, la lecture reprend à la ligne suivante)`});
      continue;
    }
    let bad: number[] | undefined;
    for (let l = raw.line; l <= raw.lineEnd && !bad; l++) bad = invalidLines.get(l);
    if (bad) {
      const at = raw.values.findIndex((v) => v.includes("\ufffd"));
      reject({line: raw.line, ...span, column: at < 0 ? "*" : columnName(at), value: clip(at < 0 ? raw.values.join(separator) : raw.values[at]), code: "invalid-bytes", expected: `du texte en UTF-8, comme le reste du fichier : ${bad.length > 1 ? `les octets ${bad.map(hex).join(", ")} ne sont` : `l'octet ${hex(bad[0])} n'est`} pas de l'UTF-8 (un caractère enregistré dans un autre encodage, Windows-1252 sans doute) ; corriger ce caractère ou ré-enregistrer le fichier en UTF-8`});
      continue;
    }
    const values = raw.values;
    if (values.length === width || (values.length > width && values.length <= full.length && values.slice(width).every((v) => v === ""))) {
      records.push({line: raw.line, ...span, values: values.length === width ? values : values.slice(0, width)});
      continue;
    }
    if (values.length > width && values.length <= full.length) {
      const at = values.findIndex((v, i) => i >= width && v !== "");
      reject({line: raw.line, ...span, column: `(colonne ${at + 1}, sans nom)`, value: values[at], code: "unnamed-cell", expected: `une cellule vide : la colonne ${at + 1} n'a pas de nom dans l'en-tête, sa valeur ne peut être rattachée à aucun champ`});
      continue;
    }
    if (raw.quotedBreak) {
      reject({line: raw.line, ...span, column: "*", value: clip(values.join(separator)), code: "quote-span", expected: `${width} champs séparés par « ${separator} » sur chaque ligne : des guillemets ouverts ligne ${raw.line} et fermés ligne ${raw.lineEnd} réunissent ces lignes en un seul enregistrement de ${values.length} champs ; vérifier les guillemets`});
      continue;
    }
    reject({line: raw.line, column: "*", value: values.join(separator), code: "field-count", expected: `${width} champs séparés par « ${separator} », ${values.length} trouvés`});
  }
  return {file, encoding, separator, header, records, problems, refused: null, dataRecords};
}

/** readCsv for the build's own inputs: a refused file is an error (CsvError) that stops the build. */
export function parseCsv(bytes: Uint8Array, file: string, options: ReadOptions = {}): CsvTable {
  const table = readCsv(bytes, file, options);
  if (table.refused) throw new CsvError(describe(table.refused));
  return table;
}
