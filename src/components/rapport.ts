// The annual report's blocks (src/bilan-rapport.md), built for paper with the shared print layer
// (src/components/print.ts, src/print.css): a first page a reader can stop at, one section per funder,
// an appendix. Funders are never summed: each block names its funder. Text only, never HTML.
import type * as PlotModule from "@observablehq/plot";
import type {RegistrySource} from "../lib/datapackage.js";
import {formatDate, formatEuro, formatInteger, formatPercent} from "../lib/format.js";
import type {Classe, Repartition} from "../model/bilan-financeurs.js";
import {avecArticle, compteUnite, evolutionTexte, type FinanceurRapport, type ResumeFinanceur} from "../model/rapport.js";
import {el} from "./el.js";
import {accessiblePlot} from "./plot-a11y.js";
import {A4_TEXT_WIDTH, PrintColumns, PrintFigure, PrintTable} from "./print.js";

/** A registry entry as the appendix cites it. */
export type SourceRegistre = RegistrySource;

const unites = (f: FinanceurRapport) => f.unite?.[1] ?? "aides";
/** "de la Région Île-de-France", "de l'État (…)", "de Fondation X". */
const deFinanceur = (f: FinanceurRapport) => `de ${avecArticle(f.libelle)}`;
const Capital = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

function card(label: string, value: string, note: string): HTMLElement {
  return el("div", {className: "card"}, el("p", {className: "card-label", textContent: label}), el("p", {className: "big", textContent: value}), el("p", {className: "card-note", textContent: note}));
}

/** A funder's key figures: amount, count, change on the previous year. `note` says what the amount covers. */
export function ChiffresCles(f: FinanceurRapport, r: ResumeFinanceur, note: string): HTMLElement {
  const mention = f.mention ? ` (${f.mention})` : "";
  const beneficiaires = `${formatInteger(r.beneficiaires)} bénéficiaire${r.beneficiaires > 1 ? "s" : ""} nommé${r.beneficiaires > 1 ? "s" : ""}${r.aidesSansBeneficiaire ? ` ; ${compteUnite(f, r.aidesSansBeneficiaire)} sans bénéficiaire nommé` : ""}`;
  return el(
    "div",
    {className: "grid grid-cols-3 key-figures"},
    card(`Montant ${r.annee}${mention}`, formatEuro(r.montant), note),
    card(Capital(unites(f)), formatInteger(r.aides), beneficiaires),
    card("Évolution", r.evolution === null ? "—" : `${r.evolution >= 0 ? "+" : "−"}${formatPercent(Math.abs(r.evolution))}`, evolutionTexte(r))
  );
}

/**
 * A funder's largest beneficiaries of the year as bars, each labelled with its name (above) and its
 * amount and share (after): the labels carry the values, so the chart reads in black and white.
 */
export function GraphiqueBeneficiaires(r: ResumeFinanceur, {f, Plot, top = 5}: {f: FinanceurRapport; Plot: typeof PlotModule; top?: number}): HTMLElement {
  const rows = r.beneficiairesPrincipaux.slice(0, top);
  const max = Math.max(...rows.map((b) => b.montant));
  const chart = Plot.plot({
    // Rows a little tighter when several funders share the first page, so that it stays one page.
    width: A4_TEXT_WIDTH, height: (top <= 2 ? 34 : 42) * rows.length + 10, marginLeft: 4, marginRight: 4, marginTop: 4, marginBottom: 4,
    style: {fontSize: "11px"},
    x: {axis: null, domain: [0, max * 1.45]},
    y: {axis: null, domain: rows.map((b) => b.nom), padding: 0.45, align: 1},
    marks: [
      Plot.barX(rows, {x: "montant", y: "nom", fill: "#4d4d4d"}),
      Plot.text(rows, {x: 0, y: "nom", text: "nom", textAnchor: "start", dy: -15, fontWeight: 600}),
      Plot.text(rows, {x: "montant", y: "nom", text: (b: {montant: number; part: number}) => `${formatEuro(b.montant)} (${formatPercent(b.part)})`, textAnchor: "start", dx: 5})
    ],
    ariaLabel: `Les ${rows.length} premiers bénéficiaires de ${f.libelle} en ${r.annee}, par montant`
  });
  const rest = r.beneficiaires - rows.length;
  return PrintFigure(accessiblePlot(chart), {
    caption: `Premiers bénéficiaires ${deFinanceur(f)}, ${r.annee} : montant et part du montant de l'année${rest > 0 ? ` ; ${formatInteger(rest)} autre${rest > 1 ? "s" : ""} dans la liste complète` : ""}${r.aidesSansBeneficiaire ? ` ; ${compteUnite(f, r.aidesSansBeneficiaire)} sans bénéficiaire nommé` : ""}.`,
    className: "report-top"
  });
}

/** The first page (several funders: two bars each, so that it stays one page; the sentences name three): title, edition, the three sentences, each funder's key figures and first beneficiaries, what follows. */
export function Couverture({annee, edition, financeurs, resumes, phrases, sommaire, notes, Plot}: {annee: number; edition: string; financeurs: FinanceurRapport[]; resumes: ResumeFinanceur[]; phrases: string[]; sommaire: string[]; notes: Map<string, string>; Plot: typeof PlotModule}): HTMLElement {
  const section = el(
    "section",
    {className: "report-cover"},
    el("h1", {textContent: `Bilan ${annee} des aides publiques en Île-de-France`}),
    el("p", {className: "report-edition", textContent: `Édition du ${formatDate(edition)} — financeur${financeurs.length > 1 ? "s" : ""} : ${financeurs.map((f) => f.libelle).join(", ")}`}),
    el("h2", {textContent: "L'essentiel"}),
    el("ul", {className: "report-sentences"}, ...phrases.map((p) => el("li", {textContent: p}))),
    el("p", {className: "report-never-summed", textContent: financeurs.length > 1 ? "Chaque financeur a ses propres totaux : les montants de financeurs différents ne s'additionnent jamais (sources, périmètres et seuils diffèrent)." : "Les montants sont ceux d'un seul financeur ; ceux d'autres financeurs ne s'y ajoutent jamais."}),
    el("h2", {textContent: "Chiffres clés"})
  );
  for (const r of resumes) {
    const f = financeurs.find((x) => x.code === r.financeur)!;
    const block = el("div", {className: "print-keep"}, el("h3", {textContent: f.libelle}), ChiffresCles(f, r, notes.get(f.code) ?? ""));
    if (r.beneficiairesPrincipaux.length) block.append(GraphiqueBeneficiaires(r, {f, Plot, top: resumes.length > 1 ? 2 : 5}));
    section.append(block);
  }
  section.append(el("h2", {textContent: "Dans ce document"}), el("ol", {className: "report-contents"}, ...sommaire.map((s) => el("li", {textContent: s}))));
  return section;
}

/** A breakdown as a table: value, amount, share, count. Short tables are kept whole on a page. */
export function TableRepartition(rows: Repartition[], {libelle, f, caption}: {libelle: string; f: FinanceurRapport; caption: string}): HTMLTableElement {
  return PrintTable([libelle, "Montant", "Part", Capital(unites(f))], rows.map((r) => [r.cle, formatEuro(r.montant), formatPercent(r.part), formatInteger(r.aides)]), {caption, numeric: [1, 2, 3]});
}

/** A breakdown worth a table has two known values or more; otherwise a sentence says it. */
export function Repartitions(list: {libelle: string; rows: Repartition[]}[], f: FinanceurRapport, annee: number): HTMLElement {
  const root = el("div", {className: "report-breakdowns"});
  const all: string[] = [];
  const partly: string[] = [];
  const tables: HTMLElement[] = [];
  for (const {libelle, rows} of list) {
    const known = rows.filter((r) => r.cle !== "non renseigné");
    if (known.length >= 2) tables.push(el("div", {}, TableRepartition(rows, {libelle, f, caption: `Par ${libelle.toLowerCase()}, ${annee}`})));
    else if (known.length === 1 && rows.length === 1) all.push(`${libelle.toLowerCase()} « ${known[0].cle} »`);
    else if (known.length === 1) partly.push(`${libelle.toLowerCase()} « ${known[0].cle} » pour ${formatPercent(known[0].part)} du montant, le reste non renseigné`);
  }
  if (all.length) root.append(el("p", {textContent: `Pour toutes les ${unites(f)} de ${annee} : ${all.join(" ; ")}.`}));
  if (partly.length) root.append(el("p", {textContent: `Une seule valeur renseignée : ${partly.join(" ; ")}.`}));
  if (tables.length) root.append(el("div", {className: "grid grid-cols-2"}, ...tables));
  return root;
}

/**
 * The year's records by class of amount (the Bilan's distribution). A class under the source's
 * publication threshold says « non publiées », never 0; lines standing for several aids known only
 * by their total have no individual amount, and are counted apart.
 */
export function TableDistribution(classes: Classe[], {f, annee, groupees}: {f: FinanceurRapport; annee: number; groupees?: {aides: number; montant: number}}): HTMLTableElement {
  const rows = classes.filter((c) => c.aides === null || c.aides > 0).map((c) => [c.libelle, c.aides === null ? "non publiées" : formatInteger(c.aides), c.montant === null ? "non publiées" : formatEuro(c.montant)]);
  if (groupees && groupees.aides > 0) rows.push([`regroupées (montant individuel inconnu)`, formatInteger(groupees.aides), formatEuro(groupees.montant)]);
  return PrintTable(["Montant de l'aide", Capital(unites(f)), "Montant"], rows, {caption: `Par classe de montant, ${annee}${f.seuil ? ` : sous ${formatEuro(f.seuil)}, la source ne publie rien` : ""}`, numeric: [1, 2]});
}

/** A funder's amount per year, the report's year darker, each bar labelled with its amount (readable in black and white). */
export function GraphiqueSerie(serie: {annee: number; montant: number; aides: number}[], {annee, f, Plot}: {annee: number; f: FinanceurRapport; Plot: typeof PlotModule}): HTMLElement {
  const mention = f.mention ? ` (${f.mention})` : "";
  const chart = Plot.plot({
    width: A4_TEXT_WIDTH, height: 200, marginLeft: 70, marginTop: 24,
    style: {fontSize: "10px"},
    x: {label: null, type: "band", tickFormat: String, domain: serie.map((p) => p.annee)},
    y: {label: `↑ Montant (€)${mention}`, grid: true, tickFormat: (d: number) => formatInteger(d)},
    marks: [
      Plot.barY(serie, {x: "annee", y: "montant", fill: (p: {annee: number}) => (p.annee === annee ? "#333" : "#bdbdbd")}),
      Plot.text(serie, {x: "annee", y: "montant", text: (p: {montant: number}) => formatEuro(p.montant), dy: -8, fontSize: 9}),
      Plot.ruleY([0])
    ],
    ariaLabel: `Montant de ${f.libelle} par année${mention}, ${serie[0]?.annee} à ${serie.at(-1)?.annee}`
  });
  return PrintFigure(accessiblePlot(chart), {caption: `${f.libelle} : montant par année${mention} ; en foncé, ${annee}. Chaque barre porte son montant.`, className: "report-serie"});
}

/** Every named beneficiary of the year, with its count and amount; a long list runs in two columns on paper. */
export function TableBeneficiaires(rows: {nom: string; montant: number; aides: number; part: number}[], {f, annee}: {f: FinanceurRapport; annee: number}): HTMLElement {
  const table = PrintTable(["Bénéficiaire", Capital(unites(f)), "Montant", "Part"], rows.map((b) => [b.nom, formatInteger(b.aides), formatEuro(b.montant), formatPercent(b.part)]), {
    caption: `Tous les bénéficiaires nommés ${deFinanceur(f)}, ${annee} (${formatInteger(rows.length)}), par montant décroissant`,
    numeric: [1, 2, 3],
    className: "report-list"
  });
  return rows.length > 40 ? PrintColumns(table) : table;
}

/** The sources of a section, in one line: title (vintage), licence or attribution. */
export function LigneSources(ids: string[], sources: SourceRegistre[]): HTMLElement {
  const p = el("p", {className: "source"}, "Source : ");
  ids.forEach((id, i) => {
    const s = sources.find((x) => x.id === id);
    if (i) p.append(" ; ");
    p.append(s ? `${s.title}, millésime ${s.vintage}, ${s.attribution ?? s.licence}` : id);
  });
  p.append(". Détail en annexe.");
  return p;
}

/**
 * A funder's section, starting on a new page: its name and year, its figures in one sentence, its
 * sources, then its blocks, each under a heading kept with it.
 */
export function SectionFinanceur(f: FinanceurRapport, r: ResumeFinanceur, {sources, ids, intro, blocks}: {sources: SourceRegistre[]; ids: string[]; intro?: string; blocks: [string, Node, {newPage?: boolean}?][]}): HTMLElement {
  const section = el(
    "section",
    {className: "report-funder page-break-before"},
    el("h2", {textContent: `${f.libelle} — ${r.annee}`}),
    el("p", {className: "report-summary", textContent: `${formatEuro(r.montant)} pour ${compteUnite(f, r.aides)} ; ${evolutionTexte(r)}.` /* the count carries the funder's mention */})
  );
  section.dataset.financeur = f.code;
  if (intro) section.append(el("p", {textContent: intro}));
  section.append(LigneSources(ids, sources));
  // A block may start a page: a complete list runs long, and one begun at a page's foot reads badly.
  for (const [title, block, {newPage = false} = {}] of blocks) section.append(el("h3", {textContent: title, className: newPage ? "page-break-before" : ""}), block);
  return section;
}

/** The appendix: every source used, with its vintage, licence and address; then the method in short. */
export function Annexe({sources, methode}: {sources: SourceRegistre[]; methode: string[]}): HTMLElement {
  const table = PrintTable(
    ["Source et adresse", "Producteur", "Millésime", "Licence"],
    sources.map((s) => [el("span", {}, s.title, el("a", {className: "source-url", href: s.upstream_url, textContent: s.upstream_url})), s.publisher, s.vintage, s.attribution ? `${s.licence} — ${s.attribution}` : s.licence]),
    {caption: "Sources des chiffres de ce document", className: "report-sources"}
  );
  return el(
    "section",
    {className: "report-appendix"},
    el("h2", {textContent: "Annexe — sources, millésimes, licences et méthode"}),
    table,
    el("h3", {textContent: "Méthode en bref"}),
    el("ul", {}, ...methode.map((m) => el("li", {textContent: m})))
  );
}
