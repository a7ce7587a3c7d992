-- title_da: Gns. dagspris, § 107, efter funktionsevneniveau
-- title_en: Average daily price, § 107, by function level
-- kind: mean
-- counted: intervention
-- unit: dkk_per_day
-- dims: function_level=FunctionLevelEnum
-- reads: interventions.legal_basis, interventions.daily_price_dkk, interventions.price_year, interventions.start_date, assessments.function_level, assessments.assessment_date, cases.municipality_code
-- formula_da: gennemsnit over ydelser efter serviceloven § 107 af dagsprisen omregnet til prisåret (dagspris × indeks(prisår for rapporten) / indeks(ydelsens prisår)); funktionsevneniveau ved ydelsens start
-- formula_en: mean over services under serviceloven § 107 of the daily price converted to the price year (daily price × index(report price year) / index(the service's price year)); function level at the service's start
SELECT municipality_code, citizen, function_level, daily_price_fixed AS measure
FROM intervention_fact WHERE legal_basis = 'SEL_107'
