-- Published: the aid records set aside, with every field read and all their reasons (one row per
-- record; the rejets table has one row per problem). Loaded + rejected = records of each source.
select a.financeur, a.libelle_financeur, a.annee, a.nom_beneficiaire, a.id_beneficiaire, a.objet, a.montant, a.nombre_aides,
  a.id_source, a.source, a.fichier, a.ligne, a.licence,
  string_agg(p.colonne || ' = « ' || p.valeur || ' » : ' || p.raison, ' ; ' order by p.colonne) as raisons
from stg_aides a
join stg_aides_problemes p using (id_aide)
where a.rejete
group by all
order by a.source, a.ligne
