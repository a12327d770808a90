/**
 * The Explorer (/explorateur) and the stable downloads, against the built dist/ (npm run build first):
 * DuckDB-Wasm answers the builder and SQL modes; failing, cut and too-long queries leave the page
 * usable with a French message; a hostile permalink is ignored with a notice; no page but the
 * Explorer requests DuckDB-Wasm, and no request leaves the site; every table is at its stable path,
 * byte-identical to the hashed file, and datapackage.json describes the stable CSVs.
 */
import {createHash} from "node:crypto";
import {existsSync} from "node:fs";
import {fileURLToPath} from "node:url";
import {csvParse} from "d3-dsv";
import {afterAll, beforeAll, describe, expect, test} from "vitest";
import type {Browser, Page} from "playwright-core";
import {launchBrowser, openPage} from "./browser.js";
import {serve, type StaticServer} from "../../bin/static-server.js";
import {dataPackageProblems} from "../datapackage-rules.js";

const DIST = process.env.DIST_DIR ?? fileURLToPath(new URL("../../dist/", import.meta.url));
const AXE = fileURLToPath(new URL("../../node_modules/axe-core/axe.min.js", import.meta.url));
const OTHER_PAGES = ["/", "/besoins", "/implantation", "/bilan", "/donnees", "/methode"];

let server: StaticServer;
let browser: Browser;

beforeAll(async () => {
  if (!existsSync(`${DIST}/explorateur.html`)) throw new Error("dist/explorateur.html is missing: run npm run build first");
  server = await serve(DIST);
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

async function ready(page: Page): Promise<void> {
  await page.waitForFunction(() => performance.getEntriesByName("explorer-ready").length > 0, undefined, {timeout: 60_000});
}

/** Waits until the result area shows a finished query (a result or an error). */
async function settled(page: Page, timeout = 60_000): Promise<string> {
  await page.waitForFunction(() => ["ready", "error"].includes(document.querySelector<HTMLElement>(".explorer")?.dataset.state ?? ""), undefined, {timeout});
  return page.evaluate(() => document.querySelector<HTMLElement>(".explorer")!.dataset.state!);
}

const count = (page: Page) => page.locator(".explorer-count").textContent();

describe("explorer", () => {
  test("opens on a first query with a map, a table and a count, and no console error", async () => {
    const opened = await openPage(browser, `${server.url}/explorateur`);
    try {
      await ready(opened.page);
      expect(await settled(opened.page)).toBe("ready");
      expect(await count(opened.page)).toMatch(/^\d[\d\u202f\u00a0 ]* lignes?/);
      expect(await opened.page.locator('[data-map="explorateur"] svg path[data-code]').count()).toBe(1266);
      expect(await opened.page.locator('[data-table="explorateur"] tbody tr').count()).toBeGreaterThan(0);
      expect(opened.report()).toBe("");
    } finally {
      await opened.close();
    }
  });

  test("the filters stay inside the page's column, however long an indicator's name", async () => {
    const opened = await openPage(browser, `${server.url}/explorateur`);
    try {
      await ready(opened.page);
      await settled(opened.page);
      const [widest, columnRight] = await opened.page.evaluate(() => [
        Math.max(...[...document.querySelectorAll(".explorer-filter, .explorer-builder select")].map((e) => e.getBoundingClientRect().right)),
        document.querySelector("#observablehq-main")!.getBoundingClientRect().right
      ]);
      expect(widest).toBeLessThanOrEqual(columnRight + 0.5);
    } finally {
      await opened.close();
    }
  });

  test("a permalink's filters are applied: grande couronne, ≥ 10,000 inhabitants, top poverty quintile; the count matches the table", async () => {
    const search = "?niveau=commune&filtre=code_couronne:in:grande_couronne&filtre=population:ge:10000&filtre=taux_pauvrete:q:5&tri=-taux_pauvrete";
    const opened = await openPage(browser, `${server.url}/explorateur${search}`);
    try {
      await ready(opened.page);
      expect(await settled(opened.page)).toBe("ready");
      const rows = await opened.page.$$eval('[data-table="explorateur"] tbody tr', (trs) => trs.map((tr) => Array.from((tr as HTMLTableRowElement).cells, (c) => c.textContent ?? "")));
      expect(rows.length).toBeGreaterThan(0);
      expect(rows.every((r) => /^(77|78|91|95)/.test(r[0])), "only grande couronne codes").toBe(true);
      const n = Number((await count(opened.page))!.replace(/\D.*$/, ""));
      expect(n).toBe(rows.length);
      expect(await opened.page.locator('[data-map="explorateur"] path[fill="#2166ac"]').count()).toBe(n);
      expect(await opened.page.locator(".explorer-notice").isHidden()).toBe(true);
    } finally {
      await opened.close();
    }
  });

  test("a changed threshold reruns the query (parameters only) and updates the permalink", async () => {
    const opened = await openPage(browser, `${server.url}/explorateur?niveau=commune&filtre=population:ge:100000`);
    try {
      await ready(opened.page);
      await settled(opened.page);
      const before = await count(opened.page);
      await opened.page.fill(".filter-value", "50000");
      await opened.page.waitForFunction((b) => document.querySelector(".explorer-count")?.textContent !== b, before, {timeout: 30_000});
      expect(await settled(opened.page)).toBe("ready");
      expect(decodeURIComponent(new URL(opened.page.url()).search)).toContain("filtre=population:ge:50000");
    } finally {
      await opened.close();
    }
  });

  test("a hostile permalink is ignored with a visible notice, and the page still answers", async () => {
    const search = "?niveau=commune&filtre=__proto__:ge:1&filtre=population:ge:%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E&filtre=code_couronne:in:x')%20or%201=1--&colonnes=constructor";
    const opened = await openPage(browser, `${server.url}/explorateur${search}`);
    try {
      let dialogs = 0;
      opened.page.on("dialog", (d) => {
        dialogs++;
        void d.dismiss();
      });
      await ready(opened.page);
      expect(await settled(opened.page)).toBe("ready");
      const notice = opened.page.locator(".explorer-notice");
      expect(await notice.isVisible()).toBe(true);
      expect(await notice.textContent()).toContain("__proto__");
      expect(await opened.page.locator(".explorer-notice img").count(), "permalink text rendered as HTML").toBe(0);
      expect(dialogs).toBe(0);
      expect((await count(opened.page))!).toMatch(/^1\u202f266 lignes/);
    } finally {
      await opened.close();
    }
  });

  test("SQL mode: a wrong query shows DuckDB's message in French context, the next query works", async () => {
    const opened = await openPage(browser, `${server.url}/explorateur?mode=sql`);
    try {
      const {page} = opened;
      await ready(page);
      await page.fill("#requete-sql", "select * from table_qui_n_existe_pas");
      await page.click(".sql-run");
      expect(await settled(page)).toBe("error");
      expect(await page.locator(".explorer-error").textContent()).toMatch(/^La requête a échoué\. Message de DuckDB : .*table_qui_n_existe_pas/s);
      await page.fill("#requete-sql", "select code_commune, population from communes where population > 100000 order by population desc");
      await page.click(".sql-run");
      expect(await settled(page)).toBe("ready");
      expect(await page.locator(".explorer-error").isHidden()).toBe(true);
      expect(await page.locator('[data-map="explorateur"] path[fill="#2166ac"]').count()).toBeGreaterThan(0);
    } finally {
      await opened.close();
    }
  });

  test("SQL mode: a result over the cap is cut and says so", async () => {
    const opened = await openPage(browser, `${server.url}/explorateur?mode=sql`);
    try {
      const {page} = opened;
      await ready(page);
      await page.fill("#requete-sql", "select * from range(20000)");
      await page.click(".sql-run");
      expect(await settled(page)).toBe("ready");
      expect(await count(page)).toMatch(/^Plus de 5\u202f000 lignes/);
      expect(await page.locator(".explorer-warning").textContent()).toContain("Résultat limité à 5\u202f000 lignes");
    } finally {
      await opened.close();
    }
  });

  test("SQL mode: a query past the time limit is cancelled with a French message, and the page answers again", async () => {
    const opened = await openPage(browser, `${server.url}/explorateur?mode=sql`);
    try {
      const {page} = opened;
      await ready(page);
      await page.fill("#requete-sql", "select count(*) from range(1000000000000) a");
      await page.click(".sql-run");
      expect(await settled(page, 60_000)).toBe("error");
      expect(await page.locator(".explorer-error").textContent()).toMatch(/^Requête arrêtée au bout de 10 s/);
      await page.fill("#requete-sql", "select count(*) as n from communes");
      await page.click(".sql-run");
      expect(await settled(page)).toBe("ready");
      expect(await page.locator('[data-table="explorateur"] tbody td').first().textContent()).toBe("1\u202f266");
    } finally {
      await opened.close();
    }
  });

  test("SQL reaching outside (files, URLs, extensions) is refused and no request leaves the site", async () => {
    const opened = await openPage(browser, `${server.url}/explorateur?mode=sql`);
    const outside: string[] = [];
    opened.page.on("request", (r) => {
      if (!r.url().startsWith(server.url) && !r.url().startsWith("blob:") && !r.url().startsWith("data:")) outside.push(r.url());
    });
    try {
      const {page} = opened;
      await ready(page);
      for (const sql of ["select * from read_csv('https://example.org/x.csv')", "install httpfs", "load parquet", "select * from 'https://example.org/x.parquet'", "copy communes to 'x.csv'", "set enable_external_access = true"]) {
        await page.fill("#requete-sql", sql);
        await page.click(".sql-run");
        await settled(page);
      }
      await page.waitForTimeout(500);
      expect(outside).toEqual([]);
    } finally {
      await opened.close();
    }
  });

  test("saved queries run and answer", async () => {
    const opened = await openPage(browser, `${server.url}/explorateur?mode=sql`);
    try {
      const {page} = opened;
      await ready(page);
      const ids = await page.$$eval("#requetes-enregistrees option", (os) => os.map((o) => (o as HTMLOptionElement).value).filter(Boolean));
      expect(ids.length).toBeGreaterThanOrEqual(5);
      for (const id of ids) {
        await page.selectOption("#requetes-enregistrees", id);
        expect(await settled(page), `saved query ${id}: ${await page.locator(".explorer-error").textContent()}`).toBe("ready");
        expect(await page.locator('[data-table="explorateur"] tbody tr').count(), `saved query ${id} returns rows`).toBeGreaterThan(0);
      }
    } finally {
      await opened.close();
    }
  });

  test("/explorateur has no critical or serious axe violation", async () => {
    const opened = await openPage(browser, `${server.url}/explorateur?niveau=commune&filtre=taux_pauvrete:q:5&filtre=code_couronne:in:grande_couronne`);
    try {
      const {page} = opened;
      await ready(page);
      await settled(page);
      await page.addScriptTag({path: AXE});
      const blocking = await page.evaluate(async () => {
        const axe = (window as unknown as {axe: {run(context: Document, options: object): Promise<{violations: {id: string; impact: string | null; help: string; nodes: {target: unknown[]}[]}[]}>}}).axe;
        const result = await axe.run(document, {resultTypes: ["violations"]});
        return result.violations.filter((v) => v.impact === "critical" || v.impact === "serious").map((v) => `[${v.impact}] ${v.id}: ${v.help} (${JSON.stringify(v.nodes.slice(0, 3).map((n) => n.target))})`);
      });
      expect(blocking).toEqual([]);
    } finally {
      await opened.close();
    }
  });
});

describe("requests of each page", () => {
  test("no page but the Explorer requests DuckDB-Wasm, and no page requests anything outside the site", async () => {
    const problems: string[] = [];
    for (const path of [...OTHER_PAGES, "/explorateur"]) {
      const context = await browser.newContext();
      const page = await context.newPage();
      const requested: string[] = [];
      page.on("request", (r) => requested.push(r.url()));
      await page.goto(server.url + path, {waitUntil: "load"});
      if (path === "/explorateur") await ready(page);
      await page.waitForLoadState("networkidle", {timeout: 30_000}).catch(() => {});
      const duckdb = requested.filter((u) => /duckdb/i.test(u));
      const outside = requested.filter((u) => !u.startsWith(server.url) && !/^(blob|data):/.test(u));
      if (path === "/explorateur" && !duckdb.some((u) => u.endsWith(".wasm"))) problems.push(`/explorateur loaded no DuckDB-Wasm module`);
      if (path !== "/explorateur" && duckdb.length) problems.push(`${path} requested ${duckdb.join(", ")}`);
      if (outside.length) problems.push(`${path} requested outside the site: ${outside.join(", ")}`);
      await context.close();
    }
    expect(problems).toEqual([]);
  });
});

describe("stable downloads", () => {
  test("every stable path listed on /donnees answers 200 with the same bytes as the page's hashed link", async () => {
    const opened = await openPage(browser, `${server.url}/donnees`);
    let stable: {format: string; path: string}[];
    let hashed: {format: string; href: string; name: string}[];
    try {
      stable = await opened.page.$$eval("code[data-stable]", (codes) => codes.map((c) => ({format: c.getAttribute("data-stable") ?? "", path: c.textContent ?? ""})));
      hashed = await opened.page.$$eval("a[data-download]", (as) => as.map((a) => ({format: a.getAttribute("data-download") ?? "", href: (a as HTMLAnchorElement).href, name: a.getAttribute("download") ?? ""})));
    } finally {
      await opened.close();
    }
    const tables = stable.filter((s) => s.format !== "datapackage");
    expect(tables.length).toBeGreaterThanOrEqual(50);
    const failures: string[] = [];
    for (const {path} of tables) {
      const response = await fetch(server.url + path);
      if (response.status !== 200) {
        failures.push(`${path}: HTTP ${response.status}`);
        continue;
      }
      const bytes = Buffer.from(await response.arrayBuffer());
      const name = path.split("/").pop()!;
      const link = hashed.find((h) => h.name === name);
      if (!link) failures.push(`${path}: no download link named ${name} on /donnees`);
      else if (!bytes.equals(Buffer.from(await (await fetch(link.href)).arrayBuffer()))) failures.push(`${path}: differs from ${link.href}`);
    }
    expect(failures).toEqual([]);
  });

  test("datapackage.json follows the specifications and matches the stable CSVs (header, size, hash, unique keys)", async () => {
    const descriptor = await (await fetch(`${server.url}/telechargement/datapackage.json`)).json();
    expect(dataPackageProblems(descriptor)).toEqual([]);
    const failures: string[] = [];
    for (const r of descriptor.resources) {
      const bytes = Buffer.from(await (await fetch(`${server.url}/telechargement/${r.path}`)).arrayBuffer());
      if (bytes.length !== r.bytes) failures.push(`${r.name}: ${bytes.length} bytes, descriptor says ${r.bytes}`);
      if (`sha256:${createHash("sha256").update(bytes).digest("hex")}` !== r.hash) failures.push(`${r.name}: hash differs`);
      const rows = csvParse(bytes.toString("utf8").replace(/^\ufeff/, ""));
      const names = r.schema.fields.map((f: {name: string}) => f.name);
      if (JSON.stringify(rows.columns) !== JSON.stringify(names)) failures.push(`${r.name}: header ${rows.columns.join(",")} ≠ fields ${names.join(",")}`);
      for (const f of r.schema.fields as {name: string; type: string}[]) {
        if (f.type === "string") continue;
        const bad = rows.find((row) => row[f.name] !== "" && !(f.type === "integer" ? /^-?\d+$/ : /^-?\d+(\.\d+)?(e[-+]?\d+)?$/i).test(row[f.name]!));
        if (bad) failures.push(`${r.name}.${f.name}: ${JSON.stringify(bad[f.name])} is not ${f.type}`);
      }
      if (r.schema.primaryKey) {
        const keys = rows.map((row) => r.schema.primaryKey.map((k: string) => row[k]).join("\u0000"));
        if (new Set(keys).size !== keys.length) failures.push(`${r.name}: primary key ${r.schema.primaryKey.join(", ")} not unique`);
        if (rows.some((row) => r.schema.primaryKey.some((k: string) => row[k] === ""))) failures.push(`${r.name}: empty primary key value`);
      }
    }
    expect(failures).toEqual([]);
  });
});
