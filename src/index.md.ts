// Page loader: the home page as a briefing. Everything a reader needs first is written into the
// HTML at build time — the need map (the default map of /besoins, src/model/needs-view.ts) with its
// legend, the findings (src/model/briefing.ts) and the key figures (src/model/key-figures.ts) —, so
// it reads, and the map paints, with scripts off. The page's scripts only add tooltips and the table.
import {readFileSync} from "node:fs";
import {emit} from "../loaders/cli.js";
import {legendHtml, needMap} from "../loaders/need-map.js";
import {needsData} from "../loaders/needs.js";
import {placementData} from "../loaders/placement.js";
import {escapeXml} from "../loaders/svg.js";
import {openWarehouse, rows} from "../loaders/warehouse.js";
import {formatDecimal, formatInteger} from "./lib/format.js";
import {NEED} from "./lib/palettes.js";
import {findingsHtml} from "../loaders/briefing-html.js";
import {homeFindings} from "./model/briefing.js";
import type {Famille, SupplySite} from "./model/supply-gap.js";
import {keyFigures, type Territory} from "./model/key-figures.js";

await emit(async () => {
  const db = await openWarehouse();
  const data = await needsData(db);
  const names = new Map([data.niveaux.commune, data.niveaux.arrondissement].flatMap((l) => l.codes.map((c, i) => [c, l.noms[i]] as const)));
  const {svg, view, measures} = await needMap(db, data, {
    label: "Carte de l'indice régional de besoins sociaux des communes d'Île-de-France, Paris par arrondissement. Le tableau des communes, plus bas, donne les mêmes données.",
    // name, index and quintile class of each shape: the page's tooltips and table read them, nothing is fetched
    attributes: (code, v) => {
      const score = v.valueOf(code);
      const k = NEED.indexOf(v.fill(code) as (typeof NEED)[number]);
      return {nom: names.get(code) ?? code, indice: Number.isNaN(score) ? null : formatDecimal(score, 3), quintile: k < 0 ? null : k + 1};
    }
  });
  const placement = await placementData(db);
  const findings = homeFindings(data, measures.shown, {places: placement.places, sites: placement.sites as unknown as SupplySite[], familles: placement.familles as Famille[]});
  const territories = (await rows(db, "select niveau, code, libelle, population, n_communes from mart_territoires where niveau in ('region', 'couronne')")).map(
    (r) => ({...r, population: Number(r.population), n_communes: Number(r.n_communes)}) as Territory
  );
  const {cards, region} = keyFigures(territories);
  const figures = cards.map((c) => `<div class="card"><h2>${escapeXml(c.title)}</h2><span class="big">${escapeXml(c.value)}</span><p>${escapeXml(c.note)}</p></div>`).join("\n  ");
  const template = readFileSync(new URL("./index.md.template", import.meta.url), "utf8");
  const fill: [string, string][] = [
    ["<!-- carte-besoins -->", svg],
    ["<!-- legende-besoins -->", legendHtml(view.legend, view.title)],
    ["<!-- couverture-besoins -->", escapeXml(view.coverage)],
    ["<!-- constats -->", findingsHtml(findings)],
    ["<!-- chiffres-cles -->", figures],
    ["<!-- population-region -->", escapeXml(formatInteger(region.population))]
  ];
  return fill.reduce((page, [placeholder, html]) => {
    if (!page.includes(placeholder)) throw new Error(`src/index.md.template: the ${placeholder} placeholder is missing`);
    return page.replace(placeholder, html);
  }, template);
});
