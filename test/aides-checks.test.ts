// The aid invariants on tiny hand-made tables: each passes on consistent tables and catches the
// fault it is written for.
import {DuckDBInstance, type DuckDBConnection} from "@duckdb/node-api";
import {beforeEach, describe, expect, it} from "vitest";
import {readChecks, runChecks} from "../loaders/warehouse.js";

const check = (name: string) => readChecks().find((c) => c.name === name)!;
const violations = async (name: string) => (await runChecks(db, [check(name)]))[0].violations;

let db: DuckDBConnection;
beforeEach(async () => {
  db = await (await DuckDBInstance.create(":memory:")).connect();
  // Two sources: a Paris year (3 records, one rejected) and the State posts (2 records over 2 years).
  await db.run(`
    create table stg_aides as select * from (values
      ('p:1', false, 'subventions_paris_2019', 2019, 'ville_paris', 50000.0, 'Fonctionnement'),
      ('p:2', false, 'subventions_paris_2019', 2019, 'ville_paris', 40000.0, 'Projet'),
      ('p:ligne-9', true, 'subventions_paris_2019', 2019, 'ville_paris', 45000.0, 'Projet'),
      ('e:1', false, 'postes_politique_ville', 2020, 'etat_politique_ville', 7164.0, null),
      ('e:2', false, 'postes_politique_ville', 2021, 'etat_politique_ville', 7164.0, null)
    ) t(id_aide, rejete, source, annee, financeur, montant, nature);
    create table stg_aides_problemes as select 'p:ligne-9' as id_aide, 'subventions_paris_2019' as source, 9 as ligne, 'siret' as colonne, 'None' as valeur, 'SIRET absent' as raison;
    create table stg_aides_fichiers as select * from (values ('subventions_paris_2019', 'p.json', 3, 2019, 3, 135000.0), ('postes_politique_ville', 'e.csv', 2, null, null, null))
      t(source, fichier, enregistrements, annee_declaree, nombre_declare, montant_declare);
    create table mart_aides_harmonisees as select id_aide, source, annee, financeur, montant from stg_aides where not rejete;
    create table mart_aides_rejetees as select source, annee, montant from stg_aides where rejete;
  `);
});

describe("aid invariants", () => {
  it("loaded + rejected = read, per source and year: catches a record lost between layers and a join that doubles one", async () => {
    expect(await violations("aides_charges_plus_rejetes")).toEqual([]);
    await db.run("delete from mart_aides_harmonisees where id_aide = 'e:2'");
    expect((await violations("aides_charges_plus_rejetes")).map((v) => [v.source, v.annee])).toEqual([["postes_politique_ville", 2021]]);
    await db.run("insert into mart_aides_harmonisees select * from mart_aides_harmonisees where id_aide = 'p:1'");
    expect((await violations("aides_charges_plus_rejetes")).map((v) => v.source).sort()).toEqual(["postes_politique_ville", "subventions_paris_2019"]);
  });

  it("every file is read whole: a record missing from the warehouse is caught", async () => {
    expect(await violations("aides_fichiers_lus_en_entier")).toEqual([]);
    await db.run("delete from stg_aides where id_aide = 'p:ligne-9'");
    expect(await violations("aides_fichiers_lus_en_entier")).toEqual([{source: "subventions_paris_2019", enregistrements: 3, dans_entrepot: 2}]);
  });

  it("ids are unique and every rejected record has a reason, every reason a rejected record", async () => {
    expect(await violations("aides_identifiants_uniques")).toEqual([]);
    await db.run("insert into mart_aides_harmonisees select * from mart_aides_harmonisees where id_aide = 'p:1'");
    await db.run("insert into stg_aides_problemes values ('p:2', 'subventions_paris_2019', 5, 'siret', 'x', 'raison')");
    expect((await violations("aides_identifiants_uniques")).map((v) => `${v.id_aide} ${v.probleme}`).sort()).toEqual(["p:1 identifiant en double", "p:2 raison sans aide rejetée"]);
  });

  it("a Ville de Paris grant under 40,000 € is caught", async () => {
    expect(await violations("aides_ville_paris_seuil")).toEqual([]);
    await db.run("update mart_aides_harmonisees set montant = 39999 where id_aide = 'p:2'");
    expect(await violations("aides_ville_paris_seuil")).toEqual([{id_aide: "p:2", montant: 39999}]);
  });

  it("the Ville de Paris totals must be the pack's: a year with other figures, and every missing year, are listed", async () => {
    const years = (await violations("aides_ville_paris_totaux_publies")).map((v) => v.annee);
    // 2019 here has 3 records and 135,000 € instead of 919 and 255,786,716 €; the 12 other years are absent
    expect(years.sort()).toEqual([2013, 2014, 2015, 2016, 2017, 2018, 2019, 2020, 2021, 2022, 2023, 2024, 2025]);
  });
});
