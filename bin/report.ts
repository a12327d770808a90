/**
 * npm run report -- --year 2019 [--funder region_idf] [--out fichier.pdf] [--date AAAA-MM-JJ]
 *
 * The annual bilan of one year as an A4 PDF (reports/bilan-<year>[-<funders>].pdf), printed by
 * headless Chromium from the built site (src/bilan-rapport.md; run npm run build first): a first
 * page of key figures per funder, a section per funder, an appendix of sources. --funder (repeated,
 * or comma-separated codes) limits it to some funders; by default every funder with data that year.
 * --date sets the edition date printed in the footer (default: today, from src/lib/clock.ts).
 *
 * npm run report -- --territoire 93027 [--out fichier.pdf] [--date AAAA-MM-JJ]
 *
 * The territory sheet (src/fiche.md) of a commune, an arrondissement, an EPT, an EPCI, a zone
 * d'emploi, a bassin or a département as a one-page A4 PDF (reports/fiche-<code>.pdf), printed
 * through the same print layer. Codes as on the site; "bassin:1107" where two levels share a code.
 *
 * A year without data, an unknown funder, an unknown, ambiguous or merged territory code, a bad date
 * or a missing built site: one French sentence on stderr, exit 1 (2 for a usage error), and no PDF.
 */
import {existsSync, mkdirSync} from "node:fs";
import {dirname, join, resolve} from "node:path";
import {parseArgs} from "node:util";
import {fileURLToPath} from "node:url";
import {editionDate} from "../src/lib/clock.js";
import {launchBrowser} from "./chromium.js";
import {PrintError, printToPdf} from "./print-pdf.js";
import {sheetFileName, sheetQuery} from "./report-territoire.js";
import {serve} from "./static-server.js";

const USAGE = "Usage : npm run report -- --year 2019 [--funder region_idf] [--out fichier.pdf] [--date AAAA-MM-JJ], ou npm run report -- --territoire 93027 [--out fichier.pdf] [--date AAAA-MM-JJ]";
const root = fileURLToPath(new URL("..", import.meta.url));

function fail(message: string, code = 1): never {
  console.error(message);
  process.exit(code);
}

let values: {year?: string; funder?: string[]; out?: string; date?: string; territoire?: string};
try {
  ({values} = parseArgs({options: {year: {type: "string"}, funder: {type: "string", multiple: true}, out: {type: "string"}, date: {type: "string"}, territoire: {type: "string"}}}));
} catch (error) {
  fail(`${(error as Error).message}. ${USAGE}`, 2);
}
if (values.year !== undefined && values.territoire !== undefined) fail(`Un rapport à la fois : --year ou --territoire. ${USAGE}`, 2);
if (values.year === undefined && values.territoire === undefined) fail(`Année ou territoire manquant. ${USAGE}`, 2);
if (values.territoire !== undefined && values.funder !== undefined) fail(`--funder ne vaut que pour le bilan d'une année (--year). ${USAGE}`, 2);
let edition: string;
try {
  edition = editionDate(values.date);
} catch (error) {
  fail((error as Error).message, 2);
}
const funders = (values.funder ?? []).flatMap((f) => f.split(",")).map((f) => f.trim()).filter(Boolean);

// The page printed and its query: the bilan of a year, or a territory's sheet.
let page: string, query: URLSearchParams, defaultOut: string;
if (values.territoire !== undefined) {
  page = "fiche";
  query = sheetQuery(values.territoire, edition);
  defaultOut = sheetFileName(values.territoire);
} else {
  page = "bilan-rapport";
  query = new URLSearchParams({annee: values.year!, edition});
  if (funders.length) query.set("financeurs", funders.join(","));
  defaultOut = `bilan-${values.year}${funders.length ? `-${funders.join("-")}` : ""}.pdf`;
}
const dist = resolve(process.env.DIST_DIR ?? join(root, "dist"));
if (!existsSync(join(dist, `${page}.html`))) {
  fail(`Site non construit : ${join(dist, `${page}.html`)} est absent ; lancez d'abord la construction (IDF_DATA_DIR=../shared/data npm run build).`);
}
const out = resolve(values.out ?? join(root, "reports", defaultOut));
mkdirSync(dirname(out), {recursive: true});

const started = performance.now();
const server = await serve(dist);
const browser = await launchBrowser();
try {
  const result = await printToPdf(browser, `${server.url}/${page}?${query}`, out);
  console.log(`${result.out} : ${result.pages} pages, ${Math.round(result.bytes / 1024)} Kio, ${((performance.now() - started) / 1000).toFixed(1)} s`);
} catch (error) {
  process.exitCode = 1;
  console.error(error instanceof PrintError ? error.message : `Rapport non produit : ${(error as Error).message}`);
} finally {
  await browser.close();
  await server.close();
}
