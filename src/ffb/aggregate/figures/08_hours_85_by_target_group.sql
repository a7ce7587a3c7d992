-- title_da: Gns. timer pr. måned, § 85, efter målgruppe
-- title_en: Average hours per month, § 85, by target group
-- kind: mean
-- counted: intervention
-- unit: hours_per_month
-- dims: target_group=target_group
-- reads: interventions.legal_basis, interventions.hours_per_month_individual, interventions.hours_per_month_group, interventions.start_date, case_target_groups.target_group, case_target_groups.rank, cases.municipality_code
-- formula_da: gennemsnit over ydelser efter serviceloven § 85 af timer pr. måned (individuelle + i gruppe); målgruppe ved ydelsens start
-- formula_en: mean over services under serviceloven § 85 of hours per month (individual + in a group); target group at the service's start
SELECT municipality_code, citizen, target_group, hours_per_month AS measure
FROM intervention_fact WHERE legal_basis = 'SEL_85'
