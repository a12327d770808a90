-- Indicator values on the COG 2026 communes. A commune merged since the source's vintage gets a
-- value only when counts allow recombining its parts (ratios); otherwise statut 'fusion' — the old
-- commune's value is never attached to the new one; counts (aggregation 'somme') add up. Arrondissements
-- (751xx) are kept apart.
with parts as (
  select m.code_commune, m.indicateur, count(*) as n_parts, count(m.valeur) as n_valeurs,
    any_value(m.valeur) as valeur_seule, any_value(m.statut) as statut_seul,
    sum(m.numerateur) as numerateur, sum(m.denominateur) as denominateur, count(m.denominateur) as n_denominateurs
  from int_indicateurs_parts m
  group by m.code_commune, m.indicateur
)
select p.code_commune, p.indicateur, r.aggregation,
  case
    when p.n_parts = 1 then p.valeur_seule
    when r.recombinable and p.n_valeurs = p.n_parts and p.n_denominateurs = p.n_parts then
      case when r.aggregation = 'somme' then p.numerateur else 100 * p.numerateur / p.denominateur end -- counts add up
  end as valeur,
  case
    when p.n_parts = 1 then p.statut_seul
    when r.recombinable and p.n_valeurs = p.n_parts and p.n_denominateurs = p.n_parts then null
    else 'fusion'
  end as statut,
  case when p.n_parts > 1 and r.recombinable and p.n_valeurs = p.n_parts then 'recombinee' when p.n_parts = 1 then 'publiee' end as methode,
  p.numerateur, p.denominateur
from parts p
join ref_indicateurs r on r.id = p.indicateur
