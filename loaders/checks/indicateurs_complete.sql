-- Chaque commune a, pour chaque indicateur communal, exactement une ligne : une valeur ou un statut (secret s/ns/nd/so, vide, fusion), jamais les deux ni aucun.
with expected as (
  select c.code_commune, r.id as indicateur from mart_communes c cross join ref_indicateurs r
  where r.aggregation <> 'published' -- published-only indicators exist at their own level
)
select e.code_commune, e.indicateur, count(i.indicateur) as n_lignes
from expected e
left join mart_indicateurs i on i.niveau = 'commune' and i.code = e.code_commune and i.indicateur = e.indicateur
  and ((i.valeur is null) <> (i.statut is null))
group by e.code_commune, e.indicateur
having count(i.indicateur) <> 1
