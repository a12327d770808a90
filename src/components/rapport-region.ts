// The Region's blocks in the annual report: where its aids take place (a map labelled directly, so
// that it reads in black and white, and its table), the identification grid, and the full list of
// the year's aids with the passage of the report each one comes from. Text only, never HTML.
import {geoPath} from "d3-geo";
import type {GeoJsonProperties} from "geojson";
import {feature} from "topojson-client";
import type {GeometryCollection, Topology} from "topojson-specification";
import {formatDecimal, formatEuro, formatInteger, formatPercent, plural} from "../lib/format.js";
import type {Aide} from "../model/bilan.js";
import type {CriterionAmounts} from "../model/aides-criteres.js";
import {el} from "./el.js";
import {PrintFigure, PrintTable} from "./print.js";
import {TerritoryMap} from "./territory-map.js";

const NS = "http://www.w3.org/2000/svg";
/** Where a label goes from its département's centroid, in the map's units (960 × 820), when it does not fit inside. */
const OFFSETS = new Map([["75", [-170, -150]], ["92", [-200, -40]], ["93", [90, -150]], ["94", [170, 120]]]);

export interface AideParHabitant {
  code: string;
  libelle: string;
  montant: number | null;
  parHabitant: number | null;
  population: number;
}

/**
 * The localised amount by département, as a map where each département with a localised aid carries
 * its name and amount (white: none), and as a table. A darker fill is a larger amount per
 * inhabitant; the labels carry the values, so a grey copy loses nothing.
 */
export function CarteAides(topo: Topology, rows: AideParHabitant[], {annee, nonLocalise}: {annee: number; nonLocalise: number}): HTMLElement {
  const byCode = new Map(rows.map((r) => [r.code, r]));
  const max = Math.max(0, ...rows.map((r) => r.parHabitant ?? 0));
  const shade = (v: number | null) => (v === null ? "#ffffff" : ["#d9d9d9", "#a6a6a6", "#737373"][Math.min(2, Math.floor((3 * v) / (max || 1)))]);
  const svg = TerritoryMap(topo, "departements", {
    fill: (code) => shade(byCode.get(code)?.parHabitant ?? null),
    label: `Carte des aides de la Région localisées par département, ${annee} ; le tableau qui suit donne les mêmes valeurs.`
  });
  const path = geoPath();
  const labels = document.createElementNS(NS, "g");
  labels.setAttribute("class", "map-labels");
  for (const f of feature(topo, topo.objects.departements as GeometryCollection<GeoJsonProperties>).features) {
    // Only départements with a localised aid are labelled (white means none): fewer labels, none overlapping.
    const r = byCode.get(String(f.id));
    if (!r || r.montant === null) continue;
    const [cx, cy] = path.centroid(f);
    // Paris is too small for its label: it goes out to the north-west, with a leader line.
    const [dx, dy] = OFFSETS.get(r.code) ?? [0, 0];
    const [x, y] = [cx + dx, cy + dy];
    if (dx || dy) {
      const leader = document.createElementNS(NS, "line");
      for (const [k, v] of [["x1", cx], ["y1", cy], ["x2", x + 45], ["y2", y + 38]] as const) leader.setAttribute(k, String(v));
      labels.append(leader);
    }
    const text = document.createElementNS(NS, "text");
    text.setAttribute("x", String(x));
    text.setAttribute("y", String(y));
    text.setAttribute("text-anchor", "middle");
    for (const [i, line] of [r.libelle, formatEuro(r.montant)].entries()) {
      const span = document.createElementNS(NS, "tspan");
      span.setAttribute("x", String(x));
      if (i) span.setAttribute("dy", "1.15em");
      span.textContent = line;
      text.append(span);
    }
    labels.append(text);
  }
  svg.classList.add("report-choropleth");
  svg.append(labels);
  const table = PrintTable(
    ["Département", "Montant", "€ par hab.", "Population 2023"],
    rows.filter((r) => r.montant !== null).map((r) => [r.libelle, formatEuro(r.montant), formatDecimal(r.parHabitant, 3), formatInteger(r.population)]),
    {caption: `Aides localisées par département, ${annee} (les autres départements n'en ont aucune)`, numeric: [1, 2, 3]}
  );
  return el(
    "div",
    {className: "report-map print-keep"},
    PrintFigure(svg, {caption: `Montant des aides de la Région par département du lieu de l'action, ${annee}. Plus le fond est foncé, plus le montant par habitant est élevé ; blanc : aucune aide localisée. ${formatEuro(nonLocalise)} ne sont pas localisés.`}),
    table
  );
}

/** The grid's criteria: a table once aids are assessed, a sentence while none is. */
export function Criteres(c: CriterionAmounts, annee: number): HTMLElement {
  if (c.evalue.aides === 0) {
    return el("p", {textContent: `Aucune des ${plural(c.nonEvalue.aides, "aide")} de ${annee} (${formatEuro(c.nonEvalue.montant)}) n'est encore évaluée au regard de la grille d'identification : le rapport de 2019 ne dit, pour aucune des aides qu'il nomme, quel critère elle remplit, et une aide ne porte un critère que si la source le justifie.`});
  }
  return PrintTable(
    ["Critère de la grille", "Montant des aides qui le remplissent", "Aides"],
    [...c.rows.map((r) => [r.libelle, formatEuro(r.montant), formatInteger(r.aides)]), ["Évaluées : aucun critère rempli", formatEuro(c.aucun.montant), formatInteger(c.aucun.aides)], ["Non évaluées", `${formatEuro(c.nonEvalue.montant)} (${formatPercent(c.total ? c.nonEvalue.montant / c.total : NaN)})`, formatInteger(c.nonEvalue.aides)]],
    {caption: `Montants par critère de la grille d'identification, ${annee} (une aide qui remplit plusieurs critères compte sous chacun : les lignes ne s'additionnent pas)`, numeric: [1, 2]}
  );
}

/** Every aid of the year, as the source gives it: beneficiary, object, place, month, amount, and the passage it comes from. */
export function ListeAides(aides: Aide[], annee: number): HTMLTableElement {
  return PrintTable(
    ["Bénéficiaire", "Objet, et passage de la source", "Lieu de l'action", "Mois", "Aides", "Montant"],
    aides.map((a) => [
      a.nom_beneficiaire,
      el("span", {}, String(a.objet ?? ""), el("span", {className: "passage", textContent: String(a.source_passage ?? "")})),
      String(a.lieu_action_cite ?? "non précisé"),
      String(a.mois_decision ?? "non précisé"),
      formatInteger(a.nombre_aides),
      formatEuro(a.montant)
    ]),
    {caption: `Toutes les aides de la Région, ${annee} (${plural(aides.reduce((s, a) => s + a.nombre_aides, 0), "aide")}, ${plural(aides.length, "ligne")})`, numeric: [4, 5], className: "report-list report-aids"}
  );
}
