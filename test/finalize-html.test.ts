import {describe, expect, it} from "vitest";
import {finalizeHtml} from "../build/finalize-html.js";

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
