/**
 * End-to-end tests of the built site. They build nothing: they serve the existing dist/
 * (run `npm run build` first) on 127.0.0.1 and drive headless Chromium.
 */
import {existsSync} from "node:fs";
import {fileURLToPath} from "node:url";
import {afterAll, beforeAll, describe, expect, test} from "vitest";
import type {Browser, Page} from "playwright-core";
import {launchBrowser, openPage} from "./browser.js";
import {serve, type StaticServer} from "../../bin/static-server.js";
import {checkDownload, FORMATS} from "./checks.js";

const DIST = process.env.DIST_DIR ?? fileURLToPath(new URL("../../dist/", import.meta.url));
const AXE = fileURLToPath(new URL("../../node_modules/axe-core/axe.min.js", import.meta.url));
// The home page's need map draws Paris by its 20 arrondissements, as /besoins does: 1,265 communes + 20.
const SHAPES = 1285;
const PAGES = [
  {name: "the home page", path: "/"},
  {name: "the comparison page", path: "/comparer?t=93027,T6,bassin:1107"},
  {name: "the similar territories page", path: "/semblables?territoire=93027"},
  {name: "the territory sheet", path: "/fiche?territoire=93027"},
  {name: "the method page", path: "/methode"},
  {name: "the data page", path: "/donnees"},
  {name: "the bilan page", path: "/bilan"},
  {name: "the implantation page", path: "/implantation"}
] as const;

let server: StaticServer;
let browser: Browser;

beforeAll(async () => {
  if (!existsSync(`${DIST}/index.html`)) throw new Error("dist/ is missing: run npm run build first");
  server = await serve(DIST);
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/** Waits (best effort) until the home page has painted its map. */
async function waitForMap(page: Page, timeout = 30_000): Promise<boolean> {
  return page
    .waitForFunction(() => performance.getEntriesByName("first-map").length > 0, undefined, {timeout})
    .then(() => true, () => false);
}

describe("pages", () => {
  for (const {name, path} of PAGES) {
    test(`${name} (${path}) opens with no console error and no failed request`, async () => {
      const opened = await openPage(browser, server.url + path);
      try {
        // The path only: the server's ephemeral port may contain 404 (127.0.0.1:40409).
        expect(new URL(opened.page.url()).pathname, "the page was redirected or not found").not.toMatch(/404/);
        if (path === "/") await waitForMap(opened.page);
        await opened.page.waitForTimeout(500); // let late errors surface
        expect(opened.report(), `problems on ${path}`).toBe("");
      } finally {
        await opened.close();
      }
    });
  }
});

describe("home page", () => {
  test(`the need map draws ${SHAPES.toLocaleString("en")} shapes (Paris by arrondissement) with unique 5-character codes`, async () => {
    const opened = await openPage(browser, server.url + "/");
    try {
      const {page} = opened;
      const painted = await waitForMap(page);
      await page
        .waitForFunction(
          (n) => document.querySelectorAll('[data-map="communes"] svg path[data-code]').length >= n,
          SHAPES,
          {timeout: 30_000}
        )
        .catch(() => {});
      const codes = await page.$$eval('[data-map="communes"] svg path[data-code]', (paths) =>
        paths.map((p) => p.getAttribute("data-code") ?? "")
      );
      expect(await page.locator('[data-map="communes"]').count(), 'no [data-map="communes"] element').toBeGreaterThan(0);
      expect(codes.length, `number of <path data-code> in the map\n${opened.report()}`).toBe(SHAPES);
      expect(codes, "Paris is drawn by its arrondissements, never also as a whole").not.toContain("75056");
      const malformed = codes.filter((code) => !/^[0-9][0-9AB][0-9]{3}$/.test(code));
      expect(malformed.slice(0, 10), "codes that are not 5-character commune codes").toEqual([]);
      const duplicates = [...new Set(codes.filter((code, i) => codes.indexOf(code) !== i))];
      expect(duplicates.slice(0, 10), "duplicated commune codes").toEqual([]);
      expect(painted, 'performance.mark("first-map") was never called').toBe(true);
    } finally {
      await opened.close();
    }
  });

  test("the map has a table alternative", async () => {
    const opened = await openPage(browser, server.url + "/");
    try {
      const table = opened.page.locator('[data-table="communes"] table');
      await table.first().waitFor({state: "attached", timeout: 30_000}).catch(() => {});
      expect(await table.count(), 'no <table> inside [data-table="communes"]').toBeGreaterThan(0);
      expect(await table.first().locator("tr").count(), "the table has no row").toBeGreaterThan(0);
    } finally {
      await opened.close();
    }
  });

  test("pressing Tab from the top of the page reaches the map or the table controls", async () => {
    const opened = await openPage(browser, server.url + "/");
    try {
      const {page} = opened;
      await waitForMap(page);
      await page.evaluate(() => {
        window.scrollTo(0, 0);
        (document.activeElement as HTMLElement | null)?.blur();
      });
      const visited: string[] = [];
      let reached: string | null = null;
      for (let i = 0; i < 300 && !reached; i++) {
        await page.keyboard.press("Tab");
        const state = await page.evaluate(() => {
          const el = document.activeElement;
          if (!el || el === document.body) return {id: "body", target: null};
          const id = `${el.tagName.toLowerCase()}${el.id ? "#" + el.id : ""}${el.getAttribute("data-code") ? `[data-code=${el.getAttribute("data-code")}]` : ""}`;
          const inside = el.closest('[data-map="communes"], [data-table="communes"]');
          const controls = el.getAttribute("aria-controls");
          const controlled = controls
            ?.split(/\s+/)
            .map((c) => document.getElementById(c))
            .some((t) => t && (t.closest("[data-map], [data-table]") || t.querySelector("[data-map], [data-table]")));
          return {id, target: inside || controlled ? id : null};
        });
        if (state.target) reached = state.target;
        else if (visited.length > 2 && state.id === visited[0]) break; // focus wrapped around
        visited.push(state.id);
      }
      expect(
        reached,
        `Tab never focused an element inside [data-map="communes"] or [data-table="communes"] (or controlling them); visited: ${visited.slice(0, 40).join(", ")}`
      ).not.toBeNull();
    } finally {
      await opened.close();
    }
  });
});

describe("data page", () => {
  test("every download link on /donnees answers 200 and its file parses", async () => {
    const opened = await openPage(browser, server.url + "/donnees");
    let links: {format: string; href: string}[];
    try {
      links = await opened.page.$$eval("a[data-download]", (anchors) =>
        anchors.map((a) => ({format: a.getAttribute("data-download") ?? "", href: (a as HTMLAnchorElement).href}))
      );
    } finally {
      await opened.close();
    }
    expect(links.length, "no <a data-download> on /donnees").toBeGreaterThan(0);
    const formats = new Set(links.map((l) => l.format));
    expect(FORMATS.filter((f) => !formats.has(f)), "download formats missing from /donnees").toEqual([]);
    const failures: string[] = [];
    let commaDecimals = 0;
    // Every file is downloaded first, then checked: a check taking seconds (a workbook) between two
    // requests let the server close a kept-alive connection that the next fetch reused ("fetch failed").
    const downloads = new Map<string, Uint8Array | Error>();
    for (const {format, href} of new Map(links.map((l) => [l.href, l])).values()) {
      try {
        expect(new URL(href).origin, `${href} is not served by the site`).toBe(server.url);
        const response = await fetch(href);
        if (response.status !== 200) throw new Error(`${format} ${href}: HTTP ${response.status}`);
        downloads.set(href, new Uint8Array(await response.arrayBuffer()));
      } catch (error) {
        downloads.set(href, error as Error);
      }
    }
    for (const {format, href} of new Map(links.map((l) => [l.href, l])).values()) {
      try {
        const bytes = downloads.get(href)!;
        if (bytes instanceof Error) throw bytes;
        const count = await checkDownload(format, bytes, href);
        if (format === "csv-excel") commaDecimals += count;
      } catch (error) {
        failures.push((error as Error).message);
      }
    }
    expect(failures, "broken downloads").toEqual([]);
    expect(commaDecimals, "no csv-excel download has a decimal number written with a comma").toBeGreaterThan(0);
  });
});

describe("home page interaction", () => {
  test("clicking a commune of the need map opens its portrait on the Besoins page", async () => {
    const opened = await openPage(browser, server.url + "/");
    try {
      const page = opened.page;
      await waitForMap(page);
      await page.waitForSelector('[data-table="communes"] table');
      await page.locator('[data-map="communes"] path[data-code="93027"]').dispatchEvent("click");
      await page.waitForURL(/\/besoins\?selection=93027$/);
      expect(opened.report()).toBe("");
    } finally {
      await opened.close();
    }
  });
});

describe("the home page without JavaScript", () => {
  test("shows the key figures, written into the HTML at build time, and says where the indicators are", async () => {
    const context = await browser.newContext({javaScriptEnabled: false});
    try {
      const page = await context.newPage();
      await page.goto(server.url + "/");
      const cards = await page.locator("[data-key-figures] .card").evaluateAll((cs) => cs.map((c) => (c as HTMLElement).innerText.replace(/\s+/g, " ").replace(/[\u202f\u00a0]/g, " ").trim()));
      // INSEE, populations légales 2023: Paris 2,103,778; petite couronne 4,785,957; grande couronne 5,573,332 (sum 12,463,067)
      expect(cards).toEqual([
        "Communes 1 266 COG 2025/2026",
        "Paris 2 103 778 habitants, soit 16,9 % de la région ; 1 commune",
        "Petite couronne 4 785 957 habitants, soit 38,4 % de la région ; 122 communes",
        "Grande couronne 5 573 332 habitants, soit 44,7 % de la région ; 1 143 communes"
      ]);
      const text = await page.locator("#observablehq-main").innerText();
      expect(text.replace(/[\u202f\u00a0]/g, " ")).toContain("Île-de-France : 12 463 067 habitants");
      expect(text).not.toContain("s'y ajouteront");
    } finally {
      await context.close();
    }
  });
});

describe("the theme's fonts", () => {
  const ALL = [...PAGES.map((p) => p.path), "/besoins"];
  test("every page sets its text in the theme's Source Serif 4, served by the site itself", async () => {
    for (const path of ALL) {
      const opened = await openPage(browser, server.url + path);
      try {
        const {page} = opened;
        const requests: string[] = [];
        page.on("request", (r) => requests.push(r.url()));
        const font = await page.evaluate(async () => {
          await document.fonts.ready;
          const family = getComputedStyle(document.querySelector("#observablehq-main p") ?? document.body).fontFamily;
          return {family, loaded: document.fonts.check('16px "Source Serif 4"'), faces: [...document.fonts].filter((f) => f.status === "loaded").map((f) => f.family)};
        });
        expect(font.family, `${path}: body text font`).toMatch(/^"?Source Serif 4"?,/);
        expect(font.faces, `${path}: loaded font faces`).toContain("Source Serif 4");
        expect(font.loaded, `${path}: Source Serif 4 ready`).toBe(true);
        expect(requests.filter((u) => new URL(u).hostname !== "127.0.0.1"), `${path}: requests off the site`).toEqual([]);
        const fonts = requests.filter((u) => u.endsWith(".woff2"));
        expect(fonts.filter((u, i) => fonts.indexOf(u) !== i), `${path}: font files fetched twice`).toEqual([]);
        expect(opened.report(), `problems on ${path}`).toBe("");
      } finally {
        await opened.close();
      }
    }
  });
});

describe("accessibility", () => {
  for (const {name, path} of PAGES) {
    test(`${name} (${path}) has no critical or serious axe violation`, async () => {
      const opened = await openPage(browser, server.url + path);
      try {
        const {page} = opened;
        if (path === "/") await waitForMap(page);
        await page.addScriptTag({path: AXE});
        const violations = await page.evaluate(async () => {
          const axe = (window as unknown as {axe: {run(context: Document, options: object): Promise<{violations: AxeViolation[]}>}}).axe;
          type AxeViolation = {id: string; impact: string | null; help: string; helpUrl: string; nodes: {target: unknown[]; failureSummary?: string}[]};
          const result = await axe.run(document, {resultTypes: ["violations"]});
          return result.violations.map((v) => ({
            id: v.id,
            impact: v.impact,
            help: v.help,
            helpUrl: v.helpUrl,
            nodes: v.nodes.length,
            targets: v.nodes.slice(0, 5).map((n) => JSON.stringify(n.target)),
            summary: v.nodes[0]?.failureSummary ?? ""
          }));
        });
        const blocking = violations.filter((v) => v.impact === "critical" || v.impact === "serious");
        const message = blocking
          .map((v) => `[${v.impact}] ${v.id}: ${v.help} (${v.nodes} node(s); e.g. ${v.targets.join(" ")})\n    ${v.summary.replaceAll("\n", "\n    ")}\n    ${v.helpUrl}`)
          .join("\n");
        expect(blocking.length, `axe violations on ${path}:\n${message}`).toBe(0);
      } finally {
        await opened.close();
      }
    });
  }
});
