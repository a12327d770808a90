// The home page's key figures, pure: the region's communes, then Paris, the petite and the grande
// couronne with their population and share. Written into the HTML at build time (src/index.md.ts),
// so they read with scripts off.
import {formatInteger, formatPercent, plural} from "../lib/format.js";

export interface Territory {
  niveau: string;
  code: string;
  libelle: string;
  population: number;
  n_communes: number;
}

export interface KeyFigure {
  title: string;
  value: string;
  note: string;
}

const COURONNES = ["paris", "petite_couronne", "grande_couronne"];

export function keyFigures(territories: Territory[]): {cards: KeyFigure[]; region: Territory} {
  const region = territories.find((t) => t.niveau === "region");
  if (!region) throw new Error("key figures: no region row in mart_territoires");
  const couronnes = COURONNES.map((code) => {
    const c = territories.find((t) => t.niveau === "couronne" && t.code === code);
    if (!c) throw new Error(`key figures: no couronne ${code} in mart_territoires`);
    return c;
  });
  return {
    region,
    cards: [
      {title: "Communes", value: formatInteger(region.n_communes), note: "COG 2025/2026"},
      ...couronnes.map((c) => ({
        title: c.libelle,
        value: formatInteger(c.population),
        note: `habitants, soit ${formatPercent(c.population / region.population)} de la région ; ${plural(c.n_communes, "commune")}`
      }))
    ]
  };
}
