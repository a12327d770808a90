-- Every (commune, level, territory) membership, one row each: the single place levels are defined.
select code_commune, 'region' as niveau, '11' as code, 'Île-de-France' as libelle from int_communes
union all select code_commune, 'couronne', code_couronne, case code_couronne when 'paris' then 'Paris' when 'petite_couronne' then 'Petite couronne' else 'Grande couronne' end from int_communes
union all select code_commune, 'departement', code_departement, nom_departement from int_communes
union all select code_commune, 'epci', code_epci, nom_epci from int_communes
union all select code_commune, 'ept', code_ept, nom_ept from int_communes
where code_ept is not null -- EPT exist only in the Métropole du Grand Paris
union all select code_commune, 'zone_emploi', code_zone_emploi, nom_zone_emploi from int_communes
union all select code_commune, 'bassin', code_bassin, nom_bassin from int_communes
