// The real grant files of the data pack (indicators/subventions, SOURCES.md "Additions (2026-11-29)"),
// as collectivités published them: how many records load (valid, or incomplete but usable by the
// bilan), and, for each record not loaded, the line and column of the reason. The expected counts
// were worked out from the files themselves with another reader (Python's csv module and zipfile,
// counting the empty or over-long cells), not copied from this program's output.
import {mkdtempSync, readFileSync, writeFileSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {DuckDBInstance} from "@duckdb/node-api";
import {describe, expect, it} from "vitest";
import {scdlSchema} from "../loaders/schemas.js";
import {conformity, incompleteBreakdown} from "../src/model/scdl-report.js";
import {formatScdl, validateScdl, type ScdlResult, type ScdlSchema} from "../src/model/scdl.js";

const dataDir = process.env.IDF_DATA_DIR;
if (!dataDir) console.warn("scdl-real-files.integration.test.ts: IDF_DATA_DIR is not set; skipped");
const schema: ScdlSchema = dataDir ? await scdlSchema() : {fields: []};
const withPack = describe.skipIf(!dataDir);
const pack = (file: string) => new Uint8Array(readFileSync(join(dataDir ?? "", "indicators/subventions", file)));
const results = new Map<string, ScdlResult>();
const result = (file: string) => {
  if (!results.has(file)) results.set(file, validateScdl(pack(file), file, schema));
  return results.get(file)!;
};
const share = (r: ScdlResult) => (r.rows.length + r.incomplete.length) / r.dataLines;

interface Expected {
  lines: number;
  valid: number;
  incomplete: number;
  /** Every record not loaded: [line, column, value]. */
  notLoaded: [number, string, string][];
  /** What the incomplete records lack, most frequent first. */
  lacking: [string, number][];
}

const FILES: Record<string, Expected> = {
  // Older draft; no nature, conditions, period nor percentage column; COLL_SIRET 21860194600000.0 is
  // the SIREN 218601946 followed by 00000 (Luhn fails); 156 objects are longer than 256 characters.
  "scdl_real_poitiers_2017_legacy.csv": {
    lines: 562,
    valid: 0,
    incomplete: 562,
    notLoaded: [],
    lacking: [["conditions de versement", 562], ["nature", 562], ["période de versement", 562], ["pourcentage de la subvention", 562], ["SIRET de l'attribuant", 562], ["SIRET du bénéficiaire", 501], ["objet", 156]]
  },
  // Older draft, Windows-1252; COLL_SIRET is a SIREN; amounts « 17 833 »; seven lines have no amount.
  "scdl_real_nievre_2016_legacy.csv": {
    lines: 97,
    valid: 0,
    incomplete: 90,
    notLoaded: [
      [8, "SUB_MONTANT", "NC"],
      [60, "SUB_MONTANT", ""],
      [91, "SUB_MONTANT", "SEM"],
      [94, "SUB_MONTANT", "SEM"],
      [95, "SUB_MONTANT", "ODHLM"],
      [96, "SUB_MONTANT", "SEM"],
      [97, "SUB_MONTANT", "SEM"]
    ],
    lacking: [["conditions de versement", 90], ["identifiant du bénéficiaire (SIRET ou RNA)", 90], ["nature", 90], ["notification à la Commission européenne", 90], ["période de versement", 90], ["pourcentage de la subvention", 90], ["SIRET de l'attribuant", 90]]
  },
  // No notificationUE column; every conditionsVersement is longer than 256 characters (316 at least).
  "scdl_real_somme_2018-03-02.csv": {lines: 41, valid: 0, incomplete: 41, notLoaded: [], lacking: [["conditions de versement", 41], ["notification à la Commission européenne", 41]]},
  // 22 rows without a payment period, 4 others without payment conditions.
  "scdl_real_charente-maritime_2017.xlsx": {lines: 101, valid: 75, incomplete: 26, notLoaded: [], lacking: [["période de versement", 22], ["conditions de versement", 4]]},
  "scdl_real_vendee_2018.xlsx": {lines: 4, valid: 4, incomplete: 0, notLoaded: [], lacking: []},
  // 29 rows without a payment period, 4 without conditions; line 35 has no beneficiary at all.
  "scdl_real_example_haute-garonne_2017.csv": {lines: 69, valid: 37, incomplete: 31, notLoaded: [[35, "nomBeneficiaire", ""]], lacking: [["période de versement", 28], ["conditions de versement", 4]]}
};

withPack("the real grant files load as the bilan needs them", () => {
  it("reports the share of records loaded for each file", () => {
    const table = Object.keys(FILES).map((file) => {
      const r = result(file);
      return {fichier: file, lignes: r.dataLines, valides: r.rows.length, incompletes: r.incomplete.length, rejetees: r.rejects.length, doublons: r.duplicates.length, part_chargee: `${(100 * share(r)).toFixed(1)} %`};
    });
    console.table(table);
    expect(table.map((t) => t.lignes)).toEqual(Object.values(FILES).map((e) => e.lines));
  });

  for (const [file, expected] of Object.entries(FILES)) {
    it(`${file}: ${expected.valid} valid, ${expected.incomplete} incomplete, ${expected.notLoaded.length} not loaded, each with its line and column`, () => {
      const r = result(file);
      expect(r.refused).toBeNull();
      expect(r.dataLines).toBe(expected.lines);
      expect(r.rows).toHaveLength(expected.valid);
      expect(r.incomplete).toHaveLength(expected.incomplete);
      expect(r.duplicates).toEqual([]);
      const essential = new Set(["nomAttribuant", "nomBeneficiaire", "montant", "COLL_NOM", "ATTRIB_NOM", "SUB_MONTANT"]);
      expect(r.rejects.map((x) => [x.line, x.problems.find((p) => essential.has(p.column))?.column, x.problems.find((p) => essential.has(p.column))?.value])).toEqual(expected.notLoaded);
      expect(incompleteBreakdown(r.incomplete)).toEqual(expected.lacking);
      // Tolerance never makes a file conform: each of these deviates from the standard somehow.
      expect(conformity(r).conform).toBe(false);
    });
  }

  it("loads at least 90 % of the records of Poitiers, Nièvre, Charente-Maritime and Vendée", () => {
    for (const file of ["scdl_real_poitiers_2017_legacy.csv", "scdl_real_nievre_2016_legacy.csv", "scdl_real_charente-maritime_2017.xlsx", "scdl_real_vendee_2018.xlsx"]) {
      expect(share(result(file)), file).toBeGreaterThanOrEqual(0.9);
    }
  });

  it("Poitiers: the older draft's columns are mapped, the float SIRETs restored only when their key confirms them", () => {
    const r = result("scdl_real_poitiers_2017_legacy.csv");
    expect(r.dialect?.columns.map((c) => [c.column, c.field])).toEqual([
      ["ANNEE", null],
      ["COLL_NOM", "nomAttribuant"],
      ["COLL_SIRET", "idAttribuant"],
      ["COLL_TYPE", null],
      ["ACTE_DATE", "dateConvention"],
      ["ACTE_REF", "referenceDecision"],
      ["ATTRIB_NOM", "nomBeneficiaire"],
      ["ATTRIB_SIRET", "idBeneficiaire"],
      ["SUB_OBJ", "objet"],
      ["SUB_MONTANT", "montant"],
      ["Notification à la commission Européenne", "notificationUE"]
    ]);
    const first = r.incomplete[0];
    expect(first.values).toMatchObject({nomAttribuant: "Ville de Poitiers", idAttribuant: null, dateConvention: "2016-12-05", nomBeneficiaire: "TROUVER SONNETTE A SON PIED", montant: 10000, notificationUE: false});
    const siret = r.problems.find((p) => p.line === 2 && p.column === "COLL_SIRET")!;
    expect(siret.expected).toContain("ses 9 premiers chiffres forment un SIREN valide (218601946) suivi de 00000 : seul le SIREN semble connu");
    // 61 beneficiary SIRETs pass the key once their ".0" is dropped (counted by a separate Luhn script): restored, each a change.
    expect(r.changes.filter((c) => c.rule === "siret-nombre")).toHaveLength(61);
  });

  it("Nièvre: a SIREN where the grantor's SIRET should be is said to be one; amounts with a no-break space are read", () => {
    const r = result("scdl_real_nievre_2016_legacy.csv");
    expect(r.encoding).toBe("windows-1252");
    expect(r.incomplete[0].values).toMatchObject({nomAttribuant: "Département de la Nièvre", nomBeneficiaire: "AGORA", montant: 17833});
    expect(r.problems.find((p) => p.line === 2 && p.column === "COLL_SIRET")?.expected).toContain("c'est un SIREN (9 chiffres) : le SIRET de l'établissement (14 chiffres) n'est pas donné");
    expect(r.problems.find((p) => p.code === "normalised" && p.column === "SUB_MONTANT")?.value).toBe("17\u00a0833 → 17833");
  });

  it("Somme: the UTF-8 byte-order mark before Windows-1252 text is reported and the text decoded as Windows-1252", () => {
    const r = result("scdl_real_somme_2018-03-02.csv");
    expect(r.encoding).toBe("windows-1252");
    expect(r.problems[0]).toMatchObject({code: "encoding", severity: "warning", value: "EF BB BF"});
    expect(r.incomplete[0].values).toMatchObject({nomAttribuant: "Département de la Somme", dateConvention: "2017-09-08", montant: 26956, datesPeriodeVersement: "2017-09-08/2021-09-07"});
  });

  it("Charente-Maritime: an Excel workbook whose amounts are numbers shown as 164,000.00, natures « Numéraire », « Non », periods with « _ »", () => {
    const r = result("scdl_real_charente-maritime_2017.xlsx");
    expect(r).toMatchObject({format: "xlsx", sheet: "Subventions", headerLine: 1});
    expect(r.rows[0].values).toMatchObject({nomBeneficiaire: "LE FOYER", montant: 164000, nature: "aide en numéraire", notificationUE: false, datesPeriodeVersement: "2017-11-07/2019-01-21", pourcentageSubvention: 1});
    expect(new Set(r.changes.map((c) => c.rule))).toEqual(new Set(["nature-numeraire", "booleen-casse", "periode-souligne"]));
  });

  it("Vendée: the capitalised IdRAE is recognised as idRAE", () => {
    const r = result("scdl_real_vendee_2018.xlsx");
    expect(r.dialect?.columns.find((c) => c.column === "IdRAE")).toMatchObject({field: "idRAE", how: "variante"});
  });
});

withPack("the normalised file", () => {
  for (const file of ["scdl_real_charente-maritime_2017.xlsx", "scdl_real_vendee_2018.xlsx", "scdl_real_example_haute-garonne_2017.csv", "scdl_subventions_v2.1.1_exemple_valide.csv"]) {
    it(`${file}: written as SCDL 2.1.1 and read again, gives the same records and no warning`, () => {
      const r = result(file);
      expect(r.rows.length).toBeGreaterThan(0);
      const text = formatScdl(r.rows, schema);
      expect(text.split("\r\n")[0]).toBe(schema.fields.map((f) => f.name).join(","));
      const again = validateScdl(new TextEncoder().encode(text), "normalise.csv", schema);
      expect(again.problems).toEqual([]);
      expect(again.changes).toEqual([]);
      expect(again).toMatchObject({version: "2.1.1", encoding: "utf-8", separator: ",", incomplete: [], rejects: []});
      const fields = (values: Record<string, unknown>) => Object.fromEntries(schema.fields.map((f) => [f.name, values[f.name]]));
      expect(again.rows.map((x) => fields(x.values))).toEqual(r.rows.map((x) => fields(x.values)));
      expect(again.rows.map((x) => x.key)).toEqual(r.rows.map((x) => x.key));
      expect(conformity(again)).toEqual({conform: true, reasons: []});
    });
  }

  it("is read by DuckDB as a partner would: the schema's 16 columns, numbers as numbers, the same total", async () => {
    const r = result("scdl_real_charente-maritime_2017.xlsx");
    const path = join(mkdtempSync(join(tmpdir(), "scdl-")), "charente-maritime-scdl-2.1.1.csv");
    writeFileSync(path, formatScdl(r.rows, schema));
    const connection = await (await DuckDBInstance.create(":memory:")).connect();
    const columns = (await connection.runAndReadAll(`DESCRIBE SELECT * FROM read_csv('${path}')`)).getRowObjectsJS().map((c) => [c.column_name, c.column_type]);
    expect(columns.map((c) => c[0])).toEqual(schema.fields.map((f) => f.name));
    const types = Object.fromEntries(columns);
    expect(["BIGINT", "DOUBLE"]).toContain(types.montant); // these amounts are whole euros
    expect(types.dateConvention).toBe("DATE");
    const [row] = (await connection.runAndReadAll(`SELECT count(*)::INTEGER AS n, sum(montant)::DOUBLE AS total FROM read_csv('${path}')`)).getRowObjectsJS();
    expect(row).toEqual({n: 75, total: r.rows.reduce((sum, x) => sum + (x.values.montant as number), 0)});
    connection.closeSync();
  });
});
