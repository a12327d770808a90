// CSV as real French public files come: "," or ";" separators, UTF-8 with or without BOM or
// Windows-1252, quoted fields that hold separators, doubled quotes and newlines.
// Positions are kept so that every problem can be reported as file, line and column.

export interface CsvRecord {
  /** 1-based physical line where the record starts (the header is line 1). */
  line: number;
  values: string[];
}

export interface CsvProblem {
  file: string;
  line: number;
  column: string;
  value: string;
  expected: string;
}

export interface CsvTable {
  file: string;
  encoding: "utf-8" | "windows-1252";
  separator: string;
  header: string[];
  records: CsvRecord[];
  /** Records set aside at parse time (wrong field count), never silently dropped. */
  problems: CsvProblem[];
}

export class CsvError extends Error {}

// Windows-1252 bytes 0x80–0x9F (€ ‚ ƒ „ … † ‡ ˆ ‰ Š ‹ Œ Ž ‘ ’ “ ” • – — ˜ ™ š › œ ž Ÿ). Node's
// TextDecoder("windows-1252") returns Latin-1 control characters for them (nodejs/node issues 56542
// and 60888) where browsers follow WHATWG; mapping them here gives the same text everywhere.
const CP1252_C1 =
  "\u20ac\u0081\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\u008d\u017d\u008f" +
  "\u0090\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\u009d\u017e\u0178";

/** UTF-8 when the bytes are valid UTF-8 (BOM or not), else Windows-1252, the other encoding French files use. */
export function decode(bytes: Uint8Array): {text: string; encoding: CsvTable["encoding"]} {
  try {
    const text = new TextDecoder("utf-8", {fatal: true, ignoreBOM: false}).decode(bytes);
    return {text, encoding: "utf-8"};
  } catch {
    const text = new TextDecoder("windows-1252").decode(bytes).replace(/[\u0080-\u009f]/g, (c) => CP1252_C1[c.charCodeAt(0) - 0x80]);
    return {text, encoding: "windows-1252"};
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

/** Splits text into records; throws on an unterminated quote, naming where it opened. */
export function splitRecords(text: string, separator: string, file: string): CsvRecord[] {
  const records: CsvRecord[] = [];
  let values: string[] = [];
  let field = "";
  let quoted = false;
  let fieldWasQuoted = false;
  let line = 1;
  let recordLine = 1;
  let quoteLine = 0;
  const endField = () => {
    values.push(fieldWasQuoted ? field : field.trim());
    field = "";
    fieldWasQuoted = false;
  };
  const endRecord = () => {
    endField();
    // A blank line is not a record (files often end with one).
    if (!(values.length === 1 && values[0] === "")) records.push({line: recordLine, values});
    values = [];
  };
  for (let i = 0; i < text.length; i++) {
    const char = text[i];
    if (quoted) {
      if (char === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else {
        if (char === "\n") line++;
        field += char;
      }
    } else if (char === '"' && field.trim() === "") {
      quoted = true;
      fieldWasQuoted = true;
      quoteLine = line;
      field = "";
    } else if (char === separator) {
      endField();
    } else if (char === "\n" || char === "\r") {
      if (char === "\r" && text[i + 1] === "\n") i++;
      endRecord();
      line++;
      recordLine = line;
    } else {
      field += char;
    }
  }
  if (quoted) throw new CsvError(`${file}, line ${quoteLine}: a quoted field is never closed (expected a closing double quote).`);
  if (field !== "" || values.length > 0) endRecord();
  return records;
}

export function parseCsv(bytes: Uint8Array, file: string, options: {separator?: string} = {}): CsvTable {
  const {text: raw, encoding} = decode(bytes);
  const text = raw.charCodeAt(0) === 0xfeff ? raw.slice(1) : raw;
  if (text.trim() === "") throw new CsvError(`${file}: the file is empty (expected a header line).`);
  const separator = options.separator ?? detectSeparator(text);
  const [head, ...rest] = splitRecords(text, separator, file);
  const header = head.values;
  const duplicate = header.find((name, i) => header.indexOf(name) !== i);
  if (duplicate !== undefined) throw new CsvError(`${file}, line 1: column "${duplicate}" appears twice in the header.`);
  const records: CsvRecord[] = [];
  const problems: CsvProblem[] = [];
  for (const record of rest) {
    if (record.values.length === header.length) records.push(record);
    else problems.push({file, line: record.line, column: "*", value: record.values.join(separator), expected: `${header.length} fields separated by "${separator}", found ${record.values.length}`});
  }
  return {file, encoding, separator, header, records, problems};
}

/**
 * A file that cannot be read at all, as one problem for staff (in French): empty, a quote never
 * closed, or a column named twice. `what` names the expected columns, e.g. "du schéma SCDL".
 */
export function fileProblem(file: string, error: CsvError, what: string): CsvProblem {
  const message = error.message;
  const line = Number(/line (\d+)/.exec(message)?.[1] ?? 1);
  let expected = message;
  if (/file is empty/.test(message)) expected = `une ligne d'en-tête avec les colonnes ${what} (le fichier est vide)`;
  else if (/never closed/.test(message)) expected = `un guillemet fermant pour le champ entre guillemets ouvert ligne ${line} (le fichier n'a pas pu être lu)`;
  else {
    const twice = /column "(.*)" appears twice/.exec(message);
    if (twice) expected = `des noms de colonnes tous différents (la colonne « ${twice[1]} » apparaît deux fois dans l'en-tête)`;
  }
  return {file, line, column: "*", value: "", expected};
}
