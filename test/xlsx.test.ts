// The Excel workbooks open in LibreOffice with codes as text and numbers as numbers: a hand-made
// table written by loaders/xlsx.ts, converted by `soffice --headless --convert-to csv` with "quote
// all text cells" on, so a quoted cell is text and a bare one a number. Needs Debian's
// libreoffice-calc-nogui (in .ci/run).
import {execFileSync} from "node:child_process";
import {mkdtempSync, readFileSync, rmSync, writeFileSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {afterAll, describe, expect, test} from "vitest";
import {createRequire} from "node:module";
import {cellValue, DATA_SHEET, DICTIONARY_SHEET, SOURCES_SHEET, writeWorkbook} from "../loaders/xlsx.js";

const dir = mkdtempSync(join(tmpdir(), "atlas-xlsx-"));
afterAll(() => rmSync(dir, {recursive: true, force: true}));

const table = {
  id: "essai",
  title: "Table d'essai",
  licence: "Licence Ouverte 2.0",
  sources: ["src"],
  columns: [
    {name: "code_commune", type: "texte" as const, unit: "", description: "Code INSEE", source: "src"},
    {name: "siret", type: "texte" as const, unit: "", description: "SIRET", source: "src"},
    {name: "population", type: "entier" as const, unit: "habitants", description: "Population", source: "src"},
    {name: "taux", type: "décimal" as const, unit: "%", description: "Taux", source: "src"},
    {name: "nom", type: "texte" as const, unit: "", description: "Nom", source: "src"}
  ]
};
const rows = [
  {code_commune: "01001", siret: "21860194600000", population: 1234, taux: 12.5, nom: "=1+1"},
  {code_commune: "2A004", siret: "00012345600017", population: 0, taux: null, nom: "Ajaccio"}
];
const sources = [{id: "src", title: "Source d'essai", publisher: "INSEE", licence: "Licence Ouverte 2.0", vintage: "2023", upstream_url: "https://example.org/", sha256: "", download_url: null, transformation: ""}];

function libreOfficeCsv(xlsx: string): string[] {
  // Its own profile folder: parallel runs of soffice would otherwise share (and lock) one.
  const profile = `file://${join(dir, "profile")}`;
  // 44 = ",", 34 = '"', 76 = UTF-8, 1 = first line, then the 7th token: quote all text cells.
  execFileSync("soffice", [`-env:UserInstallation=${profile}`, "--headless", "--convert-to", "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,true,true,false", "--outdir", dir, xlsx], {stdio: "pipe", timeout: 120_000});
  return readFileSync(xlsx.replace(/\.xlsx$/, ".csv"), "utf8").trim().split(/\r?\n/);
}

describe("xlsx workbooks", () => {
  test("LibreOffice reads codes as text (leading zeros, 14-digit SIRET) and numbers as numbers", async () => {
    const path = join(dir, "essai.xlsx");
    writeFileSync(path, await writeWorkbook({table, rows, sources}));
    const lines = libreOfficeCsv(path);
    expect(lines[0]).toBe('"code_commune","siret","population","taux","nom"');
    // Text cells come quoted, numbers bare; an empty cell is empty; "=1+1" is text, not a formula.
    expect(lines[1]).toBe('"01001","21860194600000",1234,12.5,"=1+1"');
    expect(lines[2]).toBe('"2A004","00012345600017",0,,"Ajaccio"');
  }, 150_000);

  test("the workbook has the data, a Dictionnaire sheet and a Sources et licence sheet", async () => {
    const require = createRequire(import.meta.url);
    const {init} = require("excelize-wasm") as typeof import("excelize-wasm");
    const excelize = await init(require.resolve("excelize-wasm/excelize.wasm.gz"));
    const f = excelize.OpenReader(await writeWorkbook({table, rows, sources}));
    expect(f.GetSheetList().list).toEqual([DATA_SHEET, DICTIONARY_SHEET, SOURCES_SHEET]);
    expect(f.GetRows(DICTIONARY_SHEET).result[1]).toEqual(["code_commune", "texte", "", "Code INSEE", "Source d'essai", "2023", "Licence Ouverte 2.0"]);
    const licence = f.GetRows(SOURCES_SHEET).result;
    expect(licence[2]).toEqual(["Licence de la table", "Licence Ouverte 2.0"]);
    expect(licence.flat()).toContain("INSEE");
  });

  test("the same rows give the same bytes (no date from the clock)", async () => {
    const a = await writeWorkbook({table, rows, sources});
    const b = await writeWorkbook({table, rows, sources});
    expect(Buffer.from(a).equals(Buffer.from(b))).toBe(true);
  });

  test("a numeric column holding text is an error, not a silent text cell", () => {
    expect(() => cellValue({name: "population", type: "entier"}, "12 000")).toThrow(/numeric/);
    expect(cellValue({name: "code", type: "texte"}, 1001)).toBe("1001");
  });
});
