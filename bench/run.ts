/**
 * npm run bench [-- --only report] [--no-build] [--runs 5] [--build-runs 3] [--build-budget-min 40] [--import-rows 1000000]
 *
 * Browser measures (headless Chromium, 127.0.0.1, fresh context + cache disabled per run):
 *   - time to first map paint = startTime of performance.mark("first-map")
 *   - transferred bytes = Σ CDP Network.loadingFinished.encodedDataLength for the page load
 * for the home page `/` and for a naive page (Plot + d3 + the commune GeoJSON download,
 * projected in the browser) written to a temp dir and served beside dist/.
 * Besoins page `/besoins`: the same cold measures, then, in one warm page, WEIGHT_CHANGES moves of
 * the #poids-emploi slider (value set + "input" event, alternating two values), each awaited until
 * its stability and repaint measures appear; medians of the page's own performance.measure entries
 * besoins-recompute, besoins-repaint and besoins-stability (the worker's duration), of the time from
 * the input event to the end of the repaint, and the node-side medians of bench/needs-index.ts.
 * Bilan page: first render of the Ville de Paris's 2019 (performance.mark("bilan-ready"), cold runs),
 * and the import of a generated SCDL file of --import-rows rows (bench/scdl-import.ts): choice to
 * bilan, longest main-thread task, peak renderer memory.
 * Annual report: `npm run report -- --year 2019 --funder region_idf` and `-- --year 2019` (every
 * funder) from the built site, start to end of the command (bench/report.ts), 3 runs each, and the
 * PDFs' page counts. `npm run bench -- --only report` runs this part alone (nothing else is
 * measured, bench/results.json is left as it is).
 * Build times: cold (Framework cache, dist/ and data/warehouse.duckdb removed) and warm (cache kept)
 * `npm run build`; IDF_DATA_DIR defaults to ../shared/data when unset and present.
 * Prints a table and writes bench/results.json.
 */
import {spawnSync} from "node:child_process";
import {existsSync} from "node:fs";
import {mkdtemp, readdir, rename, rm, stat, writeFile} from "node:fs/promises";
import {tmpdir} from "node:os";
import {join, relative, sep} from "node:path";
import {fileURLToPath} from "node:url";
import type {Browser} from "playwright-core";
import {launchBrowser} from "../bin/chromium.js";
import {serve} from "../bin/static-server.js";
import {benchNeedsIndex} from "./needs-index.js";
import {benchPlacement} from "./placement.js";
import {EXPLORER_TARGETS, measureExplorerCold, measureExplorerFilter} from "./explorer.js";
import {BILAN_TARGETS, measureBilanFirstRender, type BilanRun} from "./bilan.js";
import {IMPORT_TARGETS, measureScdlImport, type ImportRun} from "./scdl-import.js";
import {benchReport, printReport, REPORT_TARGETS} from "./report.js";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const DIST = process.env.DIST_DIR ?? join(ROOT, "dist");
const RESULTS = join(ROOT, "bench", "results.json");

function option(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  const value = i >= 0 ? Number(process.argv[i + 1]) : NaN;
  return Number.isFinite(value) && value > 0 ? value : fallback;
}
const RUNS = Math.max(5, option("runs", 5));
const BUILD_RUNS = option("build-runs", 3);
const BUILD_BUDGET_MS = option("build-budget-min", 40) * 60_000;
const NO_BUILD = process.argv.includes("--no-build");
const WEIGHT_CHANGES = Math.max(20, option("weight-changes", 21));
const IMPORT_ROWS = option("import-rows", 1_000_000);
/** Targets of the Besoins page, in ms. */
const BESOINS_TARGETS = {firstMapMs: 300, recomputeMs: 16, repaintMs: 50, stabilityMs: 300};
/** Issue 8: a cold build (median of 3) within 45 s on the 2-core CI machine; the warm build has no target. */
const BUILD_TARGETS = {coldS: 45};

const median = (values: number[]): number => {
  const sorted = values.filter(Number.isFinite).sort((a, b) => a - b);
  if (!sorted.length) return NaN;
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

async function walk(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(dir, {withFileTypes: true})) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...(await walk(path)));
    else if (entry.isFile()) out.push(path);
  }
  return out;
}

const toUrlPath = (file: string): string => "/" + relative(DIST, file).split(sep).join("/");

// ---------------------------------------------------------------- builds

interface BuildTimes {
  cold: number[];
  warm: number[];
}

// The build reads the data pack from IDF_DATA_DIR; default to the shared pack beside the work tree.
const buildEnv = {...process.env};
if (!buildEnv.IDF_DATA_DIR && existsSync(join(ROOT, "..", "shared", "data"))) buildEnv.IDF_DATA_DIR = join(ROOT, "..", "shared", "data");

function timedBuild(label: string): number {
  process.stderr.write(`  ${label} build… `);
  const start = performance.now();
  const result = spawnSync("npm", ["run", "build"], {cwd: ROOT, env: buildEnv, stdio: ["ignore", "ignore", "pipe"], encoding: "utf8"});
  const ms = performance.now() - start;
  if (result.status !== 0) {
    process.stderr.write("FAILED\n");
    throw new Error(`npm run build failed (exit ${result.status}):\n${(result.stderr ?? "").slice(-4000)}`);
  }
  process.stderr.write(`${(ms / 1000).toFixed(1)} s\n`);
  return ms;
}

/** What a cold build starts without. */
const COLD_PATHS = ["src/.observablehq/cache", "dist", "data/warehouse.duckdb", "data/warehouse.duckdb.wal"];

/**
 * Cold build: the cache, dist/ and the warehouse are moved aside (not deleted) first, and put
 * back if the build fails, so a failing bench never leaves the work tree without a site.
 */
async function coldBuild(label: string): Promise<number> {
  const moved: [string, string][] = [];
  for (const path of COLD_PATHS) {
    const from = join(ROOT, path);
    if (!existsSync(from)) continue;
    const to = `${from}.bench-${process.pid}`;
    await rm(to, {recursive: true, force: true});
    await rename(from, to);
    moved.push([from, to]);
  }
  try {
    const ms = timedBuild(label);
    for (const [, to] of moved) await rm(to, {recursive: true, force: true});
    return ms;
  } catch (error) {
    for (const [from, to] of moved) {
      await rm(from, {recursive: true, force: true});
      await rename(to, from);
    }
    throw error;
  }
}

async function measureBuilds(): Promise<BuildTimes> {
  const times: BuildTimes = {cold: [], warm: []};
  const started = performance.now();
  for (let i = 0; i < BUILD_RUNS; i++) {
    if (i > 0) {
      const perPair = (performance.now() - started) / i;
      if (performance.now() - started + perPair > BUILD_BUDGET_MS) {
        process.stderr.write(`  build budget reached after ${i} cold+warm pair(s)\n`);
        break;
      }
    }
    times.cold.push(await coldBuild(`cold #${i + 1}`));
    times.warm.push(timedBuild(`warm #${i + 1}`));
  }
  return times;
}

// ---------------------------------------------------------------- naive page

interface NaiveAssets {
  /** URL paths (on the bench server) of the Plot and d3 ES modules and of the commune GeoJSON. */
  plot: string;
  d3: string;
  geojson: string;
  /** Where the modules come from: the built site, or an esbuild bundle of node_modules. */
  modules: "dist" | "esbuild";
  importMap?: Record<string, string>;
}

/** The single ES module Framework emitted for an npm package (`_esm.js`, or a lone hashed entry), if any. */
function builtEntry(files: string[], pkg: RegExp): string | undefined {
  const js = files.map(toUrlPath).filter((p) => pkg.test(p) && p.endsWith(".js"));
  const esm = js.filter((p) => /\/_esm(\.[\w-]+)?\.js$/.test(p)).sort((a, b) => a.length - b.length);
  if (esm.length) return esm[0];
  const top = js.filter((p) => p.split("/").length === 4); // /_npm/name@v/file.js
  return top.length === 1 ? top[0] : undefined;
}

/** Bundles d3 and Plot (with d3 external, mapped by an import map) as minified ES modules into dir. */
async function bundleModules(dir: string): Promise<void> {
  const {build} = await import("esbuild");
  const common = {bundle: true, format: "esm", minify: true, platform: "browser", target: "es2022", logLevel: "error"} as const;
  await build({...common, entryPoints: [join(ROOT, "node_modules/d3/src/index.js")], outfile: join(dir, "d3.js")});
  await build({...common, entryPoints: [join(ROOT, "node_modules/@observablehq/plot/src/index.js")], outfile: join(dir, "plot.js"), external: ["d3"]});
}

async function findNaiveAssets(tmp: string): Promise<NaiveAssets> {
  const files = await walk(DIST);
  const candidates = files.filter((f) => f.endsWith(".geojson"));
  const scored = await Promise.all(
    candidates.map(async (f) => ({f, size: (await stat(f)).size, commune: /commune/i.test(relative(DIST, f)) ? 1 : 0}))
  );
  scored.sort((a, b) => b.commune - a.commune || b.size - a.size);
  const geojson = scored[0]?.f;
  if (!geojson) throw new Error("no *.geojson download found under dist/");
  const plot = builtEntry(files, /^\/_npm\/@observablehq\/plot@[^/]+\//);
  const d3 = builtEntry(files, /^\/_npm\/d3@[^/]+\//);
  if (plot && d3) return {plot, d3, geojson: toUrlPath(geojson), modules: "dist"};
  // The site does not ship Plot/d3 bundles (it imports d3 modules piecemeal): bundle them like a CDN would.
  await bundleModules(tmp);
  return {
    plot: "/__bench/plot.js",
    d3: "/__bench/d3.js",
    geojson: toUrlPath(geojson),
    modules: "esbuild",
    importMap: {d3: "/__bench/d3.js"}
  };
}

function naiveHtml({plot, d3, geojson, importMap}: NaiveAssets): string {
  const map = importMap ? `<script type="importmap">${JSON.stringify({imports: importMap})}</script>` : "";
  return `<!doctype html>
<html lang="fr">
<head><meta charset="utf-8"><title>Carte naïve (bench)</title>${map}</head>
<body>
<main><h1>Carte naïve</h1><div id="map"></div></main>
<script type="module">
import * as Plot from ${JSON.stringify(plot)};
import * as d3 from ${JSON.stringify(d3)};
const geojson = await d3.json(${JSON.stringify(geojson)});
// RFC 7946 rings are counter-clockwise; d3 reads those as the rest of the globe. A working naive
// page reverses them (without this the map is wrong and much slower to draw).
for (const f of geojson.features) for (const polygon of f.geometry.type === "Polygon" ? [f.geometry.coordinates] : f.geometry.coordinates) for (const ring of polygon) ring.reverse();
const chart = Plot.plot({
  projection: {type: "conic-conformal", domain: geojson},
  marks: [Plot.geo(geojson)]
});
document.getElementById("map").append(chart);
requestAnimationFrame(() => performance.mark("first-map"));
</script>
</body>
</html>
`;
}

// ---------------------------------------------------------------- browser runs

interface Run {
  firstMapMs: number;
  bytes: number;
  requests: number;
}

async function measurePage(browser: Browser, url: string): Promise<Run> {
  const context = await browser.newContext({viewport: {width: 1280, height: 900}});
  try {
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    let bytes = 0;
    let requests = 0;
    cdp.on("Network.loadingFinished", (event: {encodedDataLength: number}) => {
      bytes += event.encodedDataLength;
      requests++;
    });
    await cdp.send("Network.enable");
    await cdp.send("Network.setCacheDisabled", {cacheDisabled: true});
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(e.message));
    await page.goto(url, {waitUntil: "commit"});
    await page
      .waitForFunction(() => performance.getEntriesByName("first-map").length > 0, undefined, {timeout: 60_000})
      .catch(() => {
        throw new Error(`no performance.mark("first-map") on ${url}${errors.length ? `; page errors: ${errors.join("; ")}` : ""}`);
      });
    const firstMapMs = await page.evaluate(() => performance.getEntriesByName("first-map")[0].startTime);
    await page.waitForLoadState("networkidle", {timeout: 30_000}).catch(() => {});
    return {firstMapMs, bytes, requests};
  } finally {
    await context.close();
  }
}


// ---------------------------------------------------------------- besoins: live weights

interface WarmBesoins {
  changes: number;
  recomputeMs: number[];
  repaintMs: number[];
  stabilityMs: number[];
  /** From the slider's input event to the end of the repaint (the map recoloured). */
  inputToRepaintMs: number[];
}

const MEASURES = ["besoins-recompute", "besoins-repaint", "besoins-stability"] as const;

/**
 * One warm /besoins page: `changes` moves of #poids-emploi between two values. Each move waits until
 * new besoins-stability and besoins-repaint measures appear (they come after the recompute), so every
 * change is measured by its own, distinct entries (those past the counts taken before the move).
 */
async function measureBesoinsWeights(browser: Browser, url: string, changes: number): Promise<WarmBesoins> {
  const context = await browser.newContext({viewport: {width: 1280, height: 900}});
  try {
    const page = await context.newPage();
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(e.message));
    await page.goto(url, {waitUntil: "load"});
    const ready = () =>
      page.waitForFunction(
        (names) => names.every((n) => performance.getEntriesByName(n, "measure").length > 0) && !!document.querySelector('[data-table="besoins"] table'),
        [...MEASURES],
        {timeout: 60_000}
      );
    await ready().catch(() => {
      throw new Error(`/besoins never rendered its first view${errors.length ? `; page errors: ${errors.join("; ")}` : ""}`);
    });
    await page.waitForLoadState("networkidle", {timeout: 30_000}).catch(() => {});
    const values = await page.evaluate(() => {
      const input = document.querySelector<HTMLInputElement>("#poids-emploi");
      if (!input) throw new Error("no #poids-emploi slider");
      const current = Number(input.value);
      return [current === 0.5 ? 0.75 : 0.5, current];
    });
    const out: WarmBesoins = {changes: 0, recomputeMs: [], repaintMs: [], stabilityMs: [], inputToRepaintMs: []};
    for (let i = 0; i < changes; i++) {
      const value = String(values[i % 2]);
      const before = await page.evaluate((names) => names.map((n) => performance.getEntriesByName(n, "measure").length), [...MEASURES]);
      const t0 = await page.evaluate((value) => {
        const input = document.querySelector<HTMLInputElement>("#poids-emploi")!;
        const t = performance.now();
        input.value = value;
        input.dispatchEvent(new Event("input", {bubbles: true}));
        return t;
      }, value);
      await page
        .waitForFunction(
          ({names, before}) => names.every((n, j) => n === "besoins-recompute" || performance.getEntriesByName(n, "measure").length > before[j]),
          {names: [...MEASURES], before},
          {timeout: 60_000}
        )
        .catch(() => {
          throw new Error(`weight change #${i + 1}: no new besoins-stability/besoins-repaint measure${errors.length ? `; page errors: ${errors.join("; ")}` : ""}`);
        });
      const fresh = await page.evaluate(
        ({names, before}) => names.map((n, j) => performance.getEntriesByName(n, "measure").slice(before[j]).map((e) => ({start: e.startTime, duration: e.duration}))),
        {names: [...MEASURES], before}
      );
      const [recompute, repaint, stability] = fresh;
      out.recomputeMs.push(...recompute.map((e) => e.duration));
      out.repaintMs.push(...repaint.map((e) => e.duration));
      out.stabilityMs.push(...stability.map((e) => e.duration));
      const last = repaint[repaint.length - 1];
      if (last) out.inputToRepaintMs.push(last.start + last.duration - t0);
      out.changes++;
    }
    if (errors.length) throw new Error(`page errors on /besoins while moving weights: ${errors.join("; ")}`);
    return out;
  } finally {
    await context.close();
  }
}

// ---------------------------------------------------------------- main

const pad = (s: string, n: number) => s.padEnd(n);
const lpad = (s: string, n: number) => s.padStart(n);
const fmt = (n: number, digits = 0) => (Number.isFinite(n) ? n.toFixed(digits) : "—");

// ---------------------------------------------------------------- implantation: the optimiser
/** One warm /implantation page: k set to 10, then R moved between 5 and 6 km `changes` times; each
 * solve (k = 10 over the candidate communes) leaves a "placement-solve" measure. */
async function measurePlacement(browser: Browser, url: string, changes: number, objective = "couverture"): Promise<number[]> {
  const page = await browser.newPage();
  try {
    await page.goto(`${url}?preset=couveuses&k=10${objective === "couverture" ? "" : `&objectif=${objective}`}`, {waitUntil: "load"});
    await page.waitForFunction(() => performance.getEntriesByName("placement-solve", "measure").length > 0, undefined, {timeout: 60_000});
    const radius = page.getByRole("spinbutton", {name: "Rayon couvert (km)"});
    for (let i = 0; i < changes; i++) {
      const before = await page.evaluate(() => performance.getEntriesByName("placement-solve", "measure").length);
      await radius.fill(String(i % 2 ? 5 : 6));
      await radius.press("Enter");
      await page.waitForFunction((n) => performance.getEntriesByName("placement-solve", "measure").length > n, before, {timeout: 60_000});
    }
    return page.evaluate(() => performance.getEntriesByName("placement-solve", "measure").slice(1).map((m) => m.duration));
  } finally {
    await page.close();
  }
}

async function main(): Promise<void> {
  let builds: BuildTimes | null = null;
  if (!NO_BUILD) {
    process.stderr.write(`Build times (up to ${BUILD_RUNS} cold+warm pairs):\n`);
    builds = await measureBuilds();
  }
  if (!existsSync(join(DIST, "index.html"))) throw new Error("dist/ is missing: run npm run build first");

  const tmp = await mkdtemp(join(tmpdir(), "bench-naive-"));
  let assets: NaiveAssets;
  try {
    assets = await findNaiveAssets(tmp);
    await writeFile(join(tmp, "naive.html"), naiveHtml(assets));
  } catch (error) {
    await rm(tmp, {recursive: true, force: true});
    throw error;
  }
  const server = await serve(DIST, {mounts: {"/__bench/": tmp}});
  const browser = await launchBrowser();
  const browserVersion = browser.version();
  const index: Run[] = [];
  const naive: Run[] = [];
  const besoins: Run[] = [];
  let warm: WarmBesoins;
  let placementMs: number[] = [];
  const explorerCold: {readyMs: number; bytes: number}[] = [];
  let explorerFilterMs: number[] = [];
  const implantation: Run[] = [];
  const objectiveMs: Record<string, number[]> = {};
  const bilan: BilanRun[] = [];
  let scdlImport: ImportRun | null = null;
  let scdlImportOneWorker: ImportRun | null = null;
  try {
    process.stderr.write(`Browser runs (${RUNS} each, alternating):\n`);
    for (let i = 0; i < RUNS; i++) {
      index.push(await measurePage(browser, `${server.url}/`));
      naive.push(await measurePage(browser, `${server.url}/__bench/naive.html`));
      besoins.push(await measurePage(browser, `${server.url}/besoins`));
      implantation.push(await measurePage(browser, `${server.url}/implantation`));
      process.stderr.write(
        `  #${i + 1} index ${fmt(index[i].firstMapMs)} ms ${fmt(index[i].bytes / 1024)} KiB | naive ${fmt(naive[i].firstMapMs)} ms ${fmt(naive[i].bytes / 1024)} KiB | besoins ${fmt(besoins[i].firstMapMs)} ms ${fmt(besoins[i].bytes / 1024)} KiB\n`
      );
    }
    process.stderr.write(`Besoins: ${WEIGHT_CHANGES} weight changes in one warm page…\n`);
    warm = await measureBesoinsWeights(browser, `${server.url}/besoins`, WEIGHT_CHANGES);
    process.stderr.write("Implantation: 11 solves (k = 10) in one warm page…\n");
    placementMs = await measurePlacement(browser, `${server.url}/implantation`, 11);
    process.stderr.write(`Explorateur: ${RUNS} cold loads, then 21 filter changes in one warm page…\n`);
    for (let i = 0; i < RUNS; i++) explorerCold.push(await measureExplorerCold(browser, server.url));
    explorerFilterMs = await measureExplorerFilter(browser, server.url, 21);
    for (const objective of ["p_median", "ensemble_couvrant"]) {
      process.stderr.write(`Implantation: 5 solves (${objective}) in one warm page…\n`);
      objectiveMs[objective] = await measurePlacement(browser, `${server.url}/implantation`, 5, objective);
    }
    process.stderr.write(`Bilan: first render of the Ville de Paris 2019 (${RUNS} cold runs)…\n`);
    for (let i = 0; i < RUNS; i++) bilan.push(await measureBilanFirstRender(browser, `${server.url}/bilan?financeur=ville_paris&annee=2019`));
    process.stderr.write(`Bilan: import of a generated SCDL file of ${IMPORT_ROWS.toLocaleString("en")} rows…\n`);
    scdlImport = await measureScdlImport(browser, `${server.url}/bilan`, IMPORT_ROWS);
    process.stderr.write("Bilan: the same import in one worker (no helpers), for comparison…\n");
    scdlImportOneWorker = await measureScdlImport(browser, `${server.url}/bilan?aides-import=0`, IMPORT_ROWS);
  } finally {
    await browser.close();
    await server.close();
    await rm(tmp, {recursive: true, force: true});
  }

  const summary = (runs: Run[]) => ({
    firstMapMs: {median: median(runs.map((r) => r.firstMapMs)), runs: runs.map((r) => Math.round(r.firstMapMs * 10) / 10)},
    bytes: {median: median(runs.map((r) => r.bytes)), runs: runs.map((r) => r.bytes)},
    requests: {median: median(runs.map((r) => r.requests))}
  });
  const indexSummary = summary(index);
  const naiveSummary = summary(naive);
  const besoinsSummary = summary(besoins);
  process.stderr.write("Needs index in node (bench/needs-index.ts)…\n");
  const node = await benchNeedsIndex();
  process.stderr.write("Placement optimiser in node (bench/placement.ts)…\n");
  const placementNode = benchPlacement();
  const reportResults = benchReport({root: ROOT, dist: DIST});
  const series = (values: number[]) => ({median: median(values), runs: values.map((v) => Math.round(v * 10) / 10)});
  const besoinsResults = {
    targetsMs: BESOINS_TARGETS,
    cold: besoinsSummary,
    warm: {
      changes: warm.changes,
      recomputeMs: series(warm.recomputeMs),
      repaintMs: series(warm.repaintMs),
      stabilityMs: series(warm.stabilityMs),
      inputToRepaintMs: series(warm.inputToRepaintMs)
    },
    node
  };
  const results = {
    date: new Date().toISOString(),
    node: process.version,
    chromium: browserVersion,
    runs: RUNS,
    note: "static server without compression; bytes = CDP encodedDataLength (headers included)",
    naiveAssets: assets,
    index: indexSummary,
    naive: naiveSummary,
    ratio: {
      firstMap: naiveSummary.firstMapMs.median / indexSummary.firstMapMs.median,
      bytes: naiveSummary.bytes.median / indexSummary.bytes.median
    },
    besoins: besoinsResults,
    explorer: {
      targetsMs: EXPLORER_TARGETS,
      readyMs: {median: median(explorerCold.map((r) => r.readyMs)), runs: explorerCold.map((r) => Math.round(r.readyMs))},
      bytes: {median: median(explorerCold.map((r) => r.bytes))},
      filterChangeMs: {median: median(explorerFilterMs), runs: explorerFilterMs.map((v) => Math.round(v * 10) / 10)}
    },
    placement: {
      targetMs: 1000,
      browserSolveK10Ms: {median: median(placementMs), runs: placementMs.map((v) => Math.round(v * 10) / 10)},
      browserSolveByObjectiveMs: Object.fromEntries(Object.entries(objectiveMs).map(([o, v]) => [o, {median: median(v), runs: v.map((x) => Math.round(x * 10) / 10)}])),
      firstMapMs: summary(implantation).firstMapMs,
      bytes: summary(implantation).bytes,
      node: placementNode
    },
    bilan: {
      targetsMs: BILAN_TARGETS,
      firstRenderMs: {median: median(bilan.map((r) => r.firstRenderMs)), runs: bilan.map((r) => Math.round(r.firstRenderMs * 10) / 10)},
      bytes: {median: median(bilan.map((r) => r.bytes))},
      import: {targetsMs: IMPORT_TARGETS, ...scdlImport},
      importOneWorker: scdlImportOneWorker
    },
    report: {targets: REPORT_TARGETS, documents: reportResults},
    build: builds && {
      targetsS: BUILD_TARGETS,
      coldMs: {median: median(builds.cold), runs: builds.cold.map(Math.round)},
      warmMs: {median: median(builds.warm), runs: builds.warm.map(Math.round)}
    }
  };

  const rows: string[][] = [
    ["measure (median)", "index", "naive", "naive/index"],
    ["first map paint (ms)", fmt(indexSummary.firstMapMs.median), fmt(naiveSummary.firstMapMs.median), fmt(results.ratio.firstMap, 2)],
    ["transferred (KiB)", fmt(indexSummary.bytes.median / 1024), fmt(naiveSummary.bytes.median / 1024), fmt(results.ratio.bytes, 2)],
    ["requests", fmt(indexSummary.requests.median), fmt(naiveSummary.requests.median), ""]
  ];
  const widths = [24, 10, 10, 12];
  const line = (r: string[]) => r.map((c, i) => (i === 0 ? pad(c, widths[i]) : lpad(c, widths[i]))).join(" ");
  console.log(`\nBrowser (${RUNS} cold runs each, headless Chromium ${browserVersion}, 127.0.0.1)`);
  for (const r of rows) console.log(line(r));

  const target = (value: number, max?: number) => (max === undefined ? ["", ""] : [`≤ ${max}`, Number.isFinite(value) ? (value <= max ? "yes" : "NO") : "—"]);
  const besoinsRows: [string, number, number, number | undefined][] = [
    ["first map paint (ms)", besoinsSummary.firstMapMs.median, 0, BESOINS_TARGETS.firstMapMs],
    ["transferred (KiB)", besoinsSummary.bytes.median / 1024, 0, undefined],
    ["requests", besoinsSummary.requests.median, 0, undefined],
    ["recompute (ms)", besoinsResults.warm.recomputeMs.median, 1, BESOINS_TARGETS.recomputeMs],
    ["repaint (ms)", besoinsResults.warm.repaintMs.median, 1, BESOINS_TARGETS.repaintMs],
    ["stability, worker (ms)", besoinsResults.warm.stabilityMs.median, 1, BESOINS_TARGETS.stabilityMs],
    ["input → map recoloured (ms)", besoinsResults.warm.inputToRepaintMs.median, 1, undefined],
    ["node computeIndex (ms)", node.computeIndex_ms, 2, BESOINS_TARGETS.recomputeMs],
    ["node stability 1,000 (ms)", node.stability_1000_draws_ms, 1, BESOINS_TARGETS.stabilityMs],
    ["node normalizeAll (ms)", node.normalizeAll_ms, 2, undefined]
  ];
  const bWidths = [28, 10, 8, 4];
  const bLine = (r: string[]) => r.map((c, i) => (i === 0 ? pad(c, bWidths[i]) : lpad(c, bWidths[i]))).join(" ");
  console.log(
    `\nBesoins /besoins (first map, bytes, requests: ${RUNS} cold runs; recompute, repaint, stability: ${warm.changes} weight changes in one warm page; node: bench/needs-index.ts)`
  );
  console.log(bLine(["measure (median)", "value", "target", "ok"]));
  for (const [label, value, digits, max] of besoinsRows) console.log(bLine([label, fmt(value, digits), ...target(value, max)]));
  console.log(`\nExplorateur /explorateur (ready: ${RUNS} cold loads, cache disabled; filter change: ${explorerFilterMs.length} threshold moves on the communes in one warm page)`);
  console.log(bLine(["measure (median)", "value", "target", "ok"]));
  const readyMedian = median(explorerCold.map((r) => r.readyMs));
  console.log(bLine(["ready for first query (ms)", fmt(readyMedian), ...target(readyMedian, EXPLORER_TARGETS.readyMs)]));
  console.log(bLine(["transferred (KiB)", fmt(median(explorerCold.map((r) => r.bytes)) / 1024), "", ""]));
  console.log(bLine(["filter change (ms)", fmt(median(explorerFilterMs), 1), ...target(median(explorerFilterMs), EXPLORER_TARGETS.filterChangeMs)]));
  console.log(`\nImplantation /implantation (k = 10 over the candidate communes; browser: ${placementMs.length} solves in one warm page; node: bench/placement.ts)`);
  console.log(bLine(["measure (median)", "value", "target", "ok"]));
  const implantationFirstMap = median(implantation.map((r) => r.firstMapMs));
  console.log(bLine(["first map paint (ms)", fmt(implantationFirstMap, 0), ...target(implantationFirstMap, 300)]));
  console.log(bLine(["transferred (KiB)", fmt(median(implantation.map((r) => r.bytes)) / 1024, 0), "", ""]));
  console.log(bLine(["browser solve k = 10 (ms)", fmt(median(placementMs), 1), ...target(median(placementMs), 1000)]));
  for (const [objective, values] of Object.entries(objectiveMs)) console.log(bLine([`browser solve ${objective} (ms)`, fmt(median(values), 1), ...target(median(values), 1000)]));
  for (const [label, value] of Object.entries(placementNode)) console.log(bLine([`node ${label}`, fmt(value as number, 1), "", ""]));
  console.log(`\nBilan /bilan?financeur=ville_paris&annee=2019 (${bilan.length} cold runs)`);
  console.log(bLine(["measure (median)", "value", "target", "ok"]));
  console.log(bLine(["first render (ms)", fmt(results.bilan.firstRenderMs.median), ...target(results.bilan.firstRenderMs.median, BILAN_TARGETS.firstRenderMs)]));
  console.log(bLine(["transferred (KiB)", fmt(results.bilan.bytes.median / 1024), "", ""]));
  if (scdlImport) {
    console.log(`\nSCDL import on /bilan: ${scdlImport.rows.toLocaleString("en")} rows, ${fmt(scdlImport.fileBytes / 1048576, 1)} MiB (one run; validation in a Web Worker)`);
    console.log(bLine(["measure", "value", "target", "ok"]));
    console.log(bLine(["choice → bilan shown (ms)", fmt(scdlImport.totalMs), ...target(scdlImport.totalMs, IMPORT_TARGETS.totalMs)]));
    console.log(bLine([`in the workers, ${scdlImport.helpers} helpers (ms)`, fmt(scdlImport.workerMs), "", ""]));
    console.log(bLine(["longest main-thread task (ms)", fmt(scdlImport.longestTaskMs), ...target(scdlImport.longestTaskMs, IMPORT_TARGETS.longestTaskMs)]));
    console.log(bLine(["long tasks (> 50 ms)", String(scdlImport.longTasks), "", ""]));
    console.log(bLine(["peak renderer RSS (MiB)", fmt(scdlImport.peakRendererRssMiB), "", ""]));
    console.log(bLine(["page JS heap after (MiB)", fmt(scdlImport.pageHeapMiB, 1), "", ""]));
    console.log(`  status: ${scdlImport.status.replace(/\s+/g, " ").slice(0, 160)}`);
    if (scdlImportOneWorker) {
      console.log(bLine(["one worker: choice → bilan (ms)", fmt(scdlImportOneWorker.totalMs), "", ""]));
      console.log(bLine(["one worker: longest task (ms)", fmt(scdlImportOneWorker.longestTaskMs), "", ""]));
      console.log(bLine(["one worker: peak RSS (MiB)", fmt(scdlImportOneWorker.peakRendererRssMiB), "", ""]));
    }
  }
  printReport(reportResults);
  if (results.build) {
    console.log(`\nBuild (npm run build, ${builds!.cold.length} run(s) each)`);
    console.log(bLine(["build", "median s", "target", "ok"]));
    const cold = results.build.coldMs.median / 1000;
    console.log(bLine([`cold (${builds!.cold.map((ms) => fmt(ms / 1000, 1)).join(", ")})`, fmt(cold, 1), ...target(cold, BUILD_TARGETS.coldS)]));
    console.log(bLine([`warm (${builds!.warm.map((ms) => fmt(ms / 1000, 1)).join(", ")})`, fmt(results.build.warmMs.median / 1000, 1), "", ""]));
  } else {
    console.log("\nBuild: skipped (--no-build)");
  }
  await writeFile(RESULTS, JSON.stringify(results, null, 2) + "\n");
  console.log(`\nwrote ${relative(ROOT, RESULTS)}`);
}

// `--only report`: the annual report's part alone, printed (it needs only a built site).
const ONLY = process.argv.includes("--only") ? process.argv[process.argv.indexOf("--only") + 1] : null;
const run = ONLY === "report" ? async () => printReport(benchReport({root: ROOT, dist: DIST})) : main;
if (ONLY !== null && ONLY !== "report") {
  console.error(`--only ${ONLY} : seule la partie « report » peut être mesurée seule.`);
  process.exit(2);
}
run().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
