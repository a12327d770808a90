// Commune search, pure: an accent- and abbreviation-tolerant matcher (searchPlaces) used by the
// combobox of src/components/search-box.ts. No DOM, no dependencies.

export interface Place {
  /** INSEE code, e.g. "93066"; Paris arrondissements are 75101–75120. */
  code: string;
  nom: string;
  /** Département code, e.g. "93". */
  departement: string;
  nomDepartement?: string;
  kind: "commune" | "arrondissement" | "fusionnee" | "territoire";
  /** For a territory above the commune ("territoire"): its level (ept, epci, zone_emploi, bassin, departement) and how a label names it ("EPT"). */
  niveau?: string;
  levelLabel?: string;
  /** For an arrondissement, the INSEE code of its commune ("75056" for Paris). */
  parent?: string;
  /** For a commune merged into another since the data's vintages ("fusionnee"): the commune it joined. */
  mergedInto?: {code: string; nom: string; annee: number | null};
}

/** A merger of communes as the build states it (loaders/sql/int_fusions.sql, mart_communes_fusionnees). */
export interface Fusion {
  /** The old commune's INSEE code (93059). */
  code: string;
  /** Its name when the pack still gives it (COG 2026 communes déléguées), else null. */
  nom: string | null;
  departement: string;
  /** The commune it joined (93066) and that commune's name. */
  vers: string;
  nomVers: string;
  /** The year the merger took effect when the pack states it, else null. */
  annee: number | null;
}

/** Merged communes as search places, leading to the commune they joined; unnamed ones cannot be searched by name and are left out. */
export function mergedPlaces(fusions: readonly Fusion[]): Place[] {
  return fusions
    .filter((f) => f.nom !== null)
    .map((f) => ({code: f.code, nom: f.nom!, departement: f.departement, kind: "fusionnee" as const, mergedInto: {code: f.vers, nom: f.nomVers, annee: f.annee}}));
}

/** "fusionnée dans Saint-Denis en 2025" (the year only when known). */
export function mergedPhrase(merged: NonNullable<Place["mergedInto"]>): string {
  return `fusionnée dans ${merged.nom}${merged.annee !== null ? ` en ${merged.annee}` : ""}`;
}

/** The territory a chosen place shows: itself, or the commune a merged commune joined. */
export function selectedCode(place: Place): string {
  return place.mergedInto?.code ?? place.code;
}

export interface SearchResult {
  place: Place;
  label: string;
}

const ABBREVIATIONS: Record<string, string> = {st: "saint", ste: "sainte"};

/**
 * Folds a name or a query to a comparable form: lower case, no diacritics (œ → oe, æ → ae),
 * hyphens, apostrophes, dots, commas and runs of spaces → one space, standalone "st"/"ste"
 * expanded to "saint"/"sainte" and "s/" to "sur". "St-Denis" and "saint denis" fold alike.
 */
export function normalize(text: string): string {
  const folded = text
    .toLowerCase()
    .replace(/œ/g, "oe")
    .replace(/æ/g, "ae")
    .normalize("NFD")
    .replace(/\p{Diacritic}/gu, "")
    .replace(/(^|[\s\-'’‘.,])s\//g, "$1 sur ")
    .replace(/[\s\-'’‘.,/_]+/g, " ")
    .trim();
  if (folded === "") return "";
  return folded
    .split(" ")
    .map((word) => (Object.hasOwn(ABBREVIATIONS, word) ? ABBREVIATIONS[word] : word)) // the words are user text: "constructor" stays a word
    .join(" ");
}

// Normalized forms of each place, computed once per Place object.
interface Indexed {
  name: string; // normalized name
  compact: string; // normalized name without spaces ("lhaylesroses"), so "lhay" matches
  words: string[];
  sortName: string; // arrondissements sort by number: "paris 01" … "paris 20"
}

const cache = new WeakMap<Place, Indexed>();

function indexed(place: Place): Indexed {
  let entry = cache.get(place);
  if (!entry) {
    const name = normalize(place.nom);
    const number = arrondissementNumber(place);
    entry = {
      name,
      compact: name.replace(/ /g, ""),
      words: name.split(" "),
      sortName: number === null ? name : `paris ${String(number).padStart(2, "0")}`
    };
    cache.set(place, entry);
  }
  return entry;
}

function arrondissementNumber(place: Place): number | null {
  if (place.kind !== "arrondissement") return null;
  const n = Number(place.code.slice(-2));
  return Number.isInteger(n) && n >= 1 ? n : null;
}

/** "paris 15", "paris 15e", "15eme arrondissement", "paris 1er" → 15, 15, 15, 1; otherwise null. */
function queryArrondissement(query: string): number | null {
  const match = /^(paris ?)?(\d{1,2}) ?(er|e|eme|ieme|em)?( ?arr[a-z]*)?$/.exec(query);
  if (!match || !(match[1] || match[3] || match[4])) return null;
  const n = Number(match[2]);
  return n >= 1 && n <= 20 ? n : null;
}

/** Every query word is a prefix of a distinct name word, in the same order. */
function wordPrefixes(queryWords: string[], nameWords: string[]): boolean {
  let i = 0;
  for (const word of queryWords) {
    while (i < nameWords.length && !nameWords[i].startsWith(word)) i++;
    if (i === nameWords.length) return false;
    i++;
  }
  return true;
}

// Match groups, best first.
const ARRONDISSEMENT = 0; // the arrondissement the query names ("paris 1er", "75015")
const EXACT = 1;
const PREFIX = 2;
const WORD_PREFIX = 3;
const SUBSTRING = 4;

function nameGroup(entry: Indexed, query: string, compactQuery: string, queryWords: string[]): number | null {
  if (entry.name === query || entry.compact === compactQuery) return EXACT;
  if (entry.name.startsWith(query) || entry.compact.startsWith(compactQuery)) return PREFIX;
  if (wordPrefixes(queryWords, entry.words)) return WORD_PREFIX;
  if (entry.name.includes(query) || entry.compact.includes(compactQuery)) return SUBSTRING;
  return null;
}

const collator = new Intl.Collator("fr", {sensitivity: "base", numeric: true});

function ordinal(n: number): string {
  return n === 1 ? "1er" : `${n}e`;
}

/**
 * Labels tell homonyms apart: a commune always carries its département ("Saint-Denis (93)"), an
 * arrondissement reads "Paris 15e (arrondissement)". Should two results still share a label (same
 * name and département), the INSEE code is added: "Saint-Denis (93, 93066)".
 */
export function labelsFor(places: Place[]): string[] {
  const labels = places.map((place) => {
    const number = arrondissementNumber(place);
    if (place.mergedInto) return `${place.nom} (${place.departement}), ${mergedPhrase(place.mergedInto)}`;
    if (place.kind === "territoire") return `${place.nom} (${place.levelLabel ?? place.niveau})`;
    return number === null ? `${place.nom} (${place.departement})` : `Paris ${ordinal(number)} (arrondissement)`;
  });
  const counts = new Map<string, number>();
  for (const label of labels) counts.set(label, (counts.get(label) ?? 0) + 1);
  return labels.map((label, i) =>
    (counts.get(label) ?? 0) > 1 && places[i].kind === "commune" ? `${places[i].nom} (${places[i].departement}, ${places[i].code})` : label
  );
}

/**
 * Finds places by name, INSEE code or Paris arrondissement, best matches first: the arrondissement
 * the query names, then exact name, names starting with the query, names whose words start with
 * the query's words (in order), and names containing it. Within a group, shorter names first, then
 * French alphabetical order; arrondissements keep their numeric order (1er → 20e).
 *
 * A 5-character code matches an INSEE code exactly, and "75001"–"75020" (Paris postal codes) the
 * matching arrondissement; 3 or 4 digits list the places whose INSEE code starts with them, by code.
 * Other postal codes are not known. An empty query finds nothing.
 */
export function searchPlaces(places: Place[], query: string, {limit = 8}: {limit?: number} = {}): SearchResult[] {
  const q = normalize(query);
  if (q === "" || !(limit > 0)) return [];
  const compactQuery = q.replace(/ /g, "");
  const queryWords = q.split(" ");
  const matches: {place: Place; group: number; entry: Indexed}[] = [];

  if (/^(\d|2[ab])\d{2,}$/.test(compactQuery)) {
    // A code: exact INSEE code or Paris postal code for 5 characters, code prefix for 3–4.
    const postal = /^750(\d{2})$/.exec(compactQuery);
    const postalCode = postal && Number(postal[1]) >= 1 && Number(postal[1]) <= 20 ? `751${postal[1]}` : null;
    for (const place of places) {
      const code = place.code.toLowerCase();
      const hit =
        compactQuery.length >= 5 ? code === compactQuery || (place.kind === "arrondissement" && code === postalCode) : code.startsWith(compactQuery);
      if (hit) matches.push({place, group: EXACT, entry: indexed(place)});
    }
    matches.sort((a, b) => (a.place.code < b.place.code ? -1 : a.place.code > b.place.code ? 1 : 0));
  } else {
    const wanted = queryArrondissement(q);
    for (const place of places) {
      const entry = indexed(place);
      const group = wanted !== null && arrondissementNumber(place) === wanted ? ARRONDISSEMENT : nameGroup(entry, q, compactQuery, queryWords);
      if (group !== null) matches.push({place, group, entry});
    }
    matches.sort(
      (a, b) =>
        a.group - b.group ||
        a.entry.sortName.length - b.entry.sortName.length ||
        collator.compare(a.entry.sortName, b.entry.sortName) ||
        collator.compare(a.place.nom, b.place.nom) ||
        (a.place.code < b.place.code ? -1 : a.place.code > b.place.code ? 1 : 0)
    );
  }

  const kept = matches.slice(0, limit).map((match) => match.place);
  const labels = labelsFor(kept);
  return kept.map((place, i) => ({place, label: labels[i]}));
}
