-- title_da: Gns. dagspris efter leverandørens ejerform
-- title_en: Average daily price by the provider's ownership
-- kind: mean
-- counted: intervention
-- unit: dkk_per_day
-- dims: ownership=OwnershipEnum
-- reads: interventions.daily_price_dkk, interventions.price_year, interventions.provider_id, providers.operator_kind, providers.operator_municipality_code, interventions.paying_municipality_code, cases.municipality_code
-- formula_da: gennemsnit over ydelser med dagspris af dagsprisen omregnet til prisåret, efter ejerformen hos ydelsens leverandør
-- formula_en: mean over services with a daily price of the daily price converted to the price year, by the ownership of the service's provider
SELECT municipality_code, citizen, ownership, daily_price_fixed AS measure
FROM intervention_fact WHERE daily_price_fixed IS NOT NULL OR legal_basis IN ('SEL_107', 'SEL_108')
