// The source registry (data/sources.json): every file the build reads is declared once.
import {readFileSync} from "node:fs";
import {fileURLToPath} from "node:url";
import type {RegistrySource} from "../src/lib/datapackage.js";

/** A registry entry: the fields every reader relies on (src/lib/datapackage.ts), and where the build finds the file. */
export interface Source extends RegistrySource {
  /** A file of the data pack (under IDF_DATA_DIR), or … */
  pack_file?: string;
  /** … a file the project owns and commits (a transcription of a report, say). */
  project_file?: string;
  sha256: string;
  download_url: string | null;
  transformation: string;
  /** An aid source: the adapter that maps its records to the harmonised aid table (src/model/aides-adapters.ts). */
  aides?: {adaptateur: string; financeur?: string; annees?: [number, number]};
}

export const DEFAULT_REGISTRY = fileURLToPath(new URL("../data/sources.json", import.meta.url));

const REQUIRED: (keyof Source)[] = ["id", "title", "publisher", "licence", "vintage", "upstream_url", "sha256", "transformation"];

export class RegistryError extends Error {}

/** Reads and checks the registry; a malformed entry is an error naming the entry and field. */
export function readRegistry(path = DEFAULT_REGISTRY): Source[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(path, "utf8"));
  } catch (error) {
    throw new RegistryError(`${path}: the source registry is not readable JSON (${(error as Error).message}).`);
  }
  const sources = (parsed as {sources?: unknown}).sources;
  if (!Array.isArray(sources)) throw new RegistryError(`${path}: expected an object with a "sources" array.`);
  const seen = new Set<string>();
  sources.forEach((source: Record<string, unknown>, i) => {
    const where = `${path}: sources[${i}]${typeof source.id === "string" ? ` (${source.id})` : ""}`;
    for (const field of REQUIRED) {
      if (typeof source[field] !== "string" || source[field] === "") throw new RegistryError(`${where}: field "${field}" is missing or empty.`);
    }
    if ((typeof source.pack_file === "string") === (typeof source.project_file === "string")) {
      throw new RegistryError(`${where}: exactly one of "pack_file" and "project_file" must be given.`);
    }
    if (!/^[0-9a-f]{64}$/.test(source.sha256 as string)) throw new RegistryError(`${where}: field "sha256" must be 64 lowercase hexadecimal characters.`);
    if (source.download_url !== null && source.download_url !== undefined && typeof source.download_url !== "string") {
      throw new RegistryError(`${where}: field "download_url" must be a URL string or null.`);
    }
    const aides = source.aides as Source["aides"] | undefined;
    if (aides !== undefined) {
      const years = aides?.annees;
      if (typeof aides?.adaptateur !== "string" || (years !== undefined && !(Array.isArray(years) && years.length === 2 && years.every(Number.isInteger) && years[0] <= years[1]))) {
        throw new RegistryError(`${where}: field "aides" must be {"adaptateur": "<name>", "financeur"?: "<code>", "annees"?: [first, last]}.`);
      }
    }
    if (seen.has(source.id as string)) throw new RegistryError(`${where}: duplicate id "${source.id}".`);
    seen.add(source.id as string);
  });
  return sources as Source[];
}

export function getSource(id: string, sources: Source[] = readRegistry()): Source {
  const source = sources.find((s) => s.id === id);
  if (!source) throw new RegistryError(`Unknown source "${id}": declare it in data/sources.json.`);
  return source;
}
