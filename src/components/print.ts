// The print layer's DOM side, shared by every printable output (the annual report, the territory
// sheets, a page printed from the browser); the rules are in src/print.css. A printable page:
//   setPrintFooter(edition, {title})   the footer's title and edition date (edition from src/lib/clock.ts)
//   ScreenPrint(interactive, PrintTable(…))   an interactive table on screen, every row on paper
//   PrintFigure(chart, {caption})      a chart or map kept whole, sized for A4 portrait
//   PrintColumns(table)                a long list of short rows, in two columns on paper
//   PrintLink(href, text)              a link whose address is printed after it
//   setPrintStatus(…)                  once the document is complete (or cannot be made): bin/print-pdf.ts
//                                      waits for it before printing, and prints nothing on an error
// Text only: every label and cell is set as text, never parsed as HTML.
import {formatDate} from "../lib/format.js";
import {textTable} from "./dictionary.js";
import {el} from "./el.js";

/** The A4 portrait text width in CSS pixels (210 mm − 2 × 14 mm margins, at 96 px per inch). */
export const A4_TEXT_WIDTH = 688;
/** The tallest a chart or map may be on paper (print.css: 120 mm), in CSS pixels. */
export const A4_FIGURE_MAX_HEIGHT = 453;

/** A CSS string literal holding `text` (quotes, backslashes and line breaks escaped). */
export function cssString(text: string): string {
  return `"${text.replace(/[\\"]/g, "\\$&").replace(/[\u0000-\u001f\u007f]/g, (c) => `\\${c.charCodeAt(0).toString(16)} `)}"`;
}

/** The footer's text: "Bilan 2019 des aides — édition du 5 mars 2026". */
export function footerText(edition: string, title?: string): string {
  return `${title ? `${title} — é` : "É"}dition du ${formatDate(edition)}`;
}

/**
 * Sets what the printed footer says beside the page number: the document's title and its edition
 * date (AAAA-MM-JJ, from src/lib/clock.ts). print.css writes it in every page's bottom margin.
 */
export function setPrintFooter(edition: string, {title, root = document.documentElement}: {title?: string; root?: HTMLElement} = {}): void {
  root.style.setProperty("--print-footer", cssString(footerText(edition, title)));
}

/** On screen, `screen` (an interactive table, a chart with controls); on paper, `print`, its complete static version. */
export function ScreenPrint(screen: Node, print: Node): HTMLElement {
  return el("div", {className: "screen-print"}, el("div", {className: "screen-only"}, screen), el("div", {className: "print-only"}, print));
}

export interface PrintTableOptions {
  caption?: string;
  /** Indices of the columns holding numbers: aligned right, never wrapped. */
  numeric?: number[];
  className?: string;
}

/** A table meant to be read on paper: every row, a header row repeated on each page, numbers aligned right. */
export function PrintTable(header: string[], rows: (string | Node)[][], {caption, numeric = [], className}: PrintTableOptions = {}): HTMLTableElement {
  const table = textTable(header, rows, {caption, className: ["print-table", className].filter(Boolean).join(" ")});
  for (const i of numeric) {
    table.tHead?.rows[0]?.cells[i]?.classList.add("num");
    for (const row of table.tBodies[0].rows) row.cells[i]?.classList.add("num");
  }
  return table;
}

/** A long list of short rows (a table) that runs in two columns on paper, its header row atop each column; one column on screen. */
export function PrintColumns(content: Node): HTMLElement {
  return el("div", {className: "print-columns"}, content);
}

/** A chart or map kept whole on one page, with its caption under it. */
export function PrintFigure(content: Node, {caption, className}: {caption?: string; className?: string} = {}): HTMLElement {
  const figure = el("figure", {className: ["print-figure", className].filter(Boolean).join(" ")}, content);
  if (caption) figure.append(el("figcaption", {textContent: caption}));
  return figure;
}

/** A link whose address is printed after its text on paper (an address a reader must be able to type). */
export function PrintLink(href: string, text: string): HTMLAnchorElement {
  return el("a", {href, textContent: text, className: "print-url"});
}

/**
 * Says on <html> that the printable document is complete (data-print-status="ok"), or why it cannot
 * be made (data-print-status="erreur", data-print-message: one French sentence). bin/print-pdf.ts
 * waits for it, and writes no PDF on an error.
 */
export function setPrintStatus(status: {ok: true} | {ok: false; message: string}, root: HTMLElement = document.documentElement): void {
  root.dataset.printMessage = status.ok ? "" : status.message;
  root.dataset.printStatus = status.ok ? "ok" : "erreur";
}
