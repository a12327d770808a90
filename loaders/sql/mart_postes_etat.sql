-- Published: State-funded politique-de-la-ville posts (FONJEP, adultes-relais), by year, dispositif,
-- département and contrat de ville — the State's money, labelled as such, never the Region's.
select annee, dispositif, 'État (politique de la ville, programme 147)' as financeur, code_departement, code_contrat,
  count(*) as postes, round(sum(montant), 2) as montant
from stg_postes_politique_ville
group by all
order by annee, dispositif, code_departement, code_contrat
