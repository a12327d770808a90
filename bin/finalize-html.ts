// `npm run build` last step: small accessibility fixes to the HTML that Framework 1.13 writes and
// does not let us configure. Each fix asserts that it found what it fixes, so a Framework upgrade
// that changes the markup fails the build loudly instead of silently skipping the fix.
import {readdirSync, readFileSync, writeFileSync} from "node:fs";
import {join} from "node:path";

export const FIXES: {why: string; from: string | RegExp; to: string}[] = [
  {why: "the document language (WCAG 3.1.1): Framework writes <html> without lang", from: "<html>", to: '<html lang="fr">'},
  {
    why: "the sidebar toggle is labelled only by a title attribute",
    from: /<input id="observablehq-sidebar-toggle" type="checkbox" title="([^"]*)">/,
    to: '<input id="observablehq-sidebar-toggle" type="checkbox" title="Afficher ou masquer le menu" aria-label="Afficher ou masquer le menu">'
  },
  {
    why: "a <label> is not allowed as a direct child of <ol>: move the sidebar close button before its list",
    from: /<ol>\n(\s*)(<label id="observablehq-sidebar-close" for="observablehq-sidebar-toggle"><\/label>)\n/,
    to: "$2\n  <ol>\n"
  }
];

/**
 * A page whose map is already drawn in its HTML (a page loader's build-time SVG) paints it first:
 * Framework's <link rel="modulepreload"> hints make the browser fetch and compile every module
 * while it is still parsing the map, which delayed its first paint by 70–100 ms (npm run bench).
 * Without the hints the modules still load, through the imports, once the map is on screen.
 */
export function deferModulePreloads(html: string): string {
  return /<svg class="choropleth"/.test(html) ? html.replace(/<link rel="modulepreload"[^>]*>\n?/g, "") : html;
}

export function finalizeHtml(html: string, file = "page"): string {
  const fixed = FIXES.reduce((text, fix) => {
    if (!(typeof fix.from === "string" ? text.includes(fix.from) : fix.from.test(text))) {
      throw new Error(`${file}: expected Framework's markup for the fix "${fix.why}", not found — check bin/finalize-html.ts after a Framework upgrade.`);
    }
    return text.replace(fix.from, fix.to);
  }, html);
  return deferModulePreloads(fixed);
}

function htmlFiles(dir: string): string[] {
  return readdirSync(dir, {withFileTypes: true}).flatMap((entry) =>
    entry.isDirectory() ? (entry.name.startsWith("_") ? [] : htmlFiles(join(dir, entry.name))) : entry.name.endsWith(".html") ? [join(dir, entry.name)] : []
  );
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const dist = process.argv[2] ?? "dist";
  for (const file of htmlFiles(dist)) writeFileSync(file, finalizeHtml(readFileSync(file, "utf8"), file));
}
