/**
 * End-to-end tests of the Bilan page (built site in dist/): the 2019 bilan from the report's
 * figures and the in-browser SCDL import (nothing uploaded). The A4 PDF report: rapport.test.ts.
 */
import {spawnSync} from "node:child_process";
import {mkdtempSync, readFileSync, statSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {fileURLToPath} from "node:url";
import type {Browser} from "playwright-core";
import {describe, expect, test} from "vitest";
import {openPage, useBuiltSite} from "./browser.js";
import type {StaticServer} from "../../bin/static-server.js";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const fixture = (name: string) => join(ROOT, "test/fixtures/scdl", name);
const plain = (s: string) => s.replace(/[\u202f\u00a0]/g, " ");

let server: StaticServer;
let browser: Browser;
useBuiltSite("bilan.html", (s, b) => ([server, browser] = [s, b]));

describe("the 2019 bilan", () => {
  test("shows the report's 1,080,000 € for 11 aids, of which 905,000 € named, with no console error", async () => {
    const opened = await openPage(browser, `${server.url}/bilan?annee=2019`);
    try {
      await opened.page.waitForFunction(() => document.documentElement.dataset.bilanReady === "2019");
      const cards = plain(await opened.page.locator(".card").allInnerTexts().then((t) => t.join(" | ")));
      expect(cards).toContain("1 080 000 €");
      expect(cards).toMatch(/Aides\s+11/);
      expect(cards).toContain("905 000 €");
      await opened.page.waitForTimeout(500);
      expect(opened.report()).toBe("");
    } finally {
      await opened.close();
    }
  });
});

describe("importing an SCDL file in the browser", () => {
  test("a file with bad SIRETs gets a report naming each line, loaded as incomplete (the bilan can do without a SIRET), and a bilan that counts them apart", async () => {
    const opened = await openPage(browser, `${server.url}/bilan`);
    try {
      const page = opened.page;
      await page.waitForSelector("#scdl-fichier");
      const uploads: string[] = [];
      page.on("request", (r) => r.method() !== "GET" && uploads.push(r.url()));
      await page.setInputFiles("#scdl-fichier", fixture("invalid-siret-checksum.csv"));
      await page.waitForSelector("[data-import-report]");
      const report = plain(await page.locator("[data-import-report]").innerText());
      expect(report).toContain("invalid-siret-checksum.csv");
      expect(report).toMatch(/1 ligne valide, 2 lignes incomplètes \(chargées à part\), 0 ligne rejetée/);
      const problems = await page.locator('[aria-label="Problèmes de invalid-siret-checksum.csv"] tbody tr').allInnerTexts();
      expect(problems.map((p) => p.split("\t").map((c) => c.trim()).filter(Boolean).slice(0, 2).join(" "))).toEqual(expect.arrayContaining(["3 idAttribuant", "4 idBeneficiaire"]));
      expect(plain(await page.locator("[data-import-bilan]").innerText())).toContain("Montant total : 26 000 € pour 3 aides, dont 2 aides incomplètes pour 11 000 €");
      expect(uploads, "nothing is sent to a server").toEqual([]);
      expect(opened.report()).toBe("");
    } finally {
      await opened.close();
    }
  });

  test("a beneficiary named <script> or <img onerror> is shown as text, never run", async () => {
    const opened = await openPage(browser, `${server.url}/bilan`);
    try {
      const page = opened.page;
      const dialogs: string[] = [];
      page.on("dialog", (d) => {
        dialogs.push(d.message());
        void d.dismiss();
      });
      await page.waitForSelector("#scdl-fichier");
      await page.setInputFiles("#scdl-fichier", fixture("html-in-name.csv"));
      await page.waitForSelector("[data-import-bilan]");
      const text = await page.locator("main").innerText();
      expect(text).toContain('<script>alert("x")</script>');
      expect(text).toContain("<img src=x onerror=alert(1)>");
      expect(await page.locator("main img").count(), "no <img> element was created from a name").toBe(0);
      expect(dialogs).toEqual([]);
    } finally {
      await opened.close();
    }
  });
});

describe("imports: latest choice wins, errors show, several files, refusals say why", () => {
  const text = (name: string) => readFileSync(fixture(name), "utf8");
  /** Opens /bilan with File.prototype.arrayBuffer wrapped by `patch` (a function body run in the page). */
  async function bilanWith(patch?: string) {
    const opened = await openPage(browser, `${server.url}/bilan`);
    await opened.page.waitForSelector("#scdl-fichier");
    if (patch) await opened.page.evaluate(patch);
    return opened;
  }
  const status = (opened: Awaited<ReturnType<typeof bilanWith>>) => opened.page.locator("[data-import-status]").innerText().then(plain);

  test("a large file then a small one: the small one's report shows, even when the large one is read last", async () => {
    // The large file's read is held back 1.5 s, so that it ends after the small one's.
    const opened = await bilanWith(`(() => {
      const read = File.prototype.arrayBuffer;
      File.prototype.arrayBuffer = function () {
        const wait = this.name.startsWith("grand") ? 1500 : 0;
        return new Promise((resolve) => setTimeout(resolve, wait)).then(() => read.call(this));
      };
    })()`);
    try {
      const page = opened.page;
      const large = Array.from({length: 200}, () => text("valid-comma.csv").split("\n").slice(1).join("\n")).join("");
      await page.setInputFiles("#scdl-fichier", {name: "grand.csv", mimeType: "text/csv", buffer: Buffer.from(text("valid-comma.csv") + large)});
      await page.setInputFiles("#scdl-fichier", {name: "petit.csv", mimeType: "text/csv", buffer: Buffer.from(text("invalid-siret-checksum.csv"))});
      await page.waitForSelector('[data-import-report="petit.csv"]');
      await page.waitForTimeout(2500); // the large file's read has ended by now
      expect(await page.locator("[data-import-report]").evaluateAll((els) => els.map((e) => e.getAttribute("data-import-report")))).toEqual(["petit.csv"]);
      expect(await status(opened)).toMatch(/^petit\.csv : 1 ligne valide, 2 lignes incomplètes \(chargées à part\), 0 ligne rejetée\.$/);
      expect(opened.report()).toBe("");
    } finally {
      await opened.close();
    }
  });

  test("a read that fails shows the error and the file as refused, not « Lecture de… » forever", async () => {
    const opened = await bilanWith(`File.prototype.arrayBuffer = function () { return Promise.reject(new DOMException("The requested file could not be read", "NotReadableError")); }`);
    try {
      await opened.page.setInputFiles("#scdl-fichier", fixture("valid-comma.csv"));
      await opened.page.waitForFunction(() => !document.querySelector("[data-import-status]")?.textContent?.startsWith("Lecture"), undefined, {timeout: 10_000});
      const line = await status(opened);
      expect(line).toContain("valid-comma.csv : fichier refusé, aucune ligne chargée");
      expect(line).toContain("NotReadableError");
      expect(plain(await opened.page.locator('[data-import-report="valid-comma.csv"]').innerText())).toContain("fichier refusé");
    } finally {
      await opened.close();
    }
  });

  test("several dropped files are all read, each reported, and their bilan counts a line present in both once", async () => {
    const opened = await bilanWith();
    try {
      const page = opened.page;
      const files = [["merge-part-1.csv", text("merge-part-1.csv")], ["merge-part-2.csv", text("merge-part-2.csv")]];
      const transfer = await page.evaluateHandle((list) => {
        const dt = new DataTransfer();
        for (const [name, content] of list) dt.items.add(new File([content], name, {type: "text/csv"}));
        return dt;
      }, files);
      await page.dispatchEvent(".file-import", "drop", {dataTransfer: transfer});
      await page.waitForSelector("[data-import-bilan]");
      expect(await page.locator("[data-import-report]").evaluateAll((els) => els.map((e) => e.getAttribute("data-import-report")))).toEqual(["merge-part-1.csv", "merge-part-2.csv"]);
      expect((await status(opened)).split("\n").filter(Boolean)).toEqual(["merge-part-1.csv : 2 lignes valides, 0 ligne rejetée.", "merge-part-2.csv : 2 lignes valides, 0 ligne rejetée, 1 doublon exact (chargé une fois), 2 avertissements."]); // 8 000,00: two named rules
      // 2 + 2 valid lines, one of merge-part-2's is merge-part-1's line 3: 3 grants.
      const merged = plain(await page.locator("[data-import-bilan]").innerText());
      expect(merged).toContain("1 ligne présente à l'identique dans plusieurs fichiers est comptée une fois");
      expect(merged).toMatch(/Montant total : [\d ]+ € pour 3 aides/);
      expect(opened.report()).toBe("");
    } finally {
      await opened.close();
    }
  });

  test("a workbook that is not a grant file is read, then refused: the status line says so and why, not « 0 ligne valide »", async () => {
    const opened = await bilanWith();
    try {
      await opened.page.setInputFiles("#scdl-fichier", join(ROOT, "test/fixtures/not-csv/structures.xlsx"));
      await opened.page.waitForSelector('[data-import-report="structures.xlsx"]');
      const line = await status(opened);
      expect(line).toMatch(/^structures\.xlsx : fichier refusé, aucune ligne chargée \(ligne 1, colonne .*montant.*\) ; attendu les colonnes obligatoires .* le bilan ne peut compter une aide sans son attribuant, son bénéficiaire et son montant/);
      expect(line).not.toMatch(/0 ligne/);
      expect(opened.report()).toBe("");
    } finally {
      await opened.close();
    }
  });

  test("the bilan of an imported file keeps its cents: 50 500,50 €, and 0,30 € for 0,10 + 0,20", async () => {
    const opened = await bilanWith();
    try {
      const page = opened.page;
      await page.setInputFiles("#scdl-fichier", fixture("amounts-with-cents.csv"));
      await page.waitForSelector('[data-import-report="amounts-with-cents.csv"]');
      expect(plain(await page.locator("[data-import-bilan]").innerText())).toContain("Montant total : 50 500,50 € pour 2 aides");
      await page.setInputFiles("#scdl-fichier", fixture("ten-and-twenty-cents.csv"));
      await page.waitForSelector('[data-import-report="ten-and-twenty-cents.csv"]');
      expect(plain(await page.locator("[data-import-bilan]").innerText())).toContain("Montant total : 0,30 € pour 2 aides");
    } finally {
      await opened.close();
    }
  });
});
