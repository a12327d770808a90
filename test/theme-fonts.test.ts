import {readFileSync} from "node:fs";
import {describe, expect, it} from "vitest";
import {FAMILY, fontFace, themeFontHead} from "../bin/theme-fonts.js";

const css = `/* source-serif-4-latin-ext-opsz-normal */
@font-face {
  font-family: 'Source Serif 4 Variable';
  font-style: normal;
  src: url(./files/source-serif-4-latin-ext-opsz-normal.woff2) format('woff2-variations');
}
/* source-serif-4-latin-opsz-normal */
@font-face {
  font-family: 'Source Serif 4 Variable';
  font-style: normal;
  src: url(./files/source-serif-4-latin-opsz-normal.woff2) format('woff2-variations');
  unicode-range: U+0000-00FF;
}`;

describe("the theme's self-hosted font", () => {
  it("takes the package's rule for the latin subset only, under the theme's family name, pointed at the copied file", () => {
    expect(fontFace(css, "latin", "./_npm/pkg@1.0.0/")).toEqual({
      file: "files/source-serif-4-latin-opsz-normal.woff2",
      rule: `@font-face { font-family: "${FAMILY}"; font-style: normal; src: url(./_npm/pkg@1.0.0/files/source-serif-4-latin-opsz-normal.woff2) format('woff2-variations'); unicode-range: U+0000-00FF; }`
    });
    expect(fontFace(css, "greek", "./")).toBeNull();
  });

  it("is the family Framework's theme names first for body text", () => {
    const theme = readFileSync(new URL("../node_modules/@observablehq/framework/dist/style/global.css", import.meta.url), "utf8");
    expect(/--serif:\s*"([^"]+)"/.exec(theme)?.[1]).toBe(FAMILY);
  });

  it("preloads the roman face (the italic for print only) and names the installed version, never a remote host", () => {
    const {version} = JSON.parse(readFileSync(new URL("../node_modules/@fontsource-variable/source-serif-4/package.json", import.meta.url), "utf8"));
    const head = themeFontHead();
    expect(head).toMatch(/<link rel="preload" href="npm:@fontsource-variable\/source-serif-4\/files\/source-serif-4-latin-opsz-normal\.woff2" as="font"/);
    expect(head).toMatch(/<link rel="preload" href="npm:@fontsource-variable\/source-serif-4\/files\/source-serif-4-latin-opsz-italic\.woff2"[^>]* media="print">/);
    expect(head.match(/url\(([^)]+)\)/g)).toEqual([
      `url(./_npm/@fontsource-variable/source-serif-4@${version}/files/source-serif-4-latin-opsz-normal.woff2)`,
      `url(./_npm/@fontsource-variable/source-serif-4@${version}/files/source-serif-4-latin-opsz-italic.woff2)`
    ]);
    expect(head).not.toMatch(/https?:/);
  });
});
