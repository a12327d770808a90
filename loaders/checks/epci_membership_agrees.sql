-- L'EPCI de chaque commune est le même dans la table de référence et dans la table d'appartenance DGCL, qui ne la place que dans un seul EPCI.
select c.code_commune, c.code_epci, list(m.code_groupement) as epci_dgcl
from mart_communes c
left join stg_epci_ept_membership m on m.code_commune = c.code_commune and m.type_groupement = 'EPCI'
group by c.code_commune, c.code_epci
having count(m.code_groupement) <> 1 or any_value(m.code_groupement) <> c.code_epci
