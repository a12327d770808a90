/**
 * The Explorer's measures for npm run bench:
 * - cold: time from navigation to performance.mark("explorer-ready") (DuckDB-Wasm loaded, every
 *   table inserted, views made, the first builder query shown), fresh context, cache disabled;
 * - warm: in one page on the communes, the threshold of a filter moved `changes` times between
 *   two values; each change leaves an "explorer-query" measure (from the input to the table and
 *   map shown), read from the page.
 */
import type {Browser} from "playwright-core";

export const EXPLORER_TARGETS = {readyMs: 2500, filterChangeMs: 100};

export async function measureExplorerCold(browser: Browser, url: string): Promise<{readyMs: number; bytes: number}> {
  const context = await browser.newContext({viewport: {width: 1280, height: 900}});
  try {
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    let bytes = 0;
    cdp.on("Network.loadingFinished", (event: {encodedDataLength: number}) => (bytes += event.encodedDataLength));
    await cdp.send("Network.enable");
    await cdp.send("Network.setCacheDisabled", {cacheDisabled: true});
    await page.goto(`${url}/explorateur`, {waitUntil: "commit"});
    await page.waitForFunction(() => performance.getEntriesByName("explorer-ready").length > 0, undefined, {timeout: 60_000});
    const readyMs = await page.evaluate(() => performance.getEntriesByName("explorer-ready")[0].startTime);
    return {readyMs, bytes};
  } finally {
    await context.close();
  }
}

export async function measureExplorerFilter(browser: Browser, url: string, changes: number): Promise<number[]> {
  const page = await browser.newPage();
  try {
    await page.goto(`${url}/explorateur?niveau=commune&filtre=population:ge:10000&filtre=code_couronne:in:grande_couronne`, {waitUntil: "load"});
    await page.waitForFunction(() => performance.getEntriesByName("explorer-ready").length > 0, undefined, {timeout: 60_000});
    for (let i = 0; i < changes; i++) {
      const before = await page.evaluate(() => performance.getEntriesByName("explorer-query", "measure").length);
      await page.fill(".filter-value", String(i % 2 ? 10000 : 20000));
      await page.waitForFunction((n) => performance.getEntriesByName("explorer-query", "measure").length > n, before, {timeout: 30_000});
    }
    // The first measure is the page's own first query; the rest are the filter changes.
    return page.evaluate(() => performance.getEntriesByName("explorer-query", "measure").slice(1).map((m) => m.duration));
  } finally {
    await page.close();
  }
}
