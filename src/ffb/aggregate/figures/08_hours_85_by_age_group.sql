-- title_da: Gns. timer pr. måned, § 85, efter aldersgruppe
-- title_en: Average hours per month, § 85, by age group
-- kind: mean
-- counted: intervention
-- unit: hours_per_month
-- dims: age_group=age_group
-- reads: interventions.legal_basis, interventions.hours_per_month_individual, interventions.hours_per_month_group, interventions.start_date, citizens.birth_year, cases.municipality_code
-- formula_da: gennemsnit over ydelser efter serviceloven § 85 af timer pr. måned (individuelle + i gruppe); aldersgruppe ved ydelsens start
-- formula_en: mean over services under serviceloven § 85 of hours per month (individual + in a group); age group at the service's start
SELECT municipality_code, citizen, age_group, hours_per_month AS measure
FROM intervention_fact WHERE legal_basis = 'SEL_85'
