/**
 * The annual report as a reader gets it: `npm run report` run on the built site, its PDF read with
 * pdftotext and rasterised with pdftoppm (Debian poppler-utils), and the print-rendered page checked
 * in Chromium (axe, headings, table headers). Expected beneficiaries come from the sources
 * themselves (the project's transcription, the pack's State file), read here with d3-dsv.
 *
 * Page ranges (A4, stated in the README): the Region's 2019 report 3 to 6 pages; 2019 with every
 * funder (the Region, and the Ville de Paris's 500-odd beneficiaries listed in two columns) 8 to 16
 * pages; a State year (about 800 employers in two columns) 8 to 16 pages.
 */
import {spawnSync} from "node:child_process";
import {existsSync, mkdtempSync, readFileSync, writeFileSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {fileURLToPath} from "node:url";
import {csvParse} from "d3-dsv";
import type {Browser, Page} from "playwright-core";
import {beforeAll, describe, expect, test} from "vitest";
import {openPage, useBuiltSite} from "./browser.js";
import {comparable, pageFill, pdfPageCount, pdfPagesText} from "./pdf.js";
import type {StaticServer} from "../../bin/static-server.js";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const DIST = process.env.DIST_DIR ?? join(ROOT, "dist");
const AXE = join(ROOT, "node_modules/axe-core/axe.min.js");
const EDITION = "2026-03-05";
const plain = (s: string) => s.replace(/[\u202f\u00a0]/g, " ");
const tmp = mkdtempSync(join(tmpdir(), "atlas-rapport-"));

/** Runs `npm run report` (as bin/report.ts) with the edition date fixed; returns its exit, output and PDF path. */
function report(args: string[], {dist = DIST, out = join(tmp, `${args.join("_").replace(/[^\w]+/g, "_")}.pdf`)}: {dist?: string; out?: string} = {}) {
  const result = spawnSync(process.execPath, ["--import", "tsx", "bin/report.ts", ...args, "--date", EDITION, "--out", out], {cwd: ROOT, encoding: "utf8", env: {...process.env, DIST_DIR: dist}});
  return {status: result.status, stdout: result.stdout, stderr: result.stderr.trim(), out};
}

/** Names as the Region's 2019 transcription gives them, without its row for projects it does not name. */
const regionBeneficiaries = () => [...new Set(csvParse(readFileSync(join(ROOT, "data/aides/region_idf_2019_rapport.csv"), "utf8")).map((r) => r.nomBeneficiaire!).filter((n) => !n.startsWith("(")))];

/**
 * The Ville de Paris's beneficiaries of a budget year, from the pack's file of that year: one group of
 * names per SIRET (or per name without one), as the Bilan counts them — the report prints one name
 * per group.
 */
function parisBeneficiaries(year: number): {names: string[]; records: number}[] {
  const pack = process.env.IDF_DATA_DIR;
  if (!pack) throw new Error("Set IDF_DATA_DIR to the data pack (e.g. IDF_DATA_DIR=../shared/data) to run the report tests.");
  const {data} = JSON.parse(readFileSync(join(ROOT, pack, `aides/ville_paris/subventions_40k_${year}.json`), "utf8")) as {data: {beneficiaire: string; siret: string | null}[]};
  const groups = new Map<string, {names: Set<string>; records: number}>();
  for (const r of data) {
    const key = r.siret ?? `nom:${r.beneficiaire}`;
    const g = groups.get(key) ?? {names: new Set<string>(), records: 0};
    g.names.add(r.beneficiaire);
    g.records++;
    groups.set(key, g);
  }
  return [...groups.values()].map((g) => ({names: [...g.names], records: g.records}));
}

/**
 * The State's post employers of a year, from the pack's file: the names of each employer (its
 * code_tiers: a SIRET for the adultes-relais), as the Bilan counts them — the report prints one name each.
 */
function stateEmployers(year: number): string[][] {
  const pack = process.env.IDF_DATA_DIR;
  if (!pack) throw new Error("Set IDF_DATA_DIR to the data pack (e.g. IDF_DATA_DIR=../shared/data) to run the report tests.");
  const rows = csvParse(readFileSync(join(ROOT, pack, "supply/politique_ville_postes_fonjep_adultes_relais_idf_2020_2023.csv"), "utf8"));
  const groups = new Map<string, Set<string>>();
  for (const r of rows.filter((x) => x.annee === String(year))) groups.set(r.code_tiers!, (groups.get(r.code_tiers!) ?? new Set()).add(r.raison_sociale!));
  return [...groups.values()].map((names) => [...names]);
}

function expectEveryPageFooted(pages: string[], title: string) {
  pages.forEach((text, i) => {
    const flat = plain(text).replace(/\s+/g, " ");
    expect(flat, `page ${i + 1}'s footer`).toContain(`Page ${i + 1} sur ${pages.length}`);
    expect(flat, `page ${i + 1}'s footer`).toContain(`${title} — édition du 5 mars 2026`);
  });
}

function expectNoHalfEmptyPage(file: string) {
  const fill = pageFill(file);
  const halfEmpty = fill.slice(0, -1).map((f, i) => [i + 1, Math.round(f * 100)]).filter(([, f]) => f < 50);
  expect(halfEmpty, "pages (number, % used) more than half empty before the last").toEqual([]);
}

let server: StaticServer;
let browser: Browser;
useBuiltSite("bilan-rapport.html", (s, b) => ([server, browser] = [s, b]));

describe("the Region's 2019 report (npm run report -- --year 2019 --funder region_idf)", () => {
  let run: ReturnType<typeof report>;
  let pages: string[];
  beforeAll(() => {
    run = report(["--year", "2019", "--funder", "region_idf"]);
    if (run.status === 0) pages = pdfPagesText(run.out);
  });

  test("is an A4 PDF of 3 to 6 pages", () => {
    expect(run.status, run.stderr).toBe(0);
    const box = /\/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]/.exec(readFileSync(run.out).toString("latin1"));
    expect([Math.round(Number(box?.[1])), Math.round(Number(box?.[2]))]).toEqual([595, 842]);
    expect(pdfPageCount(run.out)).toBeGreaterThanOrEqual(3);
    expect(pdfPageCount(run.out)).toBeLessThanOrEqual(6);
    expect(run.stdout).toMatch(/\d+ pages/);
  });

  test("names every beneficiary of the year, and lists every aid with its amount", () => {
    const text = comparable(pages.join("\n"));
    const names = regionBeneficiaries();
    expect(names).toHaveLength(5); // Restos du cœur, Emmaüs Connect, Aurore, Comité Solidarité Défense, Vigneux-sur-Seine
    for (const name of names) expect(text, name).toContain(comparable(name));
    // Every line of the transcription is in the list: its object and its amount, as the report writes them.
    for (const row of csvParse(readFileSync(join(ROOT, "data/aides/region_idf_2019_rapport.csv"), "utf8"))) {
      expect(text, row.objet).toContain(comparable(row.objet!));
      expect(text, row.montant).toContain(comparable(new Intl.NumberFormat("fr-FR").format(Number(row.montant))));
    }
  });

  test("has a first page a reader can stop at: the year's figures, the change, three sentences, and no list", () => {
    const first = plain(pages[0]).replace(/\s+/g, " ");
    expect(first).toContain("Bilan 2019 des aides publiques en Île-de-France");
    expect(first).toContain("En 2019, la Région Île-de-France a accordé 1 080 000 € pour 11 aides.");
    expect(first).toContain("Les données n'ont pas d'année 2018 pour la Région Île-de-France : aucune évolution n'est calculable.");
    // Restos du cœur 310 000 + Emmaüs Connect 250 000 + Aurore 200 000 = 760 000 of 1 080 000 € = 70,4 %.
    expect(first).toContain("reçoivent 70,4 % du montant de la Région Île-de-France");
    expect(first).not.toContain("Toutes les aides de 2019");
  });

  test("carries page numbers and the edition date on every page, and its sources in an appendix", () => {
    expectEveryPageFooted(pages, "Bilan 2019 des aides publiques en Île-de-France");
    const last = plain(pages.join("\n")).replace(/\s+/g, " ");
    expect(last).toContain("Annexe — sources, millésimes, licences et méthode");
    expect(last).toContain("Licence Ouverte 2.0");
  });

  test("has no page more than half empty but the last", () => {
    expectNoHalfEmptyPage(run.out);
  });

});

describe("2019 with every funder the data holds (npm run report -- --year 2019)", () => {
  let run: ReturnType<typeof report>;
  let pages: string[];
  beforeAll(() => {
    run = report(["--year", "2019"]);
    if (run.status === 0) pages = pdfPagesText(run.out);
  });

  test("puts the Region and the Ville de Paris side by side on the first page, never summed", () => {
    expect(run.status, run.stderr).toBe(0);
    const first = plain(pages[0]).replace(/\s+/g, " ");
    // The Region's 1 080 000 € and the Ville de Paris's 255 277 817 € (914 grants ≥ 40 000 € in
    // subventions_paris_2019, less the 5 rows set aside) stay apart; their sum, 256 357 817 €, never appears.
    expect(first).toContain("En 2019, la Région Île-de-France a accordé 1 080 000 € pour 11 aides ; la Ville de Paris a accordé 255 277 817 € pour 914 subventions ≥ 40 000 € — des montants qui ne s'additionnent pas.");
    expect(first).not.toContain("256 357 817");
    expect(first).toMatch(/le montant de la Ville de Paris augmente de [\d,]+ % par rapport à 2018/);
  });

  test("lists every aid of the Region and every beneficiary of the Ville de Paris, on 8 to 16 pages, none more than half empty but the last", () => {
    expect(pages.length).toBeGreaterThanOrEqual(8);
    expect(pages.length).toBeLessThanOrEqual(16);
    const text = comparable(pages.join("\n"));
    for (const name of regionBeneficiaries()) expect(text, name).toContain(comparable(name));
    const paris = parisBeneficiaries(2019);
    expect(paris.length).toBeGreaterThan(400);
    // The build sets aside 5 of the file's 919 records (919 − 914 loaded, each in the rejets table
    // with its reason): a beneficiary may be missing only if all its records are among those 5.
    const missing = paris.filter((g) => !g.names.some((name) => text.includes(comparable(name))));
    expect(missing.reduce((n, g) => n + g.records, 0), `Ville de Paris beneficiaries missing from the PDF: ${missing.map((g) => g.names[0]).join(", ")}`).toBeLessThanOrEqual(5);
    expectEveryPageFooted(pages, "Bilan 2019 des aides publiques en Île-de-France");
    expectNoHalfEmptyPage(run.out);
  });

  test("cites the Ville de Paris's file of 2019 and its ODbL licence in the appendix", () => {
    const text = plain(pages.join("\n")).replace(/\s+/g, " ");
    const appendix = text.slice(text.indexOf("Annexe — sources, millésimes, licences et méthode"));
    expect(appendix).toContain("budget 2019");
    expect(appendix).toContain("ODbL");
  });
});

describe("a State year (npm run report -- --year 2021 --funder etat_politique_ville)", () => {
  test("lists every employer of the year on 8 to 16 pages, none more than half empty but the last", () => {
    const run = report(["--year", "2021", "--funder", "etat_politique_ville"]);
    expect(run.status, run.stderr).toBe(0);
    const pages = pdfPagesText(run.out);
    expect(pages.length).toBeGreaterThanOrEqual(8);
    expect(pages.length).toBeLessThanOrEqual(16);
    const text = comparable(pages.join("\n"));
    const employers = stateEmployers(2021);
    expect(employers.length).toBeGreaterThan(800);
    expect(employers.filter((names) => !names.some((name) => text.includes(comparable(name)))).map((names) => names[0]), "employers missing from the PDF").toEqual([]);
    expect(plain(pages[0]).replace(/\s+/g, " ")).toMatch(/augmente de [\d,]+ % par rapport à 2020/);
    expectEveryPageFooted(pages, "Bilan 2021 des aides publiques en Île-de-France");
    expectNoHalfEmptyPage(run.out);
  });
});

describe("bad input: one sentence, a non-zero exit, no PDF", () => {
  test("a year without data says what the data covers", () => {
    const run = report(["--year", "2012"]);
    expect(run.status).toBe(1);
    expect(run.stderr).toBe("Aucune aide enregistrée pour 2012 : les données d'aide couvrent Région Île-de-France (2019), Ville de Paris (2013 à 2025), État (politique de la ville, programme 147) (2020 à 2023).");
    expect(existsSync(run.out)).toBe(false);
  });

  test("an unknown funder names the known ones", () => {
    const run = report(["--year", "2019", "--funder", "mairie"]);
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/^Financeur inconnu : « mairie » ; financeurs connus : region_idf \(Région Île-de-France\), .*\.$/);
    expect(run.stderr.split("\n")).toHaveLength(1);
    expect(existsSync(run.out)).toBe(false);
  });

  test("a funder without data that year gives its years", () => {
    const run = report(["--year", "2019", "--funder", "etat_politique_ville"]);
    expect(run.status).toBe(1);
    expect(run.stderr).toBe("Pas de données pour 2019 de État (politique de la ville, programme 147) (années disponibles : 2020 à 2023).");
  });

  test("a missing built site says to build it, and leaves an existing file alone", () => {
    const out = join(tmp, "existing.pdf");
    writeFileSync(out, "previous");
    const run = report(["--year", "2019"], {dist: join(tmp, "no-dist"), out});
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/^Site non construit : .*bilan-rapport\.html est absent ; lancez d'abord la construction/);
    expect(readFileSync(out, "utf8")).toBe("previous");
  });

  test("a missing year or an impossible date is a usage error", () => {
    expect(report([]).status).toBe(2);
    const run = spawnSync(process.execPath, ["--import", "tsx", "bin/report.ts", "--year", "2019", "--date", "2026-02-30"], {cwd: ROOT, encoding: "utf8"});
    expect(run.status).toBe(2);
    expect(run.stderr.trim()).toBe("Date d'édition « 2026-02-30 » invalide : attendu une date AAAA-MM-JJ, par exemple 2026-03-05.");
  });
});

describe("the print-rendered report page", () => {
  async function printed(url: string): Promise<{page: Page; close(): Promise<void>; report(): string}> {
    const opened = await openPage(browser, url);
    await opened.page.waitForFunction(() => document.documentElement.dataset.printStatus !== undefined);
    await opened.page.emulateMedia({media: "print"});
    return opened;
  }

  for (const year of [2019, 2021]) {
    test(`${year}: axe finds no serious violation, headings run in order, every table has a header row`, async () => {
      const opened = await printed(`${server.url}/bilan-rapport?annee=${year}&edition=${EDITION}`);
      try {
        const page = opened.page;
        await page.addScriptTag({path: AXE});
        const blocking = await page.evaluate(async () => {
          const axe = (window as unknown as {axe: {run(c: Document, o: object): Promise<{violations: {id: string; impact: string | null; nodes: unknown[]}[]}>}}).axe;
          const result = await axe.run(document, {resultTypes: ["violations"]});
          return result.violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => `${v.id} (${v.nodes.length})`);
        });
        expect(blocking).toEqual([]);
        // Headings as printed (hidden ones excluded): one h1 first, then no level skipped.
        const levels = await page.evaluate(() => [...document.querySelectorAll("h1, h2, h3, h4, h5, h6")].filter((h) => (h as HTMLElement).offsetParent !== null).map((h) => Number(h.tagName[1])));
        expect(levels[0]).toBe(1);
        expect(levels.filter((l) => l === 1)).toHaveLength(1);
        expect(levels.filter((l, i) => i > 0 && l > levels[i - 1] + 1), `heading levels ${levels.join(",")}`).toEqual([]);
        const tables = await page.evaluate(() => [...document.querySelectorAll("#observablehq-main table")].filter((t) => (t as HTMLElement).offsetParent !== null).map((t) => (t as HTMLTableElement).tHead?.rows[0]?.querySelectorAll("th").length ?? 0));
        expect(tables.length).toBeGreaterThan(0);
        expect(tables.filter((n) => n === 0), "tables without a header row").toEqual([]);
        expect(opened.report()).toBe("");
      } finally {
        await opened.close();
      }
    });
  }

  test("a year without data shows the same sentence on screen, as an alert", async () => {
    const opened = await openPage(browser, `${server.url}/bilan-rapport?annee=2012`);
    try {
      await opened.page.waitForFunction(() => document.documentElement.dataset.printStatus === "erreur");
      expect(plain(await opened.page.locator("[role=alert]").innerText())).toMatch(/^Aucune aide enregistrée pour 2012 : les données d'aide couvrent/);
    } finally {
      await opened.close();
    }
  });
});
