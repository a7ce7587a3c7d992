-- title_da: Støttebehov efter funktionsevneniveau ved første registrering
-- title_en: Support need by function level at the first registration
-- kind: share
-- counted: case
-- dims: function_level=FunctionLevelEnum, support_need=SupportNeedLevelEnum
-- share_of: support_need
-- reads: assessments.function_level, assessments.support_need_level, assessments.assessment_date, cases.municipality_code
-- formula_da: sager med støttebehovet blandt sager med funktionsevneniveauet, begge ved første registrering × 100
-- formula_en: cases with the support need among cases with the function level, both at the first registration × 100
SELECT municipality_code, citizen, function_level, support_need_level AS support_need FROM first_registration
