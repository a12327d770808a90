import {describe, expect, it} from "vitest";
import {deferModulePreloads, finalizeHtml} from "../bin/finalize-html.js";

const framework = `<!DOCTYPE html>
<html>
<head></head>
<body>
<input id="observablehq-sidebar-toggle" type="checkbox" title="Toggle sidebar">
<nav id="observablehq-sidebar">
  <ol>
    <label id="observablehq-sidebar-close" for="observablehq-sidebar-toggle"></label>
    <li class="observablehq-link"><a href="./">Atlas</a></li>
  </ol>
</nav>`;

describe("pages whose map is drawn at build time", () => {
  const preload = '<link rel="modulepreload" href="./_observablehq/client.js">\n';
  it("drop Framework's module preload hints, so the map paints first", () => {
    expect(deferModulePreloads(`<head>${preload}</head><body><svg class="choropleth"></svg></body>`)).toBe('<head></head><body><svg class="choropleth"></svg></body>');
  });

  it("other pages keep them", () => {
    expect(deferModulePreloads(`<head>${preload}</head><body></body>`)).toContain("modulepreload");
  });
});

describe("accessibility fixes to Framework's HTML", () => {
  it("sets the French document language, labels the sidebar toggle and takes the label out of the list", () => {
    const html = finalizeHtml(framework);
    expect(html).toContain('<html lang="fr">');
    expect(html).toContain('aria-label="Afficher ou masquer le menu"');
    expect(html).toMatch(/<\/label>\n  <ol>\n    <li/);
    expect(html).not.toMatch(/<ol>\s*<label/);
  });

  it("fails loudly when Framework's markup changed", () => {
    expect(() => finalizeHtml(framework.replace("<html>", "<html class=x>"), "dist/index.html")).toThrow(/dist\/index\.html: expected Framework's markup for the fix "the document language/);
  });
});
