// Page loader: the Données page, one section per published table of data/tables.json, with static
// download links (so Framework builds and ships every file) and the table's data dictionary.
import {emit} from "../loaders/cli.js";
import {readTables} from "../loaders/tables.js";

const FORMATS = [
  {format: "csv", folder: "csv", ext: "csv", suffix: "", label: "CSV (UTF-8)"},
  {format: "csv-excel", folder: "excel", ext: "csv", suffix: "-excel", label: "CSV pour Excel (fr)"},
  {format: "parquet", folder: "parquet", ext: "parquet", suffix: "", label: "Parquet"},
  {format: "geojson", folder: "geojson", ext: "geojson", suffix: "", label: "GeoJSON (WGS84)"},
  {format: "dictionnaire", folder: "dictionnaires", ext: "csv", suffix: "-dictionnaire", label: "Dictionnaire (CSV)"}
];
const escape = (text: string) => text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

await emit(async () => {
  const sections = readTables().map((t) => {
    const links = FORMATS.filter((f) => f.format !== "geojson" || t.geometry)
      .map((f) => `<a href="./data/${f.folder}/${t.id}.${f.ext}" download="${t.id}${f.suffix}.${f.ext}" data-download="${f.format}">${f.label}</a>`)
      .join("\n");
    return `<h2 id="${t.id}">${escape(t.title)}</h2>

<p>Licence : <strong>${escape(t.licence)}</strong>. Table <code>${t.id}</code>.</p>

<p class="downloads">
${links}
</p>

\`\`\`js
display(DataDictionary(registre, ${JSON.stringify(t.id)}))
\`\`\`
`;
  });
  return `---
title: Données
toc: true
---

# Données à télécharger

<p class="lead">Chaque table publiée par l'atlas, dans quatre formats : CSV (UTF-8, virgule), CSV pour Excel en français (point-virgule, virgule décimale, s'ouvre correctement par un double-clic), Parquet et GeoJSON (WGS84) quand la table a une géométrie ; avec son dictionnaire des données et sa licence. Les valeurs ne sont jamais estimées ni complétées.</p>

\`\`\`js
const registre = await FileAttachment("data/registre.json").json();
import {DataDictionary} from "./components/dictionary.js";
\`\`\`

${sections.join("\n")}
<h2 id="fonds-de-carte">Fonds de carte projetés (TopoJSON)</h2>

<p>Les contours que les pages utilisent : projetés en conique conforme centrée sur l'Île-de-France (cadre 960 × 820), simplifiés et quantifiés. Les communes et, pour chaque niveau (départements, couronnes, EPCI, EPT, zones d'emploi, bassins), l'union exacte de ses communes. Pour un usage géographique, préférez les GeoJSON en WGS84 ci-dessus.</p>

<p class="downloads">
<a href="./data/territoires.topojson" download="territoires.topojson" data-download="topojson">Communes et territoires (TopoJSON) — Licence Ouverte 2.0</a>
<a href="./data/paris-arrondissements.topojson" download="paris-arrondissements.topojson" data-download="topojson">Arrondissements de Paris (TopoJSON) — ODbL, © Ville de Paris</a>
</p>
`;
});
