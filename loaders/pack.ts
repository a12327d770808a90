// Locates a source's file: in the data pack (IDF_DATA_DIR), else in the local cache, else
// (only when IDF_DATA_DOWNLOAD=1) downloads it from the registry's download_url into the cache.
// Every path ends with a sha256 check, so a stale or altered file never reaches the warehouse.
import {createHash} from "node:crypto";
import {existsSync, mkdirSync, readFileSync, renameSync, writeFileSync} from "node:fs";
import {dirname, join, resolve} from "node:path";
import {fileURLToPath} from "node:url";
import {getSource, readRegistry, type Source} from "./registry.js";

export class PackError extends Error {}

export interface PackOptions {
  dataDir?: string;
  cacheDir?: string;
  download?: boolean;
}

export const DEFAULT_CACHE = fileURLToPath(new URL("../data/raw/", import.meta.url));

export function packOptionsFromEnv(env = process.env): PackOptions {
  return {
    dataDir: env.IDF_DATA_DIR ? resolve(env.IDF_DATA_DIR) : undefined,
    cacheDir: env.IDF_DATA_CACHE ? resolve(env.IDF_DATA_CACHE) : DEFAULT_CACHE,
    download: env.IDF_DATA_DOWNLOAD === "1"
  };
}

export function sha256(bytes: Uint8Array): string {
  return createHash("sha256").update(bytes).digest("hex");
}

function verify(source: Source, path: string, bytes: Uint8Array): void {
  const actual = sha256(bytes);
  if (actual !== source.sha256) {
    throw new PackError(
      `${path} (source "${source.id}") has sha256 ${actual} but data/sources.json expects ${source.sha256}: ` +
        `replace the file with the registered version, or, if the publisher issued a new vintage, update the registry entry.`
    );
  }
}

/** Returns the verified path of a source's file. */
export const PROJECT_ROOT = fileURLToPath(new URL("..", import.meta.url));

export async function locate(source: Source, options: PackOptions = packOptionsFromEnv()): Promise<string> {
  if (source.project_file) {
    const path = join(PROJECT_ROOT, source.project_file);
    if (!existsSync(path)) throw new PackError(`${source.project_file} (source "${source.id}") is missing from the project: restore it from git.`);
    verify(source, path, readFileSync(path));
    return path;
  }
  const packFile = source.pack_file!;
  const {dataDir, cacheDir = DEFAULT_CACHE, download = false} = options;
  if (dataDir) {
    if (!existsSync(dataDir)) {
      throw new PackError(`IDF_DATA_DIR is ${dataDir}, which does not exist: point IDF_DATA_DIR at the data pack folder (for example IDF_DATA_DIR=../shared/data).`);
    }
    const path = join(dataDir, packFile);
    if (existsSync(path)) {
      verify(source, path, readFileSync(path));
      return path;
    }
  }
  const cached = join(cacheDir, packFile);
  if (existsSync(cached)) {
    verify(source, cached, readFileSync(cached));
    return cached;
  }
  if (download && source.download_url) {
    const response = await fetch(source.download_url);
    if (!response.ok) throw new PackError(`Downloading ${source.download_url} for source "${source.id}" failed with HTTP ${response.status}: check the URL in data/sources.json or provide the data pack with IDF_DATA_DIR.`);
    const bytes = new Uint8Array(await response.arrayBuffer());
    verify(source, source.download_url, bytes);
    mkdirSync(dirname(cached), {recursive: true});
    writeFileSync(`${cached}.part`, bytes);
    renameSync(`${cached}.part`, cached); // never leave a half-written file that a later run would trust
    return cached;
  }
  if (!dataDir) {
    throw new PackError(
      `No data pack: set IDF_DATA_DIR to the folder of the Île-de-France data pack (for example IDF_DATA_DIR=../shared/data npm run build) to read ${packFile}` +
        (source.download_url ? `, or set IDF_DATA_DOWNLOAD=1 to download it from ${source.download_url}.` : ".")
    );
  }
  throw new PackError(`${join(dataDir, packFile)} is missing (source "${source.id}"): restore this file of the data pack in IDF_DATA_DIR${source.download_url ? `, or set IDF_DATA_DOWNLOAD=1 to download it` : ""}.`);
}

/** Convenience for loaders: the verified path of a registered source. */
export async function locateById(id: string, options?: PackOptions): Promise<string> {
  return locate(getSource(id, readRegistry()), options);
}
