// Page loader: the home page, with its commune map drawn at build time into the HTML (first paint
// needs no JavaScript); the page's scripts then make it interactive.
import {readFileSync} from "node:fs";
import {feature, mesh} from "topojson-client";
import type {GeometryCollection} from "topojson-specification";
import {emit} from "../loaders/cli.js";
import {HEIGHT, projectedTopology, WIDTH} from "../loaders/geo.js";
import {communeFeatures, levelGroups} from "../loaders/maps.js";
import {renderSvgMap} from "../loaders/svg.js";
import {openWarehouse} from "../loaders/warehouse.js";
import {COURONNES} from "./lib/palettes.js";

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
  const template = readFileSync(new URL("./index.md.template", import.meta.url), "utf8");
  if (!template.includes("<!-- carte-communes -->")) throw new Error("src/index.md.template: the <!-- carte-communes --> placeholder is missing");
  return template.replace("<!-- carte-communes -->", svg);
});
