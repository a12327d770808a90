-- titre: Taux de pauvreté et de chômage par département
-- question: Quels départements concentrent la pauvreté et le chômage ? (rapport, état des lieux des inégalités territoriales)
select code, libelle, population, taux_pauvrete, taux_pauvrete_statut, taux_chomage_rp, part_minima_sociaux
from niveau_departement
order by taux_pauvrete desc nulls last
