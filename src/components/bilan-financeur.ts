// One funder's year on the Bilan page (and in the printed report): key figures, what the source
// gave and what was set aside, the distribution of amounts, breakdowns, top beneficiaries; and the
// funder's series. Every figure of a funder with a publication threshold carries its mention
// ("subventions ≥ 40 000 €"). Text only: names from the sources are data, never HTML.
// Plot is passed in (the page's own Plot), so that the page and its components share one copy.
import type * as PlotModule from "@observablehq/plot";
import {formatEuro, formatInteger, formatPercent, plural} from "../lib/format.js";
import type {Financeur} from "../model/aides.js";
import type {BilanAnnee, PointSerie, Repartition} from "../model/bilan-financeurs.js";
import {textTable} from "./dictionary.js";
import {el} from "./el.js";
import {accessiblePlot} from "./plot-a11y.js";

export interface LectureSource {
  source: string;
  financeur: string;
  annee: number | null;
  lus: number;
  charges: number;
  rejetes: number;
  montant_lu: number | null;
  montant_charge: number;
  montant_rejete: number;
}

export interface SourceAide {
  id: string;
  title: string;
  licence: string;
  vintage: string;
  attribution: string | null;
}

export interface ContexteFinanceur {
  financeur: Financeur;
  lecture: LectureSource[];
  sources: SourceAide[];
  Plot: typeof PlotModule;
  width?: number;
  /** Names of the départements, by code. */
  departements?: Record<string, string>;
}

/** A breakdown worth a table: at least two known categories. */
const informative = (rows: Repartition[]) => rows.filter((r) => r.cle !== "non renseigné").length >= 2;

/** The unit of a funder's records: "3 subventions", "1 poste". */
export const unite = (f: Financeur, n: number) => plural(n, ...(f.unite ?? ["aide", "aides"]));
/** The threshold mention, with a leading space, or "". */
export const mention = (f: Financeur) => (f.mention ? ` (${f.mention})` : "");

export function evolutionText(b: {evolution: number | null; partielle: boolean; precedent: number | null; annee: number}): string {
  if (b.partielle) return "année partielle : pas d'évolution calculée";
  if (b.evolution !== null) return `${b.evolution >= 0 ? "+" : ""}${formatPercent(b.evolution)} par rapport à ${b.annee - 1}`;
  return b.precedent === null ? `pas de données pour ${b.annee - 1} : pas d'évolution calculable` : "pas d'évolution calculable";
}

function card(title: string, big: string, note: string): HTMLElement {
  return el("div", {className: "card"}, el("h3", {textContent: title}), el("span", {className: "big", textContent: big}), el("p", {textContent: note}));
}

const Unites = (f: Financeur) => (f.unite?.[1] ?? "aides").replace(/^./, (c) => c.toUpperCase());

function repartitionTable(rows: Repartition[], label: string, f: Financeur, caption: string): HTMLTableElement {
  return textTable([label, "Montant", "Part", Unites(f)], rows.map((r) => [r.cle, formatEuro(r.montant), formatPercent(r.part), formatInteger(r.aides)]), {caption});
}

/** The count card's note: records loaded out of those read, and aids without a named beneficiary. */
function countNote(b: BilanAnnee, ctx: ContexteFinanceur): string {
  const rows = ctx.lecture.filter((l) => l.financeur === ctx.financeur.code && l.annee === b.annee);
  const lus = rows.reduce((s, r) => s + r.lus, 0);
  const charges = rows.reduce((s, r) => s + r.charges, 0);
  const parts = [`${formatInteger(charges)} enregistrements chargés sur ${formatInteger(lus)} lus`];
  if (b.groupees.aides) parts.push(`dont ${formatInteger(b.groupees.aides)} ${ctx.financeur.unite?.[1] ?? "aides"} connues seulement par leur total`);
  return parts.join(", ");
}

/** What the funder's sources gave for the year: read, loaded, set aside (with the amount). */
export function lectureText(ctx: ContexteFinanceur, annee: number): string {
  const rows = ctx.lecture.filter((l) => l.financeur === ctx.financeur.code && l.annee === annee);
  const sum = (k: "lus" | "charges" | "rejetes" | "montant_lu" | "montant_rejete") => rows.reduce((s, r) => s + (r[k] ?? 0), 0);
  const f = ctx.financeur;
  const base = `Enregistrements de la source pour ${annee} : ${formatInteger(sum("lus"))} lus, ${formatInteger(sum("charges"))} chargés`;
  const set = sum("rejetes") ? `, ${formatInteger(sum("rejetes"))} écartés avec leur raison (${formatEuro(sum("montant_rejete"))}), voir la table des aides rejetées` : ", aucun écarté";
  return `${base}${set}. Total de la source : ${formatEuro(sum("montant_lu"))}${mention(f)}.`;
}

function sourceLine(ctx: ContexteFinanceur, annee: number): HTMLElement {
  const ids = new Set(ctx.lecture.filter((l) => l.financeur === ctx.financeur.code && l.annee === annee).map((l) => l.source));
  const p = el("p", {className: "source"}, `${lectureText(ctx, annee)} Source : `);
  [...ids].forEach((id, i) => {
    const s = ctx.sources.find((x) => x.id === id);
    if (i) p.append(" ; ");
    const label = s ? (s.title.includes(s.vintage) ? s.title : `${s.title} (${s.vintage})`) : id;
    p.append(el("a", {href: `./methode#source-${id}`, textContent: label}), s ? `, ${s.attribution ?? s.licence}` : "");
  });
  p.append(". Téléchargements : ", el("a", {href: "./donnees#aides_harmonisees", textContent: "aides harmonisées"}), ", ", el("a", {href: "./donnees#aides_rejetees", textContent: "aides rejetées"}), ".");
  return p;
}

function distributionChart(b: BilanAnnee, ctx: ContexteFinanceur): Element {
  const {Plot, financeur: f} = ctx;
  const order = b.distribution.map((c) => c.libelle);
  const hidden = b.distribution.filter((c) => c.aides === null);
  return accessiblePlot(
    Plot.plot({
      width: Math.min(ctx.width ?? 640, 720), height: 260, marginBottom: 60, marginLeft: 50,
      x: {label: null, domain: order, tickRotate: -25}, y: {label: `↑ Nombre de ${f.unite?.[1] ?? "aides"}`, grid: true},
      marks: [
        Plot.barY(b.distribution.filter((c) => c.aides !== null), {x: "libelle", y: "aides", fill: "#0072B2", title: (c) => `${c.libelle} : ${unite(f, c.aides!)}, ${formatEuro(c.montant!)}`}),
        Plot.text(hidden, {x: "libelle", y: 0, text: () => "non publiées", dy: -8, fill: "#444", fontSize: 9}),
        Plot.ruleY([0])
      ],
      ariaLabel: `Répartition des ${f.unite?.[1] ?? "aides"} de ${f.libelle} en ${b.annee} par classe de montant${mention(f)}`
    })
  );
}

function distributionTable(b: BilanAnnee, f: Financeur): HTMLTableElement {
  return textTable(
    ["Classe de montant", Unites(f), "Montant"],
    [
      ...b.distribution.map((c) => (c.aides === null ? [c.libelle, "non publiées (sous le seuil de la source)", "—"] : [c.libelle, formatInteger(c.aides), formatEuro(c.montant!)])),
      ...(b.groupees.aides ? [["montant individuel inconnu (la source ne donne que leur total)", formatInteger(b.groupees.aides), formatEuro(b.groupees.montant)]] : [])
    ],
    {caption: `Répartition par classe de montant, ${b.annee}${mention(f)}`}
  );
}

/** The year of one funder. */
export function SectionFinanceur(b: BilanAnnee, ctx: ContexteFinanceur): HTMLElement {
  const f = ctx.financeur;
  const m = mention(f);
  const section = el("section", {className: "bilan-financeur"});
  section.dataset.financeur = f.code;
  section.dataset.annee = String(b.annee);
  section.append(
    el("h2", {id: `financeur-${f.code}-${b.annee}`, textContent: `${f.libelle} — ${b.annee}${m}`}),
    el("div", {className: "grid grid-cols-4"},
      card(`Montant${m}`, formatEuro(b.montant), evolutionText(b)),
      card(`${Unites(f)}${m}`, formatInteger(b.aides), f.partielles?.[String(b.annee)] ?? countNote(b, ctx)),
      card(`Bénéficiaires nommés${m}`, formatInteger(b.beneficiaires), `comptés par SIRET, ou par nom quand la source n'en donne pas${b.aidesSansBeneficiaire ? ` ; ${formatInteger(b.aidesSansBeneficiaire)} ${f.unite?.[1] ?? "aides"} sans bénéficiaire nommé` : ""}`),
      card(`Montant ${b.annee - 1}${m}`, b.precedent === null ? "—" : formatEuro(b.precedent), b.precedent === null ? "pas de données cette année-là" : "année précédente, même source")
    ),
    sourceLine(ctx, b.annee),
    el("h3", {textContent: `Répartition des montants${m}`}),
    distributionChart(b, ctx),
    distributionTable(b, f)
  );
  const grid = el("div", {className: "grid grid-cols-2"});
  if (informative(b.parNature)) grid.append(el("div", {}, repartitionTable(b.parNature, "Nature", f, `Par nature, ${b.annee}${m}`)));
  if (informative(b.parService)) grid.append(el("div", {}, repartitionTable(b.parService, f.service ?? "Service", f, `${f.service ?? "Service"} : répartition, ${b.annee}${m}`)));
  if (informative(b.parDispositif)) grid.append(el("div", {}, repartitionTable(b.parDispositif, "Dispositif", f, `Par dispositif, ${b.annee}${m}`)));
  const depName = (r: Repartition) => ({...r, cle: ctx.departements && Object.hasOwn(ctx.departements, r.cle) ? `${ctx.departements[r.cle]} (${r.cle})` : r.cle});
  if (informative(b.parDepartement)) grid.append(el("div", {}, repartitionTable(b.parDepartement.map(depName), "Département", f, `Par département, ${b.annee}${m}`)));
  if (informative(b.parThematique)) {
    grid.append(el("div", {}, repartitionTable(b.parThematique, "Thème (dérivé)", f, `Par thème, ${b.annee}${m} — thème DÉRIVÉ par le projet porteur des fichiers (classement par mots-clés), pas par le financeur`)));
  }
  if (grid.childElementCount) section.append(el("h3", {textContent: `Répartitions${m}`}), grid);
  section.append(
    el("h3", {textContent: `Principaux bénéficiaires${m}`}),
    textTable(
      ["Bénéficiaire", "SIRET", "Montant", "Part", Unites(f)],
      b.beneficiairesPrincipaux.map((x) => [x.nom, x.siret ?? "—", formatEuro(x.montant), formatPercent(x.part), formatInteger(x.aides)]),
      {caption: `Les ${b.beneficiairesPrincipaux.length} premiers bénéficiaires de ${f.libelle} en ${b.annee}${m}, par montant`}
    )
  );
  return section;
}

/** A funder's series: one bar per year, partial years marked; never stacked with another funder. */
export function SerieFinanceur(serie: PointSerie[], ctx: ContexteFinanceur, {titre = "h3"}: {titre?: "h2" | "h3"} = {}): HTMLElement {
  const {Plot, financeur: f} = ctx;
  const m = mention(f);
  const chart = accessiblePlot(
    Plot.plot({
      width: Math.min(ctx.width ?? 640, 720), height: 260, marginLeft: 60,
      x: {label: null, type: "band", tickFormat: String}, y: {label: `↑ Millions d'euros${m}`, grid: true, transform: (d: number) => d / 1e6},
      color: {domain: ["année complète", "année partielle"], range: ["#0072B2", "#B3D4EA"], legend: serie.some((p) => p.partielle)},
      marks: [
        Plot.barY(serie, {x: "annee", y: "montant", fill: (p: PointSerie) => (p.partielle ? "année partielle" : "année complète"), title: (p: PointSerie) => `${p.annee} : ${formatEuro(p.montant)}, ${unite(f, p.aides)}${p.partielle ? " (année partielle)" : ""}`}),
        Plot.ruleY([0])
      ],
      ariaLabel: `Montants de ${f.libelle} par année${m}`
    })
  );
  const table = textTable(
    ["Année", `Montant${m}`, Unites(f), "Évolution"],
    serie.map((p) => [String(p.annee), formatEuro(p.montant), formatInteger(p.aides), p.partielle ? "année partielle" : p.evolution === null ? "—" : `${p.evolution >= 0 ? "+" : ""}${formatPercent(p.evolution)}`]),
    {caption: `${f.libelle} : série annuelle${m} (les montants d'un autre financeur ne s'y ajoutent jamais)`}
  );
  const section = el("section", {className: "serie-financeur"}, el(titre, {textContent: `${f.libelle} : tous les exercices${m}`}), chart, table);
  section.dataset.financeur = f.code;
  return section;
}
