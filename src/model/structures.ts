// The "offre recensée": support structures for (social) entrepreneurship in Île-de-France, one row
// per structure or site, as described by data/structures.schema.json. Pure and synchronous
// (web-standard APIs only), so it runs in node and in the browser.
//
// - validateStructures reads a file laid out as the schema says;
// - fromCompilation and fromTiersLieux map the data pack's two supply files into the same rows
//   WITHOUT modifying them, then run the same checks; problems name the original file, line and column.
//
// As in scdl.ts: nothing valid is lost (every data line ends up in `rows` or in `rejects`, with all
// its problems), every problem names file, line (1 = header), column, the value found and what was
// expected, in French; text is data (a name `<script>…</script>` is valid and kept verbatim).
import {CsvError, parseCsv, type CsvTable, fileProblem} from "../lib/csv-parse.js";
import {parseFrenchNumber} from "../lib/values.js";

// ---------------------------------------------------------------------------------------------
// Public types and constants (kept equal to data/structures.schema.json; a test checks it)

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

export interface StructureProblem {
  file: string;
  /** 1-based physical line; 1 is the header (file-level problems). */
  line: number;
  column: string;
  value: string;
  expected: string;
  /** Set on problems that reject nothing (an unknown extra column). */
  warning?: true;
}

export type StructureReject = StructureProblem & {reasons: string[]};

export interface StructuresResult {
  rows: Structure[];
  /** One entry per rejected line, all its problems in `reasons`. */
  rejects: StructureReject[];
  /** All problems: file-level ones (line 1), cell ones, and warnings. */
  problems: StructureProblem[];
}

/** type id → French label (the schema's `categories`). */
export const STRUCTURE_TYPES: Record<string, string> = {
  couveuse: "Couveuse d'entreprises",
  fabrique_a_initiatives: "Fabrique à initiatives",
  cae: "Coopérative d'activité et d'emploi (CAE)",
  incubateur_ess: "Incubateur de l'ESS",
  incubateur: "Incubateur (généraliste)",
  pepiniere: "Pépinière d'entreprises",
  tiers_lieu: "Tiers-lieu",
  dla: "Dispositif local d'accompagnement (DLA)",
  programme_territorial: "Programme territorial (EPT, collectivité)",
  financement: "Financement de la création (prêt d'honneur, microcrédit, épargne solidaire)",
  autre: "Autre structure d'accompagnement"
};

export const ECHELLES: Record<string, string> = {
  commune: "Commune",
  ept: "Établissement public territorial (EPT)",
  departement: "Département",
  region: "Région"
};

/** WGS84 bounds accepted for a point in Île-de-France (degrees). */
export const IDF_BOUNDS = {latitude: [48.1, 49.3], longitude: [1.4, 3.6]} as const;

export const STRUCTURE_FIELDS = ["id", "nom", "type", "code_commune", "latitude", "longitude", "echelle", "date_information", "source_url", "remarque"] as const;
type Field = (typeof STRUCTURE_FIELDS)[number];
export const REQUIRED_FIELDS: readonly Field[] = ["id", "nom", "type", "echelle", "date_information", "source_url"];

/** Communes absorbed in Île-de-France between 2019 and 2025 → their COG 2026 successor
 * (../geo/SOURCES.md, from @etalab/decoupage-administratif 6.0.0), for the hint of a rejected code. */
export const COMMUNES_FUSIONNEES: Record<string, string> = {
  "77149": "77109",
  "77028": "77433",
  "77399": "77504",
  "78524": "78158",
  "78503": "78320",
  "78251": "78551",
  "91182": "91228",
  "91222": "91390",
  "93059": "93066",
  "95282": "95169"
};

/** The compilation's `type_structure` → the schema's type (the original stays in `type_origine`). */
export const COMPILATION_TYPES: Record<string, string> = {
  cae: "cae",
  cae_antenne: "cae",
  couveuse: "couveuse",
  incubateur: "incubateur",
  incubateur_ess: "incubateur_ess",
  incubateur_antenne: "incubateur",
  lieu_ressource_ess_incubateur: "incubateur_ess",
  pepiniere: "pepiniere",
  tiers_lieu: "tiers_lieu",
  tiers_lieux_reseau: "tiers_lieu",
  dla_departemental: "dla",
  dla_regional: "dla",
  fabrique_a_initiatives: "fabrique_a_initiatives",
  programme_territorial_ess: "programme_territorial",
  programme_territorial: "programme_territorial",
  financement_creation: "financement"
};

/** The CGET tiers-lieux base (SOURCES.md): source_url of every row of tiers_lieux_cget2019_idf.csv. */
export const TIERS_LIEUX_SOURCE_URL = "https://github.com/anct-carto/mission_coworking";

// ---------------------------------------------------------------------------------------------
// Cell checks

const list = (values: string[]) => values.map((v) => `« ${v} »`).join(", ");
const frenchNumber = (n: number) => String(n).replace(".", ",");

const EXPECTED = {
  id: "un identifiant non vide",
  nom: "le nom de la structure",
  type: `une des valeurs ${list(Object.keys(STRUCTURE_TYPES))}`,
  code_commune: "un code commune du COG 2026 (1 266 communes d'Île-de-France)",
  latitude: `une latitude WGS84 en degrés décimaux entre ${frenchNumber(IDF_BOUNDS.latitude[0])} et ${frenchNumber(IDF_BOUNDS.latitude[1])} (Île-de-France)`,
  longitude: `une longitude WGS84 en degrés décimaux entre ${frenchNumber(IDF_BOUNDS.longitude[0])} et ${frenchNumber(IDF_BOUNDS.longitude[1])} (Île-de-France)`,
  echelle: `une des valeurs ${list(Object.keys(ECHELLES))}`,
  date_information: "la date ou l'année dont date l'information : AAAA ou AAAA-MM-JJ (ex. 2023 ou 2023-11-22)",
  source_url: "une adresse web complète commençant par http:// ou https:// (ex. https://www.exemple.fr/page)"
} satisfies Partial<Record<Field, string>>;

const IDF_DEPARTEMENTS = new Set(["75", "77", "78", "91", "92", "93", "94", "95"]);
const YEAR_OR_DATE = /^(\d{4})(?:-(\d{2})-(\d{2}))?$/;
const DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function isCalendarDate(year: number, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1) return false;
  const leap = month === 2 && year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  return day <= DAYS[month - 1] + (leap ? 1 : 0);
}

/** Lower case, no accents, spaces and hyphens as "_": "Pépinière" → "pepiniere", "Tiers-lieu" → "tiers_lieu". */
function normalizeCode(text: string): string {
  return text
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[\s'’-]+/g, "_");
}

function enumHint(text: string, values: string[]): string {
  const normalized = normalizeCode(text);
  return values.includes(normalized) ? ` (écrire « ${normalized} »)` : "";
}

function communeHint(code: string): string {
  const successor = COMMUNES_FUSIONNEES[code];
  if (successor) return ` ; ${code} n'existe plus dans le COG 2026 : commune fusionnée dans ${successor}${code === "93059" ? " (Saint-Denis) au 1er janvier 2025" : ""}, utiliser ${successor}`;
  if (/^751(0[1-9]|1\d|20)$/.test(code)) return ` ; ${code} est un arrondissement de Paris : utiliser 75056 (Paris)`;
  if (!IDF_DEPARTEMENTS.has(code.slice(0, 2))) return ` ; ${code} n'est pas en Île-de-France`;
  return ` ; ${code} n'est pas dans le COG 2026 (vérifier qu'il s'agit du code INSEE et non du code postal)`;
}

function isHttpUrl(text: string): boolean {
  if (/\s/.test(text) || !/^https?:\/\//i.test(text)) return false;
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return false;
  }
  const host = url.hostname;
  return (url.protocol === "http:" || url.protocol === "https:") && /^[^.]+(\.[^.]+)+$/.test(host);
}

function coordinate(text: string, name: "latitude" | "longitude"): {ok: true; value: number} | {ok: false; expected: string} {
  const value = parseFrenchNumber(text);
  const [min, max] = IDF_BOUNDS[name];
  if (value === undefined) return {ok: false, expected: `${EXPECTED[name]} ; « ${text} » n'est pas un nombre`};
  if (value < min || value > max) {
    const projected = Math.abs(value) > 1000 ? " ; ce sont des degrés qui sont attendus, pas des coordonnées projetées (Lambert 93)" : "";
    return {ok: false, expected: `${EXPECTED[name]}${projected}`};
  }
  return {ok: true, value};
}

// ---------------------------------------------------------------------------------------------
// Rows

/** One data line mapped to the schema's fields. `columns` names, per field, the column of the
 * original file to report (adapters); `raw` the original text to report when it differs. */
interface MappedRecord {
  line: number;
  values: Record<Field, string>;
  columns: Record<Field, string>;
  raw?: Partial<Record<Field, string>>;
  /** Problems found while mapping (their fields are not checked again). */
  problems?: (StructureProblem & {field: Field})[];
  extra?: Pick<Structure, "type_origine" | "date_information_origine">;
}

function checkRecords(file: string, records: MappedRecord[], communes: Set<string>, lineProblems: Map<number, StructureProblem[]>): StructuresResult {
  const rows: Structure[] = [];
  const problems: StructureProblem[] = [];
  const rejects: StructureReject[] = [];
  const firstLineOfId = new Map<string, number>();

  for (const record of records) {
    const {line, values, columns} = record;
    const found: StructureProblem[] = [...(record.problems ?? []).map(({field: _field, ...p}) => p)];
    const skip = new Set((record.problems ?? []).map((p) => p.field));
    const fail = (field: Field, expected: string, column = columns[field], value = record.raw?.[field] ?? values[field]) => {
      if (!skip.has(field)) found.push({file, line, column, value, expected});
    };

    for (const field of REQUIRED_FIELDS) {
      if (values[field] === "") fail(field, `une valeur obligatoire (la cellule est vide) : ${EXPECTED[field as keyof typeof EXPECTED]}`);
    }
    const {id, type, echelle, date_information, source_url} = values;
    if (id !== "") {
      const first = firstLineOfId.get(id);
      if (first !== undefined) fail("id", `un identifiant unique (« ${id} » est déjà utilisé ligne ${first})`);
      else firstLineOfId.set(id, line);
    }
    if (type !== "" && !(type in STRUCTURE_TYPES)) fail("type", `${EXPECTED.type}${enumHint(type, Object.keys(STRUCTURE_TYPES))}`);
    if (echelle !== "" && !(echelle in ECHELLES)) fail("echelle", `${EXPECTED.echelle}${enumHint(echelle, Object.keys(ECHELLES))}`);
    if (date_information !== "") {
      const m = YEAR_OR_DATE.exec(date_information);
      if (!m) fail("date_information", EXPECTED.date_information);
      else if (m[2] !== undefined && !isCalendarDate(+m[1], +m[2], +m[3])) fail("date_information", `${EXPECTED.date_information} ; cette date n'existe pas dans le calendrier`);
    }
    if (source_url !== "" && !isHttpUrl(source_url)) fail("source_url", EXPECTED.source_url);

    const code = values.code_commune;
    if (code !== "") {
      if (!/^(\d{5}|2[AB]\d{3})$/.test(code)) fail("code_commune", `${EXPECTED.code_commune} : un code INSEE de 5 caractères (ex. 93066)`);
      else if (!communes.has(code)) fail("code_commune", `${EXPECTED.code_commune}${communeHint(code)}`);
    }

    let latitude: number | null = null;
    let longitude: number | null = null;
    const hasLat = values.latitude !== "";
    const hasLon = values.longitude !== "";
    if (hasLat !== hasLon) {
      const given = hasLat ? "latitude" : "longitude";
      const missing = hasLat ? "longitude" : "latitude";
      if (!skip.has(missing)) found.push({file, line, column: columns[missing], value: "", expected: `une latitude et une longitude, ou aucune des deux (seule la ${given} est renseignée)`});
    }
    // Swapped columns: each value fails its own bounds and fits the other's.
    const inBounds = (v: number | undefined, [min, max]: readonly [number, number]) => v !== undefined && v >= min && v <= max;
    const lat = parseFrenchNumber(values.latitude);
    const lon = parseFrenchNumber(values.longitude);
    const swapped = !inBounds(lat, IDF_BOUNDS.latitude) && !inBounds(lon, IDF_BOUNDS.longitude) && inBounds(lat, IDF_BOUNDS.longitude) && inBounds(lon, IDF_BOUNDS.latitude);
    for (const name of ["latitude", "longitude"] as const) {
      if (values[name] === "") continue;
      const check = coordinate(values[name], name);
      if (!check.ok) fail(name, swapped ? `${check.expected} ; latitude et longitude semblent inversées` : check.expected);
      else if (name === "latitude") latitude = check.value;
      else longitude = check.value;
    }

    if (echelle === "commune" && code === "" && !hasLat && !hasLon) {
      found.push({file, line, column: [columns.code_commune, columns.latitude, columns.longitude].join(", "), value: "", expected: "pour une structure d'échelle « commune » : un code commune ou des coordonnées (latitude et longitude) ; sinon indiquer l'échelle ept, departement ou region"});
    }

    if (found.length > 0) {
      lineProblems.set(line, found);
      continue;
    }
    const structure: Structure = {
      id,
      nom: values.nom,
      type,
      code_commune: code === "" ? null : code,
      latitude,
      longitude,
      echelle,
      date_information,
      source_url,
      remarque: values.remarque === "" ? null : values.remarque,
      source: file,
      localisable: echelle === "commune" && (code !== "" || latitude !== null),
      line
    };
    if (record.extra) Object.assign(structure, record.extra);
    rows.push(structure);
  }

  for (const line of [...lineProblems.keys()].sort((a, b) => a - b)) {
    const found = lineProblems.get(line)!;
    problems.push(...found);
    rejects.push({
      file,
      line,
      column: found.map((p) => p.column).join(", "),
      value: found.map((p) => p.value).join(" ; "),
      expected: found.map((p) => p.expected).join(" ; "),
      reasons: found.map((p) => `${p.column} = « ${p.value} » : attendu ${p.expected}`)
    });
  }
  return {rows, rejects, problems};
}

// ---------------------------------------------------------------------------------------------
// Files

function fileLevel(file: string, error: CsvError): StructureProblem {
  return fileProblem(file, error, "du schéma des structures");
}

/** Parses the file and checks its header; `undefined` (with the file-level problem pushed) when nothing can be loaded. */
function readTable(bytes: Uint8Array, file: string, required: string[], known: Set<string> | null, what: string, problems: StructureProblem[]): {table: CsvTable; header: string[]; lineProblems: Map<number, StructureProblem[]>} | undefined {
  let table: CsvTable;
  try {
    table = parseCsv(bytes, file);
  } catch (error) {
    if (!(error instanceof CsvError)) throw error;
    problems.push(fileLevel(file, error));
    return undefined;
  }
  const header = table.header.map((h) => h.trim());
  const missing = required.filter((name) => !header.includes(name));
  if (missing.length > 0) {
    const label = missing.length > 1 ? "les colonnes obligatoires" : "la colonne obligatoire";
    problems.push({file, line: 1, column: missing.join(", "), value: header.join(table.separator), expected: `${label} ${missing.join(", ")} dans l'en-tête ${what} (aucune ligne n'est chargée)`});
    return undefined;
  }
  if (known) {
    for (const name of header) {
      if (!known.has(name)) problems.push({file, line: 1, column: name, value: name, expected: "une colonne du schéma des structures (colonne inconnue : ignorée, les lignes sont chargées)", warning: true});
    }
  }
  const lineProblems = new Map<number, StructureProblem[]>();
  for (const p of table.problems) {
    const found = /found (\d+)/.exec(p.expected)?.[1];
    lineProblems.set(p.line, [{file, line: p.line, column: p.column, value: p.value, expected: `${header.length} champs séparés par « ${table.separator} »${found ? `, ${found} trouvés` : ""}`}]);
  }
  return {table, header, lineProblems};
}

function finish(file: string, table: CsvTable, result: StructuresResult, fileProblems: StructureProblem[]): StructuresResult {
  result.problems.unshift(...fileProblems);
  if (table.records.length === 0 && table.problems.length === 0) {
    result.problems.push({file, line: 1, column: "*", value: "", expected: "au moins une ligne de données après l'en-tête (le fichier ne contient que l'en-tête)", warning: true});
  }
  return result;
}

const SCHEMA_COLUMNS = Object.fromEntries(STRUCTURE_FIELDS.map((f) => [f, f])) as Record<Field, string>;

/** Validates a file laid out as data/structures.schema.json (columns in any order, "," or ";",
 * UTF-8 or Windows-1252). `communes`: the valid commune codes (COG 2026, 1,266 in Île-de-France). */
export function validateStructures(bytes: Uint8Array, file: string, {communes}: {communes: Set<string>}): StructuresResult {
  const problems: StructureProblem[] = [];
  const read = readTable(bytes, file, [...REQUIRED_FIELDS], new Set(STRUCTURE_FIELDS), "(schéma des structures)", problems);
  if (!read) return {rows: [], rejects: [], problems};
  const {table, header, lineProblems} = read;
  const index = STRUCTURE_FIELDS.map((f) => header.indexOf(f));
  const records: MappedRecord[] = table.records.map((record) => ({
    line: record.line,
    values: Object.fromEntries(STRUCTURE_FIELDS.map((f, i) => [f, index[i] < 0 ? "" : record.values[index[i]].trim()])) as Record<Field, string>,
    columns: SCHEMA_COLUMNS
  }));
  return finish(file, table, checkRecords(file, records, communes, lineProblems), problems);
}

// ---------------------------------------------------------------------------------------------
// Adapters for the data pack's supply files (read-only inputs: mapped, never modified)

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

const COMPILATION_FILE = "la compilation des structures d'accompagnement";
const COMPILATION_REQUIRED = ["id", "nom", "type_structure", "echelle", "codgeo_cog2026", "date_information", "source_urls"];

/** structures_accompagnement_idf_compilation.csv → Structure[]: type_structure mapped with
 * COMPILATION_TYPES (original in `type_origine`), codgeo_cog2026 → code_commune, the first of the
 * ` | `-separated source_urls, date_information through compilationDate. */
export function fromCompilation(bytes: Uint8Array, file: string, communes: Set<string>): StructuresResult {
  const problems: StructureProblem[] = [];
  const read = readTable(bytes, file, COMPILATION_REQUIRED, null, `(${COMPILATION_FILE})`, problems);
  if (!read) return {rows: [], rejects: [], problems};
  const {table, header, lineProblems} = read;
  const col = (name: string) => header.indexOf(name);
  const at = {id: col("id"), nom: col("nom"), type: col("type_structure"), echelle: col("echelle"), code: col("codgeo_cog2026"), date: col("date_information"), urls: col("source_urls"), remarque: col("remarque")};
  const columns: Record<Field, string> = {id: "id", nom: "nom", type: "type_structure", code_commune: "codgeo_cog2026", latitude: "latitude", longitude: "longitude", echelle: "echelle", date_information: "date_information", source_url: "source_urls", remarque: "remarque"};
  const records = table.records.map((record): MappedRecord => {
    const cell = (i: number) => (i < 0 ? "" : record.values[i].trim());
    const typeOrigine = cell(at.type);
    const dateOrigine = cell(at.date);
    const urls = cell(at.urls);
    const date = compilationDate(dateOrigine);
    const mapped: MappedRecord = {
      line: record.line,
      values: {
        id: cell(at.id),
        nom: cell(at.nom),
        type: COMPILATION_TYPES[typeOrigine] ?? typeOrigine,
        code_commune: cell(at.code),
        latitude: "",
        longitude: "",
        echelle: cell(at.echelle),
        date_information: date ?? "",
        source_url: urls.split("|")[0].trim(),
        remarque: cell(at.remarque)
      },
      columns,
      raw: {type: typeOrigine, date_information: dateOrigine, source_url: urls},
      problems: [],
      extra: {type_origine: typeOrigine === "" ? null : typeOrigine, ...(date !== dateOrigine ? {date_information_origine: dateOrigine} : {})}
    };
    if (typeOrigine !== "" && !(typeOrigine in COMPILATION_TYPES)) {
      mapped.problems!.push({field: "type", file, line: record.line, column: "type_structure", value: typeOrigine, expected: `une des valeurs de type_structure de la compilation : ${list(Object.keys(COMPILATION_TYPES))}`});
    }
    if (dateOrigine !== "" && date === null) {
      mapped.problems!.push({field: "date_information", file, line: record.line, column: "date_information", value: dateOrigine, expected: `${EXPECTED.date_information}, ou un texte qui cite au moins une année ; « ${dateOrigine} » ne permet pas de dater l'information`});
    }
    return mapped;
  });
  return finish(file, table, checkRecords(file, records, communes, lineProblems), problems);
}

const TIERS_LIEUX_REQUIRED = ["ID", "NOM_TL", "LAT", "LONG", "codgeo_cog2026"];

/** tiers_lieux_cget2019_idf.csv → Structure[]: id "TL" + ID, NOM_TL, type tiers_lieu (TYPO in
 * `type_origine`), LAT/LONG, codgeo_cog2026, échelle commune, information of 2019, source_url the
 * CGET Mission Coworking repository. */
export function fromTiersLieux(bytes: Uint8Array, file: string, communes: Set<string>): StructuresResult {
  const problems: StructureProblem[] = [];
  const read = readTable(bytes, file, TIERS_LIEUX_REQUIRED, null, "(base des tiers-lieux CGET 2019)", problems);
  if (!read) return {rows: [], rejects: [], problems};
  const {table, header, lineProblems} = read;
  const col = (name: string) => header.indexOf(name);
  const at = {id: col("ID"), nom: col("NOM_TL"), lat: col("LAT"), lon: col("LONG"), code: col("codgeo_cog2026"), typo: col("TYPO")};
  const fixed = "(valeur fixée par l'adaptateur)";
  const columns: Record<Field, string> = {id: "ID", nom: "NOM_TL", type: `type ${fixed}`, code_commune: "codgeo_cog2026", latitude: "LAT", longitude: "LONG", echelle: `echelle ${fixed}`, date_information: `date_information ${fixed}`, source_url: `source_url ${fixed}`, remarque: "remarque"};
  const records = table.records.map((record): MappedRecord => {
    const cell = (i: number) => (i < 0 ? "" : record.values[i].trim());
    const id = cell(at.id);
    const typo = cell(at.typo);
    return {
      line: record.line,
      values: {id: id === "" ? "" : `TL${id}`, nom: cell(at.nom), type: "tiers_lieu", code_commune: cell(at.code), latitude: cell(at.lat), longitude: cell(at.lon), echelle: "commune", date_information: "2019", source_url: TIERS_LIEUX_SOURCE_URL, remarque: ""},
      columns,
      raw: {id},
      extra: {type_origine: typo === "" ? null : typo}
    };
  });
  return finish(file, table, checkRecords(file, records, communes, lineProblems), problems);
}
