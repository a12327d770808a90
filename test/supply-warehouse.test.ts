// The supply layer's SQL (loaders/sql: int_siae_communes, int_sites, mart_sites,
// mart_distances_familles), run on hand-made tables: a few communes, postcodes and rows written to
// exercise each rule. Expected communes and distances are worked out by hand below.
import {DuckDBInstance, type DuckDBConnection} from "@duckdb/node-api";
import {readFileSync} from "node:fs";
import {join} from "node:path";
import {beforeEach, describe, expect, it} from "vitest";
import {readChecks, rows, runChecks, runMacros, SQL_DIR} from "../loaders/warehouse.js";

const model = (name: string) => readFileSync(join(SQL_DIR, `${name}.sql`), "utf8");

// Communes: 94069 Saint-Maurice and 94068 Saint-Mandé share no postcode; 95306 Herblay-sur-Seine
// (formerly Herblay); 93066 Saint-Denis (93059 Pierrefitte-sur-Seine merged into it); two made-up
// communes "Villiers" in 77 that share the postcode 77999 (to exercise an ambiguous name).
// Centroids in planar km: Saint-Maurice at (0, 0), Herblay-sur-Seine at (10, 0), Saint-Denis at
// (0, 10), Paris at (3, 4), its 19th arrondissement at (6, 8).
const FIXTURE = `
create table stg_communes_reference as select * from (values
  ('94069', 'Saint-Maurice', '94'), ('94068', 'Saint-Mandé', '94'), ('95306', 'Herblay-sur-Seine', '95'),
  ('93066', 'Saint-Denis', '93'), ('75056', 'Paris', '75'), ('77901', 'Villiers', '77'), ('77902', 'Villiers', '77')
) t(code_commune, nom_commune, code_departement);
create table stg_communes_population_2026 as select * from (values
  ('94069', 'commune-actuelle', '94410'), ('94068', 'commune-actuelle', '94160'), ('95306', 'commune-actuelle', '95220'),
  ('93066', 'commune-actuelle', '93200|93210|93380'), ('75056', 'commune-actuelle', '75001|75019|75116'),
  ('77901', 'commune-actuelle', '77999'), ('77902', 'commune-actuelle', '77999'), ('93059', 'commune-deleguee', null)
) t(code, type, codes_postaux);
create table stg_communes_anciens_noms as select * from (values
  (2, 'Herblay', '95306', '95306', 'changement de nom (Herblay-sur-Seine)', '2018-11-08', 'INSEE'),
  (3, 'Pierrefitte-sur-Seine', '93059', '93066', 'commune déléguée de Saint-Denis', '2025-01-01', 'INSEE')
) t(_line, ancien_nom, code_ancien, code_commune, evenement, date_effet, source);
create table stg_siae_2019 as select * from (values
  (2, 'ACI', '094', '94410', 'ST MAURICE', '11111111111111', 'Atelier A', null, null),
  (3, 'EI', '095', '95220', 'HERBLAY', '22222222222222', 'Entreprise B', null, null),
  (4, 'AI', '093', '93380', 'PIERREFITTE SUR SEINE', '33333333333333', 'Association C', null, null),
  (5, 'ACI', '075', '75019', 'PARIS 19', '44444444444444', 'Atelier D', null, null),
  (6, 'ACI', '091', '75019', 'PARIS 19', '44444444444444', 'Atelier D', null, null),
  (7, 'ETTI', '075', '75019', 'PARIS 18', '55555555555555', 'Intérim E', null, null),
  (8, 'ACI', '092', '59810', 'LESQUIN', '66666666666666', 'Atelier F', null, null),
  (9, 'ACI', '094', '94410', 'SAINT MANDE', '77777777777777', 'Atelier G', null, null),
  (10, 'EI', '077', '77999', 'VILLIERS', '88888888888888', 'Entreprise H', null, null),
  (11, 'AI', '094', '94999', 'ST MAURICE', '99999999999999', 'Association I', null, null),
  (12, 'ACI', '094', '94410', 'Saint-Maurice CEDEX', '12121212121212', 'Atelier J', null, null)
) t(_line, mesure, departement_conventionnement, code_postal, nom_commune_source, siret, nom, nature_juridique, code_naf);
create table stg_france_services_2024 as select * from (values
  (2, 'FS1', '75', 'France services Paris 19', null, '75119', '75019', 'Paris 19e', 48.88, 2.38, 'Principal', 'Fixe', null),
  (3, 'FS2', '93', 'France services Pierrefitte', null, '93059', '93380', 'Pierrefitte', 48.96, 2.36, 'Principal', 'Bus_équivalent', null)
) t(_line, id_site, code_departement, nom, adresse, code_commune_source, code_postal, nom_commune_source, latitude, longitude, type_fs, format_fs, labellisation_fs);
create table stg_france_travail_2019 as select * from (values
  (2, 'PE1', 'Agence Saint-Maurice', 'ALE', '11', '94410', 'ST MAURICE', 48.8, 2.4),
  (3, 'PE2', 'Direction', 'DDA', '11', '94410', 'ST MAURICE', 48.8, 2.4),
  (4, 'SPM1', 'ST PIERRE ET MIQUELON', 'ALE', '11', '97500', 'ST PIERRE ET MIQUELON', 14.742602, -61.174931)
) t(_line, id_site, nom, type_site, code_region, code_postal, nom_commune_source, latitude, longitude);
create table stg_structures (source varchar, fichier varchar, _line integer, id varchar, nom varchar, type varchar, code_commune varchar,
  latitude double, longitude double, echelle varchar, date_information varchar, source_url varchar, remarque varchar, localisable boolean,
  type_origine varchar, date_information_origine varchar);
insert into stg_structures values
  ('structures_compilation', 'c.csv', 2, 'S01', 'Couveuse K', 'couveuse', '93066', null, null, 'commune', '2021', 'https://a.fr', null, true, 'couveuse', null),
  ('structures_compilation', 'c.csv', 3, 'S02', 'DLA du 94', 'dla', null, null, null, 'departement', '2015', 'https://b.fr', null, false, 'dla_departemental', null);
create table stg_points as select * from (values
  ('france_services_2024', 2, 2.38, 48.88, 6.0, 8.0, '75056', '75119'),
  ('france_services_2024', 3, 2.36, 48.96, 0.0, 10.0, '93066', null),
  ('france_travail_2019', 2, 2.4, 48.8, 0.0, 0.0, '94069', null),
  ('france_travail_2019', 3, 2.4, 48.8, 0.0, 0.0, '94069', null),
  ('france_travail_2019', 4, -61.174931, 14.742602, -4750.0, -3800.0, null, null)
) t(source, _line, longitude, latitude, x_km, y_km, code_commune_point, code_arrondissement_point);
create table stg_centroides as select * from (values
  ('commune', '94069', 2.42, 48.82, 0.0, 0.0), ('commune', '95306', 2.16, 49.0, 10.0, 0.0), ('commune', '93066', 2.36, 48.94, 0.0, 10.0),
  ('commune', '75056', 2.34, 48.86, 3.0, 4.0), ('commune', '94068', 2.42, 48.84, 0.0, 3.0),
  ('commune', '77901', 3.0, 48.5, 40.0, 0.0), ('commune', '77902', 3.1, 48.5, 45.0, 0.0), ('arrondissement', '75119', 2.38, 48.88, 6.0, 8.0)
) t(niveau, code, longitude, latitude, x_km, y_km);
create table ref_types_sites as select * from (values
  ('france_services_2024', 'Fixe', 'France services, site fixe', 'acces_droits', true, false),
  ('france_services_2024', 'Bus_équivalent', 'France services itinérant', 'acces_droits', true, true),
  ('siae_2019', 'ACI', 'ACI', 'insertion', true, false), ('siae_2019', 'EI', 'EI', 'insertion', true, false),
  ('siae_2019', 'AI', 'AI', 'insertion', true, false), ('siae_2019', 'ETTI', 'ETTI', 'insertion', true, false),
  ('france_travail_2019', 'ALE', 'Agence', 'emploi', true, false), ('france_travail_2019', 'DDA', 'Direction', 'emploi', false, false),
  ('structures_compilation', 'couveuse', 'Couveuse', 'entrepreneuriat', true, false), ('structures_compilation', 'dla', 'DLA', 'entrepreneuriat', true, false)
) t(source, type, libelle, famille, accueil_public, mobile);
create table ref_familles as select * from (values ('acces_droits', 'Accès aux droits', 1), ('emploi', 'Emploi', 2), ('insertion', 'Insertion', 3), ('entrepreneuriat', 'Entrepreneuriat', 4)) t(famille, libelle, ordre);
create table ref_sources as select * from (values ('siae_2019', 'Licence Ouverte 2.0', 'juillet 2019')) t(source, licence, millesime);
`;

let db: DuckDBConnection;
beforeEach(async () => {
  db = await (await DuckDBInstance.create(":memory:")).connect();
  await runMacros(db);
  await db.run(FIXTURE);
  for (const name of ["int_codes_postaux", "int_noms_communes", "int_siae_communes", "int_sites", "mart_sites", "mart_distances_familles"]) {
    await db.run(`create table ${name} as\n${model(name)}`);
  }
});

const siae = async (line: number) => (await rows(db, `select code_commune, code_arrondissement, raison from int_siae_communes where _line = ${line}`))[0];
const normalised = async (name: string) => (await rows(db, `select nom_normalise('${name.replace(/'/g, "''")}') as n`))[0].n;

describe("commune names are normalised, not guessed", () => {
  it("writes out ST and STE, drops accents, apostrophes, hyphens and a CEDEX suffix", async () => {
    expect(await normalised("ST MAURICE")).toBe("SAINT MAURICE");
    expect(await normalised("STE GENEVIEVE DES BOIS")).toBe("SAINTE GENEVIEVE DES BOIS");
    expect(await normalised("L'Haÿ-les-Roses")).toBe("L HAY LES ROSES");
    expect(await normalised("Saint-Maurice CEDEX 2")).toBe("SAINT MAURICE");
  });

  it("does not turn a word that merely starts with ST into SAINT", async () => {
    expect(await normalised("ESTOUCHES")).toBe("ESTOUCHES");
    expect(await normalised("STAINS")).toBe("STAINS");
  });
});

describe("the commune of a SIAE from its postcode and name", () => {
  it("finds Saint-Maurice from « ST MAURICE » and its postcode", async () => {
    expect(await siae(2)).toEqual({code_commune: "94069", code_arrondissement: null, raison: null});
    expect(await siae(12)).toEqual({code_commune: "94069", code_arrondissement: null, raison: null}); // Saint-Maurice CEDEX
  });

  it("finds a renamed commune by its former name, with a note, never by likeness", async () => {
    expect(await siae(3)).toEqual({code_commune: "95306", code_arrondissement: null, raison: null});
    const [site] = await rows(db, "select note_commune from mart_sites where source = 'siae_2019' and ligne = 3");
    expect(site.note_commune).toContain("ancien nom « Herblay » (95306, changement de nom (Herblay-sur-Seine), 2018-11-08)");
  });

  it("maps a commune merged since into its COG 2026 successor and says so", async () => {
    expect(await siae(4)).toEqual({code_commune: "93066", code_arrondissement: null, raison: null});
    const [site] = await rows(db, "select note_commune from mart_sites where source = 'siae_2019' and ligne = 4");
    expect(site.note_commune).toContain("Pierrefitte-sur-Seine");
    expect(site.note_commune).toContain("Saint-Denis (93066)");
  });

  it("reads « PARIS 19 » as Paris (75056) in its 19th arrondissement, checked against the postcode", async () => {
    expect(await siae(5)).toEqual({code_commune: "75056", code_arrondissement: "75119", raison: null});
    const seven = await siae(7); // "PARIS 18" with postcode 75019
    expect(seven.code_commune).toBeNull();
    expect(seven.raison).toBe("le nom indique le 18e arrondissement mais le code postal 75019 le 19e : arrondissement incertain");
  });

  it("rejects a seat outside the region, whatever the département of the agreement", async () => {
    const eight = await siae(8);
    expect(eight.code_commune).toBeNull();
    expect(eight.raison).toMatch(/^siège hors Île-de-France : code postal 59810 \(département 59\), « LESQUIN »/);
  });

  it("rejects a name that is not a commune of its postcode, naming the communes that are", async () => {
    const nine = await siae(9); // Saint-Mandé exists, but not under 94410
    expect(nine.code_commune).toBeNull();
    expect(nine.raison).toBe("aucune commune du code postal 94410 ne s'appelle « SAINT MANDE », ni sous un ancien nom (communes de ce code postal : Saint-Maurice (94069))");
  });

  it("rejects a name that two communes of the postcode bear", async () => {
    const ten = await siae(10);
    expect(ten.code_commune).toBeNull();
    expect(ten.raison).toBe("plusieurs communes du code postal 77999 répondent au nom « VILLIERS » : Villiers (77901), Villiers (77902)");
  });

  it("rejects an Île-de-France postcode that no commune has", async () => {
    expect((await siae(11)).raison).toBe("code postal 94999 inconnu : aucune commune d'Île-de-France du COG 2026 n'a ce code postal");
  });
});

describe("the sites table", () => {
  it("publishes every row that lands in a commune and sets the others aside with their reason", async () => {
    const counts = await rows(db, "select source, count(*) filter (where raison_rejet is null) as sites, count(raison_rejet) as rejets from int_sites group by source order by source");
    // SIAE: lines 7 to 11 rejected (18 vs 19, Lesquin, Saint-Mandé, Villiers, 94999): 11 lines = 6 + 5.
    expect(counts).toEqual([
      {source: "france_services_2024", sites: 2, rejets: 0},
      {source: "france_travail_2019", sites: 2, rejets: 1},
      {source: "siae_2019", sites: 6, rejets: 5},
      {source: "structures_compilation", sites: 2, rejets: 0}
    ]);
    expect(await rows(db, "select count(*) as n from mart_sites")).toEqual([{n: 12}]);
  });

  it("maps France services arrondissement and pre-merger codes to COG 2026 communes, keeping what was published", async () => {
    const fs = await rows(db, "select code_commune, code_arrondissement, code_commune_source, mobile, origine_coordonnees from mart_sites where source = 'france_services_2024' order by ligne");
    expect(fs).toEqual([
      {code_commune: "75056", code_arrondissement: "75119", code_commune_source: "75119", mobile: "non", origine_coordonnees: "publiees"},
      {code_commune: "93066", code_arrondissement: null, code_commune_source: "93059", mobile: "oui", origine_coordonnees: "publiees"}
    ]);
  });

  it("rejects the France Travail row outside the region with a French reason", async () => {
    const [spm] = await rows(db, "select colonne_rejet, valeur_rejet, raison_rejet from int_sites where source = 'france_travail_2019' and ligne = 4");
    expect(spm).toEqual({
      colonne_rejet: "CODE_POSTAL",
      valeur_rejet: "97500",
      raison_rejet: "site hors Île-de-France : code postal 97500 (« ST PIERRE ET MIQUELON ») et point publié (14,742602 ; -61,174931) hors de toute commune de la région, bien que la source le classe en région 11"
    });
  });

  it("places a SIAE at its commune's centroid, or its arrondissement's in Paris, and says so", async () => {
    const placed = await rows(db, "select ligne, x_km, y_km, origine_coordonnees from int_sites where source = 'siae_2019' and ligne in (2, 5) order by ligne");
    expect(placed).toEqual([
      {ligne: 2, x_km: 0, y_km: 0, origine_coordonnees: "centroide_commune"},
      {ligne: 5, x_km: 6, y_km: 8, origine_coordonnees: "centroide_arrondissement"}
    ]);
  });

  it("says in the licence column that a point placed at an arrondissement's centroid comes from ODbL contours", async () => {
    const [paris] = await rows(db, "select licence from mart_sites where source = 'siae_2019' and ligne = 5");
    expect(paris.licence).toBe("Licence Ouverte 2.0 ; point : centroïde d'arrondissement, ODbL (contours © Ville de Paris)");
    const [elsewhere] = await rows(db, "select licence from mart_sites where source = 'siae_2019' and ligne = 2");
    expect(elsewhere.licence).toBe("Licence Ouverte 2.0");
  });

  it("loads a département-wide structure without inventing a place for it", async () => {
    const [dla] = await rows(db, "select code_commune, longitude, origine_coordonnees, compte_distances from mart_sites where source = 'structures_compilation' and ligne = 3");
    expect(dla).toEqual({code_commune: null, longitude: null, origine_coordonnees: "non_localisable", compte_distances: "non"});
  });
});

describe("distance to the nearest site of each family", () => {
  const distance = async (code: string, famille: string) =>
    (await rows(db, `select distance_km, site_le_plus_proche, sites_a_moins_de_5_km, a_moins_de_5_km from mart_distances_familles where niveau = 'commune' and code = '${code}' and famille = '${famille}'`))[0];

  it("measures from the commune's centroid to the nearest site that receives the public", async () => {
    // Herblay-sur-Seine (10, 0): the France Travail agency (0, 0) is 10 km away; the DDA at the same
    // point does not receive the public and does not count.
    expect(await distance("95306", "emploi")).toEqual({distance_km: 10, site_le_plus_proche: "Agence Saint-Maurice", sites_a_moins_de_5_km: 0, a_moins_de_5_km: "non"});
    // Paris (3, 4): France services Paris 19 at (6, 8) is √(9 + 16) = 5 km away: within 5 km (inclusive).
    expect(await distance("75056", "acces_droits")).toEqual({distance_km: 5, site_le_plus_proche: "France services Paris 19", sites_a_moins_de_5_km: 1, a_moins_de_5_km: "oui"});
  });

  it("counts a SIAE agreed in two départements as one site", async () => {
    // Arrondissement 75119 (6, 8): Atelier D appears twice (lines 5 and 6), at that same centroid.
    const [row] = await rows(db, "select distance_km, sites_a_moins_de_5_km from mart_distances_familles where niveau = 'arrondissement' and code = '75119' and famille = 'insertion'");
    expect(row).toEqual({distance_km: 0, sites_a_moins_de_5_km: 1});
  });

  it("leaves the distance empty, not zero, when a family has no located site", async () => {
    // Villiers (77901) at (40, 0): the only entrepreneurship site with a place is at Saint-Denis (0, 10).
    expect((await distance("77901", "entrepreneuriat")).distance_km).toBeCloseTo(Math.hypot(40, 10), 2);
    await db.run("delete from int_sites where famille = 'entrepreneuriat'");
    await db.run(`create or replace table mart_distances_familles as\n${model("mart_distances_familles")}`);
    expect(await distance("77901", "entrepreneuriat")).toEqual({distance_km: null, site_le_plus_proche: null, sites_a_moins_de_5_km: 0, a_moins_de_5_km: "non"});
  });
});

describe("the supply invariants", () => {
  it("catches a site that is neither loaded nor rejected", async () => {
    const check = readChecks().find((c) => c.name === "sites_rows_accounted")!;
    await db.run("create table raw_source_rows as select * from (values ('siae_2019', 11, 11), ('france_services_2024', 2, 2), ('france_travail_2019', 3, 3), ('structures_compilation', 2, 2)) t(source, lignes_source, lignes_chargees)");
    await db.run("create table mart_rejects as select source, ligne, colonne_rejet as colonne, valeur_rejet as valeur, raison_rejet as raison from int_sites where raison_rejet is not null");
    expect((await runChecks(db, [check]))[0].violations).toEqual([]);
    await db.run("delete from mart_sites where source = 'siae_2019' and ligne = 2");
    expect((await runChecks(db, [check]))[0].violations).toEqual([{source: "siae_2019", lignes_source: 11, sites: 5, lignes_rejetees: 5, publiees_et_rejetees: 0}]);
  });
});
