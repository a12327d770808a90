// Pages read like a story: load, call the model, show. Data wrangling belongs in src/model (pure,
// tested in node), DOM in src/components; a page's code blocks stay short, and this test keeps them so.
import {readdirSync, readFileSync} from "node:fs";
import {join, resolve} from "node:path";
import {fileURLToPath} from "node:url";
import {describe, expect, it} from "vitest";

/** The most lines a ```js block of a page may have (a Plot or a table definition fits; a model does not). */
const MAX_BLOCK_LINES = 25;

const src = resolve(fileURLToPath(new URL("../src", import.meta.url)));
// Fences may be escaped (\`\`\`js) inside a page loader's template literal.
const FENCE = /^(?:\\?`){3}js[^\n]*\n([\s\S]*?)^(?:\\?`){3}/gm;

function codeBlocks(text: string): {line: number; lines: number}[] {
  return [...text.matchAll(FENCE)].map((m) => ({
    line: text.slice(0, m.index).split("\n").length,
    lines: m[1].split("\n").length - 1
  }));
}

const pages = readdirSync(src).filter((f) => /\.md(\.template|\.ts)?$/.test(f));

describe("the pages", () => {
  it("are all checked: markdown pages, page templates and page loaders", () => {
    expect(pages).toEqual(expect.arrayContaining(["index.md.template", "besoins.md.template", "implantation.md.template", "implantation.md.ts", "bilan.md", "methode.md.template", "methode.md.ts", "donnees.md.ts"]));
  });

  it(`have no code block longer than ${MAX_BLOCK_LINES} lines`, () => {
    const long = pages.flatMap((page) =>
      codeBlocks(readFileSync(join(src, page), "utf8"))
        .filter((b) => b.lines > MAX_BLOCK_LINES)
        .map((b) => `src/${page}:${b.line}: ${b.lines} lines`)
    );
    expect(long).toEqual([]);
  });

  it("count a block's lines between its fences, escaped fences included", () => {
    expect(codeBlocks("# T\n\n```js\nconst a = 1;\nconst b = 2;\n```\n\ntext\n\\`\\`\\`js\nx\n\\`\\`\\`\n")).toEqual([{line: 3, lines: 2}, {line: 9, lines: 1}]);
  });
});
