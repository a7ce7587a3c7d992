-- title_da: Gns. dagspris, § 107, efter målgruppe
-- title_en: Average daily price, § 107, by target group
-- kind: mean
-- counted: intervention
-- unit: dkk_per_day
-- dims: target_group=target_group
-- reads: interventions.legal_basis, interventions.daily_price_dkk, interventions.price_year, interventions.start_date, case_target_groups.target_group, case_target_groups.rank, cases.municipality_code
-- formula_da: gennemsnit over ydelser efter serviceloven § 107 af dagsprisen omregnet til prisåret (dagspris × indeks(prisår for rapporten) / indeks(ydelsens prisår)); målgruppe ved ydelsens start
-- formula_en: mean over services under serviceloven § 107 of the daily price converted to the price year (daily price × index(report price year) / index(the service's price year)); target group at the service's start
SELECT municipality_code, citizen, target_group, daily_price_fixed AS measure
FROM intervention_fact WHERE legal_basis = 'SEL_107'
