-- Les actifs du recensement comptés pour la région égalent la somme des communes sources sans les arrondissements : Paris n'est compté qu'une fois.
select sum(denominateur) as actifs_region, (select sum(actifs_15_64) from stg_comparateur_2022 where code_geo not between '75101' and '75120') as actifs_sources
from int_indicateurs_parts where indicateur = 'taux_chomage_rp'
having abs(sum(denominateur) - (select sum(actifs_15_64) from stg_comparateur_2022 where code_geo not between '75101' and '75120')) > 1e-6
