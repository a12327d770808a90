// Builds the warehouse from the real data pack (IDF_DATA_DIR) and checks it against the pack's
// own figures: this is the test that would catch a pack update breaking the pipeline.
import {DuckDBInstance, type DuckDBConnection} from "@duckdb/node-api";
import {readFileSync} from "node:fs";
import {join} from "node:path";
import {feature} from "topojson-client";
import type {GeometryCollection} from "topojson-specification";
import {beforeAll, describe, expect, it} from "vitest";
import {mergedFeatures, projectedTopology, WIDTH, HEIGHT} from "../loaders/geo.js";
import {communeFeatures, levelGroups, LEVELS} from "../loaders/maps.js";
import {parseCsv} from "../src/lib/csv-parse.js";
import {readTables} from "../loaders/tables.js";
import {csvParse} from "d3-dsv";
import JSZip from "jszip";
import {ARCHIVES, downloadArchive} from "../loaders/downloads.js";
import {placementData} from "../loaders/placement.js";
import {populate, rows, SQL_DIR} from "../loaders/warehouse.js";

const dataDir = process.env.IDF_DATA_DIR;
let db: DuckDBConnection;
let result: Awaited<ReturnType<typeof populate>>;

beforeAll(async () => {
  if (!dataDir) throw new Error("Set IDF_DATA_DIR to the data pack (e.g. IDF_DATA_DIR=../shared/data) to run the integration test.");
  db = await (await DuckDBInstance.create(":memory:")).connect();
  result = await populate(db);
}, 60_000);

const one = async (sql: string) => (await rows(db, sql))[0];

describe("the warehouse built from the real pack", () => {
  it("holds the 1,266 communes and every invariant holds", async () => {
    expect(await one("select count(*) as n from mart_communes")).toEqual({n: 1266});
    expect(result.checks.length).toBeGreaterThanOrEqual(11);
    expect(result.checks.filter((c) => c.violations.length > 0)).toEqual([]);
  });

  it("the region's population equals the COG 2026 total read independently from the pack", async () => {
    const table = parseCsv(readFileSync(join(dataDir!, "indicators/communes_idf_cog2026_population.csv")), "cog2026");
    const [type, population] = ["type", "population"].map((c) => table.header.indexOf(c));
    const total = table.records.filter((r) => r.values[type] === "commune-actuelle").reduce((sum, r) => sum + Number(r.values[population]), 0);
    expect(await one("select population from mart_territoires where niveau = 'region'")).toEqual({population: total});
    expect(total).toBe(12463067); // the total stated in the pack's SOURCES.md
  });

  it("publishes the pack's values for a few communes unchanged", async () => {
    expect(await one("select nom_commune, population, code_couronne, code_ept from mart_communes where code_commune = '75056'")).toEqual({
      nom_commune: "Paris", population: 2103778, code_couronne: "paris", code_ept: "T1"
    });
    expect(await one("select nom_commune, code_departement, code_couronne, code_bassin from mart_communes where code_commune = '93066'")).toMatchObject({
      nom_commune: "Saint-Denis", code_departement: "93", code_couronne: "petite_couronne"
    });
    expect(await one("select count(*) as n from mart_communes where code_commune = '93059'")).toEqual({n: 0}); // merged into 93066 in 2025
  });

  it("lists the 10 communes merged since 2018 (geo/SOURCES.md), Pierrefitte-sur-Seine into Saint-Denis in 2025", async () => {
    const merged = await rows(db, "select code_ancien, code_nouveau from mart_communes_fusionnees order by code_ancien");
    expect(merged.map((m) => `${m.code_ancien}→${m.code_nouveau}`)).toEqual([
      "77028→77433", "77149→77109", "77399→77504", "78251→78551", "78503→78320", "78524→78158", "91182→91228", "91222→91390", "93059→93066", "95282→95169"
    ]);
    expect(await one("select nom_ancien, code_departement, nom_nouveau, annee_fusion from mart_communes_fusionnees where code_ancien = '93059'")).toEqual({
      nom_ancien: "Pierrefitte-sur-Seine", code_departement: "93", nom_nouveau: "Saint-Denis", annee_fusion: 2025
    });
    // the pack states no other date: none is made up
    expect(await one("select count(*) as n from mart_communes_fusionnees where annee_fusion is not null")).toEqual({n: 1});
  });

  it("counts communes by département and couronne as the pack documents them", async () => {
    const deps = await rows(db, "select code, n_communes from mart_territoires where niveau = 'departement' order by code");
    expect(Object.fromEntries(deps.map((d) => [d.code, d.n_communes]))).toEqual({"75": 1, "77": 507, "78": 259, "91": 194, "92": 36, "93": 39, "94": 47, "95": 183});
    const couronnes = await rows(db, "select code, n_communes from mart_territoires where niveau = 'couronne' order by code");
    expect(couronnes).toEqual([{code: "grande_couronne", n_communes: 1143}, {code: "paris", n_communes: 1}, {code: "petite_couronne", n_communes: 122}]);
  });

  it("has the expected number of territories at each level", async () => {
    const levels = await rows(db, "select niveau, count(*) as n from mart_territoires group by niveau order by niveau");
    expect(Object.fromEntries(levels.map((l) => [l.niveau, l.n]))).toEqual({bassin: 25, couronne: 3, departement: 8, epci: 52, ept: 12, region: 1, zone_emploi: 15});
  });

  it("lists every BMO row it set aside: 20 arrondissements, 75999 and 28 pre-merger codes", async () => {
    const reasons = await rows(db, "select raison, count(*) as n from mart_rejects where source = 'bassins_bmo_2024' group by raison order by n");
    expect(reasons.map((r) => r.n)).toEqual([1, 20, 28]);
    // No parse problem in the pack; the only lines the readers set aside are the two undated structures.
    expect(result.rejects.map((r) => [r.source, r.line, r.column])).toEqual([["structures_compilation", 4, "date_information"], ["structures_compilation", 19, "date_information"]]);
  });

  it("publishes the rejected lines of the two support-structure files in the rejets table, with their reason", async () => {
    const structures = await rows(db, "select source, ligne, colonne, valeur, raison from mart_rejects where source in ('structures_compilation', 'tiers_lieux_2019') order by ligne");
    // SOURCES.md: S03 (Coopaname) and S18 (BGE ADIL) are dated « non daté », without a year.
    expect(structures.map((r) => [r.source, r.ligne, r.colonne, r.valeur])).toEqual([
      ["structures_compilation", 4, "date_information", "non daté"],
      ["structures_compilation", 19, "date_information", "non daté"]
    ]);
    expect(structures[0].raison).toMatch(/^attendu : la date ou l'année/);
  });

  it("accounts for every data line of the structure files: 27 loaded + 2 rejected = 29 (compilation), 344 + 0 = 344 (tiers-lieux)", async () => {
    const counts = await rows(db, "select source, count(*) as chargees from stg_structures group by source order by source");
    expect(counts).toEqual([{source: "structures_compilation", chargees: 27}, {source: "tiers_lieux_2019", chargees: 344}]);
    const read = await rows(db, "select source, lignes_source from raw_source_rows where source in ('structures_compilation', 'tiers_lieux_2019') order by source");
    expect(read).toEqual([{source: "structures_compilation", lignes_source: 29}, {source: "tiers_lieux_2019", lignes_source: 344}]);
  });

  it("describes every published column in the data dictionary, and only those", async () => {
    for (const table of readTables()) {
      const columns = (await rows(db, `select column_name from information_schema.columns where table_name = '${table.mart}' order by ordinal_position`)).map((c) => c.column_name);
      expect(table.columns.map((c) => c.name), table.id).toEqual(columns);
    }
  });
});

describe("the map layers built from the real pack", () => {
  it("draws 1,266 communes and every level as unions of them, inside the frame", async () => {
    const communes = await communeFeatures(db, ["nom_commune"]);
    const topo = projectedTopology(communes, await levelGroups(db));
    expect((topo.objects.communes as GeometryCollection).geometries).toHaveLength(1266);
    const counts = Object.fromEntries(LEVELS.map((l) => [l.niveau, (topo.objects[l.object] as GeometryCollection).geometries.length]));
    expect(counts).toEqual({departement: 8, couronne: 3, epci: 52, ept: 12, zone_emploi: 15, bassin: 25});
    const projected = feature(topo, topo.objects.communes as GeometryCollection);
    for (const f of projected.features.slice(0, 50)) {
      const g = f.geometry as GeoJSON.Polygon | GeoJSON.MultiPolygon;
      const [x, y] = g.type === "Polygon" ? g.coordinates[0][0] : g.coordinates[0][0][0];
      expect(x).toBeGreaterThan(0);
      expect(x).toBeLessThan(WIDTH);
      expect(y).toBeGreaterThan(0);
      expect(y).toBeLessThan(HEIGHT);
    }
  });

  it("keeps WGS84 coordinates for downloads", async () => {
    const communes = await communeFeatures(db, []);
    const groups = await levelGroups(db);
    const departements = mergedFeatures(communes, groups[0]);
    expect(departements.features.map((f) => f.id).sort()).toEqual(["75", "77", "78", "91", "92", "93", "94", "95"]);
    // Unions are MultiPolygons (topojson mergeArcs), even with a single part.
    const [lon, lat] = (departements.features[0].geometry as GeoJSON.MultiPolygon).coordinates[0][0][0];
    expect(lon).toBeGreaterThan(1.4);
    expect(lat).toBeGreaterThan(48);
  });
});

describe("the Implantation page's places", () => {
  it("put each Paris arrondissement in the département, couronne and bassin of Paris, as the warehouse has them", async () => {
    const paris = await one("select code_departement as departement, code_couronne as couronne, code_bassin as bassin from mart_communes where code_commune = '75056'");
    const arrondissements = (await placementData(db)).places.filter((p) => p.niveau === "arrondissement");
    expect(arrondissements).toHaveLength(20);
    for (const a of arrondissements) expect({departement: a.departement, couronne: a.couronne, bassin: a.bassin}, a.code).toEqual(paris);
  });

  it("follow Paris if its bassin changes: the arrondissements' bassin is derived, not written in the code", async () => {
    const demande = readFileSync(join(SQL_DIR, "mart_demande.sql"), "utf8");
    const [{bassin}] = await rows(db, "select code_bassin as bassin from mart_communes where code_commune = '75056'");
    try {
      await db.run("update mart_communes set code_bassin = '9999' where code_commune = '75056'");
      await db.run(`create or replace table mart_demande as\n${demande}`);
      const places = (await placementData(db)).places;
      expect(new Set(places.filter((p) => p.niveau === "arrondissement").map((p) => p.bassin))).toEqual(new Set(["9999"]));
    } finally {
      await db.run(`update mart_communes set code_bassin = '${bassin}' where code_commune = '75056'`);
      await db.run(`create or replace table mart_demande as\n${demande}`);
    }
  });
});

describe("the supply layer built from the real pack (issue 10)", () => {
  const loaded = async (source: string) => (await one(`select count(*) as n from mart_sites where source = '${source}'`)).n as number;

  it("loads at least 900 real sites, every source row loaded or rejected with a reason", async () => {
    // The pack's SOURCES.md: 184 France services, 409 SIAE, 133 Pôle emploi sites, 29 compiled
    // structures (2 undated), 344 tiers-lieux.
    expect(await loaded("france_services_2024")).toBe(184);
    expect(await loaded("france_travail_2019")).toBe(132);
    expect(await loaded("siae_2019")).toBeGreaterThanOrEqual(400);
    expect(await loaded("structures_compilation")).toBe(27);
    expect(await loaded("tiers_lieux_2019")).toBe(344);
    expect((await one("select count(*) as n from mart_sites")).n).toBeGreaterThanOrEqual(900);
    const accounted = await rows(
      db,
      `select l.source, l.lignes_source, (select count(*) from mart_sites m where m.source = l.source) + (select count(distinct ligne) from mart_rejects r where r.source = l.source) as comptees
       from raw_source_rows l where l.source in ('france_services_2024', 'siae_2019', 'france_travail_2019', 'structures_compilation', 'tiers_lieux_2019')`
    );
    for (const a of accounted) expect(a.comptees, a.source as string).toBe(a.lignes_source);
    expect(accounted.map((a) => a.lignes_source).sort()).toEqual([133, 184, 29, 344, 409]);
  });

  it("puts every France services row in a commune of the reference list, the two 93059 rows in Saint-Denis", async () => {
    expect(await one("select count(*) as n from mart_sites s join mart_communes c using (code_commune) where s.source = 'france_services_2024'")).toEqual({n: 184});
    expect(await rows(db, "select code_commune, count(*) as n from mart_sites where source = 'france_services_2024' and code_commune_source = '93059' group by 1")).toEqual([{code_commune: "93066", n: 2}]);
    expect(await one("select count(*) as n from mart_sites where source = 'france_services_2024' and code_arrondissement is not null and code_commune = '75056'")).toEqual({n: 11});
  });

  it("rejects the Saint-Pierre-et-Miquelon Pôle emploi row and the SIAE seated in Lesquin (Nord), in French", async () => {
    const spm = await rows(db, "select valeur, raison from mart_rejects where source = 'france_travail_2019'");
    expect(spm).toHaveLength(1);
    expect(spm[0].valeur).toBe("97500");
    expect(spm[0].raison).toMatch(/^site hors Île-de-France : code postal 97500/);
    const siae = await rows(db, "select valeur, raison from mart_rejects where source = 'siae_2019'");
    expect(siae.map((r) => r.valeur)).toEqual(["59810"]);
    expect(siae[0].raison).toMatch(/^siège hors Île-de-France/);
  });

  it("matches the SIAE written with abbreviations, former names and Paris arrondissements", async () => {
    const commune = async (written: string) => rows(db, `select distinct code_commune, code_arrondissement from mart_sites where source = 'siae_2019' and note_commune like 'écrit « ${written} »%'`);
    expect(await commune("HERBLAY")).toEqual([{code_commune: "95306", code_arrondissement: null}]); // Herblay-sur-Seine since 2018
    expect(await commune("PIERREFITTE SUR SEINE")).toEqual([{code_commune: "93066", code_arrondissement: null}]); // merged 2025
    expect(await commune("PARIS 19")).toEqual([{code_commune: "75056", code_arrondissement: "75119"}]);
    expect(await commune("ST MAUR DES FOSSES")).toEqual([{code_commune: "94068", code_arrondissement: null}]);
    expect(await commune("STE GENEVIEVE DES BOIS")).toEqual([{code_commune: "91549", code_arrondissement: null}]);
  });

  it("gives every commune a distance to each of the five families", async () => {
    expect(await rows(db, "select famille, count(*) as n, count(distance_km) as mesurees from mart_distances_familles where niveau = 'commune' group by famille order by famille")).toEqual(
      ["acces_droits", "emploi", "entrepreneuriat", "insertion", "lieux"].map((famille) => ({famille, n: 1266, mesurees: 1266}))
    );
  });
});

describe("the downloads, one archive per folder of the site", () => {
  it("hold one file per published table in each format, GeoJSON only for the tables with a geometry", async () => {
    const tables = readTables();
    for (const format of ARCHIVES) {
      const zip = await JSZip.loadAsync(await downloadArchive(format.folder, db));
      const expected = tables.filter((t) => format.folder !== "geojson" || t.geometry !== null).map((t) => `${t.id}.${format.ext}`);
      expect(Object.keys(zip.files).sort(), format.folder).toEqual(expected.sort());
    }
  }, 120_000); // every table in every format, xlsx workbooks included

  it("carry the tables themselves: communes.csv reads back as 1,266 rows with the dictionary's columns", async () => {
    const zip = await JSZip.loadAsync(await downloadArchive("csv", db));
    const communes = csvParse(await zip.file("communes.csv")!.async("string"));
    expect(communes).toHaveLength(1266);
    expect(communes.columns).toEqual(readTables().find((t) => t.id === "communes")!.columns.map((c) => c.name));
  }, 30_000);

  it("are the same bytes from the same warehouse (no clock, no random order)", async () => {
    expect(Buffer.from(await downloadArchive("dictionnaires", db)).equals(Buffer.from(await downloadArchive("dictionnaires", db)))).toBe(true);
  }, 30_000);
});
