-- Pôle emploi (France Travail) sites of region 11, November 2019: rename only (decimal commas already read).
select _line, REFERENCE_PE as id_site, NOM as nom, TYPE_SITE as type_site, REGION as code_region, CODE_POSTAL as code_postal,
  COMMUNE as nom_commune_source, DN_LATITUDE as latitude, DN_LONGITUDE as longitude
from raw_france_travail_2019
