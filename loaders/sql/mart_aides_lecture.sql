-- What each aid source gave, per funder and year: records read, loaded and set aside, with their
-- amounts (the pages print the set-aside part next to each total; nothing is dropped in silence).
select source, financeur, annee,
  count(*)::integer as lus,
  (count(*) filter (where not rejete))::integer as charges,
  (count(*) filter (where rejete))::integer as rejetes,
  sum(montant) as montant_lu,
  coalesce(sum(montant) filter (where not rejete), 0) as montant_charge,
  coalesce(sum(montant) filter (where rejete), 0) as montant_rejete
from stg_aides
group by all
order by source, financeur, annee
