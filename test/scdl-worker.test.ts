// The import worker's work, run in node: progress while it validates, then one result for all the
// files of the import, in their order, with the bilan per funder and cross-file duplicates once.
import {readFileSync} from "node:fs";
import {describe, expect, it} from "vitest";
import {scdlSchema} from "../loaders/schemas.js";
import {traiter, type MessageImport} from "../src/components/scdl-worker.js";

const dataDir = process.env.IDF_DATA_DIR;
const schema = dataDir ? await scdlSchema() : undefined;
const fixture = (name: string) => {
  const bytes = readFileSync(new URL(`./fixtures/scdl/${name}`, import.meta.url));
  return {name, bytes: bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength)};
};

describe.skipIf(!schema)("the import worker (needs IDF_DATA_DIR for the published schema)", () => {
  it("posts progress, then one result: each file reported in order, the valid rows' bilan with a line of both files once", () => {
    const messages: MessageImport[] = [];
    traiter({fichiers: [fixture("merge-part-1.csv"), fixture("merge-part-2.csv")], schema: schema!, financeurs: []}, (m) => messages.push(m));
    expect(messages.map((m) => m.type)).toEqual(["progression", "progression", "fin"]);
    const fin = messages.at(-1) as Extract<MessageImport, {type: "fin"}>;
    const [a, b] = fin.resultat.fichiers;
    expect([a.file, a.summary.loaded, b.file, b.summary.loaded, b.summary.duplicates]).toEqual(["merge-part-1.csv", 2, "merge-part-2.csv", 2, 1]);
    // 2 + 2 valid lines, one of merge-part-2's repeats merge-part-1's: 3 aids in the bilan
    expect([fin.resultat.lignes, fin.resultat.doublonsAutresFichiers]).toEqual([3, 1]);
    expect(fin.resultat.resume.reduce((s, f) => s + f.aides, 0)).toBe(3);
  });

  it("refuses a file the validator cannot take, with the reason, and still reports the others", () => {
    const messages: MessageImport[] = [];
    traiter({fichiers: [fixture("empty-file.csv"), fixture("valid-comma.csv")], schema: schema!, financeurs: []}, (m) => messages.push(m));
    const fin = messages.at(-1) as Extract<MessageImport, {type: "fin"}>;
    expect(fin.resultat.fichiers.map((f) => [f.file, f.summary.refused?.code ?? null, f.summary.loaded])).toEqual([["empty-file.csv", "empty-file", 0], ["valid-comma.csv", null, 3]]);
  });
});
