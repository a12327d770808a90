// What the build is made from, hashed: the warehouse is rebuilt, and Framework's cached loader
// outputs dropped, whenever any of it changes (`npm run dev` and `npm run build` alike).
//
// The lists are folders, not hand-kept file names, so a new SQL model, parser or dictionary is
// covered the day it is added: loaders may import only src/lib and src/model (test/layers.test.ts),
// so loaders/ + src/lib/ + src/model/ is all the code they run, and data/ is every fact they read.
import {createHash} from "node:crypto";
import {existsSync, readdirSync, readFileSync} from "node:fs";
import {join, sep} from "node:path";
import {fileURLToPath} from "node:url";
import {packOptionsFromEnv} from "./pack.js";

export const ROOT = fileURLToPath(new URL("..", import.meta.url));

/** Build products and caches inside data/: outputs of the build, not inputs. */
const NOT_INPUTS = /^data\/(warehouse\.duckdb|raw\/)/;

function filesUnder(root: string, dir: string): string[] {
  const path = join(root, dir);
  if (!existsSync(path)) return [];
  return readdirSync(path, {withFileTypes: true}).flatMap((entry) => {
    if (entry.name.startsWith(".") || entry.name === "node_modules") return [];
    const child = join(dir, entry.name);
    return entry.isDirectory() ? filesUnder(root, child) : [child.split(sep).join("/")];
  });
}

/** Every file the warehouse is built from, relative to the project root, sorted. */
export function warehouseInputs(root = ROOT): string[] {
  return [
    ...filesUnder(root, "loaders"), // pipeline code, SQL models, checks
    ...filesUnder(root, "src/lib"), // parsers, CSV, projection: imported by loaders
    ...filesUnder(root, "src/model"), // domain logic imported by loaders (structures, placement…)
    ...filesUnder(root, "data").filter((f) => !NOT_INPUTS.test(f)), // registry, dictionaries, project-owned sources
    ...(existsSync(join(root, "package-lock.json")) ? ["package-lock.json"] : []) // DuckDB, d3, topojson versions
  ].sort();
}

/** The warehouse's inputs and the Framework loaders that read it: data loaders, page loaders and their templates. */
export function siteInputs(root = ROOT): string[] {
  const pageLoaders = filesUnder(root, "src").filter((f) => /^src\/[^/]+\.md\.(ts|template)$/.test(f));
  return [...warehouseInputs(root), ...filesUnder(root, "src/data"), ...pageLoaders].sort();
}

/** The pack is pinned by the registry's sha256; where it is read from still names the build. */
export function fingerprint(files: string[], root = ROOT, env = process.env): string {
  const hash = createHash("sha256");
  for (const file of files) hash.update(file).update("\0").update(readFileSync(join(root, file))).update("\0");
  return hash.update(packOptionsFromEnv(env).dataDir ?? "").digest("hex");
}
