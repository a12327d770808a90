// The Méthode page's list of sources, written into the page at build time from the registry: every
// source has its anchor (#source-<id>) in the HTML, so other pages' links to it are checked by the
// build (bin/check-links.ts) and the list reads without JavaScript.
import type {Source} from "./registry.js";
import {escapeXml} from "./svg.js";

/** Text as HTML inside a Framework page: escaped, and "$" kept from starting an inline expression. */
export const pageText = (text: string) => escapeXml(text).replace(/\$/g, "&#36;");

export function sourceEntryHtml(s: Source): string {
  const rows: [string, string][] = [
    ["Producteur", pageText(s.publisher)],
    ["Millésime", pageText(s.vintage)],
    ["Licence", pageText(s.licence + (s.attribution ? ` — attribution : ${s.attribution}` : ""))],
    ["Origine", `<a href="${pageText(s.upstream_url)}">${pageText(s.upstream_url)}</a>`],
    [s.pack_file ? "Fichier du pack" : "Fichier du projet", pageText((s.pack_file ?? s.project_file)!)],
    ["SHA-256", `<code class="sha">${pageText(s.sha256)}</code>`],
    ["Transformation", pageText(s.transformation)]
  ];
  return [
    `<section id="source-${pageText(s.id)}" class="source-entry">`,
    `<h3>${pageText(s.title)}</h3>`,
    `<table><thead><tr><th scope="col">Champ</th><th scope="col">Valeur</th></tr></thead><tbody>`,
    ...rows.map(([field, value]) => `<tr><td>${field}</td><td>${value}</td></tr>`),
    `</tbody></table>`,
    `</section>`
  ].join("\n");
}

/** One section per source, separated by blank lines (each is one Markdown HTML block). */
export const sourcesHtml = (sources: Source[]) => sources.map(sourceEntryHtml).join("\n\n");
