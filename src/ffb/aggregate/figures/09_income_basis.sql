-- title_da: Forsørgelsesgrundlag ved første registrering
-- title_en: Income basis at the first registration
-- kind: share
-- counted: case
-- dims: income_basis=IncomeBasisEnum
-- share_of: income_basis
-- reads: assessments.income_basis, assessments.assessment_date, cases.municipality_code
-- formula_da: sager med forsørgelsesgrundlaget ved første registrering / alle sager med en første registrering × 100
-- formula_en: cases with the income basis at the first registration / all cases with a first registration × 100
SELECT municipality_code, citizen, income_basis FROM first_registration
