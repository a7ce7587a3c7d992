-- title_da: Målopfyldelse efter måltype
-- title_en: Goal attainment by goal type
-- kind: share
-- counted: goal
-- dims: goal_type=GoalTypeEnum, attainment=GoalAttainmentEnum
-- share_of: attainment
-- reads: follow_ups.goal_id, follow_ups.goal_attainment, follow_ups.follow_up_date, goals.goal_type, goals.assessment_id, cases.municipality_code
-- formula_da: mål med målopfyldelsen ved den seneste opfølgning på målet / alle opfulgte mål af samme måltype × 100
-- formula_en: goals with the attainment at the latest follow-up of the goal / all followed-up goals of the same goal type × 100
WITH latest AS (
    SELECT package, goal_id, arg_max(goal_attainment, follow_up_date) AS attainment
    FROM follow_ups WHERE goal_id IS NOT NULL
    GROUP BY package, goal_id
)
SELECT r.municipality_code, r.citizen, g.goal_type, l.attainment
FROM latest l
JOIN goals g ON g.package = l.package AND g.id = l.goal_id
JOIN registration r ON r.package = g.package AND r.id = g.assessment_id
