import {describe, expect, it} from "vitest";
import {readRegistry, type Source} from "../loaders/registry.js";
import {sourceEntryHtml, sourcesHtml} from "../loaders/sources-html.js";
import {readPage} from "../bin/check-links.js";

const source: Source = {
  id: "aides_x",
  title: "Aides <b>2019</b> & co",
  publisher: "Région ${1 + 1}",
  licence: "ODbL",
  attribution: "© Ville de Paris",
  vintage: "2019",
  upstream_url: "https://example.org/?a=1&b=2",
  project_file: "data/aides/x.csv",
  sha256: "0".repeat(64),
  download_url: null,
  transformation: "aucune"
};

describe("the Méthode page's sources, written at build time", () => {
  it("give every registered source its #source-<id> anchor in the HTML", () => {
    const registry = readRegistry();
    const {ids} = readPage(sourcesHtml(registry));
    for (const s of registry) expect(ids.has(`source-${s.id}`), s.id).toBe(true);
    expect(ids.has("source-aides_region_2019_rapport") && ids.has("source-postes_politique_ville")).toBe(true);
  });

  it("write registry text as text: markup escaped, no Framework inline expression", () => {
    const html = sourceEntryHtml(source);
    expect(html).toContain("<h3>Aides &lt;b&gt;2019&lt;/b&gt; &amp; co</h3>");
    expect(html).toContain("Région &#36;{1 + 1}");
    expect(html).not.toContain("${");
    expect(html).toContain('<a href="https://example.org/?a=1&amp;b=2">');
    expect(html).toContain("<td>Licence</td><td>ODbL — attribution : © Ville de Paris</td>");
    expect(html).toContain("<td>Fichier du projet</td><td>data/aides/x.csv</td>");
  });
});
