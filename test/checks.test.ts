import {DuckDBInstance, type DuckDBConnection} from "@duckdb/node-api";
import {readFileSync} from "node:fs";
import {beforeEach, describe, expect, it} from "vitest";
import {assertChecks, InvariantError, readChecks, rows, runChecks} from "../loaders/warehouse.js";

const fixtureSql = readFileSync(new URL("./fixtures/mini-warehouse.sql", import.meta.url), "utf8");
const check = (name: string) => {
  const found = readChecks().find((c) => c.name === name);
  if (!found) throw new Error(`no check ${name}`);
  return found;
};

let db: DuckDBConnection;
beforeEach(async () => {
  db = await (await DuckDBInstance.create(":memory:")).connect();
  await db.run(fixtureSql);
});

describe("invariants checked at build", () => {
  it("every check has a French description on its first line, shown on the Méthode page", () => {
    for (const c of readChecks()) expect(c.description.length, c.name).toBeGreaterThan(20);
  });

  it("the commune count fails on anything but 1,266 communes", async () => {
    const [result] = await runChecks(db, [check("communes_count")]);
    expect(result.violations).toEqual([{n_communes: 3}]);
  });

  it("unique 5-character codes: passes on clean codes, flags a duplicate and a short code", async () => {
    expect((await runChecks(db, [check("communes_codes_unique")]))[0].violations).toEqual([]);
    await db.run("insert into mart_communes select * replace ('7505' as code_commune) from mart_communes where code_commune = '75056'");
    await db.run("insert into mart_communes select * from mart_communes where code_commune = '93066'");
    const flagged = (await runChecks(db, [check("communes_codes_unique")]))[0].violations.map((v) => v.code_commune).sort();
    expect(flagged).toEqual(["7505", "93066"]);
  });

  it("a commune without a bassin is caught", async () => {
    expect((await runChecks(db, [check("communes_one_territory_each")]))[0].violations).toEqual([]);
    await db.run("update mart_communes set code_bassin = null where code_commune = '77001'");
    expect((await runChecks(db, [check("communes_one_territory_each")]))[0].violations).toEqual([{code_commune: "77001"}]);
  });

  it("a commune listed in two EPCI by the DGCL table is caught", async () => {
    expect((await runChecks(db, [check("epci_membership_agrees")]))[0].violations).toEqual([]);
    await db.run("insert into stg_epci_ept_membership values ('EPCI', '200072346', '93066', 1191)");
    const [result] = await runChecks(db, [check("epci_membership_agrees")]);
    expect(result.violations.map((v) => v.code_commune)).toEqual(["93066"]);
  });

  it("a bassin that disagrees with France Travail's table is caught; arrondissement rows do not count", async () => {
    expect((await runChecks(db, [check("bassin_membership_agrees")]))[0].violations).toEqual([]);
    await db.run("update stg_bassins_bmo_2024 set code_bassin = '1153' where code_commune = '77001'");
    expect((await runChecks(db, [check("bassin_membership_agrees")]))[0].violations).toHaveLength(1);
  });

  it("arrondissements that do not add up to Paris are caught", async () => {
    // 20 × 105,188.9 = 2,103,778: the fixture adds up exactly.
    expect((await runChecks(db, [check("paris_arrondissements_add_up")]))[0].violations).toEqual([]);
    await db.run("update mart_arrondissements_paris set population = population + 1 where code_arrondissement = '75101'");
    expect((await runChecks(db, [check("paris_arrondissements_add_up")]))[0].violations).toHaveLength(1);
  });

  it("every line of a file read is loaded or rejected: a structure dropped on the way, or a reject not listed, is caught", async () => {
    expect((await runChecks(db, [check("source_rows_accounted")]))[0].violations).toEqual([]); // 2 loaded + 1 rejected line = 3
    await db.run("delete from stg_structures where id = 'S03'");
    expect((await runChecks(db, [check("source_rows_accounted")]))[0].violations).toEqual([{source: "structures_compilation", lignes_source: 3, lignes_chargees: 1, lignes_rejetees: 1}]);
    await db.run("insert into stg_structures values ('structures_compilation', 4, 'S03')");
    await db.run("delete from raw_parse_rejects");
    expect((await runChecks(db, [check("source_rows_accounted")]))[0].violations).toEqual([{source: "structures_compilation", lignes_source: 3, lignes_chargees: 2, lignes_rejetees: 0}]);
  });

  it("false precision is caught: a recombined rate with 14 decimals, a median below the 10 €, a coverage with 16 decimals", async () => {
    expect((await runChecks(db, [check("indicateurs_precision")]))[0].violations).toEqual([]);
    await db.run("update mart_indicateurs set valeur = 36.45123584383825 where code = '93066'");
    await db.run("update mart_indicateurs set valeur = 29734 where code = '75056'");
    await db.run("update mart_indicateurs set couverture_population = 0.9397599322863305 where code = '11'");
    const flagged = (await runChecks(db, [check("indicateurs_precision")]))[0].violations.map((v) => v.code).sort();
    expect(flagged).toEqual(["11", "75056", "93066"]);
  });

  it("a failed check stops the build with its name, description and examples", async () => {
    const results = await runChecks(db, [check("communes_count"), check("communes_codes_unique")]);
    expect(() => assertChecks(results)).toThrow(InvariantError);
    expect(() => assertChecks(results)).toThrow(/breaks 1 invariant\(s\):\n- communes_count \(Le référentiel compte exactement 1 266 communes/);
  });

  it("reads back rows as plain numbers", async () => {
    expect(await rows(db, "select sum(population) as p from mart_communes")).toEqual([{p: 2256860}]);
  });
});
