/**
 * Prints a page of the built site to an A4 PDF with headless Chromium: the print half of the shared
 * print layer (src/print.css and src/components/print.ts are the page half). Shared by every
 * printable output (`npm run report -- --year`, the territory sheets), bench/ and the tests.
 *
 * The page says when its document is complete, or why it cannot be made, with setPrintStatus
 * (data-print-status on <html>). On an error, a page error or a timeout nothing is written: a PDF is
 * first printed to a temporary file beside `out`, then renamed, so `out` is never left empty or half-written.
 */
import {renameSync, rmSync} from "node:fs";
import type {Browser} from "playwright-core";

/** A document that cannot be printed, with the one French sentence that says why. */
export class PrintError extends Error {}

export interface PrintResult {
  out: string;
  pages: number;
  bytes: number;
}

/** The number of pages of a PDF written by Chromium (each page object is "/Type /Page"). */
export function pdfPageCount(pdf: Uint8Array): number {
  return (Buffer.from(pdf).toString("latin1").match(/\/Type\s*\/Page(?![a-zA-Z])/g) ?? []).length;
}

export async function printToPdf(browser: Browser, url: string, out: string, {timeout = 60_000}: {timeout?: number} = {}): Promise<PrintResult> {
  const context = await browser.newContext();
  const partial = `${out}.partiel`;
  try {
    const page = await context.newPage();
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(e.message));
    await page.goto(url, {waitUntil: "load"});
    await page.waitForFunction(() => document.documentElement.dataset.printStatus !== undefined || document.querySelector(".observablehq--error") !== null, undefined, {timeout});
    const status = await page.evaluate(() => ({
      status: document.documentElement.dataset.printStatus,
      message: document.documentElement.dataset.printMessage ?? "",
      failed: [...document.querySelectorAll(".observablehq--error")].map((e) => e.textContent ?? "").join(" ; ")
    }));
    if (status.status === "erreur") throw new PrintError(status.message);
    if (status.failed || errors.length) throw new Error(`la page ${url} a des erreurs : ${[status.failed, ...errors].filter(Boolean).join(" ; ")}`);
    await page.evaluate(() => document.fonts.ready);
    await page.emulateMedia({media: "print"});
    const pdf = await page.pdf({path: partial, printBackground: true, preferCSSPageSize: true});
    renameSync(partial, out);
    return {out, pages: pdfPageCount(pdf), bytes: pdf.length};
  } finally {
    rmSync(partial, {force: true});
    await context.close();
  }
}
