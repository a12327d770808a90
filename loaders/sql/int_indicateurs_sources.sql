-- Indicator values in long form, at the codes of their source vintage (communes and arrondissements),
-- with what aggregation needs: numerateur/denominateur for ratios, the weight (persons) otherwise.
with filosofi(indicateur, valeur, statut, code_geo, personnes) as (
  select 'niveau_vie_median', niveau_vie_median, niveau_vie_median_statut, code_geo, personnes from stg_filosofi_2021_communes
  union all select 'taux_pauvrete', taux_pauvrete, taux_pauvrete_statut, code_geo, personnes from stg_filosofi_2021_communes
  union all select 'taux_pauvrete_moins_30', taux_pauvrete_moins_30, taux_pauvrete_moins_30_statut, code_geo, personnes from stg_filosofi_2021_communes
  union all select 'taux_pauvrete_locataires', taux_pauvrete_locataires, taux_pauvrete_locataires_statut, code_geo, personnes from stg_filosofi_2021_communes
  union all select 'part_minima_sociaux', part_minima_sociaux, part_minima_sociaux_statut, code_geo, personnes from stg_filosofi_2021_communes
  union all select 'part_prestations_logement', part_prestations_logement, part_prestations_logement_statut, code_geo, personnes from stg_filosofi_2021_communes
  union all select 'rapport_interdecile', rapport_interdecile, rapport_interdecile_statut, code_geo, personnes from stg_filosofi_2021_communes
)
select code_geo, indicateur, valeur, statut,
  -- persons below the poverty line = persons × rate: the count that lets rates be recombined
  case when indicateur = 'taux_pauvrete' then personnes * valeur / 100 else valeur * personnes end as numerateur,
  personnes as denominateur
from filosofi
union all
select code_geo, 'taux_chomage_rp', 100 * chomeurs_15_64 / actifs_15_64, statut, chomeurs_15_64, actifs_15_64 -- rounded once, when published (mart_indicateurs)
from stg_comparateur_2022
