// The download formats of every published table: where Framework builds each file (a hashed path under
// /_file/data/<folder>/) and the stable path partners' scripts can keep using across builds
// (/telechargement/<table><suffix>.<ext>). Shared by the Données page, the post-build step that writes the
// stable copies (bin/stable-downloads.ts) and the tests.

export interface DownloadFormat {
  /** The data-download attribute of the link (the e2e checks parse each format its own way). */
  format: "csv" | "csv-excel" | "xlsx" | "parquet" | "geojson" | "dictionnaire";
  /** The folder of src/data/ whose loader builds it. */
  folder: string;
  ext: string;
  /** Appended to the table id in the stable (and downloaded) file name. */
  suffix: string;
  label: string;
  /** Only for tables with a geometry. */
  geometryOnly?: boolean;
}

export const DOWNLOAD_FORMATS: readonly DownloadFormat[] = [
  {format: "csv", folder: "csv", ext: "csv", suffix: "", label: "CSV (UTF-8)"},
  {format: "csv-excel", folder: "excel", ext: "csv", suffix: "-excel", label: "CSV pour Excel (fr)"},
  {format: "xlsx", folder: "xlsx", ext: "xlsx", suffix: "", label: "Classeur Excel (.xlsx)"},
  {format: "parquet", folder: "parquet", ext: "parquet", suffix: "", label: "Parquet"},
  {format: "geojson", folder: "geojson", ext: "geojson", suffix: "", label: "GeoJSON (WGS84)", geometryOnly: true},
  {format: "dictionnaire", folder: "dictionnaires", ext: "csv", suffix: "-dictionnaire", label: "Dictionnaire (CSV)"}
];

/**
 * The folder, under the site root, of the stable copies and of datapackage.json. Not "donnees": a
 * folder named like a page (donnees.html) makes some static hosts redirect /donnees to /donnees/.
 */
export const STABLE_DIR = "telechargement";

export function formatsOf(table: {geometry: string | null}): DownloadFormat[] {
  return DOWNLOAD_FORMATS.filter((f) => !f.geometryOnly || table.geometry);
}

/** The file name of a download, as offered to the browser and as kept at the stable path. */
export function downloadName(tableId: string, f: DownloadFormat): string {
  return `${tableId}${f.suffix}.${f.ext}`;
}

/** Path of the page's (hashed once built) file attachment, relative to the site root. */
export function attachmentPath(tableId: string, f: DownloadFormat): string {
  return `data/${f.folder}/${tableId}.${f.ext}`;
}

/** Stable path from the site root, e.g. telechargement/communes-excel.csv. */
export function stablePath(tableId: string, f: DownloadFormat): string {
  return `${STABLE_DIR}/${downloadName(tableId, f)}`;
}
