// The .xlsx reader on hand-made workbooks (test/xlsx-fixtures.ts): what Excel stores, read as a
// table; and every kind of bad workbook refused with one French sentence, quickly, without reading
// more than the limits allow.
import {execFileSync} from "node:child_process";
import {mkdtempSync, readFileSync, rmSync, writeFileSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {afterAll, describe, expect, it} from "vitest";
import {DATA_SHEET, DICTIONARY_SHEET, SOURCES_SHEET, writeWorkbook} from "../loaders/xlsx.js";
import {readTable} from "../src/lib/read-table.js";
import {columnLetters, columnNumber, isDateFormat, readXlsx, serialDate, XLSX_LIMITS} from "../src/lib/xlsx.js";
import {denseSheetData, workbook, zip} from "./xlsx-fixtures.js";

const read = (bytes: Uint8Array, options = {}) => readXlsx(bytes, "classeur.xlsx", options);

describe("reading an Excel workbook as a table", () => {
  it("reads shared strings, numbers as stored (not as displayed), booleans, errors and inline strings", () => {
    const bytes = workbook({
      sheets: [{name: "Subventions", rows: [["nom", "montant", "part", "notifié", "erreur", "texte"], ["Association A", 164000, 0.5, {xml: "<v>0</v>", attributes: 't="b"'}, {xml: "<v>#N/A</v>", attributes: 't="e"'}, {xml: "<is><t>en ligne</t></is>", attributes: 't="inlineStr"'}]]}],
      // 164000 formatted "#,##0.00" shows 164,000.00 in Excel: the stored number is what is read.
      numFmts: [[172, "#,##0.00"]],
      styles: [172]
    });
    const t = read(bytes);
    expect(t.refused).toBeNull();
    expect(t.header).toEqual(["nom", "montant", "part", "notifié", "erreur", "texte"]);
    expect(t.records).toEqual([{line: 2, values: ["Association A", "164000", "0.5", "false", "#N/A", "en ligne"]}]);
    expect(t.problems).toEqual([]);
    expect(t).toMatchObject({sheet: "Subventions", headerLine: 1, dataRecords: 1, letters: ["A", "B", "C", "D", "E", "F"]});
  });

  it("writes date-formatted serial numbers as AAAA-MM-JJ (1900 and 1904 systems), text dates as they are", () => {
    const rows = [["dateConvention", "texte"], [{xml: "<v>42391</v>", attributes: 's="1"'}, "2016-01-22"], [{xml: "<v>43101</v>", attributes: 's="2"'}, "22/01/2016"]];
    const t = read(workbook({sheets: [{name: "F", rows}], numFmts: [[165, "dd/mm/yyyy;@"]], styles: [14, 165]}));
    // 42391 days after 1899-12-30 is 2016-01-22; 43101 is 2018-01-01 (worked out from Excel's epoch).
    expect(t.records.map((r) => r.values)).toEqual([["2016-01-22", "2016-01-22"], ["2018-01-01", "22/01/2016"]]);
    const t1904 = read(workbook({sheets: [{name: "F", rows: [["d"], [{xml: "<v>0</v>", attributes: 's="1"'}], [{xml: "<v>40929</v>", attributes: 's="1"'}]]}], styles: [14], date1904: true}));
    // 1904 system: 0 is 1904-01-01, and 40929 (= 42391 − 1462, the days between the two epochs) is 2016-01-22.
    expect(t1904.records.map((r) => r.values[0])).toEqual(["1904-01-01", "2016-01-22"]);
    expect(serialDate(60)).toBe("1900-02-29"); // Lotus 1-2-3's day that never was: kept, then refused by the calendar check
    expect(serialDate(61)).toBe("1900-03-01");
    expect(serialDate(42391.5)).toBe("2016-01-22 12:00:00");
    expect(isDateFormat("#,##0.00")).toBe(false);
    expect(isDateFormat('[$-40C]d mmmm yyyy;@')).toBe(true);
    expect(isDateFormat('"jour"0')).toBe(false);
  });

  it("keeps text as text: entities, Excel's _x000D_ escapes, rich-text runs without their phonetic reading", () => {
    const sst = `<?xml version="1.0"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>nom</t></si><si><r><t>Caf</t></r><r><rPr><b/></rPr><t>é &amp; co</t></r><rPh><t>KAFE</t></rPh></si><si><t>ligne 1_x000D_</t></si><si><t>&lt;script&gt;alert(1)&lt;/script&gt;</t></si></sst>`;
    const cells = [0, 1, 2, 3].map((i) => [{xml: `<v>${i}</v>`, attributes: 't="s"'}]);
    const t = read(workbook({sheets: [{name: "F", rows: cells}], parts: {"xl/sharedStrings.xml": sst}}));
    expect(t.records.map((r) => r.values[0])).toEqual(["Café & co", "ligne 1", "<script>alert(1)</script>"]);
  });

  it("finds the header below title lines, joins merged group titles to the column names, and says which lines were not read", () => {
    const rows: ([number, (string | number | null)[]])[] = [
      [1, ["Subventions attribuées en 2018"]],
      [3, ["Attribuant", null, "Bénéficiaire", null, "Subvention"]],
      [4, ["Nom", "SIRET", "Nom", "SIRET", "Montant"]],
      [5, ["Région", "23750007900312", "Association A", "12345678900015", 1500]]
    ];
    const score = (cells: readonly string[]) => cells.filter((c) => ["Nom", "SIRET", "Montant"].includes(c)).length;
    const t = read(workbook({sheets: [{name: "F", rows, merges: ["A1:E1", "A3:B3", "C3:D3"]}]}), {headerScore: score});
    // The title merged over the whole width, right above the groups, is a title, not a group.
    const titled = read(workbook({sheets: [{name: "F", rows: rows.map(([line, cells]) => [line === 1 ? 2 : line, cells] as [number, (string | number | null)[]]), merges: ["A2:E2", "A3:B3", "C3:D3"]}]}), {headerScore: score});
    expect(titled.groupLines).toEqual([3]);
    expect(titled.header[0]).toBe("Attribuant › Nom");
    expect(t.headerLine).toBe(4);
    expect(t.groupLines).toEqual([3]);
    expect(t.header).toEqual(["Attribuant › Nom", "Attribuant › SIRET", "Bénéficiaire › Nom", "Bénéficiaire › SIRET", "Subvention › Montant"]);
    expect(t.records).toEqual([{line: 5, values: ["Région", "23750007900312", "Association A", "12345678900015", "1500"]}]);
    expect(t.problems).toEqual([expect.objectContaining({line: 1, code: "workbook", severity: "warning", expected: expect.stringContaining("l'en-tête est ligne 4 (titres de groupes ligne 3) ; la ligne 1, au-dessus, n'est pas lue comme une donnée")})]);
  });

  it("reads the first visible sheet by default, says which others exist (hidden ones too), and reads the one chosen", () => {
    const bytes = workbook({
      sheets: [
        {name: "Paramètres", state: "hidden", rows: [["clé"], ["x"]]},
        {name: "Données 2018", rows: [["montant"], [10]]},
        {name: "Notes", rows: [["texte"], ["à lire"]]}
      ]
    });
    const t = read(bytes);
    expect(t.sheet).toBe("Données 2018");
    expect(t.sheets).toEqual([{name: "Paramètres", hidden: true}, {name: "Données 2018", hidden: false}, {name: "Notes", hidden: false}]);
    expect(t.problems).toEqual([expect.objectContaining({code: "workbook", expected: expect.stringContaining("la feuille « Données 2018 » est lue, pas « Paramètres », « Notes » (feuille masquée : « Paramètres »)")})]);
    expect(read(bytes, {sheet: "Paramètres"}).records.map((r) => r.values)).toEqual([["x"]]);
    expect(read(bytes, {sheet: "Absente"}).refused).toMatchObject({code: "not-workbook", expected: expect.stringContaining("la feuille « Absente » n'existe pas")});
  });

  it("reads a formula's last saved value, never the formula, and says so; a formula without a saved value is read empty, with a warning", () => {
    const rows = [["montant", "total"], [1000, {xml: "<f>A2*2</f><v>2000</v>"}], [500, {xml: "<f>A3*2</f>"}]];
    const t = read(workbook({sheets: [{name: "F", rows}]}));
    expect(t.records.map((r) => r.values)).toEqual([["1000", "2000"], ["500", ""]]);
    const expected = t.problems.map((p) => p.expected);
    expect(expected).toEqual([expect.stringContaining("2 cellules sont des formules (B2, B3) ; la dernière valeur calculée par le tableur, enregistrée dans le fichier, est lue"), expect.stringContaining("1 formule n'a pas de valeur calculée enregistrée dans le fichier (B3) ; ces cellules sont lues vides")]);
  });

  it("never copies a merged cell's value into the other cells, and names the merged range", () => {
    const rows = [["nomAttribuant", "montant"], ["Région", 100], [null, 200]];
    const t = read(workbook({sheets: [{name: "F", rows, merges: ["A2:A3"]}]}));
    expect(t.records.map((r) => r.values)).toEqual([["Région", "100"], ["", "200"]]);
    expect(t.problems).toEqual([expect.objectContaining({line: 2, value: "A2:A3", expected: expect.stringContaining("seule la première (A2) porte une valeur, les autres sont lues vides (aucune valeur n'est recopiée)")})]);
  });

  it("reads hidden rows like the others and says which", () => {
    const t = read(workbook({sheets: [{name: "F", rows: [["montant"], [1], [2], [3]], hiddenRows: [3, 4]}]}));
    expect(t.records.map((r) => r.values[0])).toEqual(["1", "2", "3"]);
    expect(t.problems).toEqual([expect.objectContaining({line: 3, expected: expect.stringContaining("2 lignes sont masquées dans le tableur (3, 4)")})]);
  });

  it("rejects a line with a value beyond the header's columns, and keeps the others", () => {
    const t = read(workbook({sheets: [{name: "F", rows: [["a", "b"], ["1", "2"], ["3", "4", "en trop"]]}]}));
    expect(t.records.map((r) => r.line)).toEqual([2]);
    expect(t.problems).toEqual([expect.objectContaining({line: 3, column: "(colonne C, sans nom)", value: "en trop", code: "unnamed-cell", severity: "error"})]);
    expect(t.dataRecords).toBe(2);
  });

  it("converts column letters both ways", () => {
    expect([columnNumber("A"), columnNumber("Z"), columnNumber("AA"), columnNumber("XFD")]).toEqual([1, 26, 27, 16384]);
    expect([columnLetters(1), columnLetters(26), columnLetters(27), columnLetters(16384)]).toEqual(["A", "Z", "AA", "XFD"]);
  });
});

describe("bad workbooks are refused with one French sentence, without reading beyond the limits", () => {
  const refused = (bytes: Uint8Array) => {
    const t = read(bytes);
    expect(t.records).toEqual([]);
    expect(t.problems).toEqual([t.refused]);
    expect(t.refused).toMatchObject({file: "classeur.xlsx", line: 1, column: "*", severity: "fatal"});
    return t.refused!;
  };

  it("an OpenDocument workbook (.ods) is not read: save it as .xlsx or CSV", () => {
    const ods = zip([{name: "mimetype", data: "application/vnd.oasis.opendocument.spreadsheet", store: true}, {name: "content.xml", data: "<office:document-content/>"}]);
    const t = readTable(ods, "tableau.ods");
    expect(t.refused).toMatchObject({code: "unsupported-format", value: "un classeur OpenDocument (.ods)", expected: expect.stringContaining("« Excel 2007-365 (.xlsx) » ou « Texte CSV (.csv) »")});
  });

  it("a zip that is not a workbook", () => {
    expect(refused(zip([{name: "lisez-moi.txt", data: "bonjour"}]))).toMatchObject({code: "not-workbook", expected: expect.stringContaining("cette archive zip ne contient pas de classeur")});
    expect(readTable(zip([{name: "lisez-moi.txt", data: "bonjour"}]), "archive.zip").format).toBe("xlsx");
  });

  it("a truncated workbook (the end of the zip is missing)", () => {
    const bytes = workbook({sheets: [{name: "F", rows: [["a"], ["1"]]}]});
    expect(refused(bytes.subarray(0, bytes.length - 40))).toMatchObject({code: "not-workbook", expected: expect.stringContaining("la fin de l'archive zip est introuvable")});
  });

  it("a zip declaring more entries than any workbook has", () => {
    expect(refused(zip([{name: "a.xml", data: "<a/>"}], {entryCount: 65_000}))).toMatchObject({code: "too-large", expected: expect.stringContaining("l'archive en déclare 65000")});
  });

  it("a part declaring more than the limit once inflated (a zip bomb), before inflating anything", () => {
    const bytes = workbook({sheets: [{name: "F", rows: [["a"]]}]});
    const bomb = zip([{name: "[Content_Types].xml", data: "<Types/>"}, {name: "xl/workbook.xml", data: "<workbook/>", declaredSize: XLSX_LIMITS.part + 1}]);
    expect(refused(bomb)).toMatchObject({code: "too-large", expected: expect.stringContaining("une fois décompressée")});
    expect(read(bytes).refused).toBeNull();
  });

  it("a part that inflates beyond its declared size is cut there, and then refused as malformed", () => {
    const sheet = `<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>${"x".repeat(5000)}</t></is></c></row></sheetData></worksheet>`;
    // A sheet entry that declares 100 bytes and holds 5 KB.
    const lying = zip([
      {name: "_rels/.rels", data: `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="r" Type="x/officeDocument" Target="xl/workbook.xml"/></Relationships>`},
      {name: "xl/workbook.xml", data: `<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="F" r:id="s"/></sheets></workbook>`},
      {name: "xl/_rels/workbook.xml.rels", data: `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="s" Type="x/worksheet" Target="worksheets/sheet1.xml"/></Relationships>`},
      {name: "xl/worksheets/sheet1.xml", data: sheet, declaredSize: 100}
    ]);
    expect(refused(lying)).toMatchObject({code: "not-workbook", expected: expect.stringContaining("n'est pas du XML valide")});
  });

  it("a row numbered beyond Excel's 1,048,576 rows (r=2147483647), or below 1, or out of order", () => {
    const forged = (sheetData: string) => refused(workbook({sheets: [{name: "F", sheetData}]}));
    expect(forged(`<row r="1"><c r="A1"><v>1</v></c></row><row r="2147483647"><c r="A2147483647"><v>2</v></c></row>`).expected).toContain("une ligne porte le numéro « 2147483647 », hors des 1 à 1048576 lignes d'une feuille");
    expect(forged(`<row r="1"><c r="A1"><v>1</v></c></row><row r="-1"><c r="A1"><v>2</v></c></row>`).expected).toContain("une ligne porte le numéro « -1 »");
    expect(forged(`<row r="5"><c r="A5"><v>1</v></c></row><row r="2"><c r="A2"><v>2</v></c></row>`).expected).toContain("la ligne 2 vient après la ligne 5");
    expect(forged(`<row r="1"><c r="B2"><v>1</v></c></row>`).expected).toContain("la cellule « B2 » n'est pas sur sa ligne (1)");
  });

  it("a sheet of 1,000,000 rows: reading stops past 100,000 filled rows, with the way to import it", {timeout: 60_000}, () => {
    const error = refused(workbook({sheets: [{name: "F", sheetData: denseSheetData(1_000_000)}]}));
    expect(error.code).toBe("too-large");
    expect(error.expected.replace(/[\u202f\u00a0]/g, " ")).toContain("une feuille d'au plus 100 000 lignes remplies");
    expect(error.expected).toContain("enregistrer la feuille en CSV UTF-8");
  });

  it("a shared string that does not exist", () => {
    expect(refused(workbook({sheets: [{name: "F", rows: [[{xml: "<v>99</v>", attributes: 't="s"'}]]}]})).expected).toContain("renvoie au texte partagé n° 99, qui n'existe pas");
  });

  it("an entity defined in a DOCTYPE is never expanded (no « billion laughs »)", () => {
    const sst = `<?xml version="1.0"?><!DOCTYPE sst [<!ENTITY a "AAAAAAAAAA"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>nom</t></si><si><t>&b;</t></si></sst>`;
    const t = read(workbook({sheets: [{name: "F", rows: [[{xml: "<v>0</v>", attributes: 't="s"'}], [{xml: "<v>1</v>", attributes: 't="s"'}]]}], parts: {"xl/sharedStrings.xml": sst}}));
    expect(t.records.map((r) => r.values[0])).toEqual(["&b;"]);
  });

  it("an empty sheet, and a workbook without any worksheet", () => {
    expect(refused(workbook({sheets: [{name: "Vide", rows: []}]})).expected).toContain("la feuille « Vide » est vide");
    expect(refused(workbook({sheets: []})).expected).toContain("celui-ci n'en a aucune");
  });

  it("an attribute named __proto__ or constructor is data, not a key", () => {
    const t = read(workbook({sheets: [{name: "F", sheetData: `<row r="1" __proto__="x" constructor="y"><c r="A1" t="inlineStr" hasOwnProperty="z"><is><t>a</t></is></c></row><row r="2"><c r="A2"><v>1</v></c></row>`}]}));
    expect(t.records).toEqual([{line: 2, values: ["1"]}]);
  });
});

describe("workbooks written by other programs", () => {
  const dir = mkdtempSync(join(tmpdir(), "atlas-xlsx-read-"));
  afterAll(() => rmSync(dir, {recursive: true, force: true}));

  it("reads the workbooks the project publishes (written by excelize-wasm): every sheet, text as text, numbers as numbers", async () => {
    const column = (name: string, type: "texte" | "entier" | "décimal") => ({name, type, unit: "", description: name, source: "src"});
    const table = {id: "essai", title: "Essai", licence: "Licence Ouverte 2.0", sources: ["src"], columns: [column("code_commune", "texte"), column("siret", "texte"), column("population", "entier"), column("taux", "décimal"), column("nom", "texte")]};
    const rows = [
      {code_commune: "01001", siret: "00012345600017", population: 1234, taux: 12.5, nom: "=1+1"},
      {code_commune: "2A004", siret: "21860194600013", population: 0, taux: null, nom: "Ajaccio & <Corse>"}
    ];
    const sources = [{id: "src", title: "Source d'essai", publisher: "INSEE", licence: "Licence Ouverte 2.0", vintage: "2023", upstream_url: "https://example.org/", sha256: "", download_url: null, transformation: ""}];
    const t = readXlsx(await writeWorkbook({table, rows, sources}), "essai.xlsx");
    expect(t.refused).toBeNull();
    expect(t.sheets.map((s) => s.name)).toEqual([DATA_SHEET, DICTIONARY_SHEET, SOURCES_SHEET]);
    expect(t.header).toEqual(["code_commune", "siret", "population", "taux", "nom"]);
    expect(t.records.map((r) => r.values)).toEqual([
      ["01001", "00012345600017", "1234", "12.5", "=1+1"],
      ["2A004", "21860194600013", "0", "", "Ajaccio & <Corse>"]
    ]);
  });

  it("reads a workbook LibreOffice Calc saved from a CSV: dates and amounts as Calc stores them", () => {
    const csv = join(dir, "calc.csv");
    writeFileSync(csv, "nomBeneficiaire,montant,dateConvention\nAssociation A,1500.5,2024-03-15\nAssociation B,200,2019-01-30\n");
    const profile = `file://${join(dir, "profile")}`;
    execFileSync("soffice", [`-env:UserInstallation=${profile}`, "--headless", "--convert-to", "xlsx:Calc MS Excel 2007 XML", "--outdir", dir, csv], {stdio: "pipe", timeout: 120_000});
    const t = readXlsx(new Uint8Array(readFileSync(join(dir, "calc.xlsx"))), "calc.xlsx");
    expect(t.refused).toBeNull();
    expect(t.header).toEqual(["nomBeneficiaire", "montant", "dateConvention"]);
    // Calc turns ISO dates into date serials with a date format: read back as AAAA-MM-JJ.
    expect(t.records.map((r) => r.values)).toEqual([
      ["Association A", "1500.5", "2024-03-15"],
      ["Association B", "200", "2019-01-30"]
    ]);
  }, 150_000);
});
