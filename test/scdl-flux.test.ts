// Block-by-block validation of large SCDL files: cut into blocks of a few hundred bytes, a file
// made of the validator's own fixtures must give exactly what the whole-file validator gives —
// the same loaded, rejected and duplicate counts, the same problems at the same lines, the same
// bilan. Needs the published SCDL schema (IDF_DATA_DIR).
import {readFileSync} from "node:fs";
import {beforeAll, describe, expect, it} from "vitest";
import {scdlSchema} from "../loaders/schemas.js";
import {champsResume, ResumeImport} from "../src/model/import-resume.js";
import {validateScdl, type ScdlSchema} from "../src/model/scdl.js";
import {rowHash, validerParBlocs, Vus, type ResultatFichier} from "../src/model/scdl-flux.js";

const dataDir = process.env.IDF_DATA_DIR;
const schema: ScdlSchema | undefined = dataDir ? await scdlSchema() : undefined;
const fixture = (name: string) => readFileSync(new URL(`./fixtures/scdl/${name}`, import.meta.url), "utf8");
const body = (name: string) => fixture(name).split(/\r?\n/).slice(1).filter((l, i, all) => i < all.length - 1 || l !== "").join("\n");

function run(bytes: Uint8Array, file: string, bloc: number, resume = new ResumeImport(), vus: Vus = new Vus()): {result: ResultatFichier; steps: number} {
  const gen = validerParBlocs(bytes, file, schema!, resume, vus, {bloc});
  let steps = 0;
  for (;;) {
    const next = gen.next();
    if (next.done) return {result: next.value, steps};
    steps++;
  }
}

describe.skipIf(!schema)("validating a large file in blocks (needs IDF_DATA_DIR for the published schema)", () => {
  // Valid lines, a quoted field over two lines, bad SIRETs, a line with seven problems, an exact
  // duplicate, a short line; repeated so that the blocks cut everywhere, a blank line and a BOM in front.
  const parts = ["valid-comma.csv", "quoted-newline-in-objet.csv", "invalid-siret-checksum.csv", "several-problems-one-line.csv", "duplicate-row.csv", "wrong-field-count.csv"].map(body);
  const header = fixture("valid-comma.csv").split("\n")[0];
  const text = `\ufeff\r\n${header}\r\n` + Array.from({length: 6}, () => parts.join("\n")).join("\n").replace(/\n/g, "\r\n") + "\r\n";
  const bytes = new TextEncoder().encode(text);
  // Validated when the tests run, not when vitest collects them (without the pack the suite is skipped).
  let whole: ReturnType<typeof validateScdl>;
  beforeAll(() => {
    whole = validateScdl(bytes, "gros.csv", schema!);
  });

  for (const bloc of [300, 777, 2048]) {
    it(`blocks of ${bloc} bytes give the whole-file result: counts, problems at the same lines, duplicates`, () => {
      const {result, steps} = run(bytes, "gros.csv", bloc);
      expect(steps).toBeGreaterThan(3);
      expect(result.blocs).toBe(steps);
      expect([result.summary.loaded, result.summary.incomplete, result.summary.rejected, result.doublonsTotal, result.dataLines]).toEqual([whole.rows.length, whole.incomplete.length, whole.rejects.length, whole.duplicates.length, whole.dataLines]);
      const key = (p: {line: number; lineEnd?: number; column: string; code: string; value: string}) => `${p.line}-${p.lineEnd ?? ""} ${p.column} ${p.code} ${p.value}`;
      expect(result.problems.map(key)).toEqual(whole.problems.map(key));
      expect(result.duplicates.map((d) => [d.line, d.duplicateOf])).toEqual(whole.duplicates.map((d) => [d.line, d.duplicateOf]));
    });
  }

  it("one warning per normalisation rule for the whole file, with the count of every block's rewrites", () => {
    const line = (i: number) => `Région Île-de-France,23750007900312,15/03/2024,,Association ${i},43210987600016,,Objet ${i},${1000 + i},aide en numéraire,unique,2024-04-01,,non,1,`;
    const dates = new TextEncoder().encode([header, ...Array.from({length: 60}, (_, i) => line(i))].join("\n") + "\n");
    const normalised = (problems: {code: string; column: string; expected: string}[]) => problems.filter((p) => p.code === "normalised" && p.column === "dateConvention").map((p) => /appliquée à (\d+) valeur/.exec(p.expected)![1]);
    expect(normalised(validateScdl(dates, "dates.csv", schema!).problems)).toEqual(["60"]);
    const {result} = run(dates, "dates.csv", 1000);
    expect(result.blocs).toBeGreaterThan(3);
    expect(normalised(result.problems)).toEqual(["60"]);
  });

  it("blocks give the same bilan as the whole file's valid rows", () => {
    const reference = new ResumeImport();
    // valid and incomplete rows, in line order, as the blocks load them
    for (const row of [...whole.rows, ...whole.incomplete].sort((a, b) => a.line - b.line)) reference.ajouterChamps({...champsResume(row.values), manquants: row.missing?.join(",") ?? null});
    const resume = new ResumeImport();
    run(bytes, "gros.csv", 500, resume);
    expect(resume.resultat()).toEqual(reference.resultat());
  });

  it("a file no larger than a block is validated in one call, exactly as a small file", () => {
    const {result, steps} = run(bytes, "gros.csv", bytes.length);
    expect([steps, result.blocs, result.summary.loaded]).toEqual([1, 1, whole.rows.length]);
  });

  it("a valid row already in an earlier file of the import is loaded but counted once in the bilan", () => {
    const resume = new ResumeImport();
    const vus: Vus = new Vus();
    const one = new TextEncoder().encode(fixture("valid-comma.csv"));
    run(one, "a.csv", 200, resume, vus);
    const second = run(one, "b.csv", 200, resume, vus).result;
    expect([second.summary.loaded, second.doublonsAutresFichiers, second.doublonsTotal]).toEqual([3, 3, 0]);
    expect(resume.lignes).toBe(3);
  });

  it("refuses a file that is not CSV, as the whole-file validator does, whatever its size", () => {
    const pdf = new Uint8Array(5000).fill(65);
    pdf.set(new TextEncoder().encode("%PDF-1.7\n"), 0);
    const {result} = run(pdf, "rapport.pdf", 1000);
    expect(result.summary.refused?.code).toBe("not-csv");
    expect(result.summary.loaded).toBe(0);
  });
});

describe("the table of rows already seen", () => {
  it("finds every earlier row again, with its file and line, as it grows past its first size", () => {
    const vus = new Vus();
    const names = ["montant", "objet"];
    // One assertion over the 200,000 rows (an expect per row took seconds on a busy 2-core machine).
    const seenBefore: number[] = [];
    for (let i = 0; i < 200_000; i++) if (vus.seen(rowHash({montant: i, objet: "x"}, names), i < 100_000 ? "a.csv" : "b.csv", i + 2) !== null) seenBefore.push(i);
    expect(seenBefore).toEqual([]);
    expect(vus.size).toBe(200_000);
    expect(vus.seen(rowHash({montant: 12, objet: "x"}, names), "c.csv", 5)).toEqual({file: "a.csv", line: 14});
    expect(vus.seen(rowHash({montant: 150_000, objet: "x"}, names), "c.csv", 6)).toEqual({file: "b.csv", line: 150_002});
  });

  it("tells a number from the same text, and an empty value from an empty text", () => {
    const names = ["a"];
    expect(rowHash({a: 12}, names)).not.toBe(rowHash({a: "12"}, names));
    expect(rowHash({a: null}, names)).not.toBe(rowHash({a: ""}, names));
    expect(rowHash({a: true}, names)).not.toBe(rowHash({a: "true"}, names));
  });
});

describe("the running bilan of imported rows", () => {
  it("keeps each funder apart, sums in cents, and ranks beneficiaries by SIRET", () => {
    const resume = new ResumeImport([{code: "region_idf", libelle: "Région Île-de-France", siren: "237500079"}]);
    const row = (over: Record<string, string | number | null>) => ({nomAttribuant: "Région Île-de-France", idAttribuant: "23750007900312", dateConvention: "2024-03-15", nomBeneficiaire: "A", idBeneficiaire: "43210987600016", rnaBeneficiaire: null, montant: 0.1, nature: "aide en numéraire", dispositifAide: null, ...over});
    resume.ajouter(row({}));
    resume.ajouter(row({montant: 0.2, nomBeneficiaire: "A bis"}));
    resume.ajouter(row({nomAttribuant: "Ville de Poitiers", idAttribuant: "21860194600013", montant: 50000, dateConvention: "2023-01-02"}));
    const [poitiers, region] = resume.resultat();
    expect([region.code, region.montant, region.aides, region.beneficiaires]).toEqual(["region_idf", 0.3, 2, 1]);
    expect(region.beneficiairesPrincipaux).toEqual([{nom: "A", id: "43210987600016", montant: 0.3, aides: 2}]);
    expect([poitiers.code, poitiers.libelle, poitiers.montant, poitiers.parAnnee]).toEqual(["siren-218601946", "Ville de Poitiers", 50000, [{cle: "2023", montant: 50000, aides: 1}]]);
    expect(poitiers.distribution.find((c) => c.min === 40000)).toEqual({min: 40000, max: 100000, aides: 1, montant: 50000});
  });
});
