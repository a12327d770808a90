// A Frictionless Data Package (datapackage.json, Data Package 2.0 with Table Schema) describing every
// published table from the table registry (data/tables.json) and the source registry
// (data/sources.json): one tabular resource per table, pointing at its stable CSV.
// Pure: the caller gives the registries and, optionally, each file's size and sha256.

export interface DictionaryColumn {
  name: string;
  type: string;
  unit: string;
  description: string;
  source: string;
}

export interface RegistryTable {
  id: string;
  title: string;
  licence: string;
  sources: string[];
  primaryKey?: string[];
  columns: DictionaryColumn[];
}

/** What every reader of data/sources.json relies on: an entry's identity, publisher, licence and vintage. */
export interface RegistrySource {
  id: string;
  title: string;
  publisher: string;
  licence: string;
  vintage: string;
  upstream_url: string;
  attribution?: string;
}

export interface License {
  name: string;
  path: string;
  title: string;
}

/** The licences the project's data travel under, by SPDX identifier (an Open Definition id too). */
export const LICENSES = {
  etalab: {name: "etalab-2.0", path: "https://www.etalab.gouv.fr/licence-ouverte-open-licence/", title: "Licence Ouverte 2.0 (Etalab)"},
  odbl: {name: "ODbL-1.0", path: "https://opendatacommons.org/licenses/odbl/1-0/", title: "Open Database License (ODbL) 1.0"}
} as const satisfies Record<string, License>;

/**
 * The licences of a table: those its registry entry names, and those of every source it is made
 * from, so a table with Paris data inside (ODbL, share-alike) always says so.
 */
export function tableLicenses(table: RegistryTable, sources: ReadonlyMap<string, RegistrySource>): License[] {
  const texts = [table.licence, ...table.sources.map((id) => sources.get(id)?.licence ?? "")];
  const out: License[] = [];
  if (texts.some((t) => /licence ouverte/i.test(t))) out.push(LICENSES.etalab);
  if (texts.some((t) => /\bODbL\b/i.test(t))) out.push(LICENSES.odbl);
  return out;
}

/** Table Schema field types of the dictionary's types. */
export const FIELD_TYPES: Record<string, string> = {texte: "string", entier: "integer", "décimal": "number"};

export interface FileFacts {
  bytes: number;
  sha256: string;
}

export interface PackageOptions {
  /** Path of each resource's data, relative to datapackage.json. */
  path: (table: RegistryTable) => string;
  /** Size and hash of each resource's file, when known. */
  facts?: (table: RegistryTable) => FileFacts | undefined;
}

export function dataPackage(tables: RegistryTable[], sourceList: RegistrySource[], {path, facts}: PackageOptions) {
  const sources = new Map(sourceList.map((s) => [s.id, s]));
  const sourceOf = (id: string) => {
    const s = sources.get(id);
    if (!s) throw new Error(`datapackage: source "${id}" is not in data/sources.json`);
    return {title: `${s.title} — ${s.publisher}`, path: s.upstream_url, version: s.vintage};
  };
  const resources = tables.map((table) => {
    const fields = table.columns.map((c) => {
      const type = FIELD_TYPES[c.type];
      if (!type) throw new Error(`datapackage: ${table.id}.${c.name} has type "${c.type}", not one of ${Object.keys(FIELD_TYPES).join(", ")}`);
      return {name: c.name, type, description: c.unit ? `${c.description} (unité : ${c.unit})` : c.description};
    });
    const file = facts?.(table);
    return {
      name: table.id,
      type: "table",
      path: path(table),
      format: "csv",
      mediatype: "text/csv",
      encoding: "utf-8",
      ...(file ? {bytes: file.bytes, hash: `sha256:${file.sha256}`} : {}),
      title: table.title,
      description: `Licence : ${table.licence}.`,
      licenses: tableLicenses(table, sources),
      sources: table.sources.map(sourceOf),
      schema: {
        fields,
        ...(table.primaryKey ? {primaryKey: table.primaryKey} : {}),
        // Statistical secrecy is a status column beside the value; an empty cell is a missing value.
        missingValues: [""]
      }
    };
  });
  const licenses = [LICENSES.etalab, LICENSES.odbl].filter((l) => resources.some((r) => r.licenses.some((x) => x.name === l.name)));
  const used = [...new Set(tables.flatMap((t) => t.sources))];
  return {
    $schema: "https://datapackage.org/profiles/2.0/datapackage.json",
    name: "atlas-besoins-sociaux-idf",
    title: "Atlas des besoins sociaux d'Île-de-France — tables publiées",
    description:
      "Les tables publiées par l'atlas (communes, territoires, indicateurs, aides, rejets…), en CSV UTF-8 à adresse stable. Chaque table a sa licence : Licence Ouverte 2.0, et ODbL (partage à l'identique) pour les tables qui contiennent des données de la Ville de Paris. Les valeurs ne sont jamais estimées ni complétées ; le secret statistique reste visible dans les colonnes de statut.",
    licenses,
    sources: used.map(sourceOf),
    resources
  };
}

export type DataPackage = ReturnType<typeof dataPackage>;
