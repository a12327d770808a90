// Page loader: the home page, with its commune map and its key figures written at build time into
// the HTML (they read, and the map paints, with scripts off); the page's scripts then make the map
// interactive.
import {readFileSync} from "node:fs";
import {feature, mesh} from "topojson-client";
import type {GeometryCollection} from "topojson-specification";
import {emit} from "../loaders/cli.js";
import {HEIGHT, projectedTopology, WIDTH} from "../loaders/geo.js";
import {communeFeatures, levelGroups} from "../loaders/maps.js";
import {escapeXml, renderSvgMap} from "../loaders/svg.js";
import {openWarehouse, rows} from "../loaders/warehouse.js";
import {COURONNES} from "./lib/palettes.js";
import {formatInteger} from "./lib/format.js";
import {keyFigures, type Territory} from "./model/key-figures.js";

await emit(async () => {
  const db = await openWarehouse();
  const communes = await communeFeatures(db, ["nom_commune", "code_couronne", "population", "densite"]);
  const topo = projectedTopology(communes, await levelGroups(db));
  type P = {code: string; nom_commune: string; code_couronne: string; population: number; densite: number};
  const svg = renderSvgMap(feature(topo, topo.objects.communes as GeometryCollection<P>), {
    frame: [WIDTH, HEIGHT],
    label: "Carte des 1 266 communes d'Île-de-France. Le tableau des communes, plus bas, donne les mêmes données.",
    fill: (p) => COURONNES[p.code_couronne].color,
    data: (p, id) => ({code: id, nom: p.nom_commune, couronne: p.code_couronne, population: p.population, densite: p.densite}),
    borders: mesh(topo, topo.objects.departements as GeometryCollection, (a, b) => a !== b)
  });
  const territories = (await rows(db, "select niveau, code, libelle, population, n_communes from mart_territoires where niveau in ('region', 'couronne')")).map(
    (r) => ({...r, population: Number(r.population), n_communes: Number(r.n_communes)}) as Territory
  );
  const {cards, region} = keyFigures(territories);
  const figures = cards.map((c) => `<div class="card"><h2>${escapeXml(c.title)}</h2><span class="big">${escapeXml(c.value)}</span><p>${escapeXml(c.note)}</p></div>`).join("\n  ");
  const template = readFileSync(new URL("./index.md.template", import.meta.url), "utf8");
  const fill: [string, string][] = [
    ["<!-- carte-communes -->", svg],
    ["<!-- chiffres-cles -->", figures],
    ["<!-- population-region -->", escapeXml(formatInteger(region.population))]
  ];
  return fill.reduce((page, [placeholder, html]) => {
    if (!page.includes(placeholder)) throw new Error(`src/index.md.template: the ${placeholder} placeholder is missing`);
    return page.replace(placeholder, html);
  }, template);
});
