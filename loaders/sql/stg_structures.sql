-- Recorded support structures of the pack's two supply files, as the structures model mapped them
-- (loaders/structures.ts); rejected lines are in raw_parse_rejects, hence in the rejets table.
select source_id as source, source as fichier, line as _line, id, nom, type, code_commune, latitude, longitude,
  echelle, date_information, source_url, remarque, localisable, type_origine, date_information_origine
from raw_structures
