/**
 * The Bilan page in the browser: time to first render (performance.mark("bilan-ready"), set when the
 * chosen funder's year is on screen) over cold runs (fresh context, cache disabled), for the
 * heaviest view, the Ville de Paris's 2019 (919 grants); and the bytes it transfers.
 */
import type {Browser} from "playwright-core";

export const BILAN_TARGETS = {firstRenderMs: 1000};

export interface BilanRun {
  firstRenderMs: number;
  bytes: number;
}

export async function measureBilanFirstRender(browser: Browser, url: string): Promise<BilanRun> {
  const context = await browser.newContext({viewport: {width: 1280, height: 900}});
  try {
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    let bytes = 0;
    cdp.on("Network.loadingFinished", (event: {encodedDataLength: number}) => (bytes += event.encodedDataLength));
    await cdp.send("Network.enable");
    await cdp.send("Network.setCacheDisabled", {cacheDisabled: true});
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(e.message));
    await page.goto(url, {waitUntil: "commit"});
    await page.waitForFunction(() => performance.getEntriesByName("bilan-ready").length > 0, undefined, {timeout: 60_000}).catch(() => {
      throw new Error(`no performance.mark("bilan-ready") on ${url}${errors.length ? `; page errors: ${errors.join("; ")}` : ""}`);
    });
    const firstRenderMs = await page.evaluate(() => performance.getEntriesByName("bilan-ready")[0].startTime);
    await page.waitForLoadState("networkidle", {timeout: 30_000}).catch(() => {});
    return {firstRenderMs, bytes};
  } finally {
    await context.close();
  }
}
