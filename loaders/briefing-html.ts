// The home page's findings as HTML, written at build time (src/index.md.ts): they read with scripts
// off. Text is escaped: data is never markup.
import {escapeXml} from "./svg.js";
import type {Finding} from "../src/model/briefing.js";

export function findingsHtml(findings: readonly Finding[]): string {
  return findings
    .map((f) => {
      const table = f.table
        ? `<table class="finding-table"><caption>${escapeXml(f.table.caption)}</caption><thead><tr>${f.table.header.map((h) => `<th scope="col">${escapeXml(h)}</th>`).join("")}</tr></thead><tbody>${f.table.rows
            .map((r) => `<tr>${r.map((c) => `<td>${escapeXml(c)}</td>`).join("")}</tr>`)
            .join("")}</tbody></table>`
        : "";
      return `<section class="finding" id="constat-${escapeXml(f.id)}"><h3>${escapeXml(f.title)}</h3><p>${escapeXml(f.text)}</p>${table}<p class="finding-link"><a href="${escapeXml(f.href)}">${escapeXml(f.link)} →</a></p></section>`;
    })
    .join("\n");
}
