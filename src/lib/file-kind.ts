// What a file is, from its first bytes, before it is read as CSV text: a workbook, UTF-16 text, a
// PDF or an image read as Windows-1252 only gives garbage column names. Signatures: the zip local
// header "PK\3\4" (xlsx and ods are zips; their part names say which), the OLE2 compound file of
// Office 97-2003, "%PDF-", PNG, JPEG, GIF, gzip; UTF-16 by its byte-order mark or by NUL bytes on
// every other position; any other NUL or many control bytes mean binary.
export type FileKind = "text" | "utf-16" | "utf-32" | "xlsx" | "ods" | "docx" | "zip" | "ole2" | "pdf" | "image" | "gzip" | "binary";

export interface NotCsv {
  kind: Exclude<FileKind, "text">;
  /** What the file is, in French: "un classeur Excel (.xlsx)". */
  what: string;
  /** How to save it as CSV, in French. */
  howTo: string;
}

const IN_SPREADSHEET =
  "dans Excel, Fichier › Enregistrer sous › « CSV UTF-8 (délimité par des virgules) (*.csv) » ; dans LibreOffice Calc, Fichier › Enregistrer sous › « Texte CSV (.csv) », jeu de caractères « Unicode (UTF-8) »";
const SAVE_AS_CSV = `l'ouvrir dans le tableur et l'enregistrer en CSV : ${IN_SPREADSHEET}`;

const starts = (bytes: Uint8Array, signature: number[]) => signature.every((b, i) => bytes[i] === b);

/** Whether the ASCII text occurs in the first or the last 64 KiB (zip part names are in both places). */
function contains(bytes: Uint8Array, text: string): boolean {
  const needle = Array.from(text, (c) => c.charCodeAt(0));
  const window = 1 << 16;
  const ranges = bytes.length <= 2 * window ? [[0, bytes.length]] : [[0, window], [bytes.length - window, bytes.length]];
  for (const [from, to] of ranges) {
    outer: for (let i = from; i <= to - needle.length; i++) {
      for (let j = 0; j < needle.length; j++) if (bytes[i + j] !== needle[j]) continue outer;
      return true;
    }
  }
  return false;
}

export function fileKind(bytes: Uint8Array): FileKind {
  if (starts(bytes, [0xff, 0xfe, 0, 0]) || starts(bytes, [0, 0, 0xfe, 0xff])) return "utf-32";
  if (starts(bytes, [0xff, 0xfe]) || starts(bytes, [0xfe, 0xff])) return "utf-16";
  if (starts(bytes, [0x50, 0x4b, 0x03, 0x04])) {
    if (contains(bytes, "xl/workbook")) return "xlsx";
    if (contains(bytes, "application/vnd.oasis.opendocument.spreadsheet")) return "ods";
    if (contains(bytes, "word/document")) return "docx";
    return "zip";
  }
  if (starts(bytes, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])) return "ole2";
  if (starts(bytes, [0x25, 0x50, 0x44, 0x46, 0x2d])) return "pdf";
  if (starts(bytes, [0x89, 0x50, 0x4e, 0x47]) || starts(bytes, [0xff, 0xd8, 0xff]) || starts(bytes, [0x47, 0x49, 0x46, 0x38])) return "image";
  if (starts(bytes, [0x1f, 0x8b])) return "gzip";
  // No byte-order mark: UTF-16 text of Latin script has a NUL on every other byte.
  const n = Math.min(bytes.length, 4096);
  let nul = 0;
  let nulEven = 0;
  let control = 0;
  for (let i = 0; i < n; i++) {
    const b = bytes[i];
    if (b === 0) {
      nul++;
      if (i % 2 === 0) nulEven++;
    } else if (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d && b !== 0x0c) control++;
  }
  if (n >= 4 && nul >= n / 4 && (nulEven >= 0.9 * nul || nulEven <= 0.1 * nul)) return "utf-16";
  if (nul > 0 || control > n / 20) return "binary";
  return "text";
}

/** Undefined for text; otherwise what the file is and how to make a CSV of it. */
export function notCsv(bytes: Uint8Array): NotCsv | undefined {
  const kind = fileKind(bytes);
  switch (kind) {
    case "text":
      return undefined;
    case "utf-16":
    case "utf-32":
      return {kind, what: `un fichier texte en ${kind === "utf-16" ? "UTF-16" : "UTF-32"} (« Texte Unicode » d'Excel)`, howTo: SAVE_AS_CSV};
    case "xlsx":
      return {kind, what: "un classeur Excel (.xlsx)", howTo: SAVE_AS_CSV};
    case "ods":
      return {kind, what: "un classeur OpenDocument (.ods)", howTo: SAVE_AS_CSV};
    case "ole2":
      return {kind, what: "un classeur Excel 97-2003 (.xls) ou un autre document Office ancien", howTo: SAVE_AS_CSV};
    case "docx":
      return {kind, what: "un document Word (.docx)", howTo: `copier le tableau dans un tableur et l'enregistrer en CSV : ${IN_SPREADSHEET}`};
    case "zip":
      return {kind, what: "une archive zip", howTo: "extraire l'archive et importer le fichier CSV qu'elle contient"};
    case "gzip":
      return {kind, what: "un fichier compressé (gzip)", howTo: "le décompresser et importer le fichier CSV qu'il contient"};
    case "pdf":
      return {kind, what: "un document PDF", howTo: `demander le tableau d'origine et l'enregistrer en CSV : ${IN_SPREADSHEET}`};
    case "image":
      return {kind, what: "une image", howTo: "importer le fichier CSV des données, pas une capture"};
    case "binary":
      return {kind, what: "un fichier binaire (ni texte ni tableur reconnu)", howTo: `vérifier qu'il s'agit du bon fichier ; un tableau s'enregistre en CSV depuis le tableur : ${IN_SPREADSHEET}`};
  }
}
