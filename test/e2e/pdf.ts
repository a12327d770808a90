/**
 * Reading a printed PDF the way a reader would, with Debian's poppler-utils (pdftotext, pdfinfo,
 * pdftoppm): its text per page, its page count, and how much of each page is used.
 */
import {spawnSync} from "node:child_process";
import {mkdtempSync, readdirSync, readFileSync, rmSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";

function run(command: string, args: string[]): string {
  const result = spawnSync(command, args, {encoding: "utf8"});
  if (result.error) throw new Error(`${command} is missing (Debian package poppler-utils): ${result.error.message}`);
  if (result.status !== 0) throw new Error(`${command} ${args.join(" ")}: ${result.stderr}`);
  return result.stdout;
}

export function pdfPageCount(file: string): number {
  const match = /^Pages:\s+(\d+)/m.exec(run("pdfinfo", [file]));
  if (!match) throw new Error(`pdfinfo gave no page count for ${file}`);
  return Number(match[1]);
}

/** The text of each page, in reading order. */
export function pdfPagesText(file: string): string[] {
  // pdftotext separates pages with a form feed.
  return run("pdftotext", ["-enc", "UTF-8", file, "-"]).split("\f").slice(0, pdfPageCount(file));
}

/**
 * For comparing text a table may have wrapped: letters and digits only, lower case. A cell's line
 * break can fall after a hyphen, which pdftotext then drops ("CROIX-" + "ROUGE" → "CROIXROUGE").
 */
export const comparable = (text: string) => text.normalize("NFC").toLowerCase().replace(/[^\p{L}\p{N}]+/gu, "");

/**
 * How far down each page the content goes, as a share of the area inside the margins (0 = blank,
 * 1 = to the bottom margin): the last row of the page rendered in grey with a dark pixel, above the
 * bottom margin where the footer is. Margins in mm (print.css: 14 mm top, 16 mm bottom).
 */
export function pageFill(file: string, {top = 14, bottom = 16, dpi = 30}: {top?: number; bottom?: number; dpi?: number} = {}): number[] {
  const dir = mkdtempSync(join(tmpdir(), "atlas-pdf-"));
  try {
    run("pdftoppm", ["-gray", "-r", String(dpi), file, join(dir, "p")]);
    return readdirSync(dir)
      .filter((f) => f.endsWith(".pgm"))
      .sort()
      .map((f) => {
        const bytes = readFileSync(join(dir, f));
        // Binary PGM (P5): "P5" width height maxval, each followed by one whitespace, then the pixels.
        const header = /^P5\s+(\d+)\s+(\d+)\s+(\d+)\s/.exec(bytes.subarray(0, 50).toString("latin1"));
        if (!header) throw new Error(`${f} is not a binary PGM`);
        const [width, height] = [Number(header[1]), Number(header[2])];
        const pixels = bytes.subarray(header[0].length);
        const mm = (x: number) => Math.round((x / 25.4) * dpi);
        const [first, last] = [mm(top), height - mm(bottom)];
        let lastInk = first;
        for (let y = first; y < last; y++) {
          const row = pixels.subarray(y * width, (y + 1) * width);
          if (row.some((v) => v < 160)) lastInk = y;
        }
        return (lastInk - first) / (last - first);
      });
  } finally {
    rmSync(dir, {recursive: true, force: true});
  }
}
