-- SIAE conventionnées, July 2019 (DGEFP/ASP): rename only. One row per structure, measure and
-- département of the agreement (CODE_DEPARTEMENT), which is not always the département of the
-- seat: the seat is CODE_POSTAL + COMMUNE (no INSEE code, no coordinates in the source).
select _line, MESURE as mesure, CODE_DEPARTEMENT as departement_conventionnement, CODE_POSTAL as code_postal,
  COMMUNE as nom_commune_source, SIRET as siret, DENOMINATION_SOCIALE as nom, NATURE_JURIDIQUE as nature_juridique, CODE_NAF2 as code_naf
from raw_siae_2019
