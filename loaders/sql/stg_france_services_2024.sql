-- France services sites (ANCT, 1 August 2024): rename only. insee_com is the published code (Paris
-- sites carry their arrondissement, two sites a pre-merger code): int_sites maps it to COG 2026.
select _line, id_fs as id_site, insee_dep as code_departement, lib_fs as nom, adresse, insee_com as code_commune_source,
  code_postal, lib_com as nom_commune_source, latitude, longitude, type_fs, format_fs, labellisation_fs
from raw_france_services_2024
