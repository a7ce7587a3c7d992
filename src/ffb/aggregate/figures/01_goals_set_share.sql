-- title_da: Andel sager med mål ved første registrering
-- title_en: Share of cases with goals at the first registration
-- kind: share
-- counted: case
-- dims: goals_set=yes_no
-- share_of: goals_set
-- reads: assessments.goals_set, assessments.assessment_date, goals.assessment_id, cases.municipality_code
-- formula_da: sager hvis første registrering har mål (goals_set sand, eller mindst én række i goals når goals_set mangler) / alle sager med en første registrering × 100
-- formula_en: cases whose first registration has goals (goals_set true, or at least one goals row when goals_set is empty) / all cases with a first registration × 100
SELECT r.municipality_code, r.citizen,
       CASE coalesce(r.goals_set, CASE WHEN g.assessment_id IS NOT NULL THEN true END)
            WHEN true THEN 'ja' WHEN false THEN 'nej' END AS goals_set
FROM first_registration r
LEFT JOIN (SELECT DISTINCT package, assessment_id FROM goals) g
  ON g.package = r.package AND g.assessment_id = r.id
