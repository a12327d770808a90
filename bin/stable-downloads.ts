// `npm run build`, after Framework: every published table also at a stable path
// (dist/telechargement/<table>.csv, -excel.csv, .xlsx, .parquet, .geojson, -dictionnaire.csv), so
// that partners' scripts keep working across builds, and dist/telechargement/datapackage.json (a
// Frictionless Data Package of the stable CSVs). The hashed files under /_file/ stay for the pages.
// Each copy is byte-identical to the hashed file the Données page links to.
import {createHash} from "node:crypto";
import {copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync} from "node:fs";
import {join} from "node:path";
import {readRegistry} from "../loaders/registry.js";
import {readTables} from "../loaders/tables.js";
import {dataPackage} from "../src/lib/datapackage.js";
import {DOWNLOAD_FORMATS, downloadName, formatsOf, STABLE_DIR, type DownloadFormat} from "../src/lib/downloads.js";

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** The file Framework built for a table's format: data/<folder>/<id>.<8 hex>.<ext>. */
export function hashedFile(dist: string, tableId: string, f: DownloadFormat): string {
  const dir = join(dist, "_file", "data", f.folder);
  const pattern = new RegExp(`^${escapeRegExp(tableId)}\\.[0-9a-f]{8}\\.${escapeRegExp(f.ext)}$`);
  const found = existsSync(dir) ? readdirSync(dir).filter((name) => pattern.test(name)) : [];
  if (found.length !== 1)
    throw new Error(`${dir}: expected one built file for ${tableId}.${f.ext}, found ${found.length ? found.join(", ") : "none"} — does the Données page link it?`);
  return join(dir, found[0]);
}

export function writeStableDownloads(dist: string): string[] {
  const out = join(dist, STABLE_DIR);
  rmSync(out, {recursive: true, force: true});
  mkdirSync(out, {recursive: true});
  const tables = readTables();
  const written: string[] = [];
  for (const table of tables) {
    for (const f of formatsOf(table)) {
      copyFileSync(hashedFile(dist, table.id, f), join(out, downloadName(table.id, f)));
      written.push(`${STABLE_DIR}/${downloadName(table.id, f)}`);
    }
  }
  const csv = DOWNLOAD_FORMATS.find((f) => f.format === "csv")!;
  const descriptor = dataPackage(tables, readRegistry(), {
    path: (t) => downloadName(t.id, csv),
    facts: (t) => {
      const bytes = readFileSync(join(out, downloadName(t.id, csv)));
      return {bytes: bytes.length, sha256: createHash("sha256").update(bytes).digest("hex")};
    }
  });
  writeFileSync(join(out, "datapackage.json"), JSON.stringify(descriptor, null, 2) + "\n");
  written.push(`${STABLE_DIR}/datapackage.json`);
  return written;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const written = writeStableDownloads(process.argv[2] ?? "dist");
  process.stderr.write(`stable downloads: ${written.length} files in ${STABLE_DIR}/\n`);
}
