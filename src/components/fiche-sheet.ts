// The territory sheet as one A4 page (src/model/fiche.ts says what it holds), printed through the
// shared print layer (src/print.css, src/components/print.ts): its tables and picture kept whole,
// numbers aligned right. Text nodes only.
import {DistributionStrips} from "./distribution-strips.js";
import {el} from "./el.js";
import {PrintFigure, PrintTable} from "./print.js";
import type {Fiche} from "../model/fiche.js";

const section = (className: string, title: string, ...children: (Node | string)[]) => el("section", {className}, el("h2", {textContent: title}), ...children);

export function FicheSheet(f: Fiche, {niveau, extra = []}: {niveau: string; extra?: HTMLElement[]}): HTMLElement {
  const head = el(
    "header",
    {className: "fiche-head"},
    el("p", {className: "fiche-kicker", textContent: "Atlas des besoins sociaux d'Île-de-France · fiche territoire"}),
    el("h1", {textContent: f.title}),
    el("p", {className: "fiche-sub", textContent: `${f.subtitle} · ${f.population}`}),
    ...(f.parents.length ? [el("p", {className: "fiche-parents", textContent: `Dans : ${f.parents.join(" · ")}`})] : []),
    ...(f.note ? [el("p", {className: "fiche-note", textContent: f.note})] : [])
  );
  const fact = (label: string, text: string, className = "") => el("p", {className}, el("strong", {textContent: `${label} : `}), text);
  const need = section(
    "fiche-need",
    "Besoins sociaux",
    el("p", {className: "fiche-score"}, `${f.need.measure} de besoins sociaux : `, el("span", {textContent: f.need.score}), " (0 = besoins les plus faibles, 1 = les plus élevés)"),
    fact("Rang", f.need.rank),
    fact("Stabilité", f.need.stability),
    fact("Repose sur", f.need.standsOn)
  );
  const picture = PrintFigure(DistributionStrips(f.strips, {niveau, name: f.title, width: 900, row: 30}), {caption: "Chaque indicateur sur la répartition des communes d'Île-de-France ; le tableau donne les valeurs.", className: "fiche-picture"});
  const numbers = (header: string[]) => header.map((_, i) => i).slice(1);
  const indicators = section("fiche-indicators", "Indicateurs clés", picture, PrintTable(f.indicators.header, f.indicators.rows, {caption: `Indicateurs de ${f.title} et de ses références`, className: "fiche-table", numeric: numbers(f.indicators.header)}));
  const supply = section("fiche-supply", "Offre d'accompagnement", PrintTable(f.supply.header, f.supply.rows, {caption: f.supply.caption, className: "fiche-table", numeric: f.supply.header.length === 4 && f.supply.header[1] === "Site le plus proche" ? [2, 3] : [1, 2, 3]}));
  const aid = section("fiche-aid", "Aides enregistrées", f.aid.none ? el("p", {textContent: f.aid.none}) : PrintTable(f.aid.header, f.aid.rows, {caption: f.aid.caption, className: "fiche-table", numeric: [2, 3]}));
  const pockets = f.pockets ? [section("fiche-pockets", "Poches de pauvreté", el("p", {textContent: f.pockets}))] : [];
  const sources = section("fiche-sources", "Sources", el("p", {textContent: `${f.sources.join(" ; ")}. Licences : ${f.licences} ; arrondissements de Paris © Ville de Paris, ODbL. Méthode : page « Méthode et sources » de l'atlas.`}));
  return el("article", {className: "fiche"}, head, el("div", {className: "fiche-grid"}, need, supply, ...pockets, aid, ...extra), indicators, sources);
}
