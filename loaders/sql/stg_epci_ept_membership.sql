select
  groupement_type as type_groupement,
  groupement_code as code_groupement,
  groupement_nom as nom_groupement,
  groupement_pop_municipale as population_groupement,
  codgeo as code_commune,
  pop_municipale as population,
  in_idf = 1 as en_idf,
  _line
from raw_epci_ept_membership
