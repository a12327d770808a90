-- Published: State-funded politique-de-la-ville posts (FONJEP, adultes-relais), by year, dispositif,
-- département and contrat de ville — the State's money, labelled as such, never the Region's. Read
-- from the harmonised aid records, so a post repeated in the source is counted once (the repeats are in rejets).
select annee, dispositif_aide as dispositif, libelle_financeur as financeur, code_departement, code_contrat,
  count(*) as postes, round(sum(montant), 2) as montant
from int_aides
where financeur = 'etat_politique_ville'
group by all
order by annee, dispositif, code_departement, code_contrat
