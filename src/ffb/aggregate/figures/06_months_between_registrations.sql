-- title_da: Måneder mellem to registreringer
-- title_en: Months between consecutive registrations
-- kind: mean
-- counted: registration_pair
-- unit: months
-- partition: step=registration_step
-- dims:
-- reads: assessments.assessment_date, assessments.case_id, cases.municipality_code
-- formula_da: gennemsnit over par af på hinanden følgende registreringer (k, k+1) af samme sag af (dato k+1 − dato k) i dage / 30,4375
-- formula_en: mean over pairs of consecutive registrations (k, k+1) of one case of (date k+1 − date k) in days / 30.4375
SELECT municipality_code, citizen,
       from_number::VARCHAR || '-' || (from_number + 1)::VARCHAR AS step,
       date_diff('day', from_date, to_date) / 30.4375 AS measure
FROM registration_pair
