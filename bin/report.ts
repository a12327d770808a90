/**
 * npm run report -- --year 2019 : the bilan of one year (a section per funder with data that year, and
 * its series; src/bilan-rapport.md) as an A4 PDF (reports/bilan-<year>.pdf),
 * printed by headless Chromium from the built site (run npm run build first).
 */
import {existsSync, mkdirSync, statSync} from "node:fs";
import {join} from "node:path";
import {parseArgs} from "node:util";
import {fileURLToPath} from "node:url";
import {launchBrowser} from "./chromium.js";
import {serve} from "./static-server.js";

const root = fileURLToPath(new URL("..", import.meta.url));
const {values} = parseArgs({options: {year: {type: "string"}, out: {type: "string"}}});
const year = Number(values.year);
if (!Number.isInteger(year)) {
  console.error("Usage: npm run report -- --year 2019");
  process.exit(2);
}
const dist = join(root, "dist");
if (!existsSync(join(dist, "bilan-rapport.html"))) {
  console.error("dist/bilan-rapport.html is missing: run npm run build first (IDF_DATA_DIR=../shared/data npm run build).");
  process.exit(1);
}
const out = values.out ?? join(root, "reports", `bilan-${year}.pdf`);
mkdirSync(join(out, ".."), {recursive: true});
const server = await serve(dist);
const browser = await launchBrowser();
try {
  const page = await browser.newPage();
  const errors: string[] = [];
  page.on("pageerror", (e) => errors.push(String(e)));
  await page.goto(`${server.url}/bilan-rapport?annee=${year}`, {waitUntil: "networkidle"});
  await page.waitForFunction(() => document.documentElement.dataset.bilanReady !== undefined, undefined, {timeout: 30_000});
  const shown = await page.evaluate(() => document.documentElement.dataset.bilanReady);
  if (shown !== String(year)) throw new Error(`no aid recorded for ${year}: choose a year the aid data covers (Région 2019, État 2020–2023, Ville de Paris 2013–2025).`);
  if (errors.length) throw new Error(`the page has errors: ${errors.join("; ")}`);
  await page.emulateMedia({media: "print"});
  await page.pdf({path: out, format: "A4", printBackground: true, preferCSSPageSize: true});
  console.log(`${out} (${Math.round(statSync(out).size / 1024)} KiB)`);
} finally {
  await browser.close();
  await server.close();
}
