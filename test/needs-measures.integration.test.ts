// The need measures and the placement demand built from the real pack: Saint-Denis recombined from
// the comparateur's raw counts (read independently here), what the region-wide index covers, and
// a demand known in every commune for the couveuse preset.
import {DuckDBInstance, type DuckDBConnection} from "@duckdb/node-api";
import {readFileSync} from "node:fs";
import {join} from "node:path";
import {beforeAll, describe, expect, it} from "vitest";
import {parseCsv} from "../src/lib/csv-parse.js";
import {needsMeasures} from "../loaders/needs-measures.js";
import {placementData} from "../loaders/placement.js";
import {populate, rows} from "../loaders/warehouse.js";
import {demandOf, PRESET_DEMAND} from "../src/model/placement-demand.js";
import {demandPlaces} from "../src/model/placement-scenarios.js";

const dataDir = process.env.IDF_DATA_DIR;
let db: DuckDBConnection;
let comparateur: Map<string, Record<string, string>>;

beforeAll(async () => {
  if (!dataDir) throw new Error("Set IDF_DATA_DIR to the data pack (e.g. IDF_DATA_DIR=../shared/data) to run the integration tests.");
  db = await (await DuckDBInstance.create(":memory:")).connect();
  await populate(db);
  const table = parseCsv(readFileSync(join(dataDir, "indicators/comparateur_2022ed_rp2018_filo2019_com_idf.csv")), "comparateur");
  comparateur = new Map(table.records.map((r) => [r.values[0], Object.fromEntries(table.header.map((h, i) => [h, r.values[i]]))]));
}, 60_000);

const raw = (code: string, column: string) => Number(comparateur.get(code)![column].replace(",", "."));
const published = async (code: string, id: string) =>
  (await rows(db, `select valeur, statut, methode from mart_indicateurs where niveau = 'commune' and code = '${code}' and indicateur = '${id}'`))[0];

describe("Saint-Denis (93066) recombined from the census counts of its two former communes", () => {
  it("tenant share and employment rate: Σ counts of old Saint-Denis and Pierrefitte", async () => {
    const parts = ["93066", "93059"];
    const sum = (column: string) => parts.reduce((s, c) => s + raw(c, column), 0);
    const tenants = (100 * (sum("P18_RP") - sum("P18_RP_PROP"))) / sum("P18_RP");
    const employment = (100 * (sum("P18_ACT1564") - sum("P18_CHOM1564"))) / sum("P18_POP1564");
    const t = await published("93066", "part_locataires");
    const e = await published("93066", "taux_emploi_15_64");
    expect([t.methode, e.methode]).toEqual(["recombinee", "recombinee"]);
    expect(t.valeur).toBeCloseTo(tenants, 1);
    expect(e.valeur).toBeCloseTo(employment, 1);
  });

  it("counts the poverty pockets of both former communes' IRIS", async () => {
    const [{n}] = await rows(db, "select count(*) as n from stg_filosofi_2021_iris where left(code_iris, 5) in ('93066', '93059') and taux_bas_revenus_declares >= 50");
    expect(await published("93066", "poches_pauvrete")).toMatchObject({valeur: n, methode: "recombinee"});
  });
});

describe("the need measures on the real pack, default weights", () => {
  it("the region-wide index covers at least 1,250 communes and 1,130 of the grande couronne's 1,143; the detailed one far fewer", async () => {
    const m = await needsMeasures(db);
    expect(m.couverture.regional.communes).toBeGreaterThanOrEqual(1250);
    expect(m.couverture.regional.grandeCouronneTotal).toBe(1143);
    expect(m.couverture.regional.grandeCouronne).toBeGreaterThanOrEqual(1130);
    expect(m.couverture.detaille.communes).toBeLessThan(m.couverture.regional.communes);
    expect(m.indicateursRegionaux).toEqual(["niveau_vie_median", "taux_chomage_rp", "taux_emploi_15_64", "part_locataires"]);
    expect(m.accord.n).toBe(m.couverture.detaille.communes);
  });
});

describe("the couveuse preset's demand", () => {
  it("is known for every demand place (1,265 communes without Paris + 20 arrondissements) and every inhabitant", async () => {
    const data = await placementData(db);
    const places = demandPlaces(data.places).map((p) => data.places.find((q) => q.code === p.code)!); // with their census counts
    const {unknown, coverage} = demandOf(places, PRESET_DEMAND.couveuses.demande);
    expect(unknown).toEqual([]);
    expect(coverage.knownPlaces).toBe(1285);
    expect(coverage.knownPopulation).toBe(coverage.population);
  });
});
