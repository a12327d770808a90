// The part of a Table Schema (frictionless; schema.data.gouv.fr publishes the SCDL ones in this
// form) that the validation engine reads. The SCDL "subventions" schema and the project's
// data/structures.schema.json are both of this shape.
export interface FieldSchema {
  name: string;
  title?: string;
  description?: string;
  /** "string", "number", "integer", "boolean", "date"; other types are read as text. */
  type: string;
  /** "uri" checks a web address; other formats are not checked. */
  format?: string;
  trueValues?: string[];
  falseValues?: string[];
  /** Labels of enum values (data/structures.schema.json). */
  categories?: {value: string; label: string}[];
  constraints?: {
    required?: boolean;
    unique?: boolean;
    pattern?: string;
    enum?: string[];
    minimum?: number;
    maximum?: number;
    maxLength?: number;
  };
}

export interface TableSchema {
  name?: string;
  title?: string;
  version?: string;
  fields: FieldSchema[];
  primaryKey?: string | string[];
  missingValues?: string[];
  /** Named checks beyond Table Schema (validata, used by the SCDL schemas): {name, params}. */
  custom_checks?: {name: string; params: Record<string, string>}[];
  /** The project's rules beyond Table Schema (data/structures.schema.json): {nom, description}. */
  x_regles?: {nom: string; description: string}[];
}

/** A typed cell: text, number, boolean, or null for an empty optional cell. */
export type Value = string | number | boolean | null;

/** The labels of a field's enum values, from its `categories` (value → label), in schema order. */
export function categoryLabels(schema: TableSchema, field: string): Map<string, string> {
  const f = schema.fields.find((x) => x.name === field);
  return new Map((f?.categories ?? []).map((c) => [c.value, c.label]));
}
