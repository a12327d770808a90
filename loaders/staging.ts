// What each registered source contributes to the warehouse: the raw table it lands in and the
// columns read from it, with their types. Only declared columns are read; the stg_ SQL renames.
import type {TableSpec} from "./read/table.js";

export interface Staged {
  source: string;
  table: string;
  format: "csv" | "geojson";
  columns: TableSpec;
}

const optional = {type: "text", required: false} as const;

export const STAGED: Staged[] = [
  {
    source: "communes_reference",
    table: "raw_communes_reference",
    format: "csv",
    columns: {
      codgeo: "code_commune",
      nom: "text",
      dep: "code",
      nom_dep: "text",
      population_municipale_2023: "integer",
      epci_siren_2026: "siren",
      epci_nom_2026: "text",
      ept_numero: optional,
      ept_siren: optional,
      ept_nom: optional,
      ze2020: "code",
      lib_ze2020: "text",
      bassin_bmo2024: "code",
      lib_bassin_bmo2024: "text"
    }
  },
  {
    source: "communes_population_2026",
    table: "raw_communes_population_2026",
    format: "csv",
    columns: {code: "code_commune", nom: "text", type: "text", commune_parent: optional, departement: "code", population: {type: "integer", required: false}, codes_postaux: optional}
  },
  {
    source: "epci_ept_membership",
    table: "raw_epci_ept_membership",
    format: "csv",
    columns: {
      groupement_type: "code",
      groupement_code: "code",
      groupement_nom: "text",
      groupement_pop_municipale: "integer",
      codgeo: "code_commune",
      pop_municipale: "integer",
      in_idf: "integer"
    }
  },
  {
    source: "bassins_bmo_2024",
    table: "raw_bassins_bmo_2024",
    format: "csv",
    columns: {code_commune_insee: "code_commune", code_bassin_BMO: "code", lib_bassin_BMO: "text"}
  },
  {
    source: "communes_geometrie",
    table: "raw_communes_geometrie",
    format: "geojson",
    columns: {codgeo: "code_commune", nom: "text", dep: "code", epci_siren: "siren", ept: optional, ze2020: "code", bassin_bmo: "code", codes_2018_fusionnes: optional}
  },
  {
    source: "communes_surface",
    table: "raw_communes_surface",
    format: "geojson",
    columns: {codgeo: "code_commune", surface_m2: "integer"}
  },
  {
    source: "paris_arrondissements",
    table: "raw_paris_arrondissements",
    format: "geojson",
    columns: {codgeo: "code_commune", l_ar: "text", l_aroff: "text", surface_m2: "integer"}
  },
  {
    source: "paris_arrondissements_population",
    table: "raw_paris_arrondissements_population",
    format: "csv",
    columns: {codgeo: "code_commune", nom: "text", commune: "code_commune", population_municipale: "integer"}
  },
  {
    source: "filosofi_2021_communes",
    table: "raw_filosofi_2021_communes",
    format: "csv",
    columns: {
      CODGEO: "code_commune",
      NBMENFISC21: {type: "decimal", required: false},
      NBPERSMENFISC21: {type: "decimal", required: false},
      MED21: {type: "decimal", required: false},
      TP6021: {type: "decimal", required: false},
      TP60AGE121: {type: "decimal", required: false},
      TP60TOL221: {type: "decimal", required: false},
      PPMINI21: {type: "decimal", required: false},
      PPLOGT21: {type: "decimal", required: false},
      RD21: {type: "decimal", required: false}
    }
  },
  {
    source: "comparateur_2022",
    table: "raw_comparateur_2022",
    format: "csv",
    columns: {
      CODGEO: "code_commune",
      P18_POP: {type: "decimal", required: false},
      P13_POP: {type: "decimal", required: false},
      P18_ACT1564: {type: "decimal", required: false},
      P18_CHOM1564: {type: "decimal", required: false},
      P18_POP1564: {type: "decimal", required: false},
      P18_RP: {type: "decimal", required: false},
      P18_RP_PROP: {type: "decimal", required: false},
      P18_LOG: {type: "decimal", required: false},
      P18_LOGVAC: {type: "decimal", required: false},
      P18_EMPLT: {type: "decimal", required: false},
      MED19: {type: "decimal", required: false}
    }
  },
  {
    source: "chomage_localise_ze",
    table: "raw_chomage_localise_ze",
    format: "csv",
    columns: {ze2020: "code", libze2020: "text", trimestre: "code", taux_chomage_pct: "decimal"}
  },
  {
    source: "qpv_contrats_de_ville",
    table: "raw_qpv_contrats_de_ville",
    format: "csv",
    columns: {code_cv: "code", lib_cv: "text", codgeo_source: "code", type_codgeo: "code", insee_dep: "code", pop_municipale_en_qpv_rp2018: "integer"}
  },
  {
    source: "filosofi_2021_iris",
    table: "raw_filosofi_2021_iris",
    format: "csv",
    columns: {IRIS: "code", DEC_TP6021: {type: "decimal", required: false}, DEC_MED21: {type: "decimal", required: false}, DEC_NOTE21: {type: "text", required: false}}
  },
  {
    source: "aides_region_2019_rapport",
    table: "raw_aides_region_2019_rapport",
    format: "csv",
    columns: {
      cle: "code",
      nomAttribuant: "text",
      idAttribuant: optional,
      nomBeneficiaire: "text",
      objet: "text",
      montant: "decimal",
      nombre_aides: "integer",
      mois_decision: optional,
      periode_debut: "code",
      periode_fin: "code",
      source_passage: "text"
    }
  },
  {
    source: "aides_complements",
    table: "raw_aides_complements",
    format: "csv",
    columns: {
      cle: "code",
      champ_action: optional,
      dispositif: optional,
      code_commune_action: {type: "code_commune", required: false},
      code_arrondissement_action: {type: "code_commune", required: false},
      lieu_action_cite: optional,
      type_structure: optional,
      date_creation_structure: optional,
      source_complement: "text"
    }
  },
  {
    source: "postes_politique_ville",
    table: "raw_postes_politique_ville",
    format: "csv",
    columns: {dispositif: "code", annee: "integer", id_poste: "code", raison_sociale: "text", montant_eur: "decimal", code_cv: optional, insee_dep: "code"}
  },
  // The supply directories (issue 10): sites of France services, SIAE, Pôle emploi / France Travail.
  {
    source: "france_services_2024",
    table: "raw_france_services_2024",
    format: "csv",
    columns: {
      id_fs: "code",
      insee_dep: "code",
      lib_fs: "text",
      adresse: optional,
      insee_com: "code_commune",
      code_postal: "code",
      lib_com: "text",
      latitude: "decimal",
      longitude: "decimal",
      type_fs: optional,
      format_fs: optional,
      labellisation_fs: optional
    }
  },
  {
    source: "siae_2019",
    table: "raw_siae_2019",
    format: "csv",
    columns: {MESURE: "code", CODE_DEPARTEMENT: "code", CODE_POSTAL: "code", COMMUNE: "text", SIRET: "code", DENOMINATION_SOCIALE: "text", NATURE_JURIDIQUE: optional, CODE_NAF2: optional}
  },
  {
    source: "france_travail_2019",
    table: "raw_france_travail_2019",
    format: "csv",
    columns: {REFERENCE_PE: "code", NOM: "text", TYPE_SITE: "code", REGION: "code", CODE_POSTAL: "code", COMMUNE: "text", DN_LATITUDE: "decimal", DN_LONGITUDE: "decimal"}
  },
  {
    source: "communes_anciens_noms",
    table: "raw_communes_anciens_noms",
    format: "csv",
    columns: {ancien_nom: "text", code_ancien: "code_commune", code_commune: "code_commune", evenement: "text", date_effet: optional, source: "text"}
  }
];
