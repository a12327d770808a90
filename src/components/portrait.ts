// The territory portrait: its index, rank and stability, then each indicator against Île-de-France,
// its département and its couronne. Text nodes only: names and values are never HTML.
import {textTable} from "./dictionary.js";
import {formatDecimal, formatInteger, formatPercent} from "../lib/format.js";
import type {IndexResult} from "../model/needs-index.js";
import {indicatorsAt, NIVEAUX, STATUTS, type IndicatorDef, type LevelIndex, type NeedsData} from "../model/needs-model.js";
import {indicatorLabel, mergerNote} from "../model/needs-view.js";
import type {MeasureExplainer} from "../model/needs-regional.js";

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
}

const el = <K extends keyof HTMLElementTagNameMap>(tag: K, text?: string, className?: string) => {
  const e = document.createElement(tag);
  if (text !== undefined) e.textContent = text;
  if (className) e.className = className;
  return e;
};

function cell(data: NeedsData, niveau: string, code: string | null | undefined, indicator: IndicatorDef): string {
  const level = data.niveaux[niveau];
  const i = code ? level.codes.indexOf(code) : -1;
  if (i < 0) return "—";
  const value = level.valeurs[indicator.id][i];
  const status = level.statuts[indicator.id][i];
  if (value === null) return STATUTS[status ?? "vide"] ?? String(status);
  const digits = indicator.decimals !== undefined ? Math.max(0, indicator.decimals) : indicator.unit === "€ par an" ? 0 : 1;
  const text = `${formatDecimal(value, digits)}${indicator.unit === "€ par an" ? " €" : indicator.unit === "ratio" ? "" : ` ${indicator.unit}`}`;
  const coverage = level.couverture[indicator.id][i];
  const method = level.methodes[indicator.id][i];
  const notes = [
    method === "recombinee" ? "recombiné (commune fusionnée)" : null,
    niveau !== "commune" && niveau !== "arrondissement" && coverage !== null && coverage < 0.999 ? `couverture ${formatPercent(coverage)} de la population` : null
  ].filter(Boolean);
  return notes.length ? `${text} (${notes.join(" ; ")})` : text;
}

export function Portrait(data: NeedsData, {niveau, code, index, stability, arrondissementScores, measureName = "Indice de besoins sociaux", explain = null, other = null}: PortraitOptions): HTMLElement {
  const root = el("section", undefined, "portrait");
  const level = data.niveaux[niveau];
  const i = level.codes.indexOf(code);
  if (i < 0) {
    root.append(el("p", `Territoire ${code} introuvable à cette échelle.`));
    return root;
  }
  const levelLabel = niveau === "arrondissement" ? "arrondissement de Paris" : NIVEAUX.find((n) => n.id === niveau)?.label ?? niveau;
  root.append(el("h3", `${level.noms[i]} (${code})`), el("p", levelLabel, "portrait-level"));

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
