/**
 * The territory sheet's side of `npm run report -- --territoire 93027` (bin/report.ts prints it through
 * the shared print layer, bin/print-pdf.ts): the page's query and the file's default name.
 *
 * The page (src/fiche.md) says when the sheet is complete, or why it cannot be made, with
 * setPrintStatus: an unknown or ambiguous code, or a merged commune (printed under the command, a
 * sheet named after the old code would mislead: the sentence names the commune it joined).
 */

/** The file a sheet is written to: fiche-93027.pdf, fiche-bassin-1107.pdf. */
export function sheetFileName(code: string): string {
  return `fiche-${code.trim().replace(/[^A-Za-z0-9_-]+/g, "-")}.pdf`;
}

/** The sheet page's query: the territory, the edition date printed in the footer, and "printed by the command". */
export function sheetQuery(code: string, edition: string): URLSearchParams {
  return new URLSearchParams({territoire: code.trim(), edition, commande: "1"});
}
