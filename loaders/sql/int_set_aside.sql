-- Source rows deliberately not used, with the reason: they go to the rejects file, never silently away.
select 'bassins_bmo_2024' as source, b._line as ligne, 'code_commune_insee' as colonne, b.code_commune as valeur,
  case
    when est_arrondissement_paris(b.code_commune) then 'arrondissement de Paris : le bassin est porté par la commune ' || code_paris()
    when b.code_commune = '75999' then 'code technique hors COG'
    else 'code communal antérieur à une fusion : la commune nouvelle porte le bassin'
  end as raison
from stg_bassins_bmo_2024 b
where b.code_commune not in (select code_commune from stg_communes_reference) -- only current COG communes are mapped
union all
select 'epci_ept_membership', m._line, 'in_idf', m.code_commune, 'commune hors Île-de-France d''un EPCI interrégional (CC du Pays Houdanais)'
from stg_epci_ept_membership m
where not m.en_idf -- the IDF part of the EPCI is what this atlas maps
union all
select 'communes_population_2026', p._line, 'type', p.code, 'commune déléguée ou associée : sans population légale propre, comptée dans sa commune'
from stg_communes_population_2026 p
where p.type in ('commune-deleguee', 'commune-associee') -- counted in their commune nouvelle
union all
select source, ligne, colonne_rejet, valeur_rejet, raison_rejet
from int_sites
where raison_rejet is not null -- supply rows placed in no commune of the region (int_sites says why)
