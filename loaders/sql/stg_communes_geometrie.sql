-- Attributes carried by the commune polygons, kept to cross-check the reference table.
select codgeo as code_commune, nom as nom_commune, dep as code_departement, epci_siren as code_epci,
  ept as code_ept, ze2020 as code_zone_emploi, bassin_bmo as code_bassin, codes_2018_fusionnes, _line
from raw_communes_geometrie
