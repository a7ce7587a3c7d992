-- title_da: Gns. dagspris efter leverandør
-- title_en: Average daily price by provider
-- kind: mean
-- counted: intervention
-- unit: dkk_per_day
-- by_municipality: no
-- dims: ownership=OwnershipEnum, provider=provider
-- reads: interventions.daily_price_dkk, interventions.price_year, interventions.provider_id, providers.operator_kind, providers.operator_municipality_code, interventions.paying_municipality_code, providers.name
-- formula_da: gennemsnit over ydelser med dagspris af dagsprisen omregnet til prisåret, efter leverandør (alle kommuner samlet)
-- formula_en: mean over services with a daily price of the daily price converted to the price year, by provider (all municipalities together)
SELECT municipality_code, citizen, ownership, provider_id AS provider, daily_price_fixed AS measure
FROM intervention_fact WHERE daily_price_fixed IS NOT NULL OR legal_basis IN ('SEL_107', 'SEL_108')
