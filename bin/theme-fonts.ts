// The web font of Framework's default theme, self-hosted. Framework 1.13's theme sets body text in
// "Source Serif 4" (--serif in node_modules/@observablehq/framework/dist/style/global.css), with
// optical size 8–60, weight 200–900, roman and italic, which it fetches from a hosted font service
// by default; the build has no network and the site must not call one. The same font comes from
// the npm package @fontsource-variable/source-serif-4 (SIL Open Font License 1.1): Framework copies a
// file an npm: <link> names to /_npm/<name>@<version>/<path>, unhashed, so the @font-face rules
// (taken from the package's own CSS, latin subset: French text needs no other) can point at it.
// Used by observablehq.config.ts for every page's <head>.
import {readFileSync} from "node:fs";
import {createRequire} from "node:module";

export const FONT_PACKAGE = "@fontsource-variable/source-serif-4";
/** The family name the theme asks for (the package calls it "Source Serif 4 Variable"). */
export const FAMILY = "Source Serif 4";
const SUBSET = "latin";

/** The package's @font-face rule for one subset, renamed to the theme's family and pointed at `base` + files/…; null if absent. */
export function fontFace(css: string, subset: string, base: string, family = FAMILY): {rule: string; file: string} | null {
  for (const block of css.match(/@font-face\s*\{[^}]*\}/g) ?? []) {
    const url = /url\(\.\/(files\/[^)]+)\)/.exec(block);
    if (!url || !new RegExp(`-${subset}-[a-z]+-(normal|italic)\\.woff2$`).test(url[1])) continue;
    const rule = block
      .replace(/font-family:\s*'[^']*'/, `font-family: "${family}"`)
      .replace(url[0], `url(${base}${url[1]})`)
      .replace(/\s+/g, " ");
    return {rule, file: url[1]};
  }
  return null;
}

/**
 * Every page's font <head>: the roman file preloaded (all body text uses it), and the @font-face
 * rules of the roman and the italic. Pages sit at the site's root, so "./_npm/…" is where Framework
 * puts the files. The italic must be named by a <link> too, or Framework would not copy it; its
 * preload is for print only (the A4 bilan report), so on screen the browser fetches it when a page
 * shows italic text and never twice (a prefetch was fetched again by the @font-face rule).
 */
export function themeFontHead(): string {
  const require = createRequire(import.meta.url);
  const packageJson = require.resolve(`${FONT_PACKAGE}/package.json`);
  const {version} = JSON.parse(readFileSync(packageJson, "utf8")) as {version: string};
  const dir = packageJson.slice(0, -"package.json".length);
  const base = `./_npm/${FONT_PACKAGE}@${version}/`;
  const faces = ["opsz.css", "opsz-italic.css"].map((name) => {
    const face = fontFace(readFileSync(dir + name, "utf8"), SUBSET, base);
    if (!face) throw new Error(`${FONT_PACKAGE}/${name}: no ${SUBSET} @font-face rule (package layout changed?)`);
    return face;
  });
  const [roman, italic] = faces;
  return [
    `<link rel="preload" href="npm:${FONT_PACKAGE}/${roman.file}" as="font" type="font/woff2" crossorigin>`,
    `<link rel="preload" href="npm:${FONT_PACKAGE}/${italic.file}" as="font" type="font/woff2" crossorigin media="print">`,
    `<style>${faces.map((f) => f.rule).join("\n")}</style>`
  ].join("\n");
}
