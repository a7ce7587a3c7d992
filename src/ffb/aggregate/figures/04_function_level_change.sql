-- title_da: Udvikling i funktionsevneniveau mellem to registreringer
-- title_en: Change in function level between consecutive registrations
-- kind: share
-- counted: registration_pair
-- partition: step=registration_step
-- dims: from_level=FunctionLevelEnum, change=change
-- share_of: change
-- reads: assessments.function_level, assessments.assessment_date, assessments.case_id, cases.municipality_code
-- formula_da: for par af på hinanden følgende registreringer (k, k+1) af samme sag med vurderet niveau begge gange: bedre = lavere niveau ved k+1, samme, dårligere = højere; andel af par med samme udgangsniveau × 100
-- formula_en: for pairs of consecutive registrations (k, k+1) of one case with an assessed level both times: better = a lower level at k+1, same, worse = a higher level; share of pairs with the same starting level × 100
SELECT municipality_code, citizen,
       from_number::VARCHAR || '-' || (from_number + 1)::VARCHAR AS step,
       CASE WHEN from_ordinal IS NOT NULL AND to_ordinal IS NOT NULL THEN from_level END AS from_level,
       CASE WHEN to_ordinal < from_ordinal THEN 'better'
            WHEN to_ordinal = from_ordinal THEN 'same'
            WHEN to_ordinal > from_ordinal THEN 'worse' END AS change
FROM registration_pair
