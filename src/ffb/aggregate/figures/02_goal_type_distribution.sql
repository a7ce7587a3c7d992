-- title_da: Måltyper ved første registrering
-- title_en: Goal types at the first registration
-- kind: share
-- counted: goal
-- dims: goal_type=GoalTypeEnum
-- share_of: goal_type
-- reads: goals.goal_type, goals.assessment_id, assessments.assessment_date, cases.municipality_code
-- formula_da: mål af måltypen sat ved sagens første registrering / alle mål sat ved første registrering × 100
-- formula_en: goals of the goal type set at the case's first registration / all goals set at the first registration × 100
SELECT r.municipality_code, r.citizen, g.goal_type
FROM goals g
JOIN first_registration r ON r.package = g.package AND r.id = g.assessment_id
