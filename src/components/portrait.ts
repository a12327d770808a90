// The territory portrait: its index, rank and stability, then each indicator against Île-de-France,
// its département and its couronne. Text nodes only: names and values are never HTML.
import {textTable} from "./dictionary.js";
import {DistributionStrips} from "./distribution-strips.js";
import {formatDecimal, formatInteger, formatPercent} from "../lib/format.js";
import {distributionStrips} from "../model/distribution.js";
import type {IndexResult} from "../model/needs-index.js";
import {indicatorsAt, NIVEAUX, type LevelIndex, type NeedsData} from "../model/needs-model.js";
import {indicatorLabel, mergerNote} from "../model/needs-view.js";
import type {MeasureExplainer} from "../model/needs-regional.js";
import {cellText, indicatorCell} from "../model/territory-profile.js";

export interface PortraitOptions {
  niveau: string;
  code: string;
  index: LevelIndex;
  stability: {topQuintileShare: Float64Array; draws: number};
  arrondissementScores: Float64Array | null;
  /** The measure's name ("Indice régional") and what its values stand on (src/model/needs-regional.ts). */
  measureName?: string;
  explain?: MeasureExplainer | null;
  /** The other measure, said beside: its name, result and explainer. */
  other?: {name: string; result: IndexResult; explain: MeasureExplainer} | null;
  /** Links under the title: the territory sheet, similar territories, a comparison. */
  actions?: {label: string; href: string}[];
}

const el = <K extends keyof HTMLElementTagNameMap>(tag: K, text?: string, className?: string) => {
  const e = document.createElement(tag);
  if (text !== undefined) e.textContent = text;
  if (className) e.className = className;
  return e;
};

const cell = (data: NeedsData, niveau: string, code: string | null | undefined, indicator: Parameters<typeof indicatorCell>[3]) => cellText(indicatorCell(data, niveau, code, indicator));

export function Portrait(data: NeedsData, {niveau, code, index, stability, arrondissementScores, measureName = "Indice de besoins sociaux", explain = null, other = null, actions = []}: PortraitOptions): HTMLElement {
  const root = el("section", undefined, "portrait");
  const level = data.niveaux[niveau];
  const i = level.codes.indexOf(code);
  if (i < 0) {
    root.append(el("p", `Territoire ${code} introuvable à cette échelle.`));
    return root;
  }
  const levelLabel = niveau === "arrondissement" ? "arrondissement de Paris" : NIVEAUX.find((n) => n.id === niveau)?.label ?? niveau;
  root.append(el("h3", `${level.noms[i]} (${code})`), el("p", levelLabel, "portrait-level"));
  if (actions.length) {
    const nav = el("p", undefined, "portrait-actions");
    for (const a of actions) {
      const link = el("a", a.label, "button-link");
      link.href = a.href;
      nav.append(link);
    }
    root.append(nav);
  }

  const result: IndexResult = index.result;
  const facts = el("ul", undefined, "portrait-facts");
  if (niveau === "arrondissement") {
    const score = arrondissementScores?.[i] ?? NaN;
    facts.append(el("li", Number.isNaN(score) ? "Indice non calculé." : `Indice : ${formatDecimal(score, 3)}, placé parmi les communes ; un arrondissement n'est pas classé (Paris compte pour une seule commune, 75056).`));
  } else if (Number.isNaN(result.score[i])) {
    facts.append(el("li", `${measureName} non calculé : ${explain?.reasonOf(result, i) ?? "trop d'indicateurs sous secret statistique ou non publiés"}.`));
  } else {
    const scored = result.score.filter((s) => !Number.isNaN(s)).length;
    const unit = niveau === "commune" ? "communes" : "territoires";
    facts.append(
      el("li", `${measureName} de besoins sociaux : ${formatDecimal(result.score[i], 3)} (0 = besoins les plus faibles, 1 = les plus élevés d'Île-de-France).`),
      el("li", `Rang : ${formatInteger(result.rank[i])}${result.rank[i] === 1 ? "er" : "e"} sur ${formatInteger(scored)} ${unit} dotés d'un indice ; quintile ${result.quintile[i]} sur 5.`),
      el("li", `Dans le quintile le plus en besoin dans ${formatPercent(stability.topQuintileShare[i])} des scénarios (${formatInteger(stability.draws)} tirages des poids à ±50 %).`),
      el("li", explain ? `Valeur calculée sur ${explain.coverageOf(result, i)}.` : `Poids des indicateurs renseignés : ${formatPercent(result.available[i])} du total.`)
    );
  }
  if (other && niveau !== "arrondissement") {
    const o = other.result;
    facts.append(
      el("li", Number.isNaN(o.score[i])
        ? `${other.name} non calculé : ${other.explain.reasonOf(o, i)}.`
        : `${other.name} : ${formatDecimal(o.score[i], 3)}, quintile ${o.quintile[i]} sur 5 parmi ses ${formatInteger(o.score.filter((s) => !Number.isNaN(s)).length)} ${niveau === "commune" ? "communes" : "territoires"} (${other.explain.coverageOf(o, i)}).`)
    );
  }
  const merger = niveau === "commune" ? mergerNote(data, code) : null;
  if (merger) facts.append(el("li", merger));
  root.append(facts);

  const indicators = indicatorsAt(data, niveau);
  const departement = niveau === "commune" || niveau === "arrondissement" ? level.departement?.[i] : null;
  const couronne = niveau === "commune" || niveau === "arrondissement" ? level.couronne?.[i] : null;
  const picture = el("figure", undefined, "portrait-picture");
  const caption = el("figcaption", `Chaque indicateur de ${level.noms[i]} placé sur la répartition des ${formatInteger(data.niveaux.commune.codes.length)} communes d'Île-de-France${departement ? ", avec son département et sa couronne" : ""} et la région. Le tableau qui suit donne les mêmes valeurs.`);
  picture.append(DistributionStrips(distributionStrips(data, {niveau, code}), {niveau, name: level.noms[i]}), caption);
  root.append(picture);
  const header = ["Indicateur", level.noms[i], "Île-de-France", ...(departement ? ["Département"] : []), ...(couronne ? ["Couronne"] : [])];
  root.append(
    textTable(
      header,
      indicators.map((ind) => [
        indicatorLabel(ind),
        cell(data, niveau, code, ind),
        cell(data, "region", "11", ind),
        ...(departement ? [cell(data, "departement", departement, ind)] : []),
        ...(couronne ? [cell(data, "couronne", couronne, ind)] : [])
      ]),
      {caption: `Indicateurs de ${level.noms[i]} comparés à l'Île-de-France${departement ? ", à son département et à sa couronne" : ""}`, className: "portrait-table"}
    )
  );
  return root;
}
