// Validation and summary of an imported SCDL file of national size (a million rows, hundreds of
// megabytes) in blocks: the file is cut at line ends (never inside a quoted field) into blocks of
// about a megabyte (decouper); each block, with the header, goes through the same validator as a
// small file (validerBloc: validateScdl, its dialects, rules and incomplete records unchanged), which
// keeps of each loaded row only what the bilan reads, column by column; an Assemblage takes the blocks in file order, brings their line
// numbers back to the file's, finds exact duplicates and feeds the running bilan (import-resume.ts).
// Blocks can be validated by several workers at once and assembled by one; validerParBlocs does it
// all in one thread, as a generator, so that its caller reports progress between blocks.
//
// A file no larger than one block is validated in one call: exactly the small-file behaviour. In a
// larger file, the encoding is decided block by block from its own bytes (UTF-8 when its bytes are
// UTF-8, Windows-1252 otherwise); a file whose blocks disagree gets a warning saying so.
// Exact duplicates (the same typed values in every SCDL field, as validateScdl compares them) are
// found across blocks and across files by a 53-bit hash of each row (two 32-bit multiplicative
// hashes over its values, kept as one number): two different rows share a hash with a probability
// of about 6 × 10⁻⁵ in a million rows; the rows themselves are not kept (they would take gigabytes).
import {countProblems, linesList, type Problem, type ProblemCode} from "../lib/problems.js";
import {champsResume, type ChampsResume, type ResumeImport} from "./import-resume.js";
import {RULES, type Change} from "./scdl-normalise.js";
import {validateScdl, type ScdlOptions, type ScdlSchema, type ScdlValue} from "./scdl.js";
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
  /** The header's questions left unanswered (ambiguous columns), as the dialect asks them. */
  questions: string[];
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
export function rowHash(values: Record<string, ScdlValue>, names: readonly string[], unknown?: Record<string, string>): number {
  // FNV-1a (a) and a murmur-style multiply-xorshift (b), inlined: this runs on every character of a million rows.
  let a = 0x811c9dc5;
  let b = 0x9e3779b9;
  for (let f = 0; f < names.length; f++) {
    const v = values[names[f]];
    let tag = 0xfff0;
    let s = "";
    // An incomplete record's unknown field is compared by its text, as validateScdl's signature does.
    if (unknown && Object.hasOwn(unknown, names[f])) {
      tag = 0xfff5;
      s = unknown[names[f]];
    } else if (v === null || v === undefined) tag = 0xfff0;
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

// ---------------------------------------------------------------------------------------------
// Cutting

export interface Bloc {
  index: number;
  /** Bytes [start, end) of the file. */
  start: number;
  end: number;
  /** The physical line of the block's first byte. */
  startLine: number;
}

export interface Decoupage {
  /** The header line (and any blank lines before it), put in front of every block; null: the file is one block. */
  header: Uint8Array | null;
  headerLines: number;
  blocs: Bloc[];
}

/** Cuts a file into blocks at line ends outside quotes. A file no larger than a block is one block
 * (validated exactly as a small file); so is a file whose lines end with a lone CR. */
export function decouper(bytes: Uint8Array, bloc = BLOC): Decoupage {
  // A workbook (.xlsx is a zip) is read whole: only text is cut at line ends.
  if (bytes[0] === 0x50 && bytes[1] === 0x4b) return {header: null, headerLines: 0, blocs: [{index: 0, start: 0, end: bytes.length, startLine: 1}]};
  // The header: the first line that is not blank (blank lines before it stay in front of every block).
  let headerEnd = bytes.length > bloc ? 0 : -1;
  while (headerEnd >= 0) {
    const e = endOfRecord(bytes, headerEnd);
    const blank = e >= 0 && bytes.subarray(headerEnd, e).every((b) => b === 32 || b === 9 || b === CR || b === LF || b === 0xef || b === 0xbb || b === 0xbf);
    headerEnd = e;
    if (!blank) break;
  }
  if (headerEnd < 0 || bytes.length - headerEnd <= bloc) return {header: null, headerLines: 0, blocs: [{index: 0, start: 0, end: bytes.length, startLine: 1}]};
  const headerLines = breaks(bytes, 0, headerEnd);
  const blocs: Bloc[] = [];
  let start = headerEnd;
  let startLine = headerLines + 1;
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
    blocs.push({index: blocs.length, start, end, startLine});
    startLine += lines >= 0 ? lines : breaks(bytes, start, end);
    start = end;
  }
  return {header: bytes.subarray(0, headerEnd), headerLines, blocs};
}

/** The bytes a block is validated from: the header, then the block (or the whole file). */
export function octetsDuBloc(bytes: Uint8Array, d: Decoupage, b: Bloc): Uint8Array {
  if (!d.header) return bytes.subarray(b.start, b.end);
  const out = new Uint8Array(d.header.length + (b.end - b.start));
  out.set(d.header, 0);
  out.set(bytes.subarray(b.start, b.end), d.header.length);
  return out;
}

// ---------------------------------------------------------------------------------------------
// Validating one block (in any worker)

/** Normalisation rules applied in a block, grouped by rule and column (the bilan of changes is
 * rebuilt for the whole file; a million changes are not sent between workers). */
export interface ChangesBloc {
  rule: Change["rule"];
  column: string;
  before: string;
  after: string;
  n: number;
  lines: number[];
}

/** One block validated: its problems (lines as in the block), and its loaded rows (valid and
 * incomplete) reduced to what the duplicate search and the bilan need, column by column (cheap to
 * send between workers). */
export interface BlocValide {
  index: number;
  refused: Problem | null;
  encoding: string;
  separator: string;
  version: "2.1.1" | "1.x";
  problems: Problem[];
  rejects: number;
  dataLines: number;
  /** Lines and first occurrences of the block's own exact duplicates (lines as in the block). */
  duplicates: [number, number][];
  changes: ChangesBloc[];
  questions: string[];
  lignes: Int32Array;
  hashes: Float64Array;
  montants: Float64Array;
  /** 1 for an incomplete record. */
  incomplets: Uint8Array;
  champs: {[K in Exclude<keyof ChampsResume, "montant">]: (string | null)[]} & {manquants: (string | null)[]};
}

const LINES_KEPT = 50;

export function validerBloc(bytes: Uint8Array, file: string, schema: ScdlSchema, index: number, options: ScdlOptions = {}): BlocValide {
  // The duplicates are found by the assemblage, across blocks and files: none searched here.
  const r = validateScdl(bytes, file, schema, {...options, sansDoublons: true});
  const loaded = [...r.rows, ...r.incomplete].sort((a, b) => a.line - b.line);
  const n = loaded.length;
  const names = schema.fields.map((f) => f.name);
  const champs: BlocValide["champs"] = {idAttribuant: [], nomAttribuant: [], annee: [], nature: [], dispositif: [], idBeneficiaire: [], nomBeneficiaire: [], manquants: []};
  const lignes = new Int32Array(n);
  const hashes = new Float64Array(n);
  const montants = new Float64Array(n);
  const incomplets = new Uint8Array(n);
  loaded.forEach((row, i) => {
    lignes[i] = row.line;
    hashes[i] = rowHash(row.values, names, row.unknown);
    const c = champsResume(row.values);
    montants[i] = c.montant;
    incomplets[i] = row.missing ? 1 : 0;
    champs.idAttribuant.push(c.idAttribuant);
    champs.nomAttribuant.push(c.nomAttribuant);
    champs.annee.push(c.annee);
    champs.nature.push(c.nature);
    champs.dispositif.push(c.dispositif);
    champs.idBeneficiaire.push(c.idBeneficiaire);
    champs.nomBeneficiaire.push(c.nomBeneficiaire);
    champs.manquants.push(row.missing?.join(",") ?? null);
  });
  const groups = new Map<string, ChangesBloc>();
  for (const c of r.changes ?? []) {
    const key = `${c.rule}\u0000${c.column}`;
    const g = groups.get(key);
    if (g) {
      g.n++;
      if (g.lines.length < LINES_KEPT) g.lines.push(c.line);
    } else groups.set(key, {rule: c.rule, column: c.column, before: c.before, after: c.after, n: 1, lines: [c.line]});
  }
  return {
    index, refused: r.refused, encoding: r.encoding, separator: r.separator, version: r.version,
    // the normalisation warnings are rebuilt for the whole file from `changes`
    problems: r.problems.filter((p) => p.code !== "normalised"),
    rejects: r.rejects.length, dataLines: r.dataLines,
    duplicates: r.duplicates.map((d) => [d.line, d.duplicateOf]),
    changes: [...groups.values()],
    questions: (r.dialect?.questions ?? []).map((q) => q.text),
    lignes, hashes, montants, incomplets, champs
  };
}

// ---------------------------------------------------------------------------------------------
// Assembling the blocks of a file, in file order (in one worker)

export class Assemblage {
  private problems: Problem[] = [];
  private problemesTotal = 0;
  private duplicates: ResultatFichier["duplicates"] = [];
  private doublonsTotal = 0;
  private doublonsAutresFichiers = 0;
  private loaded = 0;
  private incomplete = 0;
  private rejected = 0;
  private readonly errorsByColumn = new Map<string, number>();
  private readonly byCode = new Map<ProblemCode, number>();
  private readonly bySeverity = {warning: 0, incomplete: 0};
  private dataLines = 0;
  private readonly encodings = new Set<string>();
  private readonly changes = new Map<string, ChangesBloc>();
  private first: BlocValide | null = null;
  private refusedBy: BlocValide | null = null;
  blocs = 0;

  constructor(private readonly file: string, private readonly d: Decoupage, private readonly resume: ResumeImport, private readonly vus: Vus) {}

  private count(p: Problem): void {
    this.problemesTotal++;
    if (this.problems.length < MAX_LISTE) this.problems.push(p);
    this.byCode.set(p.code, (this.byCode.get(p.code) ?? 0) + 1);
    if (p.severity === "warning") this.bySeverity.warning++;
    if (p.severity === "error") this.errorsByColumn.set(p.column, (this.errorsByColumn.get(p.column) ?? 0) + 1);
  }

  /** Adds the next block (blocks must come in file order). */
  ajouter(b: BlocValide): void {
    if (this.refusedBy) return;
    if (b.refused) {
      this.refusedBy = b;
      return;
    }
    const {headerLines} = this.d;
    const offset = this.d.blocs[b.index].startLine - (headerLines + 1); // in the block, its first line is headerLines + 1
    const shift = (line: number) => (line <= headerLines ? line : line + offset);
    const fileLevel = this.first === null;
    for (const p of b.problems) {
      if (p.line <= headerLines && !fileLevel) continue; // the header's warnings are the same in every block: kept once
      this.count({...p, line: shift(p.line), ...(p.lineEnd !== undefined ? {lineEnd: shift(p.lineEnd)} : {})});
    }
    for (const c of b.changes) {
      const key = `${c.rule}\u0000${c.column}`;
      const g = this.changes.get(key);
      const lines = c.lines.map(shift);
      if (g) {
        g.n += c.n;
        g.lines.push(...lines.slice(0, Math.max(0, LINES_KEPT - g.lines.length)));
      } else this.changes.set(key, {...c, lines});
    }
    this.rejected += b.rejects;
    this.dataLines += b.dataLines;
    // Duplicates of this block, in line order, each pointing at the first occurrence in the file.
    const found: {line: number; duplicateOf: number}[] = [];
    const canonical = new Map<number, number>(); // a row of this block that repeats an earlier block's row → that row's line
    const c = b.champs;
    for (let i = 0; i < b.lignes.length; i++) {
      const line = shift(b.lignes[i]);
      const earlier = this.vus.seen(b.hashes[i], this.file, line);
      const incomplet = b.incomplets[i] === 1;
      if (earlier === null) {
        if (incomplet) this.incomplete++;
        else this.loaded++;
        this.resume.ajouterChamps({idAttribuant: c.idAttribuant[i], nomAttribuant: c.nomAttribuant[i], annee: c.annee[i], nature: c.nature[i], dispositif: c.dispositif[i], idBeneficiaire: c.idBeneficiaire[i], nomBeneficiaire: c.nomBeneficiaire[i], montant: b.montants[i], manquants: c.manquants[i]});
      } else if (earlier.file === this.file) {
        found.push({line, duplicateOf: earlier.line});
        canonical.set(line, earlier.line);
      } else {
        // a loaded line of this file, already counted in the bilan from an earlier file
        if (incomplet) this.incomplete++;
        else this.loaded++;
        this.doublonsAutresFichiers++;
      }
    }
    for (const [line, of] of b.duplicates) {
      const first = shift(of);
      found.push({line: shift(line), duplicateOf: canonical.get(first) ?? first});
    }
    found.sort((x, y) => x.line - y.line);
    this.doublonsTotal += found.length;
    for (const f of found) if (this.duplicates.length < MAX_LISTE) this.duplicates.push({file: this.file, ...f});
    this.first ??= b;
    this.encodings.add(b.encoding);
    this.blocs++;
  }

  resultat(): ResultatFichier {
    const file = this.file;
    if (this.refusedBy || !this.first) {
      const r = this.refusedBy ?? this.first!;
      const {byCode, bySeverity} = countProblems(r.problems);
      return {
        file, encoding: r.encoding, separator: r.separator, version: r.version,
        summary: {file, byColumn: [], refused: r.refused, loaded: 0, incomplete: 0, rejected: 0, duplicates: 0, warnings: bySeverity.warning, byCode},
        problems: r.problems, problemesTotal: r.problems.length, duplicates: [], doublonsTotal: 0, doublonsAutresFichiers: 0, dataLines: 0, blocs: 1, questions: r.questions
      };
    }
    // The normalisation rules applied, one warning per rule and column for the whole file.
    const label = new Map<string, string>(RULES.map((r) => [r.id, r.label]));
    const rewritten = [...this.changes.values()].map((g): Problem => ({
      file, line: g.lines[0], column: g.column, value: `${g.before} → ${g.after}`, code: "normalised", severity: "warning",
      expected: `l'écriture du standard : règle « ${label.get(g.rule) ?? g.rule} » appliquée à ${g.n} ${g.n > 1 ? "valeurs" : "valeur"} (${g.n > 1 ? "lignes" : "ligne"} ${linesList(g.lines)}${g.n > g.lines.length ? ", …" : ""})`
    }));
    if (this.encodings.size > 1) {
      rewritten.unshift({file, line: 1, column: "*", value: [...this.encodings].join(", "), code: "encoding", severity: "warning", expected: `un seul encodage pour tout le fichier : lu par blocs, ses blocs ne sont pas tous en UTF-8 (certains ont été lus en Windows-1252) ; ré-enregistrer le fichier en UTF-8`});
    }
    for (const p of rewritten) {
      this.problemesTotal++;
      this.byCode.set(p.code, (this.byCode.get(p.code) ?? 0) + 1);
      this.bySeverity.warning++;
    }
    const byColumn = [...this.errorsByColumn].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0], "fr"));
    return {
      file,
      encoding: [...this.encodings].join(" et "),
      separator: this.first.separator,
      version: this.first.version,
      summary: {file, byColumn, refused: null, loaded: this.loaded, incomplete: this.incomplete, rejected: this.rejected, duplicates: this.doublonsTotal, warnings: this.bySeverity.warning, byCode: this.byCode},
      problems: [...rewritten, ...this.problems],
      problemesTotal: this.problemesTotal,
      duplicates: this.duplicates,
      doublonsTotal: this.doublonsTotal,
      doublonsAutresFichiers: this.doublonsAutresFichiers,
      dataLines: this.dataLines,
      blocs: this.blocs,
      questions: this.first.questions
    };
  }
}

/**
 * Validates `bytes` block by block in this thread, feeding `resume` with the valid rows not seen
 * before (`vus`, shared by the files of one import). Yields after each block; returns the file's result.
 */
export function* validerParBlocs(bytes: Uint8Array, file: string, schema: ScdlSchema, resume: ResumeImport, vus: Vus, {bloc = BLOC, options = {}}: {bloc?: number; options?: ScdlOptions} = {}): Generator<Progression, ResultatFichier> {
  const d = decouper(bytes, bloc);
  const assemblage = new Assemblage(file, d, resume, vus);
  let lignes = 0;
  for (const b of d.blocs) {
    const v = validerBloc(octetsDuBloc(bytes, d, b), file, schema, b.index, options);
    assemblage.ajouter(v);
    if (v.refused) break;
    lignes += v.dataLines;
    yield {fichier: file, octetsLus: b.end, octetsTotal: bytes.length, lignes};
  }
  return assemblage.resultat();
}
