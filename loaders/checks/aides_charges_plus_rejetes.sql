-- Aides : par source et par année, enregistrements lus = aides publiées + aides rejetées, en nombre et en montant (aucune perte ni double compte entre les couches).
with lus as (select source, annee, count(*) as n, coalesce(sum(montant), 0) as m from stg_aides group by all),
publiees as (select source, annee, count(*) as n, coalesce(sum(montant), 0) as m from mart_aides_harmonisees group by all),
rejetees as (select source, annee, count(*) as n, coalesce(sum(montant), 0) as m from mart_aides_rejetees group by all)
select l.source, l.annee, l.n as lus, coalesce(p.n, 0) as publiees, coalesce(r.n, 0) as rejetees
from lus l
left join publiees p on p.source = l.source and p.annee is not distinct from l.annee
left join rejetees r on r.source = l.source and r.annee is not distinct from l.annee
where l.n <> coalesce(p.n, 0) + coalesce(r.n, 0) or abs(l.m - coalesce(p.m, 0) - coalesce(r.m, 0)) > 0.005
