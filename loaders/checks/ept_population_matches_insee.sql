-- La population de chaque EPT, sommée depuis ses communes, égale celle publiée pour l'EPT dans la table d'appartenance.
select t.code, t.population, m.population_groupement
from mart_territoires t
join (select distinct code_groupement, population_groupement from stg_epci_ept_membership where type_groupement = 'EPT') m
  on m.code_groupement = t.code
where t.niveau = 'ept' and t.population <> m.population_groupement
