// The harmonised aid table built from the real pack (IDF_DATA_DIR), checked against the pack's own
// documentation and against figures computed apart from this code (a short Python script over the
// pack's JSON and CSV files, applying the same rules); then the proof that a Region SCDL file
// drops in with no code change: a generated multi-year file and a registry entry, nothing else.
import {DuckDBInstance, type DuckDBConnection} from "@duckdb/node-api";
import {mkdtempSync, rmSync, symlinkSync, writeFileSync, mkdirSync} from "node:fs";
import {tmpdir} from "node:os";
import {join, resolve} from "node:path";
import {afterAll, beforeAll, describe, expect, it} from "vitest";
import {sha256} from "../loaders/pack.js";
import {readRegistry, type Source} from "../loaders/registry.js";
import {populate, rows} from "../loaders/warehouse.js";
import {isValidSiret} from "../src/model/scdl.js";

const dataDir = process.env.IDF_DATA_DIR;
let db: DuckDBConnection;

beforeAll(async () => {
  if (!dataDir) throw new Error("Set IDF_DATA_DIR to the data pack (e.g. IDF_DATA_DIR=../shared/data) to run the integration test.");
  db = await (await DuckDBInstance.create(":memory:")).connect();
  await populate(db);
}, 120_000);

describe("Ville de Paris grants 2013–2025 in the warehouse", () => {
  it("reads every year with the count and total that aides/SOURCES.md documents", async () => {
    // aides/SOURCES.md, table "file | year | records | total"
    const documented = [
      [2013, 670, 210317632], [2014, 609, 230392356], [2015, 691, 243354683], [2016, 824, 243912674], [2017, 852, 244531384],
      [2018, 844, 240287100], [2019, 919, 255786716], [2020, 1000, 258903359], [2021, 860, 211930900], [2022, 738, 220657832],
      [2023, 779, 229592392], [2024, 812, 255413511], [2025, 401, 156879787]
    ];
    const read = await rows(db, "select cast(right(source, 4) as integer) as annee, count(*) as n, sum(montant) as m from stg_aides where source like 'subventions_paris_%' group by all order by 1");
    expect(read.map((r) => [r.annee, r.n, r.m])).toEqual(documented);
  });

  it("loads what the rules accept and sets aside the rest, year by year, as computed apart from this code", async () => {
    const loaded = await rows(db, "select annee, count(*) as n, sum(montant) as m from mart_aides_harmonisees where financeur = 'ville_paris' group by all order by 1");
    const rejected = await rows(db, "select cast(right(source, 4) as integer) as annee, count(*) as n from mart_aides_rejetees where source like 'subventions_paris_%' group by all");
    const expected: [number, number, number, number][] = [
      [2013, 663, 209615512, 7], [2014, 603, 229922771, 6], [2015, 686, 242683431, 5], [2016, 813, 241828738, 11], [2017, 846, 243708117, 6],
      [2018, 836, 239252843, 8], [2019, 914, 255277817, 5], [2020, 1000, 258903359, 0], [2021, 859, 211829900, 1], [2022, 734, 218555678, 4],
      [2023, 776, 229252392, 3], [2024, 810, 255043511, 2], [2025, 401, 156879787, 0]
    ];
    expect(loaded.map((r) => [r.annee, r.n, r.m])).toEqual(expected.map(([y, n, m]) => [y, n, m]));
    const rejectedByYear = new Map(rejected.map((r) => [r.annee, r.n]));
    expect(expected.map(([y]) => rejectedByYear.get(y) ?? 0)).toEqual(expected.map((e) => e[3]));
  });

  it("2019: the 5 records set aside are 4 without SIRET and one with a 9-digit number, each with its line", async () => {
    const rejets = await rows(db, "select ligne, colonne, valeur, raison from mart_rejects where source = 'subventions_paris_2019' order by ligne");
    expect(rejets.map((r) => [r.colonne, r.valeur])).toEqual([["siret", "789456123"], ["siret", "None"], ["siret", "None"], ["siret", "None"], ["siret", "None"]]);
    expect(rejets.every((r) => typeof r.ligne === "number" && (r.ligne as number) > 1)).toBe(true);
  });

  it("marks every Ville de Paris row ODbL and names the carrier's derived fields", async () => {
    const [r] = await rows(db, "select count(*) filter (where licence <> 'ODbL') as autres, count(*) filter (where champs_derives not like 'thematique, adresse_siege%') as sans_provenance from mart_aides_harmonisees where financeur = 'ville_paris'");
    expect(r).toEqual({autres: 0, sans_provenance: 0});
  });

  it("the arrondissement rows of a year add up to the city's loaded total of that year", async () => {
    const [r] = await rows(db, "select sum(montant) as m, sum(nombre_aides) as n from mart_aides_paris_arrondissements where annee = 2019");
    expect(r).toEqual({m: 255277817, n: 914});
  });
});

describe("the State's posts and the Region's transcription in the same table", () => {
  it("sets aside the 36 FONJEP posts repeated in the source (12 a year, 2020 to 2022)", async () => {
    const rejected = await rows(db, "select annee, count(*) as n from mart_aides_rejetees where source = 'postes_politique_ville' group by all order by 1");
    expect(rejected).toEqual([{annee: 2020, n: 12}, {annee: 2021, n: 12}, {annee: 2022, n: 12}]);
  });

  it("keeps the Region's 2019 report figures: 1,080,000 € for 11 aids", async () => {
    expect(await rows(db, "select sum(montant) as m, sum(nombre_aides) as n from mart_aides_harmonisees where financeur = 'region_idf' and annee = 2019")).toEqual([{m: 1080000, n: 11}]);
  });
});

describe("co-funding", () => {
  it("finds 76 establishments (SIRET) and 86 legal units (SIREN) funded both by the State's adultes-relais and the Ville de Paris", async () => {
    const [r] = await rows(db, "select count(distinct siret) filter (where niveau_jointure = 'SIRET') as sirets, count(distinct siren) as sirens from mart_cofinancements");
    expect(r).toEqual({sirets: 76, sirens: 86});
  });

  it("keeps each funder's amount on its own row", async () => {
    const sides = await rows(db, "select financeur, annee, montant from mart_cofinancements where siret = '30900121200047' and annee = 2021 order by financeur");
    expect(sides.map((s) => s.financeur)).toEqual(["etat_politique_ville", "ville_paris"]);
  });
});

// ---------------------------------------------------------------------------------------------

/** A 14-digit SIRET with a valid check digit after `base` (13 digits). */
function siret(base: string): string {
  for (let d = 0; d <= 9; d++) if (isValidSiret(base + d)) return base + d;
  throw new Error(base);
}

describe("a Region SCDL file drops in with a registry entry and no code change", () => {
  let dropIn: DuckDBConnection;
  let temp: string;
  // 2019 to 2023, 3 grants a year of 10,000 × (index) + year € — e.g. 2021: 12,021 + 22,021 + 32,021 = 66,063 € —
  // plus one line with a wrong SIRET (2021) and one exact duplicate of a 2022 line.
  const years = [2019, 2020, 2021, 2022, 2023];
  const HEADER = "nomAttribuant;idAttribuant;dateConvention;referenceDecision;nomBeneficiaire;idBeneficiaire;rnaBeneficiaire;objet;montant;nature;conditionsVersement;datesPeriodeVersement;idRAE;notificationUE;pourcentageSubvention;dispositifAide";
  const line = (year: number, i: number, id = siret(`4321098760${i}${String(year).slice(2)}`)) =>
    `Région Île-de-France;23750007900312;${year}-0${i}-15;CP${year}-${i};Association ${i};${id};;Projet ${i} ${year};${10000 * i + year};aide en numéraire;unique;${year}-0${i}-15;;non;1;Innovation sociale`;
  const body = years.flatMap((y) => [1, 2, 3].map((i) => line(y, i)));
  const csv = [HEADER, ...body, line(2021, 4, "12345678901234"), line(2022, 2)].join("\r\n") + "\r\n";

  beforeAll(async () => {
    temp = mkdtempSync(join(tmpdir(), "atlas-region-scdl-"));
    for (const folder of ["geo", "indicators", "supply", "aides"]) symlinkSync(resolve(dataDir!, folder), join(temp, folder));
    mkdirSync(join(temp, "region"));
    writeFileSync(join(temp, "region", "subventions_region_2019_2023.csv"), csv);
    const entry: Source = {
      id: "subventions_region_scdl",
      title: "Subventions de la Région Île-de-France (SCDL), 2019-2023 — fichier généré pour le test",
      publisher: "test",
      licence: "Licence Ouverte 2.0",
      vintage: "2019-2023",
      upstream_url: "https://example.invalid/",
      pack_file: "region/subventions_region_2019_2023.csv",
      sha256: sha256(new TextEncoder().encode(csv)),
      download_url: null,
      transformation: "aucune",
      aides: {adaptateur: "scdl"}
    };
    dropIn = await (await DuckDBInstance.create(":memory:")).connect();
    await populate(dropIn, {dataDir: temp}, {registry: [...readRegistry(), entry]}); // every invariant must hold, or this throws
  }, 120_000);
  afterAll(() => rmSync(temp, {recursive: true, force: true}));

  it("gives the Region a series 2019–2023 with each year's count and total", async () => {
    const series = await rows(dropIn, "select annee, count(*) as n, sum(montant) as m from mart_aides_harmonisees where financeur = 'region_idf' group by all order by 1");
    // year y: 3 grants, (10,000 + 20,000 + 30,000) + 3y €
    expect(series).toEqual(years.map((y) => ({annee: y, n: 3, m: 60000 + 3 * y})));
  });

  it("replaces the report's 2019 transcription by the file, the transcription's lines going to the rejects with that reason", async () => {
    const replaced = await rows(dropIn, "select count(*) as n, sum(montant) as m from mart_aides_rejetees where source = 'aides_region_2019_rapport' and raisons like '%source plus complète (subventions_region_scdl)%'");
    expect(replaced).toEqual([{n: 9, m: 1080000}]);
  });

  it("sends the bad SIRET and the exact duplicate to the rejects with their lines (header = line 1)", async () => {
    const rejets = await rows(dropIn, "select ligne, colonne from mart_rejects where source = 'subventions_region_scdl' order by ligne");
    expect(rejets).toEqual([{ligne: 17, colonne: "idBeneficiaire, rnaBeneficiaire"}, {ligne: 18, colonne: "*"}]);
  });

  it("leaves the other funders as they were", async () => {
    expect(await rows(dropIn, "select count(*) as n from mart_aides_harmonisees where financeur = 'ville_paris' and annee = 2019")).toEqual([{n: 914}]);
  });
});
