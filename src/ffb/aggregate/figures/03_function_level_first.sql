-- title_da: Funktionsevneniveau ved første registrering
-- title_en: Function level at the first registration
-- kind: share
-- counted: case
-- dims: function_level=FunctionLevelEnum
-- share_of: function_level
-- reads: assessments.function_level, assessments.assessment_date, cases.municipality_code
-- formula_da: sager med funktionsevneniveauet ved første registrering / alle sager med en første registrering × 100
-- formula_en: cases with the function level at the first registration / all cases with a first registration × 100
SELECT municipality_code, citizen, function_level FROM first_registration
