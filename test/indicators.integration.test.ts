// Spot checks of the published indicators against the pack's raw files, read independently here,
// and of the aggregation and recombination rules against hand computations.
import {DuckDBInstance, type DuckDBConnection} from "@duckdb/node-api";
import {readFileSync} from "node:fs";
import {join} from "node:path";
import {beforeAll, describe, expect, it} from "vitest";
import {parseCsv} from "../src/lib/csv-parse.js";
import {populate, rows} from "../loaders/warehouse.js";

const dataDir = process.env.IDF_DATA_DIR;
let db: DuckDBConnection;
let filosofi: Map<string, Record<string, string>>;

beforeAll(async () => {
  if (!dataDir) throw new Error("Set IDF_DATA_DIR to the data pack (e.g. IDF_DATA_DIR=../shared/data) to run the integration tests.");
  db = await (await DuckDBInstance.create(":memory:")).connect();
  await populate(db);
  const table = parseCsv(readFileSync(join(dataDir, "indicators/filosofi_2021_com_idf.csv")), "filosofi");
  filosofi = new Map(table.records.map((r) => [r.values[0], Object.fromEntries(table.header.map((h, i) => [h, r.values[i]]))]));
}, 60_000);

const indicator = async (niveau: string, code: string, id: string) =>
  (await rows(db, `select valeur, statut, methode, couverture_population from mart_indicateurs where niveau = '${niveau}' and code = '${code}' and indicateur = '${id}'`))[0];
const raw = (code: string, column: string) => Number(filosofi.get(code)![column].replace(",", "."));

describe("published indicators equal the pack's raw values", () => {
  it("for Paris, Aubervilliers and the 15th arrondissement", async () => {
    for (const [niveau, code] of [["commune", "75056"], ["commune", "93001"], ["arrondissement", "75115"]]) {
      expect((await indicator(niveau, code, "taux_pauvrete")).valeur, code).toBe(raw(code, "TP6021"));
      expect((await indicator(niveau, code, "niveau_vie_median")).valeur, code).toBe(raw(code, "MED21"));
      expect((await indicator(niveau, code, "part_minima_sociaux")).valeur, code).toBe(raw(code, "PPMINI21"));
    }
    expect(raw("75056", "TP6021")).toBe(16); // the figure SOURCES.md quotes for Paris
  });

  it("a secret input never becomes a number", async () => {
    expect(filosofi.get("77001")!.TP6021).toBe("s");
    expect(await indicator("commune", "77001", "taux_pauvrete")).toMatchObject({valeur: null, statut: "s"});
    const [{n}] = await rows(db, "select count(*) as n from mart_indicateurs where statut is not null and valeur is not null");
    expect(n).toBe(0);
  });
});

describe("merged communes", () => {
  it("Saint-Denis' poverty rate is recombined with Pierrefitte from persons × rate, at the 1 decimal the rates are published with", async () => {
    const persons = [raw("93066", "NBPERSMENFISC21"), raw("93059", "NBPERSMENFISC21")];
    const rates = [raw("93066", "TP6021"), raw("93059", "TP6021")];
    const expected = (persons[0] * rates[0] + persons[1] * rates[1]) / (persons[0] + persons[1]); // (106397×36 + 30999×38) / 137396 = 36.4512…
    const result = await indicator("commune", "93066", "taux_pauvrete");
    expect(result.methode).toBe("recombinee");
    expect(expected).toBeCloseTo(36.4512, 4);
    expect(result.valeur).toBe(36.5); // not 36.45123584383825: the inputs are whole percentages
  });

  it("Saint-Denis' median cannot be recombined: it is marked, not borrowed from the old commune", async () => {
    expect(await indicator("commune", "93066", "niveau_vie_median")).toMatchObject({valeur: null, statut: "fusion"});
    const [{n}] = await rows(db, "select count(*) as n from mart_indicateurs where niveau = 'commune' and code = '93059'");
    expect(n).toBe(0);
  });
});

describe("aggregation of rates", () => {
  it("a département's poverty rate is Σ poor persons / Σ persons over its communes with a value", async () => {
    // Hauts-de-Seine (92): the 36 communes, no merger; recompute from the raw file.
    const codes = (await rows(db, "select code_commune from mart_communes where code_departement = '92'")).map((r) => r.code_commune as string);
    let poor = 0;
    let persons = 0;
    for (const code of codes) {
      const f = filosofi.get(code)!;
      if (f.TP6021 === "s") continue;
      poor += raw(code, "NBPERSMENFISC21") * raw(code, "TP6021") / 100;
      persons += raw(code, "NBPERSMENFISC21");
    }
    const result = await indicator("departement", "92", "taux_pauvrete");
    expect(result.valeur).toBe(Math.round((1000 * poor) / persons) / 10); // to the source's 1 decimal
    expect(result.methode).toBe("agregee_ratio");
  });

  it("Seine-Saint-Denis' median leaves out Saint-Denis, whose own median is unknown (fusion), as the commune rows show", async () => {
    // Σ persons × median / Σ persons over the 93 communes of COG 2026 that show a median: every
    // commune of the raw file in 93 except 93066 and its former commune 93059.
    const codes = (await rows(db, "select code_commune from mart_communes where code_departement = '93' and code_commune <> '93066'")).map((r) => r.code_commune as string);
    let weighted = 0;
    let persons = 0;
    for (const code of codes) {
      weighted += raw(code, "NBPERSMENFISC21") * raw(code, "MED21");
      persons += raw(code, "NBPERSMENFISC21");
    }
    const [{paris93, saintDenis}] = await rows(db, "select sum(population) as paris93, sum(population) filter (where code_commune = '93066') as saintDenis from mart_communes where code_departement = '93'");
    const result = await indicator("departement", "93", "niveau_vie_median");
    expect(result.valeur).toBe(Math.round(weighted / persons / 10) * 10); // to the 10 € of the source
    expect(result.couverture_population).toBe(Math.floor((10000 * ((paris93 as number) - (saintDenis as number))) / (paris93 as number)) / 10000);
  });

  it("the region's census unemployment rate counts Paris once (12.2 % as SOURCES.md states)", async () => {
    expect((await indicator("region", "11", "taux_chomage_rp")).valeur).toBeCloseTo(12.2, 1);
  });

  it("states coverage: Filosofi poverty rates cover 94 % of the region's population", async () => {
    expect((await indicator("region", "11", "taux_pauvrete")).couverture_population).toBeCloseTo(0.94, 2);
  });

  it("publishes QPV population at the contrat de ville level, with the pack's regional total", async () => {
    const [{total, n}] = await rows(db, "select sum(population_qpv) as total, count(*) as n from mart_qpv_contrats");
    expect({total, n}).toEqual({total: 1570338, n: 77});
  });
});
