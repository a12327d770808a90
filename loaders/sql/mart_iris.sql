-- Published: declared-income low-income rate by IRIS inside the communes split into IRIS (table
-- only: the pack has no IRIS contours). Paris IRIS belong to an arrondissement, hence to 75056.
select i.code_iris,
  case when est_arrondissement_paris(left(i.code_iris, 5)) then code_paris() else coalesce(f.code_nouveau, left(i.code_iris, 5)) end as code_commune,
  left(i.code_iris, 5) as code_geo_source,
  i.taux_bas_revenus_declares, i.taux_bas_revenus_declares_statut,
  i.revenu_declare_median, i.revenu_declare_median_statut, i.note_qualite
from stg_filosofi_2021_iris i
left join int_fusions f on f.code_ancien = left(i.code_iris, 5)
order by i.code_iris
