// The "offre recensée": support structures for (social) entrepreneurship in Île-de-France, one row
// per structure or site, as described by data/structures.schema.json. The schema is data, passed
// in by the caller (the build reads the file, the page gets it with its data); the engine
// (src/model/validation/engine.ts) checks what it says. This module adds what it only names:
// its x_regles (coordinates go in pairs, a commune code from the reference list, a structure at
// commune scale has a place), the French wording of each field, and hints (a merged commune, a
// Paris arrondissement, swapped or projected coordinates).
//
// - validateStructures reads a file laid out as the schema says;
// - fromCompilation and fromTiersLieux map the data pack's two supply files into the same rows
//   WITHOUT modifying them, then run the same checks; problems name the original file, line and column.
//
// The reference lists are data too: the COG 2026 communes, and the merged communes (old code →
// new code) that the build derives once, in loaders/sql/int_fusions.sql.
// Nothing valid is lost; text is data (a name `<script>…</script>` is valid and kept verbatim).
import {readCsv, type CsvTable} from "../lib/csv-parse.js";
import {checkIsoDate} from "../lib/dates.js";
import type {Problem} from "../lib/problems.js";
import {parseFrenchNumber} from "../lib/values.js";
import {checkRecords, compile, missingColumns, noDataWarning, refusedResult, validateCsv, type Compiled, type FieldRule, type MappedRecord, type NamedCheck, type Profile, type Reject, type TypedRecord} from "./validation/engine.js";
import type {TableSchema} from "./validation/schema.js";

// ---------------------------------------------------------------------------------------------
// Public types

export interface Structure {
  id: string;
  nom: string;
  type: string;
  code_commune: string | null;
  latitude: number | null;
  longitude: number | null;
  echelle: string;
  date_information: string;
  source_url: string;
  remarque: string | null;
  /** The supply family the file gives (schema `famille`); absent or null: deduced from the type by the page. */
  famille?: string | null;
  /** Which file or dataset the row comes from (the `file` argument). */
  source: string;
  /** Échelle « commune » with a commune code or coordinates: counts in distance computations. */
  localisable: boolean;
  /** Physical line of the row in its file (1 = header). */
  line?: number;
  /** Adapters only: the source's own type (compilation `type_structure`, tiers-lieux `TYPO`). */
  type_origine?: string | null;
  /** Adapters only: the source's date text when it was not already "AAAA" or "AAAA-MM-JJ". */
  date_information_origine?: string;
}

export type {Problem, Reject};

export interface StructuresResult {
  file: string;
  rows: Structure[];
  /** One entry per rejected line, all its problems in `reasons` and `problems`. */
  rejects: Reject[];
  /** All problems: file-level ones first (the fatal one when the file is refused), then each rejected line's. */
  problems: Problem[];
  refused: Problem | null;
  /** Data lines read: rows + rejects. */
  dataLines: number;
}

/** A commune merged into another since 2018: its COG 2026 successor (and the successor's name when known). */
export interface Fusion {
  code: string;
  nom?: string;
}

export interface StructuresContext {
  /** data/structures.schema.json */
  schema: TableSchema;
  /** The valid commune codes (COG 2026, 1,266 in Île-de-France). */
  communes: ReadonlySet<string>;
  /** Old commune code → its successor, from the build's int_fusions (page data `fusions`). */
  fusions?: ReadonlyMap<string, Fusion>;
}

/** The build's merged-commune rows ({code_ancien, code_nouveau, nom_nouveau}) as the map the validator reads. */
export function fusionsFrom(rows: readonly {code_ancien: string; code_nouveau: string; nom_nouveau?: string | null}[]): Map<string, Fusion> {
  return new Map(rows.map((r) => [r.code_ancien, r.nom_nouveau ? {code: r.code_nouveau, nom: r.nom_nouveau} : {code: r.code_nouveau}]));
}

/** The compilation's `type_structure` → the schema's type (the original stays in `type_origine`). */
export const COMPILATION_TYPES: ReadonlyMap<string, string> = new Map([
  ["cae", "cae"],
  ["cae_antenne", "cae"],
  ["couveuse", "couveuse"],
  ["incubateur", "incubateur"],
  ["incubateur_ess", "incubateur_ess"],
  ["incubateur_antenne", "incubateur"],
  ["lieu_ressource_ess_incubateur", "incubateur_ess"],
  ["pepiniere", "pepiniere"],
  ["tiers_lieu", "tiers_lieu"],
  ["tiers_lieux_reseau", "tiers_lieu"],
  ["dla_departemental", "dla"],
  ["dla_regional", "dla"],
  ["fabrique_a_initiatives", "fabrique_a_initiatives"],
  ["programme_territorial_ess", "programme_territorial"],
  ["programme_territorial", "programme_territorial"],
  ["financement_creation", "financement"]
]);

/** The CGET tiers-lieux base (SOURCES.md): source_url of every row of tiers_lieux_cget2019_idf.csv. */
export const TIERS_LIEUX_SOURCE_URL = "https://github.com/anct-carto/mission_coworking";

// ---------------------------------------------------------------------------------------------
// The profile: wording, hints and the schema's x_regles

const frenchNumber = (n: number) => String(n).replace(".", ",");
const list = (values: Iterable<string>) => [...values].map((v) => `« ${v} »`).join(", ");
const INSEE_CODE = /^(\d{5}|2[AB]\d{3})$/;
const PARIS_ARRONDISSEMENT = /^751(0[1-9]|1\d|20)$/;
const CODE_COMMUNE = "un code commune du COG 2026 (1 266 communes d'Île-de-France)";
const DATE_INFORMATION = "la date ou l'année dont date l'information : AAAA ou AAAA-MM-JJ (ex. 2023 ou 2023-11-22)";
const YEAR_OR_DATE = /^(\d{4})(?:-(\d{2})-(\d{2}))?$/;

function bounds(schema: TableSchema, name: string): [number, number] {
  const c = schema.fields.find((f) => f.name === name)?.constraints ?? {};
  return [c.minimum ?? -Infinity, c.maximum ?? Infinity];
}

function profile({schema, communes, fusions = new Map()}: StructuresContext): Profile {
  const latitude = bounds(schema, "latitude");
  const longitude = bounds(schema, "longitude");
  const within = (text: string, [min, max]: [number, number]) => {
    const v = parseFrenchNumber(text);
    return v !== undefined && v >= min && v <= max;
  };
  const communeHint = (code: string): string => {
    const fusion = fusions.get(code);
    if (fusion) return ` ; ${code} n'existe plus dans le COG 2026 : commune fusionnée dans ${fusion.code}${fusion.nom ? ` (${fusion.nom})` : ""}, utiliser ${fusion.code}`;
    if (!INSEE_CODE.test(code)) return " : un code INSEE de 5 caractères (ex. 93066)";
    if (PARIS_ARRONDISSEMENT.test(code)) return ` ; ${code} est un arrondissement de Paris : utiliser 75056 (Paris)`;
    if (!/^(75|77|78|91|92|93|94|95)/.test(code)) return ` ; ${code} n'est pas en Île-de-France`;
    return ` ; ${code} n'est pas dans le COG 2026 (vérifier qu'il s'agit du code INSEE et non du code postal)`;
  };
  const coordinate = (name: "latitude" | "longitude", own: [number, number], other: [number, number], otherName: string): FieldRule => ({
    expected: `une ${name} WGS84 en degrés décimaux entre ${frenchNumber(own[0])} et ${frenchNumber(own[1])} (Île-de-France)`,
    hint: (code, text, row) => {
      if (code !== "range") return "";
      if (Math.abs(parseFrenchNumber(text) ?? 0) > 1000) return " ; ce sont des degrés qui sont attendus, pas des coordonnées projetées (Lambert 93)";
      // Swapped columns: each value fails its own bounds and fits the other's.
      const swapped = within(text, other) && !within(row.text(otherName), other) && within(row.text(otherName), own);
      return swapped ? " ; latitude et longitude semblent inversées" : "";
    }
  });
  const fields = new Map<string, FieldRule>([
    ["id", {expected: "un identifiant non vide"}],
    ["nom", {expected: "le nom de la structure"}],
    ["code_commune", {expected: CODE_COMMUNE, hint: (code, text) => (code === "pattern" || code === "reference" ? communeHint(text) : "")}],
    ["latitude", coordinate("latitude", latitude, longitude, "longitude")],
    ["longitude", coordinate("longitude", longitude, latitude, "latitude")],
    [
      "date_information",
      {
        expected: DATE_INFORMATION,
        check: (value) => (String(value).length === 10 && checkIsoDate(String(value)) !== "ok" ? {code: "calendar", expected: `${DATE_INFORMATION} ; cette date n'existe pas dans le calendrier`} : null)
      }
    ],
    ["source_url", {expected: "une adresse web complète commençant par http:// ou https:// (ex. https://www.exemple.fr/page)"}]
  ]);
  const checks = new Map<string, () => NamedCheck>([
    [
      "coordonnees-ensemble",
      () => ({
        row: (row, report) => {
          const hasLat = row.text("latitude") !== "";
          const hasLon = row.text("longitude") !== "";
          if (hasLat === hasLon) return;
          const [given, missing] = hasLat ? ["latitude", "longitude"] : ["longitude", "latitude"];
          if (!row.failed(missing)) report({fields: [missing], value: "", code: "pair", expected: `une latitude et une longitude, ou aucune des deux (seule la ${given} est renseignée)`});
        }
      })
    ],
    ["commune-du-referentiel", () => ({cell: {field: "code_commune", check: (value) => (communes.has(String(value)) ? null : {code: "reference", expected: CODE_COMMUNE})}})],
    [
      "localisable-a-la-commune",
      () => ({
        row: (row, report) => {
          if (row.value("echelle") === "commune" && row.text("code_commune") === "" && row.text("latitude") === "" && row.text("longitude") === "") {
            report({fields: ["code_commune", "latitude", "longitude"], value: "", code: "locatable", expected: "pour une structure d'échelle « commune » : un code commune ou des coordonnées (latitude et longitude) ; sinon indiquer l'échelle ept, departement ou region"});
          }
        }
      })
    ],
    // Columns outside the schema: a warning, the lines still load (Profile.unknownColumns).
    ["colonnes-inconnues", () => ({})]
  ]);
  return {schemaName: "schéma des structures", fields, checks, unknownColumns: "ignore"};
}

function toStructure(record: TypedRecord, source: string, extra?: Pick<Structure, "type_origine" | "date_information_origine">): Structure {
  const v = record.values;
  const text = (name: string) => (v[name] === null || v[name] === undefined ? null : String(v[name]));
  const number = (name: string) => (typeof v[name] === "number" ? (v[name] as number) : null);
  const structure: Structure = {
    id: text("id")!,
    nom: text("nom")!,
    type: text("type")!,
    code_commune: text("code_commune"),
    latitude: number("latitude"),
    longitude: number("longitude"),
    echelle: text("echelle")!,
    date_information: text("date_information")!,
    source_url: text("source_url")!,
    remarque: text("remarque"),
    ...(text("famille") === null ? {} : {famille: text("famille")}),
    source,
    localisable: false,
    line: record.line
  };
  structure.localisable = structure.echelle === "commune" && (structure.code_commune !== null || structure.latitude !== null);
  return extra ? Object.assign(structure, extra) : structure;
}

// ---------------------------------------------------------------------------------------------
// Files

/** Validates a file laid out as data/structures.schema.json (columns in any order, "," or ";", UTF-8 or Windows-1252). */
export function validateStructures(bytes: Uint8Array, file: string, context: StructuresContext): StructuresResult {
  const result = validateCsv(bytes, file, compile(context.schema, profile(context)));
  return {file, rows: result.records.map((r) => toStructure(r, file)), rejects: result.rejects, problems: result.problems, refused: result.refused, dataLines: result.dataLines};
}

/** An adapter's run: the pack file read, its own key columns checked, its records mapped onto the schema. */
function adapt(bytes: Uint8Array, file: string, context: StructuresContext, required: string[], what: string, map: (cell: (column: string) => string, line: number, compiled: Compiled) => MappedRecord & {extra?: Pick<Structure, "type_origine" | "date_information_origine">}): StructuresResult {
  const table: CsvTable = readCsv(bytes, file);
  const missing = table.refused ?? missingColumns(table, required, what);
  if (missing) {
    const refused = refusedResult(table, missing);
    return {file, rows: [], rejects: [], problems: refused.problems, refused: missing, dataLines: 0};
  }
  const compiled = compile(context.schema, profile(context));
  const index = new Map(table.header.map((name, i) => [name, i]));
  const extras = new Map<number, Pick<Structure, "type_origine" | "date_information_origine">>();
  const records = table.records.map((r) => {
    const cell = (column: string) => {
      const i = index.get(column);
      return i === undefined ? "" : r.values[i];
    };
    const {extra, ...mapped} = map(cell, r.line, compiled);
    if (extra) extras.set(r.line, extra);
    return mapped;
  });
  const checked = checkRecords(file, records, compiled, {lenient: false}, table.problems.filter((p) => p.severity === "error"));
  return {
    file,
    rows: checked.records.map((r) => toStructure(r, file, extras.get(r.line))),
    rejects: checked.rejects,
    problems: [...table.problems.filter((p) => p.severity === "warning"), ...checked.problems, ...noDataWarning(table)],
    refused: null,
    dataLines: table.dataRecords
  };
}

/** An adapter's texts by field, as the cells of a mapped record (schema order); `fallback` for the fields it does not give. */
function byField<T>(compiled: Compiled, values: ReadonlyMap<string, T>, fallback: (name: string) => T): T[] {
  return compiled.fields.map((f) => (values.has(f.name) ? values.get(f.name)! : fallback(f.name)));
}

/** The date the compilation's `date_information` text gives, as the schema wants it: unchanged
 * when already "AAAA" or "AAAA-MM-JJ"; otherwise the most recent year the text cites ("2017-05" →
 * "2017", "2017 à 2022" → "2022", "vers 2009-2012" → "2012", "non daté (2014)" → "2014",
 * "… en 2015 ou avant" → "2015", "non daté (après 2020)" → "2020"); null when it cites no year
 * ("non daté"): nothing is guessed. The original text is kept in `date_information_origine`. */
export function compilationDate(text: string): string | null {
  const t = text.trim();
  if (YEAR_OR_DATE.test(t)) return t;
  const years = [...t.matchAll(/(?<!\d)(1[89]\d\d|20\d\d)(?!\d)/g)].map((m) => Number(m[1]));
  return years.length > 0 ? String(Math.max(...years)) : null;
}

const COMPILATION_REQUIRED = ["id", "nom", "type_structure", "echelle", "codgeo_cog2026", "date_information", "source_urls"];

/** structures_accompagnement_idf_compilation.csv → Structure[]: type_structure mapped with
 * COMPILATION_TYPES (original in `type_origine`), codgeo_cog2026 → code_commune, the first of the
 * ` | `-separated source_urls, date_information through compilationDate. */
export function fromCompilation(bytes: Uint8Array, file: string, context: StructuresContext): StructuresResult {
  const columns = new Map([["type", "type_structure"], ["code_commune", "codgeo_cog2026"], ["source_url", "source_urls"]]);
  return adapt(bytes, file, context, COMPILATION_REQUIRED, "compilation des structures d'accompagnement", (cell, line, compiled) => {
    const typeOrigine = cell("type_structure");
    const dateOrigine = cell("date_information");
    const urls = cell("source_urls");
    const date = compilationDate(dateOrigine);
    const at = (name: string) => compiled.fields.findIndex((f) => f.name === name);
    const problems: MappedRecord["problems"] = [];
    // Map, not `in`: a type_structure "constructor" or "__proto__" is an unknown type like any other.
    const type = COMPILATION_TYPES.get(typeOrigine);
    if (typeOrigine !== "" && type === undefined) {
      problems.push({field: at("type"), problem: {file, line, column: "type_structure", value: typeOrigine, expected: `une des valeurs de type_structure de la compilation : ${list(COMPILATION_TYPES.keys())}`, code: "enum", severity: "error"}});
    }
    if (dateOrigine !== "" && date === null) {
      problems.push({field: at("date_information"), problem: {file, line, column: "date_information", value: dateOrigine, expected: `${DATE_INFORMATION}, ou un texte qui cite au moins une année ; « ${dateOrigine} » ne permet pas de dater l'information`, code: "pattern", severity: "error"}});
    }
    const values = new Map([["id", cell("id")], ["nom", cell("nom")], ["type", type ?? typeOrigine], ["code_commune", cell("codgeo_cog2026")], ["echelle", cell("echelle")], ["date_information", date ?? ""], ["source_url", urls.split("|")[0].trim()], ["remarque", cell("remarque")]]);
    const originals = new Map<string, string | undefined>([["type", typeOrigine], ["date_information", dateOrigine], ["source_url", urls]]);
    return {
      line,
      cells: byField(compiled, values, () => ""),
      columns: byField(compiled, columns, (name) => name),
      originals: byField(compiled, originals, () => undefined),
      problems,
      extra: {type_origine: typeOrigine === "" ? null : typeOrigine, ...(date !== dateOrigine ? {date_information_origine: dateOrigine} : {})}
    };
  });
}

const TIERS_LIEUX_REQUIRED = ["ID", "NOM_TL", "LAT", "LONG", "codgeo_cog2026"];

/** tiers_lieux_cget2019_idf.csv → Structure[]: id "TL" + ID, NOM_TL, type tiers_lieu (TYPO in
 * `type_origine`), LAT/LONG, codgeo_cog2026, échelle commune, information of 2019, source_url the
 * CGET Mission Coworking repository. */
export function fromTiersLieux(bytes: Uint8Array, file: string, context: StructuresContext): StructuresResult {
  const fixed = "(valeur fixée par l'adaptateur)";
  const columns = new Map([["id", "ID"], ["nom", "NOM_TL"], ["type", `type ${fixed}`], ["code_commune", "codgeo_cog2026"], ["latitude", "LAT"], ["longitude", "LONG"], ["echelle", `echelle ${fixed}`], ["date_information", `date_information ${fixed}`], ["source_url", `source_url ${fixed}`]]);
  return adapt(bytes, file, context, TIERS_LIEUX_REQUIRED, "base des tiers-lieux CGET 2019", (cell, line, compiled) => {
    const id = cell("ID");
    const typo = cell("TYPO");
    const values = new Map([["id", id === "" ? "" : `TL${id}`], ["nom", cell("NOM_TL")], ["type", "tiers_lieu"], ["code_commune", cell("codgeo_cog2026")], ["latitude", cell("LAT")], ["longitude", cell("LONG")], ["echelle", "commune"], ["date_information", "2019"], ["source_url", TIERS_LIEUX_SOURCE_URL]]);
    return {
      line,
      cells: byField(compiled, values, () => ""),
      columns: byField(compiled, columns, (name) => name),
      originals: byField(compiled, new Map([["id", id]]), () => undefined),
      extra: {type_origine: typo === "" ? null : typo}
    };
  });
}

/** The result of a file that could not be read at all (see unreadableProblem). */
export function refusedStructures(file: string, problem: Problem): StructuresResult {
  return {file, rows: [], rejects: [], problems: [problem], refused: problem, dataLines: 0};
}
