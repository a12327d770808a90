-- Published: population living in QPV (2015 perimeters, census 2018) per contrat de ville, at the
-- level where it is published (the signing EPCI of 2015, or the commune).
select q.code_contrat, q.nom_contrat, q.type_signataire, q.code_signataire,
  c.nom_commune as nom_commune_signataire, q.code_departement, q.population_qpv
from stg_qpv_contrats_de_ville q
left join int_communes c on q.type_signataire = 'COMMUNE_INSEE' and c.code_commune = q.code_signataire
order by q.code_contrat
