// Hand-made .xlsx workbooks for the tests, built here from their XML parts (nothing copied from the
// data pack): a small zip writer (stored or deflated entries, declared sizes that may lie on
// purpose) and a workbook builder with sheets, shared strings, styles, merged cells, formulas and
// hidden sheets or rows.
import {deflateRawSync} from "node:zlib";

const CRC_TABLE = Array.from({length: 256}, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (const b of bytes) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

export interface ZipEntry {
  name: string;
  data: string | Uint8Array;
  /** Declare another uncompressed size than the real one (a forged file). */
  declaredSize?: number;
  store?: boolean;
}

/** A zip archive; `entryCount` forges the count of the end record. */
export function zip(entries: ZipEntry[], {entryCount}: {entryCount?: number} = {}): Uint8Array {
  const parts: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const data = typeof e.data === "string" ? Buffer.from(e.data, "utf8") : Buffer.from(e.data);
    const body = e.store ? data : deflateRawSync(data);
    const name = Buffer.from(e.name, "utf8");
    const size = e.declaredSize ?? data.length;
    const crc = crc32(data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(e.store ? 0 : 8, 8);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(body.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(name.length, 26);
    parts.push(local, name, body);
    const c = Buffer.alloc(46);
    c.writeUInt32LE(0x02014b50, 0);
    c.writeUInt16LE(20, 4);
    c.writeUInt16LE(20, 6);
    c.writeUInt16LE(e.store ? 0 : 8, 10);
    c.writeUInt32LE(crc, 16);
    c.writeUInt32LE(body.length, 20);
    c.writeUInt32LE(size, 24);
    c.writeUInt16LE(name.length, 28);
    c.writeUInt32LE(offset, 42);
    central.push(c, name);
    offset += 30 + name.length + body.length;
  }
  const directory = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entryCount ?? entries.length, 8);
  end.writeUInt16LE(entryCount ?? entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return new Uint8Array(Buffer.concat([...parts, directory, end]));
}

const MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
const REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const PKG = "http://schemas.openxmlformats.org/package/2006/relationships";

export const escapeXml = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

/** A cell: text (a shared string), a number, or a raw <c> element body with its attributes. */
export type Cell = string | number | null | {xml: string; attributes?: string};

export interface SheetSpec {
  name: string;
  /** Rows from row 1; a row may be given with its number ([line, cells]) to leave gaps. */
  rows?: (Cell[] | [number, Cell[]])[];
  /** The whole <sheetData> body, for forged sheets. */
  sheetData?: string;
  merges?: string[];
  state?: "hidden" | "veryHidden";
  hiddenRows?: number[];
}

export interface WorkbookSpec {
  sheets: SheetSpec[];
  /** Extra <numFmt>s and the numFmtId of each cellXfs style after the default (index 0). */
  numFmts?: [number, string][];
  styles?: number[];
  date1904?: boolean;
  /** Replace or add parts (e.g. a forged one), or remove them (null). */
  parts?: Record<string, string | null>;
}

const column = (n: number) => {
  let s = "";
  for (let k = n; k > 0; k = Math.floor((k - 1) / 26)) s = String.fromCharCode(65 + ((k - 1) % 26)) + s;
  return s;
};

/** An .xlsx workbook as Excel writes one (shared strings, styles, relationships). */
export function workbook(spec: WorkbookSpec): Uint8Array {
  const strings: string[] = [];
  const index = new Map<string, number>();
  const shared = (s: string) => {
    if (!index.has(s)) index.set(s, strings.push(s) - 1);
    return index.get(s)!;
  };
  const sheetXml = (sheet: SheetSpec) => {
    let data = sheet.sheetData;
    if (data === undefined) {
      data = (sheet.rows ?? [])
        .map((row, i) => {
          const [line, cells] = typeof row[0] === "number" && Array.isArray(row[1]) ? (row as [number, Cell[]]) : [i + 1, row as Cell[]];
          const xml = cells
            .map((cell, c) => {
              const ref = `${column(c + 1)}${line}`;
              if (cell === null) return "";
              if (typeof cell === "number") return `<c r="${ref}"><v>${cell}</v></c>`;
              if (typeof cell === "string") return `<c r="${ref}" t="s"><v>${shared(cell)}</v></c>`;
              return `<c r="${ref}"${cell.attributes ? ` ${cell.attributes}` : ""}>${cell.xml}</c>`;
            })
            .join("");
          return `<row r="${line}"${sheet.hiddenRows?.includes(line) ? ' hidden="1"' : ""}>${xml}</row>`;
        })
        .join("");
    }
    const merges = sheet.merges?.length ? `<mergeCells count="${sheet.merges.length}">${sheet.merges.map((m) => `<mergeCell ref="${m}"/>`).join("")}</mergeCells>` : "";
    return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="${MAIN}" xmlns:r="${REL}"><sheetData>${data}</sheetData>${merges}</worksheet>`;
  };
  const sheets = spec.sheets.map(sheetXml);
  const parts: Record<string, string | null> = {
    "[Content_Types].xml": `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/></Types>`,
    "_rels/.rels": `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="${PKG}"><Relationship Id="rId1" Type="${REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
    "xl/workbook.xml": `<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="${MAIN}" xmlns:r="${REL}">${spec.date1904 ? '<workbookPr date1904="1"/>' : ""}<sheets>${spec.sheets.map((s, i) => `<sheet name="${escapeXml(s.name)}" sheetId="${i + 1}"${s.state ? ` state="${s.state}"` : ""} r:id="rId${i + 1}"/>`).join("")}</sheets></workbook>`,
    "xl/_rels/workbook.xml.rels": `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="${PKG}">${spec.sheets.map((_, i) => `<Relationship Id="rId${i + 1}" Type="${REL}/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`).join("")}<Relationship Id="rIdS" Type="${REL}/sharedStrings" Target="sharedStrings.xml"/><Relationship Id="rIdT" Type="${REL}/styles" Target="/xl/styles.xml"/></Relationships>`,
    "xl/styles.xml": `<?xml version="1.0" encoding="UTF-8"?><styleSheet xmlns="${MAIN}"><numFmts count="${spec.numFmts?.length ?? 0}">${(spec.numFmts ?? []).map(([id, code]) => `<numFmt numFmtId="${id}" formatCode="${escapeXml(code)}"/>`).join("")}</numFmts><cellStyleXfs count="1"><xf numFmtId="14"/></cellStyleXfs><cellXfs count="${1 + (spec.styles?.length ?? 0)}"><xf numFmtId="0"/>${(spec.styles ?? []).map((id) => `<xf numFmtId="${id}" applyNumberFormat="1"/>`).join("")}</cellXfs></styleSheet>`
  };
  sheets.forEach((xml, i) => (parts[`xl/worksheets/sheet${i + 1}.xml`] = xml));
  // Shared strings last: the sheets above filled the table.
  parts["xl/sharedStrings.xml"] = `<?xml version="1.0" encoding="UTF-8"?><sst xmlns="${MAIN}" count="${strings.length}" uniqueCount="${strings.length}">${strings.map((s) => `<si><t xml:space="preserve">${escapeXml(s)}</t></si>`).join("")}</sst>`;
  Object.assign(parts, spec.parts ?? {});
  return zip(Object.entries(parts).flatMap(([name, data]) => (data === null ? [] : [{name, data}])));
}

/** A sheet of `rows` rows of one number each, as Excel writes them (for the 1,000,000-row sheet). */
export function denseSheetData(rows: number): string {
  const out: string[] = [];
  for (let r = 1; r <= rows; r++) out.push(`<row r="${r}"><c r="A${r}"><v>${r}</v></c></row>`);
  return out.join("");
}

/** A department's export, made by hand: a title, group titles merged over their columns, the header
 * on row 3 with descriptive names, a date as Excel stores it (a formatted serial number), amounts as
 * numbers shown 292,000.00, « Numéraire », « Non », periods with « _ », an amount computed by a
 * formula, a row without a period, and a hidden sheet. */
export function departmentWorkbook(): Uint8Array {
  const date = (serial: number): Cell => ({xml: `<v>${serial}</v>`, attributes: 's="1"'});
  const amount = (n: number): Cell => ({xml: `<v>${n}</v>`, attributes: 's="2"'});
  const row = (line: number, beneficiary: string, siret: string, value: Cell, period: string): [number, Cell[]] => [
    line,
    ["Département d'Essai", "23750007900312", date(43119), "CP-2018-06", beneficiary, siret, "Fonctionnement 2018", value, "Numéraire", "Versement à la signature", period, "Non", 1]
  ];
  return workbook({
    sheets: [
      {
        name: "Subventions 2018",
        rows: [
          [1, ["Subventions votées en 2018 — Département d'Essai"]],
          [2, ["Attribuant", null, null, null, "Bénéficiaire", null, "Subvention"]],
          [3, ["Nom", "SIRET", "Date de la convention", "Référence de la décision", "Nom", "SIRET", "Objet", "Montant", "Nature", "Conditions de versement", "Période de versement", "Notification UE", "Pourcentage"]],
          row(4, "Association Les Jardins Partagés", "12345678900015", amount(292000), "2018-02-21_2018-03-21"),
          row(5, "Association Rebond", "43210987600016", {xml: "<f>H4/2</f><v>146000</v>", attributes: 's="2"'}, "2018-02-20"),
          row(6, "Régie de quartier Nord", "55555000000015", amount(64125.5), "")
        ],
        merges: ["A1:M1", "A2:B2", "E2:F2", "G2:M2"]
      },
      {name: "Paramètres", state: "hidden", rows: [["exercice"], [2018]]}
    ],
    numFmts: [[172, "#,##0.00"]],
    styles: [14, 172]
  });
}
