// Validation and summary of an imported SCDL file of national size (a million rows, hundreds of
// megabytes) in blocks: the file is cut at line ends (never inside a quoted field) into blocks of a
// few megabytes; each block, with the header, goes through the same validator as a small file
// (validateScdl, unchanged rules); line numbers are brought back to the file's; valid rows feed the
// running bilan (import-resume.ts) and are not kept. A generator, so that the caller (a Web Worker)
// reports progress between blocks and can be stopped.
//
// A file no larger than one block is validated in one call: exactly the small-file behaviour. In a
// larger file, the encoding is decided block by block from its own bytes (UTF-8 when its bytes are
// UTF-8, Windows-1252 otherwise); a file whose blocks disagree gets a warning saying so.
// Exact duplicates (the same typed values in every SCDL field, as validateScdl compares them) are
// found across blocks and across files by a 53-bit hash of each row (two 32-bit multiplicative
// hashes over its values, kept as one number): two different rows share a hash with a probability
// of about 6 × 10⁻⁵ in a million rows; the rows themselves are not kept (they would take gigabytes).
import {countProblems, type Problem, type ProblemCode} from "../lib/problems.js";
import type {ResumeImport} from "./import-resume.js";
import {checkScdlLines, type ScdlSchema, type ScdlValue} from "./scdl.js";
import type {ImportSummary} from "./validation/summary.js";

/** Bytes per block (about 5,000 rows): the per-block work stays negligible, and a block's rows die
 * young, so the garbage collector frees them cheaply instead of promoting them. */
export const BLOC = 1024 * 1024;
/** Problems and duplicates kept for the report and its download; beyond, only counted. */
export const MAX_LISTE = 100_000;

export interface Progression {
  fichier: string;
  octetsLus: number;
  octetsTotal: number;
  lignes: number;
}

export interface ResultatFichier {
  file: string;
  encoding: string;
  separator: string;
  version: "2.1.1" | "1.x";
  summary: ImportSummary;
  /** The first MAX_LISTE problems, in line order; problemesTotal counts them all. */
  problems: Problem[];
  problemesTotal: number;
  /** Exact duplicates within this file (the first MAX_LISTE), and their count. */
  duplicates: {file: string; line: number; duplicateOf: number}[];
  doublonsTotal: number;
  /** Valid rows identical to a row of an earlier file of the same import: counted once in the bilan. */
  doublonsAutresFichiers: number;
  dataLines: number;
  blocs: number;
}

/**
 * Where an earlier identical row is, by row hash: shared by the files of one import. An open-
 * addressing table over typed arrays — a million rows take 24 MB, against about 100 MB for a Map
 * of boxed 53-bit numbers, and the look-ups stay fast.
 */
export class Vus {
  private keys = new Float64Array(1 << 16);
  private lines = new Int32Array(1 << 16);
  private files = new Int32Array(1 << 16);
  private readonly names: string[] = [];
  size = 0;

  private slot(hash: number): number {
    const mask = this.keys.length - 1;
    let i = (hash % 0x40000000) & mask;
    while (this.keys[i] !== 0 && this.keys[i] !== hash) i = (i + 1) & mask;
    return i;
  }

  /** The earlier occurrence of `hash`, or null after recording this one (file, line). */
  seen(hash: number, file: string, line: number): {file: string; line: number} | null {
    const h = hash === 0 ? 1 : hash; // 0 marks an empty slot
    const i = this.slot(h);
    if (this.keys[i] === h) return {file: this.names[this.files[i]], line: this.lines[i]};
    let f = this.names.length - 1;
    if (this.names[f] !== file) f = this.names.push(file) - 1;
    this.keys[i] = h;
    this.lines[i] = line;
    this.files[i] = f;
    if (++this.size * 2 > this.keys.length) this.grow();
    return null;
  }

  private grow(): void {
    const {keys, lines, files} = this;
    this.keys = new Float64Array(keys.length * 2);
    this.lines = new Int32Array(keys.length * 2);
    this.files = new Int32Array(keys.length * 2);
    for (let j = 0; j < keys.length; j++) {
      if (keys[j] === 0) continue;
      const i = this.slot(keys[j]);
      this.keys[i] = keys[j];
      this.lines[i] = lines[j];
      this.files[i] = files[j];
    }
  }
}

/** A 53-bit hash of a row's typed values over `names` (null, text, number and boolean told apart). */
export function rowHash(values: Record<string, ScdlValue>, names: readonly string[]): number {
  // FNV-1a (a) and a murmur-style multiply-xorshift (b), inlined: this runs on every character of a million rows.
  let a = 0x811c9dc5;
  let b = 0x9e3779b9;
  for (let f = 0; f < names.length; f++) {
    const v = values[names[f]];
    let tag = 0xfff0;
    let s = "";
    if (v === null || v === undefined) tag = 0xfff0;
    else if (typeof v === "boolean") tag = v ? 0xfff1 : 0xfff2;
    else if (typeof v === "string") {
      tag = 0xfff3;
      s = v;
    } else {
      tag = 0xfff4;
      s = String(v);
    }
    a = Math.imul(a ^ tag, 0x01000193);
    b = Math.imul(b ^ tag, 0x5bd1e995);
    for (let i = 0; i < s.length; i++) {
      const c = s.charCodeAt(i);
      a = Math.imul(a ^ c, 0x01000193);
      b = Math.imul(b ^ c, 0x5bd1e995);
      b ^= b >>> 15;
    }
  }
  return (a >>> 0) * 0x200000 + ((b >>> 0) >>> 11);
}

type Checked = ReturnType<typeof checkScdlLines>;

const LF = 10;
const CR = 13;
const QUOTE = 34;

/** Physical line breaks in bytes[from, to) as the CSV reader counts them (LF, CRLF, or a lone CR). */
function breaks(bytes: Uint8Array, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) {
    const c = bytes[i];
    if (c === LF || (c === CR && bytes[i + 1] !== LF)) n++;
  }
  return n;
}

/** The end (after its LF) of the first line of `bytes` from `from` whose quotes are balanced, or -1. */
function endOfRecord(bytes: Uint8Array, from: number): number {
  let quotes = 0;
  for (let i = from; i < bytes.length; i++) {
    const c = bytes[i];
    if (c === QUOTE) quotes++;
    else if (c === LF && quotes % 2 === 0) return i + 1;
  }
  return -1;
}

/** The last position in [from, limit) just after an LF with balanced quotes since `from` (-1 if
 * none), and the line breaks before it, counted as the CSV reader counts them (LF, CRLF, lone CR). */
function lastCut(bytes: Uint8Array, from: number, limit: number): {cut: number; lines: number} {
  let quotes = 0;
  let cut = -1;
  let lines = 0;
  let linesAtCut = 0;
  for (let i = from; i < limit; i++) {
    const c = bytes[i];
    if (c === QUOTE) quotes++;
    else if (c === LF) {
      lines++;
      if (quotes % 2 === 0) {
        cut = i + 1;
        linesAtCut = lines;
      }
    } else if (c === CR && bytes[i + 1] !== LF) lines++;
  }
  return {cut, lines: linesAtCut};
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a, 0);
  out.set(b, a.length);
  return out;
}

interface Etat {
  file: string;
  schemaNames: string[];
  resume: ResumeImport;
  vus: Vus;
  problems: Problem[];
  problemesTotal: number;
  duplicates: ResultatFichier["duplicates"];
  doublonsTotal: number;
  doublonsAutresFichiers: number;
  loaded: number;
  rejected: number;
  errorsByColumn: Map<string, number>;
  byCode: Map<ProblemCode, number>;
  warnings: number;
  dataLines: number;
}

/** Adds one block's result: lines after the header (`headerLines` lines) shifted by `offset`. */
function absorb(etat: Etat, r: Checked, offset: number, {fileLevel, headerLines}: {fileLevel: boolean; headerLines: number}): void {
  const shift = (line: number) => (line <= headerLines ? line : line + offset);
  for (const p of r.problems) {
    if (p.line <= headerLines && !fileLevel) continue; // the header's warnings are the same in every block: kept once
    const moved: Problem = {...p, line: shift(p.line), ...(p.lineEnd !== undefined ? {lineEnd: shift(p.lineEnd)} : {})};
    etat.problemesTotal++;
    if (etat.problems.length < MAX_LISTE) etat.problems.push(moved);
    etat.byCode.set(p.code, (etat.byCode.get(p.code) ?? 0) + 1);
    if (p.severity === "warning") etat.warnings++;
    if (p.severity === "error") etat.errorsByColumn.set(p.column, (etat.errorsByColumn.get(p.column) ?? 0) + 1);
  }
  etat.rejected += r.rejects.length;
  etat.dataLines += r.dataLines;
  // Duplicates of this block, in line order, each pointing at the first occurrence in the file.
  const found: {line: number; duplicateOf: number}[] = [];
  for (const row of r.records) {
    const line = shift(row.line);
    const first = etat.vus.seen(rowHash(row.values, etat.schemaNames), etat.file, line);
    if (first === null) {
      etat.loaded++;
      etat.resume.ajouter(row.values);
    } else if (first.file === etat.file) {
      found.push({line, duplicateOf: first.line});
    } else {
      etat.loaded++; // a valid line of this file, already counted in the bilan from an earlier file
      etat.doublonsAutresFichiers++;
    }
  }
  etat.doublonsTotal += found.length;
  for (const d of found) if (etat.duplicates.length < MAX_LISTE) etat.duplicates.push({file: etat.file, ...d});
}

function finish(etat: Etat, first: Checked, blocs: number, encodings: Set<string>): ResultatFichier {
  if (encodings.size > 1) {
    const p: Problem = {file: etat.file, line: 1, column: "*", value: [...encodings].join(", "), code: "encoding", severity: "warning", expected: `un seul encodage pour tout le fichier : lu par blocs de ${BLOC / 1024 / 1024} Mo, ses blocs ne sont pas tous en UTF-8 (certains ont été lus en Windows-1252) ; ré-enregistrer le fichier en UTF-8`};
    etat.problems.unshift(p);
    etat.problemesTotal++;
    etat.warnings++;
    etat.byCode.set("encoding", (etat.byCode.get("encoding") ?? 0) + 1);
  }
  const byColumn = [...etat.errorsByColumn].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0], "fr"));
  return {
    file: etat.file,
    encoding: [...encodings].join(" et ") || first.encoding,
    separator: first.separator,
    version: first.version,
    summary: {file: etat.file, byColumn, refused: first.refused, loaded: etat.loaded, rejected: etat.rejected, duplicates: etat.doublonsTotal, warnings: etat.warnings, byCode: etat.byCode},
    problems: etat.problems,
    problemesTotal: etat.problemesTotal,
    duplicates: etat.duplicates,
    doublonsTotal: etat.doublonsTotal,
    doublonsAutresFichiers: etat.doublonsAutresFichiers,
    dataLines: etat.dataLines,
    blocs
  };
}

/** A file refused as a whole (not CSV, required column missing…): its one fatal problem, nothing loaded. */
function refused(file: string, r: Checked): ResultatFichier {
  const {byCode, bySeverity} = countProblems(r.problems);
  return {
    file, encoding: r.encoding, separator: r.separator, version: r.version,
    summary: {file, byColumn: [], refused: r.refused, loaded: 0, rejected: 0, duplicates: 0, warnings: bySeverity.warning, byCode},
    problems: r.problems, problemesTotal: r.problems.length, duplicates: [], doublonsTotal: 0, doublonsAutresFichiers: 0, dataLines: 0, blocs: 1
  };
}

/**
 * Validates `bytes` block by block, feeding `resume` with the valid rows not seen before (`vus`,
 * shared by the files of one import). Yields after each block; returns the file's result.
 */
export function* validerParBlocs(bytes: Uint8Array, file: string, schema: ScdlSchema, resume: ResumeImport, vus: Vus, {bloc = BLOC}: {bloc?: number} = {}): Generator<Progression, ResultatFichier> {
  const etat: Etat = {
    file, schemaNames: schema.fields.map((f) => f.name), resume, vus, problems: [], problemesTotal: 0, duplicates: [], doublonsTotal: 0,
    doublonsAutresFichiers: 0, loaded: 0, rejected: 0, errorsByColumn: new Map(), byCode: new Map(), warnings: 0, dataLines: 0
  };
  // The header: the first line that is not blank (blank lines before it stay in front of every block).
  let headerEnd = bytes.length > bloc ? 0 : -1;
  while (headerEnd >= 0) {
    const e = endOfRecord(bytes, headerEnd);
    const blank = e >= 0 && bytes.subarray(headerEnd, e).every((b) => b === 32 || b === 9 || b === CR || b === LF || b === 0xef || b === 0xbb || b === 0xbf);
    headerEnd = e;
    if (!blank) break;
  }
  if (headerEnd < 0 || bytes.length - headerEnd <= bloc) {
    const r = checkScdlLines(bytes, file, schema);
    if (r.refused) return refused(file, r);
    absorb(etat, r, 0, {fileLevel: true, headerLines: 0});
    yield {fichier: file, octetsLus: bytes.length, octetsTotal: bytes.length, lignes: etat.dataLines};
    return finish(etat, r, 1, new Set([r.encoding]));
  }
  const header = bytes.subarray(0, headerEnd);
  const encodings = new Set<string>();
  let first: Checked | null = null;
  let start = headerEnd;
  const headerLines = breaks(bytes, 0, headerEnd);
  let startLine = headerLines + 1; // the physical line of the block's first byte
  let blocs = 0;
  while (start < bytes.length) {
    let end = Math.min(start + bloc, bytes.length);
    let lines = -1;
    if (end < bytes.length) {
      let found = lastCut(bytes, start, end);
      // A block without a balanced line end (a quoted field longer than a block): take more.
      for (let limit = end; found.cut < 0 && limit < bytes.length; ) {
        limit = Math.min(limit + bloc, bytes.length);
        found = limit === bytes.length ? {cut: bytes.length, lines: -1} : lastCut(bytes, start, limit);
      }
      end = found.cut;
      lines = found.lines;
    }
    const chunk = bytes.subarray(start, end);
    const r = checkScdlLines(concat(header, chunk), file, schema);
    if (r.refused) return refused(file, r);
    // In the block's numbering the block starts on line headerLines + 1.
    absorb(etat, r, startLine - (headerLines + 1), {fileLevel: first === null, headerLines});
    first ??= r;
    encodings.add(r.encoding);
    blocs++;
    startLine += lines >= 0 ? lines : breaks(bytes, start, end);
    start = end;
    yield {fichier: file, octetsLus: end, octetsTotal: bytes.length, lignes: etat.dataLines};
  }
  return finish(etat, first!, blocs, encodings);
}
