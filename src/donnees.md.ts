// Page loader: the Données page, one section per published table of data/tables.json, with static
// download links (so Framework builds and ships every file) and the table's data dictionary.
import {emit} from "../loaders/cli.js";
import {readTables} from "../loaders/tables.js";
import {attachmentPath, downloadName, formatsOf, STABLE_DIR, stablePath} from "./lib/downloads.js";
const escape = (text: string) => text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

await emit(async () => {
  const sections = readTables().map((t) => {
    const links = formatsOf(t)
      .map((f) => `<a href="./${attachmentPath(t.id, f)}" download="${downloadName(t.id, f)}" data-download="${f.format}">${f.label}</a>`)
      .join("\n");
    // Stable paths as text, not links: Framework would try to resolve a link to a file it does not build.
    const stable = formatsOf(t)
      .map((f) => `<code data-stable="${f.format}">/${stablePath(t.id, f)}</code>`)
      .join(" ");
    return `<h2 id="${t.id}">${escape(t.title)}</h2>

<p>Licence : <strong>${escape(t.licence)}</strong>. Table <code>${t.id}</code>.</p>

<p class="downloads">
${links}
</p>

<p class="stable-paths">Adresses stables : ${stable}</p>

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

<p class="lead">Chaque table publiée par l'atlas : CSV (UTF-8, virgule), CSV pour Excel en français (point-virgule, virgule décimale, s'ouvre correctement par un double-clic), classeur Excel (.xlsx : codes en texte, nombres en nombres, avec les feuilles « Dictionnaire » et « Sources et licence »), Parquet et GeoJSON (WGS84) quand la table a une géométrie ; avec son dictionnaire des données et sa licence. Les valeurs ne sont jamais estimées ni complétées. Pour interroger ces tables sans rien télécharger, utilisez l'<a href="./explorateur">explorateur</a>.</p>

<h2 id="adresses-stables">Adresses stables et paquet de données</h2>

<p>Les liens ci-dessous changent à chaque mise à jour du site (leur nom contient une empreinte du contenu). Pour un script, utilisez les adresses stables : chaque fichier existe aussi à l'adresse <code>/${STABLE_DIR}/&lt;table&gt;.csv</code> (et <code>-excel.csv</code>, <code>.xlsx</code>, <code>.parquet</code>, <code>.geojson</code>, <code>-dictionnaire.csv</code>), par exemple :</p>

<pre><code>curl -O https://&lt;adresse du site&gt;/${STABLE_DIR}/communes.csv</code></pre>

<p>Le paquet de données <code data-stable="datapackage">/${STABLE_DIR}/datapackage.json</code> (format <em>Frictionless Data Package</em> 2.0) décrit toutes les tables CSV : colonnes, types, descriptions, clés, licence de chaque table (ODbL quand elle contient des données de la Ville de Paris), sources, taille et empreinte SHA-256. Il se lit avec les outils Frictionless (<code>frictionless validate</code>), R, Python ou DuckDB.</p>

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
