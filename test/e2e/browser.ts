/** Page helpers for the browser tests; the launcher itself is bin/chromium.ts. */
import {existsSync} from "node:fs";
import {fileURLToPath} from "node:url";
import type {Browser, BrowserContext, Page} from "playwright-core";
import {afterAll, beforeAll} from "vitest";
import {launchBrowser} from "../../bin/chromium.js";
import {serve, type StaticServer} from "../../bin/static-server.js";
export {chromiumPath, launchBrowser} from "../../bin/chromium.js";

/** The built site: DIST_DIR, or dist/ at the project's root. */
export const DIST_DIR = process.env.DIST_DIR ?? fileURLToPath(new URL("../../dist/", import.meta.url));

/**
 * For a test file: serves the built site on an ephemeral port and launches Chromium before its
 * tests (refusing to start when `page` was not built), hands both over, and closes them after.
 */
export function useBuiltSite(page: string, ready: (server: StaticServer, browser: Browser) => void): void {
  let server: StaticServer | undefined;
  let browser: Browser | undefined;
  beforeAll(async () => {
    if (!existsSync(`${DIST_DIR}/${page}`)) throw new Error(`dist/${page} is missing: run npm run build first`);
    server = await serve(DIST_DIR);
    browser = await launchBrowser();
    ready(server, browser);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });
}

export interface PageProblems {
  consoleErrors: string[];
  pageErrors: string[];
  failedRequests: string[];
}

export interface OpenedPage extends PageProblems {
  page: Page;
  context: BrowserContext;
  /** Human-readable list of every problem collected so far (empty string if none). */
  report(): string;
  close(): Promise<void>;
}

/**
 * Opens url in a fresh context and collects console errors, uncaught page errors and failed
 * requests (network failures and HTTP status >= 400). Waits for the load event, then for
 * network idle (best effort), so late module imports and fetches are observed.
 */
export async function openPage(
  browser: Browser,
  url: string,
  {waitUntil = "load", idle = true}: {waitUntil?: "load" | "domcontentloaded" | "networkidle"; idle?: boolean} = {}
): Promise<OpenedPage> {
  const context = await browser.newContext();
  const page = await context.newPage();
  const consoleErrors: string[] = [];
  const pageErrors: string[] = [];
  const failedRequests: string[] = [];
  // Chromium requests /favicon.ico on its own when a page declares no icon; that 404 is not the page's doing.
  const implicit = (url: string) => new URL(url).pathname === "/favicon.ico";
  page.on("console", (message) => {
    if (message.type() === "error" && !implicit(message.location().url || "http://x/")) {
      const location = message.location();
      consoleErrors.push(`${message.text()}${location.url ? ` (${location.url}:${location.lineNumber})` : ""}`);
    }
  });
  page.on("pageerror", (error) => pageErrors.push(error.stack || error.message));
  page.on("requestfailed", (request) =>
    implicit(request.url()) ||
    failedRequests.push(`${request.method()} ${request.url()}: ${request.failure()?.errorText ?? "failed"}`)
  );
  page.on("response", (response) => {
    if (response.status() >= 400 && !implicit(response.url())) failedRequests.push(`${response.request().method()} ${response.url()}: HTTP ${response.status()}`);
  });
  await page.goto(url, {waitUntil});
  if (idle) await page.waitForLoadState("networkidle", {timeout: 15_000}).catch(() => {});
  return {
    page,
    context,
    consoleErrors,
    pageErrors,
    failedRequests,
    report() {
      const sections: string[] = [];
      if (consoleErrors.length) sections.push(`console errors:\n  ${consoleErrors.join("\n  ")}`);
      if (pageErrors.length) sections.push(`page errors:\n  ${pageErrors.join("\n  ")}`);
      if (failedRequests.length) sections.push(`failed requests:\n  ${failedRequests.join("\n  ")}`);
      return sections.join("\n");
    },
    close: () => context.close()
  };
}
