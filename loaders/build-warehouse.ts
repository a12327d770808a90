// `npm run build` step 1: build and check the warehouse; any error stops the build with its message.
// Also drops Framework's cached loader outputs when the pipeline changed: Framework re-runs a loader
// only when the loader file itself changes, not the modules, SQL, registry or template it reads.
import {existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync} from "node:fs";
import {join} from "node:path";
import {fingerprint, ROOT, siteInputs} from "./fingerprint.js";
import {buildWarehouse} from "./warehouse.js";

const cache = join(ROOT, "src", ".observablehq", "cache");
const stamp = join(cache, ".pipeline-fingerprint");
// Third-party modules are cached by version and stay valid.
const KEEP = new Set(["_npm", "_node", "_jsr", "_duckdb", ".pipeline-fingerprint"]);

try {
  await buildWarehouse();
  const current = fingerprint(siteInputs());
  if (existsSync(cache) && (!existsSync(stamp) || readFileSync(stamp, "utf8") !== current)) {
    for (const entry of readdirSync(cache)) if (!KEEP.has(entry)) rmSync(join(cache, entry), {recursive: true, force: true});
    process.stderr.write("pipeline changed: cached loader outputs dropped\n");
  }
  mkdirSync(cache, {recursive: true});
  writeFileSync(stamp, current);
} catch (error) {
  process.stderr.write(`${(error as Error).message}\n`);
  process.exit(1);
}
