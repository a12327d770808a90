// The indicator models run on hand-made source tables (values worked out by hand below):
// Saint-Denis recombined from its two former communes' counts, poverty pockets counted from IRIS,
// and the optimiser's demand counts. The dictionary (data/indicators.json) is the real one.
import {DuckDBInstance, type DuckDBConnection} from "@duckdb/node-api";
import {readFileSync} from "node:fs";
import {join} from "node:path";
import {beforeAll, describe, expect, it} from "vitest";
import {loadReferences, rows, runMacros, SQL_DIR} from "../loaders/warehouse.js";

const model = (name: string) => readFileSync(join(SQL_DIR, `${name}.sql`), "utf8");

// COG 2026: Saint-Denis (93066, which absorbed Pierrefitte 93059), Aubervilliers (93001), a
// village (77001) and Paris (75056). Sources are on older codes: both 93066 and 93059, Paris also
// by arrondissement (75101, 75102).
const FIXTURE = `
create table int_communes as select * from (values ('93066'), ('93001'), ('77001'), ('75056')) t(code_commune);
create table int_fusions as select '93059' as code_ancien, '93066' as code_nouveau;
create table mart_communes as select * from (values
  ('93066', '93', 'pc', 'b1'), ('93001', '93', 'pc', 'b1'), ('77001', '77', 'gc', 'b2'), ('75056', '75', 'paris', 'paris')
) t(code_commune, code_departement, code_couronne, code_bassin);
create table stg_paris_arrondissements_population as select * from (values ('75101', '75056'), ('75102', '75056')) t(code_arrondissement, code_commune);
create table stg_filosofi_2021_communes as select code_geo, personnes, niveau_vie_median, taux_pauvrete,
  case when taux_pauvrete is null then 's' end as taux_pauvrete_statut, null as niveau_vie_median_statut,
  null::double as taux_pauvrete_moins_30, 's' as taux_pauvrete_moins_30_statut,
  null::double as taux_pauvrete_locataires, 's' as taux_pauvrete_locataires_statut,
  null::double as part_minima_sociaux, 's' as part_minima_sociaux_statut,
  null::double as part_prestations_logement, 's' as part_prestations_logement_statut,
  null::double as rapport_interdecile, 's' as rapport_interdecile_statut
from (values
  ('93066', 100000.0, 16620.0, 36.0), ('93059', 30000.0, 16080.0, 38.0), ('93001', 80000.0, 15330.0, 42.0),
  ('77001', 1000.0, 25000.0, null), ('75056', 2000000.0, 29730.0, 16.0), ('75101', 15000.0, 35000.0, 12.0), ('75102', 20000.0, 33000.0, 11.0)
) t(code_geo, personnes, niveau_vie_median, taux_pauvrete);
create table stg_comparateur_2022 as select *, null as statut, null as population_15_64_statut, null as residences_statut from (values
  ('93066', 50000.0, 11000.0, 80000.0, 40000.0, 8000.0),
  ('93059', 14000.0, 2800.0, 20000.0, 10000.0, 4000.0),
  ('93001', 40000.0, 8000.0, 60000.0, 30000.0, 6000.0),
  ('77001', 500.0, 40.0, 700.0, 450.0, 420.0),
  ('75056', 1000000.0, 100000.0, 1400000.0, 1100000.0, 370000.0),
  ('75101', 8000.0, 600.0, 11000.0, 9000.0, 3000.0),
  ('75102', 12000.0, 900.0, 16000.0, 13000.0, 4000.0)
) t(code_geo, actifs_15_64, chomeurs_15_64, population_15_64, residences_principales, residences_proprietaires);
create table stg_filosofi_2021_iris as select * from (values
  ('930660101', 55.0), ('930660102', 50.0), ('930660103', 49.9), ('930660104', null),
  ('930590101', 62.0), ('930590102', 20.0),
  ('930010101', null), ('930010102', null),
  ('751010101', null), ('751010102', 12.0), ('751020101', 51.0)
) t(code_iris, taux_bas_revenus_declares);
`;

let db: DuckDBConnection;
beforeAll(async () => {
  db = await (await DuckDBInstance.create(":memory:")).connect();
  await db.run(FIXTURE);
  await runMacros(db); // the models name Paris's codes through macros.sql
  await loadReferences(db);
  for (const name of ["int_indicateurs_sources", "int_indicateurs_parts", "int_indicateurs_communes", "mart_demande"]) {
    await db.run(`create table ${name} as\n${model(name)}`);
  }
});

const commune = async (code: string, indicateur: string) =>
  (await rows(db, `select valeur, statut, methode from int_indicateurs_communes where code_commune = '${code}' and indicateur = '${indicateur}'`))[0];

describe("Saint-Denis (93066) after absorbing Pierrefitte (93059)", () => {
  it("gets its tenant share recombined from dwellings: (32,000 + 6,000) tenant homes / (40,000 + 10,000) main residences = 76 %", async () => {
    expect(await commune("93066", "part_locataires")).toEqual({valeur: 76, statut: null, methode: "recombinee"});
  });

  it("gets its employment rate recombined: (39,000 + 11,200) employed / (80,000 + 20,000) aged 15-64 = 50.2 %", async () => {
    const r = await commune("93066", "taux_emploi_15_64");
    expect(r.methode).toBe("recombinee");
    expect(r.valeur).toBeCloseTo(50.2, 10);
  });

  it("gets its unemployment and poverty rates from summed counts: 13,800 / 64,000 and 47,400 / 130,000", async () => {
    expect((await commune("93066", "taux_chomage_rp")).valeur).toBeCloseTo(21.5625, 10);
    expect((await commune("93066", "taux_pauvrete")).valeur).toBeCloseTo((100 * 47400) / 130000, 10);
  });

  it("has no median: a median cannot be rebuilt from two medians, so it is marked fusion", async () => {
    expect(await commune("93066", "niveau_vie_median")).toEqual({valeur: null, statut: "fusion", methode: null});
  });

  it("counts the poverty pockets of both former communes: 2 IRIS at or above 50 % in old Saint-Denis, 1 in Pierrefitte", async () => {
    expect(await commune("93066", "poches_pauvrete")).toEqual({valeur: 3, statut: null, methode: "recombinee"});
  });

  it("carries the summed counts as the optimiser's demand: 47,400 poor persons and 13,800 unemployed", async () => {
    const [d] = await rows(db, "select personnes_pauvres, chomeurs_15_64 from mart_demande where code = '93066'");
    expect(d).toEqual({personnes_pauvres: 47400, chomeurs_15_64: 13800});
  });
});

describe("poverty pockets counted from the IRIS file", () => {
  it("count the IRIS whose declared low-income rate reaches the dictionary's threshold of 50 %, 50.0 included, 49.9 not", async () => {
    const [{seuil}] = await rows(db, "select seuil from ref_indicateurs where id = 'poches_pauvrete'");
    expect(seuil).toBe(50);
    const [old] = await rows(db, "select valeur, denominateur from int_indicateurs_sources where indicateur = 'poches_pauvrete' and code_geo = '93066'");
    expect(old).toEqual({valeur: 2, denominateur: 3}); // 55 and 50 among the 3 published (one is ns)
  });

  it("a commune split into IRIS none of which is published has no count (nd), not zero", async () => {
    expect(await commune("93001", "poches_pauvrete")).toMatchObject({valeur: null, statut: "nd"});
  });

  it("a commune absent from the IRIS file is not split into IRIS: no pocket can be measured", async () => {
    expect(await commune("77001", "poches_pauvrete")).toMatchObject({valeur: null, statut: "non_decoupee"});
  });

  it("Paris counts the pockets of its arrondissements (0 in the 1st, 1 in the 2nd), each arrondissement keeps its own", async () => {
    expect(await commune("75056", "poches_pauvrete")).toMatchObject({valeur: 1, methode: "publiee"});
    const arr = await rows(db, "select code_geo, valeur from int_indicateurs_sources where indicateur = 'poches_pauvrete' and code_geo like '751%' order by code_geo");
    expect(arr).toEqual([{code_geo: "75101", valeur: 0}, {code_geo: "75102", valeur: 1}]);
  });
});

describe("the optimiser's demand", () => {
  it("counts Paris by arrondissement only, and knows the unemployed where the poverty rate is secret", async () => {
    const demand = await rows(db, "select niveau, code, personnes_pauvres, statut, chomeurs_15_64 from mart_demande order by code");
    expect(demand.map((d) => d.code)).toEqual(["75101", "75102", "77001", "93001", "93066"]);
    expect(demand.find((d) => d.code === "77001")).toEqual({niveau: "commune", code: "77001", personnes_pauvres: null, statut: "s", chomeurs_15_64: 40});
    expect(demand.find((d) => d.code === "75101")).toMatchObject({niveau: "arrondissement", personnes_pauvres: 1800, chomeurs_15_64: 600});
  });

  it("places an arrondissement in its commune's territories, as the COG table says", async () => {
    const [d] = await rows(db, "select code_commune, code_departement, code_couronne, code_bassin from mart_demande where code = '75102'");
    expect(d).toEqual({code_commune: "75056", code_departement: "75", code_couronne: "paris", code_bassin: "paris"});
  });
});
