select cle, champ_action, dispositif, code_commune_action, code_arrondissement_action, lieu_action_cite,
  type_structure, try_cast(date_creation_structure as date) as date_creation_structure, source_complement, _line
from raw_aides_complements
