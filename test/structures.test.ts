import {createHash} from "node:crypto";
import {readFileSync} from "node:fs";
import {join} from "node:path";
import {describe, expect, it} from "vitest";
import {structuresSchema} from "../loaders/schemas.js";
import {parseCsv} from "../src/lib/csv-parse.js";
import {compilationDate, COMPILATION_TYPES, fromCompilation, fromTiersLieux, fusionsFrom, validateStructures, type StructuresContext, type StructuresResult} from "../src/model/structures.js";
import {categoryLabels} from "../src/model/validation/schema.js";

const fixture = (name: string) => new Uint8Array(readFileSync(new URL(`./fixtures/structures/${name}`, import.meta.url)));
const SCHEMA = structuresSchema();
/** A hand-made set of COG 2026 codes: Saint-Denis, Évry-Courcouronnes, Paris, Montreuil. */
const COMMUNES = new Set(["93066", "91228", "75056", "93048"]);
/** Merged communes as the build's int_fusions gives them (here: Pierrefitte-sur-Seine into Saint-Denis). */
const FUSIONS = fusionsFrom([{code_ancien: "93059", code_nouveau: "93066", nom_nouveau: "Saint-Denis"}]);
const CONTEXT: StructuresContext = {schema: SCHEMA, communes: COMMUNES, fusions: FUSIONS};
const check = (name: string) => validateStructures(fixture(name), name, CONTEXT);
const errors = (result: StructuresResult) => result.problems.filter((p) => p.severity !== "warning");
const bytes = (text: string) => new TextEncoder().encode(text);
const HEADER = "id,nom,type,code_commune,latitude,longitude,echelle,date_information,source_url,remarque";

// For each fixture: data lines, rows loaded, and every problem of every rejected line as
// [line, column, fragment of `expected`]. The rejected lines are exactly those listed.
type Case = {dataLines: number; rows: number; problems: [number, string, string][]};
const CASES: Record<string, Case> = {
  "valid.csv": {dataLines: 4, rows: 4, problems: []},
  "semicolon-windows-1252.csv": {dataLines: 2, rows: 2, problems: []},
  "html-in-name.csv": {dataLines: 2, rows: 2, problems: []},
  "unknown-type.csv": {
    dataLines: 3,
    rows: 1,
    problems: [
      [2, "type", "(écrire « pepiniere »)"],
      [3, "type", "une des valeurs « couveuse », « fabrique_a_initiatives », « cae »"]
    ]
  },
  "unknown-commune.csv": {
    dataLines: 5,
    rows: 1,
    problems: [
      [2, "code_commune", "un code commune du COG 2026 (1 266 communes d'Île-de-France) ; 93059 n'existe plus dans le COG 2026 : commune fusionnée dans 93066 (Saint-Denis), utiliser 93066"],
      [3, "code_commune", "75110 est un arrondissement de Paris : utiliser 75056"],
      [4, "code_commune", "59350 n'est pas en Île-de-France"],
      [5, "code_commune", "un code INSEE de 5 caractères"]
    ]
  },
  "coordinates-outside-idf.csv": {
    dataLines: 4,
    rows: 1,
    problems: [
      [2, "latitude", "une latitude WGS84 en degrés décimaux entre 48,1 et 49,3 (Île-de-France)"],
      [2, "longitude", "une longitude WGS84 en degrés décimaux entre 1,4 et 3,6 (Île-de-France)"],
      [3, "latitude", "latitude et longitude semblent inversées"],
      [3, "longitude", "latitude et longitude semblent inversées"],
      [4, "latitude", "pas des coordonnées projetées (Lambert 93)"],
      [4, "longitude", "pas des coordonnées projetées (Lambert 93)"]
    ]
  },
  "one-coordinate-only.csv": {
    dataLines: 3,
    rows: 1,
    problems: [
      [2, "longitude", "une latitude et une longitude, ou aucune des deux (seule la latitude est renseignée)"],
      [3, "latitude", "une latitude et une longitude, ou aucune des deux (seule la longitude est renseignée)"]
    ]
  },
  "bad-url.csv": {
    dataLines: 6,
    rows: 1,
    problems: [
      [2, "source_url", "une adresse web complète commençant par http:// ou https://"],
      [3, "source_url", "commençant par http:// ou https://"],
      [4, "source_url", "commençant par http:// ou https://"],
      [5, "source_url", "commençant par http:// ou https://"],
      [6, "source_url", "une valeur obligatoire (la cellule est vide)"]
    ]
  },
  "duplicate-id.csv": {dataLines: 3, rows: 2, problems: [[4, "id", "un identifiant unique (« S1 » est déjà utilisé ligne 2)"]]}
};

describe("validateStructures on the fixtures", () => {
  for (const [name, c] of Object.entries(CASES)) {
    it(`${name}: ${c.rows} of ${c.dataLines} lines loaded${c.problems.length ? `, lines ${[...new Set(c.problems.map((p) => p[0]))].join(", ")} rejected` : ""}`, () => {
      const result = check(name);
      expect(result.rows).toHaveLength(c.rows);
      expect(errors(result).map((p) => [p.line, p.column])).toEqual(c.problems.map(([line, column]) => [line, column]));
      errors(result).forEach((p, i) => expect(p.expected).toContain(c.problems[i][2]));
      expect(result.rejects.map((r) => r.line)).toEqual([...new Set(c.problems.map((p) => p[0]))]);
      expect(result.problems.every((p) => p.file === name)).toBe(true);
    });
  }

  it("nothing valid is lost: every data line of every fixture is either a row or a reject", () => {
    for (const name of Object.keys(CASES)) {
      const result = check(name);
      const lines = parseCsv(fixture(name), name).records.map((r) => r.line);
      expect(result.dataLines).toBe(lines.length);
      expect(lines).toHaveLength(CASES[name].dataLines);
      expect([...result.rows.map((r) => r.line), ...result.rejects.map((r) => r.line)].sort((a, b) => a! - b!)).toEqual(lines);
    }
  });

  it("valid.csv gives typed rows; the regional DLA is loaded but not locatable", () => {
    const {rows} = check("valid.csv");
    expect(rows[0]).toEqual({
      id: "C01",
      nom: "Couveuse Plaine Entreprendre",
      type: "couveuse",
      code_commune: "93066",
      latitude: null,
      longitude: null,
      echelle: "commune",
      date_information: "2024",
      source_url: "https://www.exemple.fr/couveuse",
      remarque: "Structure fictive, pour les tests",
      source: "valid.csv",
      localisable: true,
      line: 2
    });
    expect(rows[1]).toMatchObject({id: "F01", nom: "Fabrique à initiatives Évry Centre Essonne", type: "fabrique_a_initiatives", code_commune: "91228", latitude: 48.6295, longitude: 2.4405, date_information: "2023-09-14", remarque: null, localisable: true});
    expect(rows[2]).toMatchObject({id: "D01", type: "dla", echelle: "region", code_commune: null, localisable: false});
    expect(rows[3]).toMatchObject({id: "T01", code_commune: null, latitude: 48.8566, longitude: 2.3522, localisable: true});
  });

  it("a semicolon-separated Windows-1252 file with decimal commas reads the same text as UTF-8 would", () => {
    const {rows} = check("semicolon-windows-1252.csv");
    expect(rows[0]).toMatchObject({nom: "Pépinière d’entreprises « Cœur de Montreuil »", code_commune: "93048", latitude: 48.8611, longitude: 2.4432, remarque: "Coordonnées à la virgule décimale", localisable: true});
    expect(rows[1]).toMatchObject({nom: "Programme ESS de l’EPT – Est Ensemble", type: "programme_territorial", echelle: "ept", localisable: false});
  });

  it("a file without the required columns loads nothing and gets one file-level problem naming them", () => {
    const result = check("missing-column.csv");
    expect(result.rows).toEqual([]);
    expect(result.rejects).toEqual([]);
    expect(result.problems).toEqual([
      {file: "missing-column.csv", line: 1, column: "type, source_url", value: "id,nom,code_commune,latitude,longitude,echelle,date_information,remarque", expected: expect.stringContaining("les colonnes obligatoires type, source_url dans l'en-tête"), code: "missing-column", severity: "fatal"}
    ]);
    expect(result.problems[0].expected).toContain("aucune ligne n'est chargée");
  });

  it("an unknown commune code is rejected: 93059 (Pierrefitte-sur-Seine, merged into Saint-Denis in 2025) is not in COG 2026", () => {
    const [reject] = check("unknown-commune.csv").rejects;
    expect(reject).toMatchObject({line: 2, column: "code_commune", value: "93059"});
    expect(reject.reasons).toEqual([expect.stringMatching(/^code_commune = « 93059 » : attendu un code commune du COG 2026 .*utiliser 93066$/)]);
  });

  it("a name or remark holding HTML or a formula is valid and kept verbatim (text is data)", () => {
    const {rows} = check("html-in-name.csv");
    expect(rows[0].nom).toBe("<script>alert(1)</script>");
    expect(rows[0].remarque).toBe("<img src=x onerror=alert(2)>");
    expect(rows[1].nom).toBe('Café "Le Lieu" & Co <b>gras</b>');
    expect(rows[1].remarque).toBe('=HYPERLINK("https://www.exemple.fr")');
  });
});

describe("validateStructures, other rules", () => {
  const run = (lines: string[], header = HEADER) => validateStructures(bytes([header, ...lines].join("\n")), "inline.csv", CONTEXT);

  it("an unknown extra column is a warning; rows still load", () => {
    const result = run(["X1,Nom,cae,93066,,,commune,2024,https://exemple.fr/x,,https://site.exemple.fr"], `${HEADER},site_web`);
    expect(result.rows).toHaveLength(1);
    expect(result.rejects).toEqual([]);
    expect(result.problems).toEqual([{file: "inline.csv", line: 1, column: "site_web", value: "site_web", expected: expect.stringContaining("colonne inconnue"), code: "unknown-column", severity: "warning"}]);
  });

  it("columns may come in any order and optional columns may be absent", () => {
    const result = run(["https://exemple.fr/x,region,2024,dla,Nom,X1"], "source_url,echelle,date_information,type,nom,id");
    expect(errors(result)).toEqual([]);
    expect(result.rows[0]).toMatchObject({id: "X1", type: "dla", code_commune: null, latitude: null, remarque: null, localisable: false});
  });

  it("a structure at commune scale needs a commune code or coordinates; at other scales it is only flagged as not locatable", () => {
    const result = run(["X1,Sans lieu,cae,,,,commune,2024,https://exemple.fr/x,", "X2,Départementale,cae,,,,departement,2024,https://exemple.fr/y,", "X3,Siège connu,dla,93066,,,departement,2024,https://exemple.fr/z,"]);
    expect(errors(result).map((p) => [p.line, p.column])).toEqual([[2, "code_commune, latitude, longitude"]]);
    expect(errors(result)[0].expected).toContain("pour une structure d'échelle « commune » : un code commune ou des coordonnées");
    expect(result.rows.map((r) => [r.id, r.localisable])).toEqual([["X2", false], ["X3", false]]);
  });

  it("date_information is AAAA or an existing AAAA-MM-JJ date", () => {
    const line = (id: string, date: string) => `${id},Nom,cae,93066,,,commune,${date},https://exemple.fr/x,`;
    const result = run([line("D1", "2024"), line("D2", "2024-02-29"), line("D3", "2023-02-29"), line("D4", "22/11/2023"), line("D5", "2017-05"), line("D6", "")]);
    expect(result.rows.map((r) => r.date_information)).toEqual(["2024", "2024-02-29"]);
    expect(errors(result).map((p) => [p.line, p.value])).toEqual([[4, "2023-02-29"], [5, "22/11/2023"], [6, "2017-05"], [7, ""]]);
    expect(errors(result)[0].expected).toContain("cette date n'existe pas dans le calendrier");
    expect(errors(result)[1].expected).toBe("la date ou l'année dont date l'information : AAAA ou AAAA-MM-JJ (ex. 2023 ou 2023-11-22)");
  });

  it("every empty required cell of a line is listed in one reject", () => {
    const result = run([",,,,,,,,,"]);
    expect(result.rejects).toHaveLength(1);
    expect(result.rejects[0].reasons.map((r) => r.split(" = ")[0])).toEqual(["id", "nom", "type", "echelle", "date_information", "source_url"]);
    expect(result.rejects[0].expected).toContain("une valeur obligatoire (la cellule est vide)");
  });

  it("an unknown échelle is rejected with a hint when only case or accents differ", () => {
    const result = run(["X1,Nom,cae,,,,Département,2024,https://exemple.fr/x,"]);
    expect(errors(result)).toEqual([{file: "inline.csv", line: 2, column: "echelle", value: "Département", expected: expect.stringContaining("(écrire « departement »)"), code: "enum", severity: "error"}]);
  });

  it("a line with the wrong number of fields is rejected in French, the others load", () => {
    const result = run(["X1,Nom,cae,93066,,,commune,2024,https://exemple.fr/x,", "X2,Nom,cae,93066"]);
    expect(result.rows).toHaveLength(1);
    expect(result.rejects).toMatchObject([{line: 3, column: "*", expected: "10 champs séparés par « , », 4 trouvés"}]);
  });

  it("an empty file, an unterminated quote and a header-only file are reported, not thrown", () => {
    const empty = validateStructures(new Uint8Array(), "vide.csv", CONTEXT);
    expect(empty.problems).toEqual([{file: "vide.csv", line: 1, column: "*", value: "", expected: expect.stringContaining("le fichier est vide"), code: "empty-file", severity: "fatal"}]);
    expect(empty.refused).toBe(empty.problems[0]);
    const quote = run(['X1,"Nom,cae,93066,,,commune,2024,https://exemple.fr/x,', "X2,Nom,cae,93066,,,commune,2024,https://exemple.fr/x,"]);
    expect(quote.problems).toMatchObject([{line: 2, column: "nom", code: "unclosed-quote", expected: expect.stringContaining("un guillemet fermant")}]);
    expect(quote.rows.map((r) => r.id)).toEqual(["X2"]);
    const headerOnly = run([]);
    expect(headerOnly.rows).toEqual([]);
    expect(headerOnly.problems).toMatchObject([{line: 1, severity: "warning", code: "no-data", expected: expect.stringContaining("ne contient que l'en-tête")}]);
  });
});

describe("data/structures.schema.json", () => {
  const schema = JSON.parse(readFileSync(new URL("../data/structures.schema.json", import.meta.url), "utf-8")) as {
    primaryKey: string;
    fields: {name: string; title: string; description: string; type: string; categories?: {value: string; label: string}[]; constraints?: {required?: boolean; enum?: string[]; minimum?: number; maximum?: number; pattern?: string}}[];
  };
  const field = (name: string) => schema.fields.find((f) => f.name === name)!;

  it("drives the validator: every enum value has a French label, and the rules it names are the ones implemented", () => {
    expect(schema.primaryKey).toBe("id");
    for (const name of ["type", "echelle"]) expect([...categoryLabels(SCHEMA, name).keys()]).toEqual(field(name).constraints!.enum);
    expect(categoryLabels(SCHEMA, "type").get("fabrique_a_initiatives")).toBe("Fabrique à initiatives");
    expect(SCHEMA.x_regles?.map((r) => r.nom)).toEqual(["coordonnees-ensemble", "commune-du-referentiel", "localisable-a-la-commune", "colonnes-inconnues"]);
    // Bounds read from the schema reach the messages (Île-de-France: 48,1–49,3 N, 1,4–3,6 E).
    const result = validateStructures(bytes(`${HEADER}\nX1,Nom,cae,,49.5,2.3,commune,2024,https://exemple.fr/x,`), "b.csv", CONTEXT);
    expect(errors(result)[0].expected).toContain("entre 48,1 et 49,3");
  });

  it("gives every field a French title and description", () => {
    for (const f of schema.fields) {
      expect(f.title.length).toBeGreaterThan(0);
      expect(f.description).toMatch(/ (de|la|le|du|des|ou|une?) /);
    }
  });

  it("its patterns agree with the validator on the fixtures' values", () => {
    const date = new RegExp(field("date_information").constraints!.pattern!);
    expect(["2024", "2024-02-29"].every((d) => date.test(d))).toBe(true);
    expect(["2017-05", "22/11/2023"].some((d) => date.test(d))).toBe(false);
    const url = new RegExp(field("source_url").constraints!.pattern!);
    expect(url.test("https://www.exemple.fr:443/cae?page=1#haut")).toBe(true);
    expect(["www.exemple.fr/cae", "ftp://exemple.fr/cae", "https://exemple", "https://www.exemple.fr/ma page"].some((u) => url.test(u))).toBe(false);
  });
});

describe("the pack adapters on small inputs", () => {
  const COMPILATION_HEADER = "id,nom,type_structure,description,echelle,commune_nom,codgeo_cog2026,dep,ept_numero,ze2020,territoire_couvert,date_information,source_urls,date_consultation,mode_consultation,remarque";

  it("compilationDate keeps AAAA and AAAA-MM-JJ, otherwise takes the most recent year cited, and never guesses", () => {
    expect(["2008", "2016-06-23", "2017-05", "2017 à 2022", "2020-12 à 2024-05", "vers 2009-2012", "non daté (2014)", "non daté (document mis en ligne en 2015 ou avant)", "non daté (après 2020)", "non daté"].map(compilationDate)).toEqual([
      "2008",
      "2016-06-23",
      "2017",
      "2022",
      "2024",
      "2012",
      "2014",
      "2015",
      "2020",
      null
    ]);
  });

  it("fromCompilation maps every type_structure of the compilation to the schema's enum", () => {
    expect(COMPILATION_TYPES.size).toBe(16);
    const types = categoryLabels(SCHEMA, "type");
    expect([...COMPILATION_TYPES.values()].every((t) => types.has(t))).toBe(true);
  });

  it("fromCompilation reports problems with the compilation's own column names and lines, and does not modify its input", () => {
    const input = bytes(
      [
        COMPILATION_HEADER,
        "S01,A,cae_antenne,,commune,Cergy,95127,95,,1101,,non daté (2014),https://a.exemple.fr/ | https://b.exemple.fr/,2026-11-26,copie,",
        "S02,B,ruche,,commune,,93059,93,,,,non daté,pas une adresse,2026-11-26,copie,"
      ].join("\n")
    );
    const copy = input.slice();
    const result = fromCompilation(input, "compilation.csv", {...CONTEXT, communes: new Set(["95127"])});
    expect(input).toEqual(copy);
    expect(result.rows).toEqual([
      expect.objectContaining({id: "S01", type: "cae", type_origine: "cae_antenne", code_commune: "95127", date_information: "2014", date_information_origine: "non daté (2014)", source_url: "https://a.exemple.fr/", source: "compilation.csv", line: 2, localisable: true})
    ]);
    expect(result.rejects).toHaveLength(1);
    expect(result.problems.map((p) => [p.file, p.line, p.column, p.value])).toEqual([
      ["compilation.csv", 3, "type_structure", "ruche"],
      ["compilation.csv", 3, "date_information", "non daté"],
      ["compilation.csv", 3, "codgeo_cog2026", "93059"],
      ["compilation.csv", 3, "source_urls", "pas une adresse"]
    ]);
  });

  it("fromTiersLieux names its own columns (LAT, LONG, codgeo_cog2026) in problems", () => {
    const input = bytes(["ID,NOM_TL,TYPO,LAT,LONG,codgeo_cog2026", "7,Craft,Tiers lieux à dominante coworking,48.873196,2.363061,75056", "8,Ailleurs,,45.76,4.83,75056"].join("\n"));
    const result = fromTiersLieux(input, "tl.csv", {...CONTEXT, communes: new Set(["75056"])});
    expect(result.rows).toEqual([
      {id: "TL7", nom: "Craft", type: "tiers_lieu", code_commune: "75056", latitude: 48.873196, longitude: 2.363061, echelle: "commune", date_information: "2019", source_url: "https://github.com/anct-carto/mission_coworking", remarque: null, source: "tl.csv", localisable: true, line: 2, type_origine: "Tiers lieux à dominante coworking"}
    ]);
    expect(result.problems.map((p) => [p.line, p.column])).toEqual([[3, "LAT"], [3, "LONG"]]);
  });

  it("an adapter given a file without its key columns loads nothing and names them", () => {
    const result = fromTiersLieux(bytes("ID,NOM\n1,x"), "tl.csv", {...CONTEXT, communes: new Set()});
    expect(result).toMatchObject({rows: [], rejects: [], problems: [{line: 1, column: "NOM_TL, LAT, LONG, codgeo_cog2026"}]});
  });
});

const dataDir = process.env.IDF_DATA_DIR;
const SKIP = "the data pack's supply files (skipped: set IDF_DATA_DIR, e.g. IDF_DATA_DIR=../shared/data, to run)";
if (!dataDir) console.warn(`structures.test.ts: IDF_DATA_DIR is not set; ${SKIP}`);
const pack = (path: string) => new Uint8Array(readFileSync(join(dataDir ?? "", path)));
const sha256 = (b: Uint8Array) => createHash("sha256").update(b).digest("hex");

describe.skipIf(!dataDir)(dataDir ? "the data pack's supply files" : SKIP, () => {
  const communes = () => {
    const table = parseCsv(pack("geo/communes_idf_reference.csv"), "communes_idf_reference.csv");
    const i = table.header.indexOf("codgeo");
    return new Set(table.records.map((r) => r.values[i]));
  };
  const count = (values: (string | null | undefined)[]) => Object.fromEntries([...new Set(values)].map((v) => [String(v), values.filter((x) => x === v).length]));

  it("the commune reference holds the 1,266 COG 2026 codes, without 93059", () => {
    const set = communes();
    expect(set.size).toBe(1266);
    expect(set.has("93066") && !set.has("93059")).toBe(true);
  });

  it("compilation: 29 lines read, 27 loaded; S03 Coopaname and S18 BGE ADIL are rejected as « non daté » without a year; 18 locatable in 12 communes", () => {
    const file = "structures_accompagnement_idf_compilation.csv";
    const input = pack(`supply/${file}`);
    // Not compared with SOURCES.md's sha256 (6fa90060…, 14,419 bytes): the pack's file is 13,346
    // bytes (sha256 dc8328cd…) with the 29 rows described. Only "the adapter does not modify it" is checked.
    const before = sha256(input);
    const result = fromCompilation(input, file, {...CONTEXT, communes: communes()});
    expect(sha256(input)).toBe(before);
    expect(result.rows.length + result.rejects.length).toBe(29);
    // SOURCES.md counts 19 rows at commune level in 12 communes. One of them, S03 (Coopaname,
    // Paris), has date_information « non daté » with no year: the schema requires a date or year and
    // nothing is guessed, so it is rejected (as is S18, départemental). Paris keeps 6 other rows, so
    // the 18 locatable rows still cover the same 12 communes.
    expect(result.rejects.map((r) => [r.line, r.column, r.value])).toEqual([[4, "date_information", "non daté"], [19, "date_information", "non daté"]]);
    expect(result.rows).toHaveLength(27);
    expect(result.problems.filter((p) => p.severity === "warning")).toEqual([]);
    const locatable = result.rows.filter((r) => r.localisable);
    expect(locatable).toHaveLength(18);
    expect(locatable.every((r) => r.echelle === "commune" && r.code_commune !== null && r.latitude === null)).toBe(true);
    expect(new Set(locatable.map((r) => r.code_commune)).size).toBe(12);
    expect(count(locatable.map((r) => r.code_commune))).toMatchObject({"75056": 6, "93066": 2, "95127": 1, "92050": 1});
    expect(count(result.rows.filter((r) => !r.localisable).map((r) => r.echelle))).toEqual({departement: 3, region: 3, ept: 3});
    expect(count(result.rows.map((r) => r.type))).toEqual({cae: 2, couveuse: 1, incubateur: 4, incubateur_ess: 4, pepiniere: 2, tiers_lieu: 5, dla: 2, fabrique_a_initiatives: 1, programme_territorial: 3, financement: 3});
    expect(result.rows.find((r) => r.id === "S07")).toMatchObject({type: "incubateur_ess", type_origine: "lieu_ressource_ess_incubateur", date_information: "2022", date_information_origine: "2017 à 2022", source_url: "http://www.latribune.fr/economie/france/paris-consacre-un-lieu-a-l-economie-sociale-et-solidaire-606349.html", remarque: "Arrondissement : 75119 (Paris 19e)"});
    expect(result.rows.find((r) => r.id === "S05")).not.toHaveProperty("date_information_origine");
  });

  it("tiers-lieux: 344 rows, all loaded and locatable, every commune in COG 2026 (76 communes, Paris 213), typology 246 coworking / 70 fablab / 28 without", () => {
    const file = "tiers_lieux_cget2019_idf.csv";
    const input = pack(`supply/${file}`);
    expect(sha256(input)).toBe("ea89afbcba2645fc827a72dbf595d77eeb88f1ed5f21a81bb4ac3d645bd660f9");
    const set = communes();
    const result = fromTiersLieux(input, file, {...CONTEXT, communes: set});
    expect(sha256(input)).toBe("ea89afbcba2645fc827a72dbf595d77eeb88f1ed5f21a81bb4ac3d645bd660f9");
    expect(result.problems).toEqual([]);
    expect(result.rows).toHaveLength(344);
    expect(new Set(result.rows.map((r) => r.id)).size).toBe(344);
    expect(result.rows.every((r) => r.localisable && r.code_commune !== null && set.has(r.code_commune) && r.latitude !== null && r.longitude !== null)).toBe(true);
    expect(result.rows.every((r) => r.type === "tiers_lieu" && r.echelle === "commune" && r.date_information === "2019" && r.source_url === "https://github.com/anct-carto/mission_coworking")).toBe(true);
    expect(new Set(result.rows.map((r) => r.code_commune)).size).toBe(76);
    expect(count(result.rows.map((r) => r.code_commune!.slice(0, 2)))).toEqual({"75": 213, "92": 41, "93": 35, "94": 15, "78": 13, "91": 11, "95": 9, "77": 7});
    expect(count(result.rows.map((r) => r.type_origine))).toEqual({"Tiers lieux à dominante coworking": 246, "Tiers lieux à dominante fablab": 70, null: 28});
    expect(result.rows[0]).toMatchObject({id: "TL2", nom: "Anticafé", code_commune: "75056", latitude: 48.869483, longitude: 2.361539, source: file, line: 2});
  });
});

describe("JavaScript built-in names are data like any other", () => {
  const NAMES = ["constructor", "toString", "__proto__", "hasOwnProperty"];
  const run = (line: string) => validateStructures(bytes(`${HEADER}\n${line}`), "inline.csv", CONTEXT);

  for (const name of NAMES) {
    it(`a type « ${name} » is not a structure type`, () => {
      const result = run(`X1,Nom,${name},93066,,,commune,2024,https://exemple.fr/x,`);
      expect(result.rows).toEqual([]);
      expect(errors(result)).toEqual([expect.objectContaining({column: "type", value: name, code: "enum"})]);
    });

    it(`an échelle « ${name} » is not a scale`, () => {
      const result = run(`X1,Nom,cae,93066,,,${name},2024,https://exemple.fr/x,`);
      expect(result.rows).toEqual([]);
      expect(errors(result)).toEqual([expect.objectContaining({column: "echelle", value: name, code: "enum"})]);
    });

    it(`a code_commune « ${name} » is not a commune, and is not looked up among the merged communes`, () => {
      const result = run(`X1,Nom,cae,${name},,,commune,2024,https://exemple.fr/x,`);
      expect(errors(result)).toEqual([expect.objectContaining({column: "code_commune", value: name, code: "pattern"})]);
      expect(errors(result)[0].expected).not.toContain("fusionnée");
      expect(errors(result)[0].expected).toContain("un code INSEE de 5 caractères");
    });

    it(`the compilation's type_structure « ${name} » is an unknown type, named in the compilation's own column`, () => {
      const input = bytes(["id,nom,type_structure,echelle,codgeo_cog2026,date_information,source_urls", `S01,A,${name},commune,93066,2020,https://a.exemple.fr/`].join("\n"));
      const result = fromCompilation(input, "compilation.csv", CONTEXT);
      expect(result.rows).toEqual([]);
      expect(result.problems).toEqual([expect.objectContaining({column: "type_structure", value: name, code: "enum", expected: expect.stringContaining("une des valeurs de type_structure de la compilation")})]);
    });
  }
});

describe("merged communes come from the build's data, not from the validator", () => {
  const line = "X1,Nom,cae,93059,,,commune,2024,https://exemple.fr/x,";
  it("with the build's list, 93059 is named as merged into 93066 (Saint-Denis)", () => {
    const [problem] = errors(validateStructures(bytes(`${HEADER}\n${line}`), "f.csv", CONTEXT));
    expect(problem).toMatchObject({column: "code_commune", value: "93059", code: "reference"});
    expect(problem.expected).toContain("93059 n'existe plus dans le COG 2026 : commune fusionnée dans 93066 (Saint-Denis), utiliser 93066");
  });

  it("without it, the validator knows no merger (nothing is hard-coded): 93059 is only absent from the COG", () => {
    const [problem] = errors(validateStructures(bytes(`${HEADER}\n${line}`), "f.csv", {schema: SCHEMA, communes: COMMUNES}));
    expect(problem.expected).not.toContain("fusionnée");
    expect(problem.expected).toContain("93059 n'est pas dans le COG 2026");
  });

  it("the validator's source holds no commune code of a merger", () => {
    const source = readFileSync(new URL("../src/model/structures.ts", import.meta.url), "utf8");
    for (const code of ["77149", "77028", "78524", "91182", "93059", "95282"]) expect(source).not.toContain(code);
  });
});

describe("files that are not CSV, and a fatal problem, refuse the file with one reason", () => {
  it("a workbook is refused as such", () => {
    const result = validateStructures(new Uint8Array(readFileSync(new URL("./fixtures/not-csv/structures.xlsx", import.meta.url))), "structures.xlsx", CONTEXT);
    expect(result.refused).toMatchObject({code: "not-csv", value: "un classeur Excel (.xlsx)", severity: "fatal"});
    expect(result.rows).toEqual([]);
  });
});
