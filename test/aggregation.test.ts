// The rules that turn commune values into territory values, run on hand-made tables (values worked
// out by hand below): int_indicateurs_niveaux (aggregation) and mart_indicateurs (publication).
import {DuckDBInstance, type DuckDBConnection} from "@duckdb/node-api";
import {readFileSync} from "node:fs";
import {join} from "node:path";
import {beforeEach, describe, expect, it} from "vitest";
import {rows, runMacros, SQL_DIR} from "../loaders/warehouse.js";

const model = (name: string) => readFileSync(join(SQL_DIR, `${name}.sql`), "utf8");

// One département "93" with three communes of 100, 300 and 600 inhabitants. "93066" is a merged
// commune: its poverty rate was recombined from its two former communes; its median could not be
// (statut fusion), although each former commune had one.
const FIXTURE = `
create table ref_indicateurs as select * from (values ('taux_pauvrete', 'ratio', 1), ('niveau_vie_median', 'weighted', -1), ('poches_pauvrete', 'somme', 0)) t(id, aggregation, decimals);
create table int_communes as select * from (values ('93001', 100), ('93048', 300), ('93066', 600)) t(code_commune, population);
create table int_appartenances as select code_commune, 'departement' as niveau, '93' as code from int_communes;
create table int_indicateurs_communes as select * from (values
  ('93001', 'taux_pauvrete', 40.0, null, 'publiee', 40.0, 100.0),
  ('93048', 'taux_pauvrete', 20.0, null, 'publiee', 40.0, 200.0),
  ('93066', 'taux_pauvrete', 100 * 151 / 450.0, null, 'recombinee', 151.0, 450.0),
  ('93001', 'niveau_vie_median', 15000.0, null, 'publiee', 15000.0 * 100, 100.0),
  ('93048', 'niveau_vie_median', 21000.0, null, 'publiee', 21000.0 * 200, 200.0),
  ('93066', 'niveau_vie_median', null, 'fusion', null, 16000.0 * 300 + 17000.0 * 150, 450.0),
  ('93001', 'poches_pauvrete', null, 'non_decoupee', null, null, null),
  ('93048', 'poches_pauvrete', 2.0, null, 'publiee', 2.0, 7.0),
  ('93066', 'poches_pauvrete', 3.0, null, 'recombinee', 3.0, 9.0)
) t(code_commune, indicateur, valeur, statut, methode, numerateur, denominateur);
create table int_indicateurs_sources (code_geo varchar, indicateur varchar, valeur double, statut varchar, numerateur double, denominateur double);
create table stg_chomage_localise_ze (code_zone_emploi varchar, trimestre varchar, taux double);
`;

let db: DuckDBConnection;
beforeEach(async () => {
  db = await (await DuckDBInstance.create(":memory:")).connect();
  await db.run(FIXTURE);
  await runMacros(db); // the models name Paris's codes through macros.sql
  await db.run(`create table int_indicateurs_niveaux as\n${model("int_indicateurs_niveaux")}`);
  await db.run(`create table mart_indicateurs as\n${model("mart_indicateurs")}`);
});

const published = async (niveau: string, code: string, indicateur: string) =>
  (await rows(db, `select valeur, statut, methode, couverture_population, n_communes_valeur from mart_indicateurs where niveau = '${niveau}' and code = '${code}' and indicateur = '${indicateur}'`))[0];

describe("a territory's value aggregates exactly the values its communes show", () => {
  it("a merged commune whose median is unknown (fusion) is left out, not counted as its former communes, and the coverage says so", async () => {
    // (15,000 × 100 + 21,000 × 200) / 300 = 19,000 €; 93066's former communes (16,000 and 17,000 €) do not count.
    // Coverage: 93001 and 93048 have a value: (100 + 300) / 1,000 inhabitants = 0.4.
    expect(await published("departement", "93", "niveau_vie_median")).toEqual({valeur: 19000, statut: null, methode: "agregee_ponderee", couverture_population: 0.4, n_communes_valeur: 2});
  });

  it("a merged commune whose rate was recombined counts with its recombined counts", async () => {
    // Σ poor / Σ persons = (40 + 40 + 151) / (100 + 200 + 450) = 231 / 750 = 30.8 %, all 1,000 inhabitants covered.
    expect(await published("departement", "93", "taux_pauvrete")).toEqual({valeur: 30.8, statut: null, methode: "agregee_ratio", couverture_population: 1, n_communes_valeur: 3});
  });

  it("a count (poverty pockets) adds up over the communes that have one, and a commune not split into IRIS is left out", async () => {
    // 2 + 3 = 5 pockets; 93001 has no count: (300 + 600) / 1,000 inhabitants covered = 0.9.
    expect(await published("departement", "93", "poches_pauvrete")).toEqual({valeur: 5, statut: null, methode: "agregee_somme", couverture_population: 0.9, n_communes_valeur: 2});
  });
});

describe("published values carry the precision of their source, not of the arithmetic", () => {
  it("a recombined rate is rounded to the source's 1 decimal: 151 / 450 = 33.5555… % is published 33.6", async () => {
    expect(await published("commune", "93066", "taux_pauvrete")).toMatchObject({valeur: 33.6, methode: "recombinee"});
  });

  it("an aggregated median is rounded to the 10 € of the source, and a coverage truncated to 4 decimals (1 only when complete)", async () => {
    await db.run("update int_indicateurs_communes set numerateur = 15004.0 * 100, valeur = 15004.0 where code_commune = '93001' and indicateur = 'niveau_vie_median'");
    await db.run("update int_communes set population = 13999300 where code_commune = '93048'");
    await db.run(`create or replace table int_indicateurs_niveaux as\n${model("int_indicateurs_niveaux")}`);
    await db.run(`create or replace table mart_indicateurs as\n${model("mart_indicateurs")}`);
    // (15,004 × 100 + 21,000 × 200) / 300 = 19,001.33 € → 19,000 €; coverage (100 + 13,999,300) / 14,000,000
    // = 0.9999571… → 0.9999, where rounding would have said 1 (complete) with 93066's 600 inhabitants missing.
    expect(await published("departement", "93", "niveau_vie_median")).toMatchObject({valeur: 19000, couverture_population: 0.9999});
  });
});
