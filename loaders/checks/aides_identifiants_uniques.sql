-- Aides : l'identifiant id_aide est unique dans la table harmonisée, et chaque aide rejetée a au moins une raison dans les rejets.
select id_aide, 'identifiant en double' as probleme from mart_aides_harmonisees group by id_aide having count(*) > 1
union all
select a.id_aide, 'aide rejetée sans raison' from stg_aides a where a.rejete and a.id_aide not in (select id_aide from stg_aides_problemes)
union all
select p.id_aide, 'raison sans aide rejetée' from stg_aides_problemes p where p.id_aide not in (select id_aide from stg_aides where rejete)
