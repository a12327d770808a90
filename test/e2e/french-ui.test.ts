/**
 * The pages with a file import or a filtered table speak French only: the browser's own file input
 * writes "Choose file / No file chosen" (in the browser's language) and Observable Inputs' table
 * "No results.". Each file input is replaced on screen by a French button and a French "no file"
 * line, stays reachable with the keyboard (Space opens the chooser), and a filtered-out table says
 * "Aucun résultat.".
 */
import {join} from "node:path";
import {fileURLToPath} from "node:url";
import type {Browser, Page} from "playwright-core";
import {describe, expect, test} from "vitest";
import {openPage, useBuiltSite} from "./browser.js";
import type {StaticServer} from "../../bin/static-server.js";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
/** English text an untranslated widget writes, as Chromium and Observable Inputs spell it. */
const ENGLISH = [/No results\./, /No file chosen/i, /No files chosen/i, /Choose files?\b/i, /Browse…/];

let server: StaticServer;
let browser: Browser;
useBuiltSite("bilan.html", (s, b) => ([server, browser] = [s, b]));

/** Each file input: drawn at most 1 px (the browser's English text is not on screen), with a visible French button for it. */
async function fileInputs(page: Page) {
  return page.locator('input[type="file"]').evaluateAll((inputs) =>
    inputs.map((input) => {
      const box = input.getBoundingClientRect();
      const button = document.querySelector<HTMLElement>(`label.file-picker-button[for="${input.id}"]`);
      return {id: input.id, width: box.width, height: box.height, button: button?.innerText ?? null, chosen: input.parentElement?.querySelector(".file-picker-chosen")?.textContent ?? null, labels: (input as HTMLInputElement).labels?.length ?? 0};
    })
  );
}

/** Each page, what shows it has finished its first render (a reactive page may redraw its import until then), its name. */
const PAGES: [string, string, string][] = [
  ["/bilan", "#scdl-fichier", "bilan"],
  ["/implantation?preset=couveuses", '[data-table="shortlist"] tbody tr', "implantation"],
  ["/grille", "#grille-import", "grille"]
];

describe("French everywhere", () => {
  for (const [path, ready, name] of PAGES) {
    test(`${name}: every file input shows a French button and "Aucun fichier choisi", and stays keyboard-operable`, async () => {
      const opened = await openPage(browser, `${server.url}${path}`);
      try {
        const {page} = opened;
        await page.waitForSelector(ready, {state: "attached"});
        const inputs = await fileInputs(page);
        expect(inputs.length).toBeGreaterThan(0);
        for (const input of inputs) {
          expect(input.width).toBeLessThanOrEqual(1);
          expect(input.height).toBeLessThanOrEqual(1);
          expect(input.button).toMatch(/^Choisir (un fichier|des fichiers)…$/);
          expect(input.chosen).toBe("Aucun fichier choisi");
          expect(input.labels).toBeGreaterThanOrEqual(2); // its own description and the button
        }
        // Keyboard: the input itself takes the focus and Space opens the chooser.
        const first = page.locator('input[type="file"]').first();
        await first.focus();
        await expect.poll(() => first.evaluate((input) => document.activeElement === input)).toBe(true);
        // Up to three presses: on a loaded machine a press can come before Playwright intercepts the chooser.
        let chooser = null;
        for (let attempt = 0; attempt < 3 && !chooser; attempt++) {
          const waiting = page.waitForEvent("filechooser", {timeout: 5000}).catch(() => null);
          await first.press("Space");
          chooser = await waiting;
        }
        expect(chooser).not.toBeNull();
        const text = await page.locator("body").innerText();
        for (const english of ENGLISH) expect(text).not.toMatch(english);
        expect(opened.report()).toBe("");
      } finally {
        await opened.close();
      }
    });
  }

  test("bilan: the chosen file's name replaces « Aucun fichier choisi »", async () => {
    const opened = await openPage(browser, `${server.url}/bilan`);
    try {
      const {page} = opened;
      await page.waitForSelector("#scdl-fichier", {state: "attached"});
      await page.setInputFiles("#scdl-fichier", join(ROOT, "test/fixtures/scdl/valid-comma.csv"));
      await expect.poll(() => page.locator("#scdl-fichier ~ .file-picker-chosen").textContent()).toBe("valid-comma.csv");
    } finally {
      await opened.close();
    }
  });

  test("bilan: a search that matches nothing says « Aucun résultat. », never « No results. »", async () => {
    const opened = await openPage(browser, `${server.url}/bilan`);
    try {
      const {page} = opened;
      const search = page.getByRole("searchbox", {name: "Rechercher"}).first();
      await search.fill("zzzz-aucune-aide-ne-porte-ce-nom");
      await expect.poll(() => page.locator("body").innerText(), {timeout: 10_000}).toContain("Aucun résultat.");
      expect(await page.locator("body").innerText()).not.toMatch(/No results/);
    } finally {
      await opened.close();
    }
  });
});
