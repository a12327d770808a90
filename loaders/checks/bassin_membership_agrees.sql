-- Le bassin BMO 2024 de chaque commune est le même dans la table de référence et dans la table brute de France Travail, qui ne la place que dans un seul bassin.
select c.code_commune, c.code_bassin, list(b.code_bassin) as bassins_bmo
from mart_communes c
left join stg_bassins_bmo_2024 b using (code_commune)
group by c.code_commune, c.code_bassin
having count(b.code_bassin) <> 1 or any_value(b.code_bassin) <> c.code_bassin
