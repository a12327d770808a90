-- Read by the territory sheet (/fiche): the aid recorded in each territory, per funder and year, as each source places it; funders are never summed (one row per funder). Ville de Paris grants (≥ 40,000 € only) by the arrondissement of the beneficiary's registered seat, and for Paris (commune 75056, département 75) every grant with a seat in Paris; State posts (politique de la ville) by the employer's département; the Region's 2019 aids by the commune where its report cites the action, and that commune's EPT, bassin and département.
with paris as (
  select financeur, annee, code_arrondissement_siege as arrondissement, montant, source
  from int_aides
  where financeur = 'ville_paris' and code_arrondissement_siege is not null -- a seat outside Paris, or not located, lies in no territory of the atlas
),
lignes as (
  select 'arrondissement' as niveau, arrondissement as code, financeur, annee, 1 as nombre, montant, 'siege' as lieu, source from paris
  union all select 'commune', code_paris(), financeur, annee, 1, montant, 'siege', source from paris
  union all select 'departement', '75', financeur, annee, 1, montant, 'siege', source from paris
  union all
  select 'departement', code_departement, financeur, annee, 1, montant, 'departement_employeur', source
  from int_aides
  where financeur = 'etat_politique_ville' and code_departement is not null -- every State post has its département (checked by the aid invariants)
  union all
  select unnest(['commune', 'departement', 'ept', 'bassin']) as niveau, unnest([code_commune_action, code_departement, code_ept, code_bassin]) as code,
    'region_idf', annee, nombre_aides, montant, 'lieu_action', source
  from mart_aides
  where code_commune_action is not null -- the report cites no place, or a place that is no commune, for the others
)
select niveau, code, financeur, annee, sum(nombre)::integer as nombre, sum(montant) as montant, any_value(lieu) as lieu, any_value(source) as source -- one source file per funder and year
from lignes
where code is not null -- a Region commune outside any EPT has no EPT row
group by niveau, code, financeur, annee
order by niveau, code, financeur, annee
