// The units of the Besoins page: an arrondissement takes its département and couronne from its
// commune in the COG, not from constants — shown here with an arrondissement of another commune.
import {DuckDBInstance} from "@duckdb/node-api";
import {describe, expect, it} from "vitest";
import {territoryUnits} from "../loaders/needs.js";

const FIXTURE = `
create table mart_communes as select * from (values
  ('75056', 'Paris', 2100000, '75', 'paris'), ('69123', 'Lyon', 520000, '69', null)
) t(code_commune, nom_commune, population, code_departement, code_couronne);
create table mart_arrondissements_paris as select * from (values
  ('75101', 'Paris 1er Arrondissement', 16000), ('69381', 'Lyon 1er Arrondissement', 30000)
) t(code_arrondissement, nom_arrondissement, population);
create table stg_paris_arrondissements_population as select * from (values ('75101', '75056'), ('69381', '69123')) t(code_arrondissement, code_commune);
`;

describe("the units of the arrondissement level", () => {
  it("carry their commune's département and couronne, as the COG gives them", async () => {
    const db = await (await DuckDBInstance.create(":memory:")).connect();
    await db.run(FIXTURE);
    expect(await territoryUnits(db, "arrondissement")).toEqual([
      {code: "69381", nom: "Lyon 1er Arrondissement", population: 30000, departement: "69", couronne: null},
      {code: "75101", nom: "Paris 1er Arrondissement", population: 16000, departement: "75", couronne: "paris"}
    ]);
  });
});
