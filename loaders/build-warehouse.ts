// `npm run build` step 1: build and check the warehouse; any error stops the build with its message.
// Also drops Framework's cached loader outputs when the pipeline changed: Framework re-runs a loader
// only when the loader file itself changes, not the modules, SQL or registry it reads.
import {createHash} from "node:crypto";
import {existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync} from "node:fs";
import {join, relative} from "node:path";
import {fileURLToPath} from "node:url";
import {buildWarehouse} from "./warehouse.js";

const root = fileURLToPath(new URL("..", import.meta.url));
const cache = join(root, "src", ".observablehq", "cache");
const stamp = join(cache, ".pipeline-fingerprint");
// Third-party modules are cached by version and stay valid.
const KEEP = new Set(["_npm", "_node", "_jsr", "_duckdb", ".pipeline-fingerprint"]);

function files(dir: string): string[] {
  return readdirSync(dir, {withFileTypes: true}).flatMap((e) =>
    e.name.startsWith(".") ? [] : e.isDirectory() ? files(join(dir, e.name)) : [join(dir, e.name)]
  );
}

export function pipelineFingerprint(): string {
  const hash = createHash("sha256");
  const inputs = [...files(join(root, "loaders")), ...files(join(root, "data")).filter((f) => f.endsWith(".json")), ...files(join(root, "src")).filter((f) => /\.(ts|js)$/.test(f))];
  for (const file of inputs.sort()) hash.update(relative(root, file)).update(readFileSync(file));
  return hash.update(process.env.IDF_DATA_DIR ?? "").digest("hex");
}

try {
  await buildWarehouse();
  const fingerprint = pipelineFingerprint();
  if (existsSync(cache) && (!existsSync(stamp) || readFileSync(stamp, "utf8") !== fingerprint)) {
    for (const entry of readdirSync(cache)) if (!KEEP.has(entry)) rmSync(join(cache, entry), {recursive: true, force: true});
    process.stderr.write("pipeline changed: cached loader outputs dropped\n");
  }
  mkdirSync(cache, {recursive: true});
  writeFileSync(stamp, fingerprint);
} catch (error) {
  process.stderr.write(`${(error as Error).message}\n`);
  process.exit(1);
}
