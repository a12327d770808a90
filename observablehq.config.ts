// Observable Framework configuration. The build runs offline: see
// bin/offline-npm.ts, which answers Framework's npm/CDN requests from node_modules.
import {themeFontHead} from "./bin/theme-fonts.js";

export default {
  title: "Atlas des besoins sociaux d'Île-de-France",
  root: "src",
  lang: "fr",
  // Our own stylesheet: Framework's default theme, plus the atlas's components.
  style: "style.css",
  // Framework links a hosted web font stylesheet by default; the theme's font is self-hosted
  // instead, from an npm package (see head below and bin/theme-fonts.ts): no network at run time.
  globalStylesheets: [],
  pages: [
    {name: "Accueil", path: "/index"},
    {name: "Besoins sociaux", path: "/besoins"},
    {name: "Fiche territoire", path: "/fiche"},
    {name: "Comparer des territoires", path: "/comparer"},
    {name: "Territoires semblables", path: "/semblables"},
    {name: "Implantation", path: "/implantation"},
    {name: "Bilan annuel des aides", path: "/bilan"},
    {name: "Coûts évités", path: "/couts-evites"},
    {name: "Grille d'identification", path: "/grille"},
    {name: "Explorateur", path: "/explorateur"},
    {name: "Données", path: "/donnees"},
    {name: "Méthode et sources", path: "/methode"}
  ],
  footer:
    'Données : Licence Ouverte 2.0 (INSEE, IGN, DGCL, France Travail) et ODbL (arrondissements de Paris, Ville de Paris) — code : MIT. <a href="./methode">Sources et méthode</a>',
  search: false,
  pager: false,
  toc: {label: "Sur cette page"},
  // No favicon file: an empty data URL stops the browser from requesting /favicon.ico (a 404).
  head: `<link rel="icon" href="data:,">\n${themeFontHead()}`,
  // DuckDB-Wasm would download its json and parquet extensions at build time
  // (and the browser would load them from the network): keep only what is
  // built into the wasm file.
  duckdb: {extensions: {json: null, parquet: null}},
  // TypeScript loaders run in one node process with tsx's loader hooks, not through the tsx command,
  // which starts a second node process for each loader (≈ 0.1 s each, 17 loaders per build).
  interpreters: {".ts": ["node", "--import", "tsx"]}
};
