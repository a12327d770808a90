// The rules of the Data Package 2.0 and Table Schema 2.0 specifications that a descriptor must
// follow, checked explicitly (no JSON-Schema validator is installed, and the profiles are not
// copied into the project). Taken from the official profiles, frictionlessdata/datapackage
// profiles/target/2.0/datapackage.json and tableschema.json (Data Package v2 specification):
// - package: `resources` required, an array of ≥ 1 objects; `licenses`, when present, ≥ 1 objects
//   each with `name` or `path`, a name matching ^([-a-zA-Z0-9._])+$; `sources` items have ≥ 1
//   property, title/path/version strings;
// - resource: `name` and exactly one of `path` / `data`; a path is a URL or a POSIX path that does
//   not start with `.`, `/` or `~`, holds no `../`, no backslash and no `file:` scheme (the
//   profile's pattern, below); `type`, when present, is "table"; names unique in the package
//   (Data Package spec, "name … MUST be unique amongst all resources");
// - Table Schema: `fields` required, ≥ 1 objects each with a string `name` (unique, spec: "field
//   names MUST be unique") and a `type` among the spec's types; `primaryKey` and `missingValues`
//   arrays of strings, every primary-key field in `fields`.

export const PATH_PATTERN = /^((?=[^./~])(?!file:)((?!\/\.\.\/)(?!\\)(?!:\/\/).)*|(http|ftp)s?:\/\/.*)$/;
export const LICENSE_NAME = /^([-a-zA-Z0-9._])+$/;
export const FIELD_TYPES = ["string", "number", "integer", "boolean", "object", "array", "list", "date", "time", "datetime", "year", "yearmonth", "duration", "geopoint", "geojson", "any"];

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === "object" && v !== null && !Array.isArray(v);
const isString = (v: unknown): v is string => typeof v === "string";

export function dataPackageProblems(descriptor: unknown): string[] {
  const problems: string[] = [];
  if (!isObject(descriptor)) return ["the descriptor is not an object"];
  const licenses = (where: string, value: unknown) => {
    if (value === undefined) return;
    if (!Array.isArray(value) || value.length === 0) return problems.push(`${where}.licenses: not a non-empty array`);
    value.forEach((l, i) => {
      if (!isObject(l) || (!isString(l.name) && !isString(l.path))) problems.push(`${where}.licenses[${i}]: needs a name or a path`);
      else if (l.name !== undefined && (!isString(l.name) || !LICENSE_NAME.test(l.name))) problems.push(`${where}.licenses[${i}].name ${JSON.stringify(l.name)} is not an Open Definition identifier`);
      else if (l.path !== undefined && (!isString(l.path) || !PATH_PATTERN.test(l.path))) problems.push(`${where}.licenses[${i}].path is not a URL or a safe path`);
    });
  };
  const sources = (where: string, value: unknown) => {
    if (value === undefined) return;
    if (!Array.isArray(value)) return problems.push(`${where}.sources: not an array`);
    value.forEach((s, i) => {
      if (!isObject(s) || Object.keys(s).length === 0) problems.push(`${where}.sources[${i}]: needs at least one property`);
      else for (const k of ["title", "path", "version", "email"]) if (s[k] !== undefined && !isString(s[k])) problems.push(`${where}.sources[${i}].${k}: not a string`);
    });
  };
  licenses("package", descriptor.licenses);
  sources("package", descriptor.sources);
  const resources = descriptor.resources;
  if (!Array.isArray(resources) || resources.length === 0) return [...problems, "resources: required, a non-empty array"];
  const names = new Set<string>();
  resources.forEach((r, i) => {
    const where = `resources[${i}]`;
    if (!isObject(r)) return problems.push(`${where}: not an object`);
    if (!isString(r.name)) problems.push(`${where}.name: required string`);
    else if (names.has(r.name)) problems.push(`${where}.name ${r.name}: not unique`);
    else names.add(r.name);
    if ((r.path === undefined) === (r.data === undefined)) problems.push(`${where}: needs exactly one of path and data`);
    const paths = Array.isArray(r.path) ? r.path : r.path === undefined ? [] : [r.path];
    for (const p of paths) if (!isString(p) || !PATH_PATTERN.test(p)) problems.push(`${where}.path ${JSON.stringify(p)}: not a URL or a safe relative POSIX path`);
    if (r.type !== undefined && r.type !== "table") problems.push(`${where}.type: must be "table"`);
    if (r.bytes !== undefined && !(Number.isInteger(r.bytes) && (r.bytes as number) >= 0)) problems.push(`${where}.bytes: not a non-negative integer`);
    if (r.hash !== undefined && (!isString(r.hash) || !/^(md5|sha1|sha256|sha512):[0-9a-f]+$|^[0-9a-f]{32}$/.test(r.hash))) problems.push(`${where}.hash: not <algorithm>:<hex>`);
    licenses(where, r.licenses);
    sources(where, r.sources);
    const schema = r.schema;
    if (schema === undefined) return;
    if (!isObject(schema)) return problems.push(`${where}.schema: not an object`);
    if (!Array.isArray(schema.fields) || schema.fields.length === 0) return problems.push(`${where}.schema.fields: required, a non-empty array`);
    const fieldNames = new Set<string>();
    schema.fields.forEach((f, j) => {
      if (!isObject(f) || !isString(f.name)) return problems.push(`${where}.schema.fields[${j}]: needs a string name`);
      if (fieldNames.has(f.name)) problems.push(`${where}.schema.fields[${j}].name ${f.name}: not unique`);
      fieldNames.add(f.name);
      if (f.type !== undefined && !FIELD_TYPES.includes(f.type as string)) problems.push(`${where}.schema.fields[${j}].type ${JSON.stringify(f.type)}: not a Table Schema type`);
      for (const k of ["title", "description"]) if (f[k] !== undefined && !isString(f[k])) problems.push(`${where}.schema.fields[${j}].${k}: not a string`);
    });
    for (const key of ["primaryKey", "missingValues"] as const) {
      const v = schema[key];
      if (v !== undefined && (!Array.isArray(v) || v.some((x) => !isString(x)))) problems.push(`${where}.schema.${key}: not an array of strings`);
    }
    if (Array.isArray(schema.primaryKey)) for (const k of schema.primaryKey) if (!fieldNames.has(k as string)) problems.push(`${where}.schema.primaryKey ${k}: not a field`);
  });
  return problems;
}
