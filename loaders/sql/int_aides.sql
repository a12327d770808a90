-- The loaded aid records of every funder, with the companion table's dispositif where the source
-- has none (the Region's transcription, keyed by its cle) and the name of the seat's arrondissement.
-- Funders stay apart: nothing here adds one funder's amounts to another's.
select a.* exclude (rejete) replace (coalesce(a.dispositif_aide, c.dispositif) as dispositif_aide),
  p.nom_arrondissement as nom_arrondissement_siege
from stg_aides a
left join stg_aides_complements c on c.cle = a.id_source -- keys are transcription ids or SCDL keys: never a Paris or State id
left join stg_paris_arrondissements_population p on p.code_arrondissement = a.code_arrondissement_siege
where not a.rejete
