import {readFileSync} from "node:fs";
import {describe, expect, it} from "vitest";
import {CsvError, decode, detectSeparator, parseCsv, readCsv} from "../src/lib/csv-parse.js";
import {fileKind} from "../src/lib/file-kind.js";
import {readTable} from "../loaders/read/table.js";
import {parseFrenchNumber, readCell} from "../src/lib/values.js";

const fixture = (name: string) => readFileSync(new URL(`./fixtures/csv/${name}`, import.meta.url));

describe("reading CSV as French public files come", () => {
  it("detects the semicolon separator and keeps a separator inside quotes", () => {
    const table = parseCsv(fixture("insee-semicolon.csv"), "insee-semicolon.csv");
    expect(table.separator).toBe(";");
    expect(table.header).toEqual(["code", "nom", "taux"]);
    expect(table.records.map((r) => r.values)).toEqual([["75056", "Paris", "16,0"], ["93066", "Saint-Denis; ville", "s"]]);
  });

  it("strips a UTF-8 BOM, reads a comma file and keeps newlines and doubled quotes inside quoted fields", () => {
    const table = parseCsv(fixture("utf8-bom-comma.csv"), "utf8-bom-comma.csv");
    expect(table.encoding).toBe("utf-8");
    expect(table.separator).toBe(",");
    expect(table.header[0]).toBe("code");
    expect(table.records[0].values).toEqual(["77001", "Achères-la-Forêt", "deux\nlignes"]);
    expect(table.records[1]).toEqual({line: 4, values: ["77002", "Amillis", 'dit "bonjour"']});
  });

  it("falls back to Windows-1252 when the bytes are not valid UTF-8", () => {
    const table = parseCsv(fixture("windows-1252.csv"), "windows-1252.csv");
    expect(table.encoding).toBe("windows-1252");
    expect(table.records[0].values[1]).toBe("Achères-la-Forêt");
  });

  it("rejects only the line where an unterminated quote opens, naming it", () => {
    const table = parseCsv(fixture("unterminated-quote.csv"), "unterminated-quote.csv");
    expect(table.records.map((r) => r.values)).toEqual([["75056", "Paris"]]);
    expect(table.problems).toEqual([{file: "unterminated-quote.csv", line: 3, column: "nom", value: '93066,"Saint-Denis', expected: expect.stringContaining("un guillemet fermant pour le champ ouvert ligne 3"), code: "unclosed-quote", severity: "error"}]);
    expect(table.dataRecords).toBe(2);
  });

  it("refuses an empty file with a clear French sentence", () => {
    expect(() => parseCsv(new Uint8Array(), "vide.csv")).toThrow(CsvError);
    expect(() => parseCsv(new TextEncoder().encode("\n\n"), "vide.csv")).toThrow(/^vide\.csv, ligne 1 ; attendu une ligne d'en-tête \(le fichier est vide\)\.$/);
  });

  it("counts the separator outside quotes only", () => {
    expect(detectSeparator('"a;b;c",d,e\n')).toBe(",");
    expect(detectSeparator("a;b,c;d\n")).toBe(";");
  });

  it("decodes plain ASCII as UTF-8", () => {
    expect(decode(new TextEncoder().encode("abc")).encoding).toBe("utf-8");
  });
});

describe("typed cells with French conventions", () => {
  it("reads decimal commas, thousands spaces and points", () => {
    expect(parseFrenchNumber("16,0")).toBe(16);
    expect(parseFrenchNumber("1 234,5")).toBe(1234.5);
    expect(parseFrenchNumber("12\u202f463\u202f067")).toBe(12463067);
    expect(parseFrenchNumber("12.5")).toBe(12.5);
    expect(parseFrenchNumber("1,2,3")).toBeUndefined();
    expect(parseFrenchNumber("onze")).toBeUndefined();
  });

  it("keeps statistical secrecy as a status and never as a number", () => {
    for (const marker of ["s", "ns", "nd", "so"]) {
      const cell = readCell(marker, "decimal");
      expect(cell).toEqual({ok: true, secret: marker});
      expect("value" in cell).toBe(false);
    }
  });

  it("rejects an empty required cell but accepts an empty optional one as null", () => {
    expect(readCell("", "integer").ok).toBe(false);
    expect(readCell("", "text", {required: false})).toEqual({ok: true, value: null});
  });

  it("accepts only 5-character commune codes", () => {
    expect(readCell("75056", "code_commune")).toEqual({ok: true, value: "75056"});
    expect(readCell("7505", "code_commune").ok).toBe(false);
    expect(readCell("2A004", "code_commune").ok).toBe(true);
  });
});

describe("reading a table against a column spec", () => {
  const spec = {code: "code_commune", nom: "text", population: "integer"} as const;

  it("loads valid rows and sets aside each bad row with file, line, column, value and what was expected", () => {
    const {rows, rejects} = readTable(fixture("bad-rows.csv"), "bad-rows.csv", spec);
    expect(rows.map((r) => [r.code, r.population, r._line])).toEqual([["75056", 2103778, 2], ["92004", 86742, 6]]);
    expect(rejects).toEqual([
      {file: "bad-rows.csv", line: 5, column: "*", value: "93066;Saint-Denis", expected: "3 champs séparés par « ; », 2 trouvés", code: "field-count", severity: "error"},
      {file: "bad-rows.csv", line: 3, column: "code", value: "7505", expected: "un code commune INSEE de 5 caractères (chiffres, ou 2A/2B)", code: "type", severity: "error"},
      {file: "bad-rows.csv", line: 4, column: "population", value: "onze", expected: "un nombre entier (espaces entre les milliers acceptés)", code: "type", severity: "error"}
    ]);
  });

  it("nothing is lost: loaded rows plus rejected lines account for every data line", () => {
    const {rows, rejects} = readTable(fixture("bad-rows.csv"), "bad-rows.csv", spec);
    expect(rows.length + new Set(rejects.map((r) => r.line)).size).toBe(5);
  });

  it("names the missing column and the header it found", () => {
    expect(() => readTable(fixture("insee-semicolon.csv"), "insee-semicolon.csv", {code: "code_commune", population: "integer"})).toThrow(
      /insee-semicolon\.csv, line 1: missing column "population" \(the header has "code", "nom", "taux"\)/
    );
  });

  it("stores a secret decimal as null with its status beside it", () => {
    const {rows} = readTable(fixture("insee-semicolon.csv"), "insee-semicolon.csv", {code: "code_commune", taux: "decimal"});
    expect(rows[0]).toMatchObject({taux: 16, taux_statut: null});
    expect(rows[1]).toMatchObject({taux: null, taux_statut: "s"});
  });
});

describe("decoding by the file's evidence", () => {
  const utf8 = (text: string) => [...new TextEncoder().encode(text)];

  it("keeps a mostly-UTF-8 file in UTF-8 and lists the lines holding invalid bytes", () => {
    const bytes = Uint8Array.from([...utf8("nom\nRégion\nÎle\nCaf"), 0xe9, ...utf8("\nÉtat\n")]);
    const decoded = decode(bytes);
    expect(decoded.encoding).toBe("utf-8");
    expect(decoded.text.split("\n").slice(0, 3)).toEqual(["nom", "Région", "Île"]);
    expect([...decoded.invalidLines]).toEqual([[4, [0xe9]]]);
  });

  it("reads a file with no UTF-8 evidence as Windows-1252", () => {
    const decoded = decode(Uint8Array.from([...utf8("nom\nR"), 0xe9, ...utf8("gion\n")]));
    expect(decoded).toMatchObject({encoding: "windows-1252", text: "nom\nRégion\n", bomMismatch: false});
  });

  it("reads a UTF-8 byte-order mark followed by Windows-1252 text as Windows-1252, and says so", () => {
    const bytes = Uint8Array.from([0xef, 0xbb, 0xbf, ...utf8("nom;ville\nR"), 0xe9, ...utf8("gion;Cr"), 0xe9, ...utf8("teil\n")]);
    const table = readCsv(bytes, "somme.csv");
    expect(table.encoding).toBe("windows-1252");
    expect(table.header).toEqual(["nom", "ville"]);
    expect(table.records[0].values).toEqual(["Région", "Créteil"]);
    expect(table.problems).toEqual([expect.objectContaining({code: "encoding", severity: "warning", line: 1})]);
  });

  it("rejects the record holding the invalid byte, with the byte, and keeps the others", () => {
    const bytes = Uint8Array.from([...utf8("code;nom\n75056;Paris\n93066;Saint-Denis à côté\n94028;Cr"), 0xe9, ...utf8("teil\n")]);
    const table = readCsv(bytes, "f.csv");
    expect(table.records.map((r) => r.values[0])).toEqual(["75056", "93066"]);
    expect(table.problems).toEqual([{file: "f.csv", line: 4, column: "nom", value: "Cr\ufffdteil", expected: expect.stringContaining("l'octet 0xE9 n'est pas de l'UTF-8"), code: "invalid-bytes", severity: "error"}]);
    expect(table.dataRecords).toBe(3);
  });
});

describe("quotes and empty header cells", () => {
  const read = (text: string) => readCsv(new TextEncoder().encode(text), "f.csv");

  it("a header ending in ';;' gives a warning; rows with or without the trailing cells load; a value under an unnamed cell is rejected", () => {
    const table = read("a;b;;\n1;2;;\n3;4\n5;6;;x\n");
    expect(table.header).toEqual(["a", "b"]);
    expect(table.records.map((r) => r.values)).toEqual([["1", "2"], ["3", "4"]]);
    expect(table.problems.map((p) => [p.line, p.code, p.severity])).toEqual([[1, "unnamed-column", "warning"], [4, "unnamed-cell", "error"]]);
  });

  it("an empty header cell in the middle is a warning, not a duplicated column", () => {
    const table = read("a;;;b\n1;;;2\n");
    expect(table.refused).toBeNull();
    expect(table.header).toEqual(["a", "", "", "b"]);
    expect(table.problems.map((p) => [p.column, p.code])).toEqual([["(colonne 2)", "unnamed-column"], ["(colonne 3)", "unnamed-column"]]);
  });

  it("two columns with the same name refuse the file", () => {
    expect(read("a;b;a\n1;2;3\n").refused).toMatchObject({code: "duplicate-column", column: "a", severity: "fatal"});
  });

  it("a quote never closed rejects only its line; one closed three lines later rejects those lines only", () => {
    const unclosed = read('a,b\n1,x\n2,"y\n3,z\n');
    expect(unclosed.records.map((r) => r.values)).toEqual([["1", "x"], ["3", "z"]]);
    expect(unclosed.problems.map((p) => [p.line, p.code])).toEqual([[3, "unclosed-quote"]]);
    // The quote opened on line 2 closes on line 4, at the opening quote of "z, w": one record of 4 fields.
    const joined = read('a,b,c\n1,"x,a\n2,y,b\n3,"z, w",c\n4,w,d\n');
    expect(joined.records.map((r) => r.values)).toEqual([["4", "w", "d"]]);
    expect(joined.problems).toEqual([expect.objectContaining({line: 2, lineEnd: 4, code: "quote-span"})]);
  });

  it("a legitimate quoted field on two lines is one record, and line numbers stay physical", () => {
    const table = read('a,b\n1,"x\ny"\n2,z\n');
    expect(table.records).toEqual([{line: 2, lineEnd: 3, values: ["1", "x\ny"]}, {line: 4, values: ["2", "z"]}]);
  });
});

describe("what a file is, before it is read as CSV", () => {
  it("recognises workbooks, UTF-16, PDF, images and binary files, and leaves text alone", () => {
    const fixtureBytes = (name: string) => new Uint8Array(readFileSync(new URL(`./fixtures/not-csv/${name}`, import.meta.url)));
    expect(fileKind(fixtureBytes("structures.xlsx"))).toBe("xlsx");
    expect(fileKind(fixtureBytes("texte-unicode-utf16.csv"))).toBe("utf-16");
    const utf16NoBom = new Uint8Array(Buffer.from("code;nom\r\n75056;Paris\r\n", "utf16le"));
    expect(fileKind(utf16NoBom)).toBe("utf-16");
    expect(fileKind(new TextEncoder().encode("%PDF-1.7\n"))).toBe("pdf");
    expect(fileKind(Uint8Array.from([0xff, 0xd8, 0xff, 0xe0]))).toBe("image");
    expect(fileKind(Uint8Array.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0]))).toBe("zip");
    expect(fileKind(Uint8Array.from([0x41, 0x00, 0x42, 0x43, 0x44, 0x45, 0x46, 0x47]))).toBe("binary");
    expect(fileKind(fixture("windows-1252.csv"))).toBe("text");
    expect(fileKind(fixture("utf8-bom-comma.csv"))).toBe("text");
  });
});

describe("values keyed by file data", () => {
  for (const name of ["constructor", "toString", "__proto__", "hasOwnProperty"]) {
    it(`a cell « ${name} » is not a statistical-secrecy marker`, () => {
      expect(readCell(name, "decimal")).toEqual({ok: false, code: "type", expected: expect.stringContaining("un nombre")});
    });
  }

  it("refuses exponent notation: 1e308 is not a French number", () => {
    expect(parseFrenchNumber("1e308")).toBeUndefined();
    expect(parseFrenchNumber("1,5E3")).toBeUndefined();
    expect(parseFrenchNumber("1 000,5")).toBe(1000.5);
  });
});
