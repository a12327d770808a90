-- Published: the consolidated aid table (SCDL columns where known + companion columns), one row
-- per aid or group of aids as the source gives it. Funded by the Region only: State posts are in
-- mart_postes_etat and never added here.
select
  a.cle,
  a.nom_attribuant,
  a.id_attribuant,
  'Région Île-de-France' as financeur,
  cast(left(a.periode_debut, 4) as integer) as annee,
  a.mois_decision,
  a.nom_beneficiaire,
  a.objet,
  a.montant,
  a.nombre_aides,
  c.champ_action,
  c.dispositif,
  c.type_structure,
  c.date_creation_structure,
  -- under two years at the decision (proposition 5): unknown when either date is unknown
  case when c.date_creation_structure is null or a.mois_decision is null then null
       else date_diff('month', c.date_creation_structure, cast(a.mois_decision || '-01' as date)) < 24 end as structure_moins_2_ans,
  c.code_commune_action,
  m.nom_commune as nom_commune_action,
  c.code_arrondissement_action,
  c.lieu_action_cite,
  m.code_departement, m.code_couronne, m.code_bassin, m.code_ept,
  'aides_region_2019_rapport' as source,
  a.source_passage,
  c.source_complement
from stg_aides_region_2019_rapport a
left join stg_aides_complements c using (cle)
left join int_communes m on m.code_commune = c.code_commune_action
order by a.cle
