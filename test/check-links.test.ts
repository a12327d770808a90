import {spawnSync} from "node:child_process";
import {fileURLToPath} from "node:url";
import {describe, expect, it} from "vitest";
import {checkLinks, readPage} from "../bin/check-links.js";

const site = fileURLToPath(new URL("./fixtures/site/", import.meta.url));

describe("the built site's internal links", () => {
  it("finds exactly the four broken links of the fixture site: a missing anchor, page, file and same-page anchor", () => {
    expect(checkLinks(site)).toEqual([
      {page: "/guide/", href: "../methode#source-b", problem: 'pas d\'élément id="source-b" dans /methode'},
      {page: "/guide/", href: "../bilan", problem: "ni page ni fichier à /bilan"},
      {page: "/guide/", href: "../_file/data/absent.csv", problem: "ni page ni fichier à /_file/data/absent.csv"},
      {page: "/guide/", href: "#fin", problem: 'pas d\'élément id="fin" dans /guide/'}
    ]);
  });

  it("reads ids, named anchors and hrefs from the HTML, not from text that looks like them", () => {
    const {ids, hrefs} = readPage('<p id="a">id="b" <a name="c" href="./x">lien</a></p><template><span id="d"></span></template><!-- <a href="./commentaire"> -->');
    expect([...ids].sort()).toEqual(["a", "c", "d"]);
    expect(hrefs).toEqual(["./x"]);
  });

  it("stops `npm run build` with the list when a link is broken", () => {
    const result = spawnSync("npx", ["tsx", fileURLToPath(new URL("../bin/check-links.ts", import.meta.url)), site], {encoding: "utf8"});
    expect(result.status).toBe(1);
    expect(result.stderr).toContain("4 lien(s) interne(s) cassé(s)");
    expect(result.stderr).toContain("- /guide/ → ../bilan : ni page ni fichier à /bilan");
  });
});
