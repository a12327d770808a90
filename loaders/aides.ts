// Stages every aid source of the registry (entries with an `aides` block) into the warehouse:
// each file goes through its adapter (src/model/aides-adapters.ts) and the common rules
// (src/model/aides.ts); every record read lands in raw_aides, loaded or rejected, with its
// problems in raw_aides_problemes. The SQL models (stg_aides → int_aides → mart_…) and the
// checks (loaders/checks/aides_*.sql) take it from there.
import type {DuckDBConnection} from "@duckdb/node-api";
import {readFileSync} from "node:fs";
import {fileURLToPath} from "node:url";
import {adaptateur} from "../src/model/aides-adapters.js";
import {screenAides, type Aide, type AideRejetee, type Financeur} from "../src/model/aides.js";
import {createTable, type Columns} from "./append.js";
import {locate, type PackOptions} from "./pack.js";
import {scdlSchema} from "./schemas.js";
import type {Source} from "./registry.js";

export const FINANCEURS = fileURLToPath(new URL("../data/aides/financeurs.json", import.meta.url));

export function readFinanceurs(path = FINANCEURS): Financeur[] {
  return JSON.parse(readFileSync(path, "utf8")).financeurs;
}

/** raw_aides: the harmonised fields, provenance, and whether the record was loaded. */
const COLUMNS: Columns = [
  ["id_aide", "VARCHAR"], ["rejete", "BOOLEAN"], ["id_source", "VARCHAR"], ["financeur", "VARCHAR"], ["libelle_financeur", "VARCHAR"],
  ["nom_attribuant", "VARCHAR"], ["id_attribuant", "VARCHAR"], ["nom_beneficiaire", "VARCHAR"], ["id_beneficiaire", "VARCHAR"],
  ["rna_beneficiaire", "VARCHAR"], ["objet", "VARCHAR"], ["montant", "DOUBLE"], ["nature", "VARCHAR"], ["date_convention", "VARCHAR"],
  ["annee", "INTEGER"], ["dispositif_aide", "VARCHAR"], ["nom_service_instructeur", "VARCHAR"], ["thematique", "VARCHAR"],
  ["nombre_aides", "INTEGER"], ["adresse_siege", "VARCHAR"], ["code_postal_siege", "VARCHAR"], ["commune_siege", "VARCHAR"],
  ["arrondissement_siege", "INTEGER"], ["latitude", "DOUBLE"], ["longitude", "DOUBLE"], ["code_departement", "VARCHAR"],
  ["code_contrat", "VARCHAR"], ["source", "VARCHAR"], ["fichier", "VARCHAR"], ["ligne", "INTEGER"], ["licence", "VARCHAR"], ["champs_derives", "VARCHAR"]
];

export interface AidesStaged {
  aides: Aide[];
  rejets: AideRejetee[];
  fichiers: {source: string; fichier: string; enregistrements: number}[];
}

/** Reads, adapts and screens every aid source, then stages the results. */
export async function stageAides(connection: DuckDBConnection, registry: Source[], pack: PackOptions, financeurs = readFinanceurs()): Promise<AidesStaged> {
  const brutes = [];
  const fichiers: AidesStaged["fichiers"] = [];
  const declare: {source: string; annee: number; nombre: number; montant: number}[] = [];
  const schema = registry.some((s) => s.aides?.adaptateur === "scdl") ? await scdlSchema(pack) : undefined;
  for (const source of registry.filter((s) => s.aides)) {
    const fichier = source.pack_file ?? source.project_file!;
    const bytes = readFileSync(await locate(source, pack));
    const adapted = adaptateur(source.aides!.adaptateur, `data/sources.json (${source.id})`).lire(bytes, {
      source: source.id,
      fichier,
      licence: source.licence,
      annees: source.aides!.annees ?? null,
      financeurs,
      financeur: source.aides!.financeur,
      scdlSchema: schema
    });
    brutes.push(...adapted.brutes);
    fichiers.push({source: source.id, fichier, enregistrements: adapted.enregistrements});
    declare.push(...adapted.declare.map((d) => ({source: source.id, ...d})));
  }
  const {aides, rejets} = screenAides(brutes);
  await createTable(connection, "raw_aides", COLUMNS, [...aides.map((a) => ({...a, rejete: false})), ...rejets.map((r) => ({...r, rejete: true}))]);
  await createTable(
    connection,
    "raw_aides_problemes",
    [["id_aide", "VARCHAR"], ["source", "VARCHAR"], ["ligne", "INTEGER"], ["colonne", "VARCHAR"], ["valeur", "VARCHAR"], ["raison", "VARCHAR"]],
    rejets.flatMap((r) => r.problemes.map((p) => ({id_aide: r.id_aide, source: r.source, ligne: r.ligne, ...p})))
  );
  await createTable(connection, "raw_aides_fichiers", [["source", "VARCHAR"], ["fichier", "VARCHAR"], ["enregistrements", "INTEGER"]], fichiers);
  await createTable(connection, "raw_aides_declare", [["source", "VARCHAR"], ["annee", "INTEGER"], ["nombre", "INTEGER"], ["montant", "DOUBLE"]], declare);
  return {aides, rejets, fichiers};
}
