/**
 * npm run report -- --year 2019 [--funder region_idf] [--out fichier.pdf] [--date AAAA-MM-JJ]
 *
 * The annual bilan of one year as an A4 PDF (reports/bilan-<year>[-<funders>].pdf), printed by
 * headless Chromium from the built site (src/bilan-rapport.md; run npm run build first): a first
 * page of key figures per funder, a section per funder, an appendix of sources. --funder (repeated,
 * or comma-separated codes) limits it to some funders; by default every funder with data that year.
 * --date sets the edition date printed in the footer (default: today, from src/lib/clock.ts).
 *
 * A year without data, an unknown funder, a bad date or a missing built site: one French sentence
 * on stderr, exit 1 (2 for a usage error), and no PDF.
 */
import {existsSync, mkdirSync} from "node:fs";
import {dirname, join, resolve} from "node:path";
import {parseArgs} from "node:util";
import {fileURLToPath} from "node:url";
import {editionDate} from "../src/lib/clock.js";
import {launchBrowser} from "./chromium.js";
import {PrintError, printToPdf} from "./print-pdf.js";
import {serve} from "./static-server.js";

const USAGE = "Usage : npm run report -- --year 2019 [--funder region_idf] [--out fichier.pdf] [--date AAAA-MM-JJ]";
const root = fileURLToPath(new URL("..", import.meta.url));

function fail(message: string, code = 1): never {
  console.error(message);
  process.exit(code);
}

let values: {year?: string; funder?: string[]; out?: string; date?: string};
try {
  ({values} = parseArgs({options: {year: {type: "string"}, funder: {type: "string", multiple: true}, out: {type: "string"}, date: {type: "string"}}}));
} catch (error) {
  fail(`${(error as Error).message}. ${USAGE}`, 2);
}
if (values.year === undefined) fail(`Année manquante. ${USAGE}`, 2);
let edition: string;
try {
  edition = editionDate(values.date);
} catch (error) {
  fail((error as Error).message, 2);
}
const funders = (values.funder ?? []).flatMap((f) => f.split(",")).map((f) => f.trim()).filter(Boolean);

const dist = resolve(process.env.DIST_DIR ?? join(root, "dist"));
if (!existsSync(join(dist, "bilan-rapport.html"))) {
  fail(`Site non construit : ${join(dist, "bilan-rapport.html")} est absent ; lancez d'abord la construction (IDF_DATA_DIR=../shared/data npm run build).`);
}
const out = resolve(values.out ?? join(root, "reports", `bilan-${values.year}${funders.length ? `-${funders.join("-")}` : ""}.pdf`));
mkdirSync(dirname(out), {recursive: true});

const query = new URLSearchParams({annee: values.year, edition});
if (funders.length) query.set("financeurs", funders.join(","));
const started = performance.now();
const server = await serve(dist);
const browser = await launchBrowser();
try {
  const result = await printToPdf(browser, `${server.url}/bilan-rapport?${query}`, out);
  console.log(`${result.out} : ${result.pages} pages, ${Math.round(result.bytes / 1024)} Kio, ${((performance.now() - started) / 1000).toFixed(1)} s`);
} catch (error) {
  process.exitCode = 1;
  console.error(error instanceof PrintError ? error.message : `Rapport non produit : ${(error as Error).message}`);
} finally {
  await browser.close();
  await server.close();
}
