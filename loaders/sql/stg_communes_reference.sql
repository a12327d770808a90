-- One row per commune of the COG 2025/2026 reference table: rename only.
select
  codgeo as code_commune,
  nom as nom_commune,
  dep as code_departement,
  nom_dep as nom_departement,
  population_municipale_2023 as population,
  epci_siren_2026 as code_epci,
  epci_nom_2026 as nom_epci,
  ept_numero as code_ept,
  ept_siren as siren_ept,
  ept_nom as nom_ept,
  ze2020 as code_zone_emploi,
  lib_ze2020 as nom_zone_emploi,
  bassin_bmo2024 as code_bassin,
  lib_bassin_bmo2024 as nom_bassin,
  _line
from raw_communes_reference
