-- The Region's 2019 aid as the report states it (a transcription, not an SCDL file): rename only.
select cle, nomAttribuant as nom_attribuant, idAttribuant as id_attribuant, nomBeneficiaire as nom_beneficiaire,
  objet, montant, nombre_aides, mois_decision, periode_debut, periode_fin, source_passage, _line
from raw_aides_region_2019_rapport
