-- title_da: Gns. timer pr. måned, § 85, efter funktionsevneniveau
-- title_en: Average hours per month, § 85, by function level
-- kind: mean
-- counted: intervention
-- unit: hours_per_month
-- dims: function_level=FunctionLevelEnum
-- reads: interventions.legal_basis, interventions.hours_per_month_individual, interventions.hours_per_month_group, interventions.start_date, assessments.function_level, assessments.assessment_date, cases.municipality_code
-- formula_da: gennemsnit over ydelser efter serviceloven § 85 af timer pr. måned (individuelle + i gruppe); funktionsevneniveau ved ydelsens start
-- formula_en: mean over services under serviceloven § 85 of hours per month (individual + in a group); function level at the service's start
SELECT municipality_code, citizen, function_level, hours_per_month AS measure
FROM intervention_fact WHERE legal_basis = 'SEL_85'
