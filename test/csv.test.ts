import {readFileSync} from "node:fs";
import {describe, expect, it} from "vitest";
import {CsvError, decode, detectSeparator, parseCsv} from "../src/lib/csv-parse.js";
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

  it("names the line where an unterminated quote opened", () => {
    expect(() => parseCsv(fixture("unterminated-quote.csv"), "unterminated-quote.csv")).toThrow(/unterminated-quote\.csv, line 3: a quoted field is never closed/);
  });

  it("refuses an empty file with a clear sentence", () => {
    expect(() => parseCsv(new Uint8Array(), "vide.csv")).toThrow(CsvError);
    expect(() => parseCsv(new TextEncoder().encode("\n\n"), "vide.csv")).toThrow(/vide\.csv: the file is empty/);
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
      {file: "bad-rows.csv", line: 5, column: "*", value: "93066;Saint-Denis", expected: '3 fields separated by ";", found 2'},
      {file: "bad-rows.csv", line: 3, column: "code", value: "7505", expected: "a 5-character INSEE commune code (digits, or 2A/2B)"},
      {file: "bad-rows.csv", line: 4, column: "population", value: "onze", expected: "a whole number (spaces as thousands separators allowed)"}
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
