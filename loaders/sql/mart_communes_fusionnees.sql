-- Communes merged since 2018, named: what the commune search offers ("Pierrefitte-sur-Seine, fusionnée dans Saint-Denis en 2025").
select f.code_ancien, a.nom as nom_ancien, left(f.code_ancien, 2) as code_departement,
  f.code_nouveau, c.nom_commune as nom_nouveau, f.annee_fusion
from int_fusions f
-- the COG 2026 still lists most old communes as communes déléguées or associées: their names; null otherwise
left join stg_communes_population_2026 a on a.code = f.code_ancien and a.type in ('commune-deleguee', 'commune-associee')
join mart_communes c on c.code_commune = f.code_nouveau
order by f.code_ancien
