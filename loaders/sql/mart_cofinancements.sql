-- Published: beneficiaries funded by more than one funder, joined on the SIREN (the first 9 digits
-- of the SIRET). A row is one beneficiary establishment, funder and year; niveau_jointure says
-- whether that exact SIRET is also in another funder's data ('SIRET') or only the same legal unit
-- with another establishment ('SIREN'). Amounts stay per funder: they are never added across funders.
with identifies as (
  select financeur, libelle_financeur, annee, id_beneficiaire as siret, left(id_beneficiaire, 9) as siren, nom_beneficiaire, montant, nombre_aides, licence
  from int_aides
  where id_beneficiaire is not null -- only records with a checked SIRET can be joined
),
sirens as (select siren from identifies group by siren having count(distinct financeur) > 1),
sirets as (select siret from identifies group by siret having count(distinct financeur) > 1)
select i.siren, i.siret,
  case when i.siret in (select siret from sirets) then 'SIRET' else 'SIREN' end as niveau_jointure,
  i.financeur, i.libelle_financeur, i.annee,
  min(i.nom_beneficiaire) as nom_beneficiaire, -- names are written differently by each funder: the first in alphabetical order
  sum(i.montant) as montant, sum(i.nombre_aides)::integer as nombre_aides, min(i.licence) as licence
from identifies i
where i.siren in (select siren from sirens)
group by i.siren, i.siret, i.financeur, i.libelle_financeur, i.annee
order by i.siren, i.siret, i.financeur, i.annee
