import {spawnSync} from "node:child_process";
import {existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {csvParse, dsvFormat} from "d3-dsv";
import {describe, expect, it} from "vitest";
import {formatCsv, neutraliseFormula} from "../src/lib/csv.js";

const rows = [
  {code: "75056", nom: "Paris", densite: 19959.9, note: 'dit "oui"; ou non'},
  {code: "93066", nom: "Saint-Denis", densite: null, note: "deux\nlignes"}
];
const columns = ["code", "nom", "densite", "note"];

describe("CSV for partners", () => {
  it("writes plain UTF-8 CSV that a standard parser reads back unchanged", () => {
    const text = formatCsv(columns, rows, "utf8");
    expect(text.startsWith("\ufeff")).toBe(false);
    const parsed = csvParse(text);
    expect(parsed[0]).toEqual({code: "75056", nom: "Paris", densite: "19959.9", note: 'dit "oui"; ou non'});
    expect(parsed[1].densite).toBe("");
    expect(parsed[1].note).toBe("deux\nlignes");
  });

  it("writes the French Excel variant with a BOM, semicolons and decimal commas", () => {
    const text = formatCsv(columns, rows, "excel-fr");
    expect(text.startsWith("\ufeffcode;nom;densite;note\r\n")).toBe(true);
    const parsed = dsvFormat(";").parse(text.slice(1));
    expect(parsed[0].densite).toBe("19959,9");
    expect(parsed[0].note).toBe('dit "oui"; ou non');
  });
});

describe("formula injection in the Excel-fr variant", () => {
  const hostile = [
    {code: "A", texte: "=1+1", nombre: -2.5},
    {code: "B", texte: "+33 1 23 45 67 89", nombre: 3},
    {code: "C", texte: "-2+3", nombre: -4},
    {code: "D", texte: "@SUM(1;2)", nombre: 0},
    {code: "E", texte: "\t=1+1", nombre: 1},
    {code: "F", texte: "\r=1+1", nombre: 1},
    {code: "G", texte: '=HYPERLINK("https://exemple.fr";"clic")', nombre: 1},
    {code: "H", texte: "Association « = égalité »", nombre: 1}
  ];
  const columns = ["code", "texte", "nombre"];

  it("prefixes text cells starting with =, +, -, @, tab or carriage return with an apostrophe; numbers and other text are untouched", () => {
    expect(["=1+1", "+3", "-x", "@a", "\tx", "\rx", "a=b", "", "x"].map(neutraliseFormula)).toEqual(["'=1+1", "'+3", "'-x", "'@a", "'\tx", "'\rx", "a=b", "", "x"]);
    const parsed = dsvFormat(";").parse(formatCsv(columns, hostile, "excel-fr").slice(1));
    expect(parsed.map((r) => r.texte)).toEqual(["'=1+1", "'+33 1 23 45 67 89", "'-2+3", "'@SUM(1;2)", "'\t=1+1", "'\r=1+1", `'=HYPERLINK("https://exemple.fr";"clic")`, "Association « = égalité »"]);
    expect(parsed.map((r) => r.nombre)).toEqual(["-2,5", "3", "-4", "0", "1", "1", "1", "1"]);
  });

  it("leaves the plain UTF-8 variant exact: it is for tools that read data, not formulas", () => {
    expect(csvParse(formatCsv(columns, hostile, "utf8")).map((r) => r.texte)).toEqual(hostile.map((r) => r.texte));
  });

  // A real client: LibreOffice Calc opens the Excel-fr file (";" separator, UTF-8) and saves it as
  // flat OpenDocument XML, where a formula is a cell with a table:formula attribute (language 1036,
  // French: decimal commas are numbers).
  const soffice = ["/usr/bin/soffice", "/usr/bin/libreoffice"].find((p) => existsSync(p));
  if (!soffice) console.warn("write-csv.test.ts: LibreOffice is not installed (apt-get install libreoffice-calc-nogui); the check in a real spreadsheet is skipped");
  it.skipIf(!soffice)("LibreOffice Calc opens every neutralised cell as text, and would have run the same cells unneutralised", {timeout: 120_000}, () => {
    const dir = mkdtempSync(join(tmpdir(), "atlas-csv-"));
    const open = (name: string, text: string): string => {
      writeFileSync(join(dir, `${name}.csv`), text);
      const run = spawnSync(soffice!, [`-env:UserInstallation=file://${join(dir, "profile")}`, "--headless", "--infilter=CSV:59,34,76,1,,1036", "--convert-to", "fods", "--outdir", dir, join(dir, `${name}.csv`)], {encoding: "utf8", timeout: 100_000});
      expect(run.status, run.stderr).toBe(0);
      return readFileSync(join(dir, `${name}.fods`), "utf8");
    };
    const formulas = (fods: string) => [...fods.matchAll(/table:formula="([^"]*)"/g)].map((m) => m[1]);
    try {
      // Control: the same cells written raw are formulas for LibreOffice (so this test can fail).
      const raw = hostile.map((r) => [r.code, r.texte.replace(/[\t\r]/g, ""), String(r.nombre).replace(".", ",")].join(";")).join("\r\n");
      expect(formulas(open("brut", `\ufeffcode;texte;nombre\r\n${raw}\r\n`)).length).toBeGreaterThan(0);
      const fods = open("neutralise", formatCsv(columns, hostile, "excel-fr"));
      expect(formulas(fods)).toEqual([]);
      expect(fods).toContain("&apos;=1+1");
      expect(fods).toContain('office:value-type="float" office:value="-2.5"'); // numbers stay numbers
    } finally {
      rmSync(dir, {recursive: true, force: true});
    }
  });
});
