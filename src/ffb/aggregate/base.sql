-- Shared tables every figure reads (made once, so no figure recomputes a join or window). The canonical tables arrive with a `package` column
-- (which input a row came from): ids are unique within one package, so every join is on
-- (package, id). Municipality is the case's municipality (handlekommune), the citizen's when
-- the case has none.

CREATE OR REPLACE TEMP TABLE case_base AS
SELECT c.package,
       c.id AS case_id,
       coalesce(c.municipality_code, p.municipality_code) AS municipality_code,
       hash(c.package, c.citizen_id) AS citizen,  -- a number: counting distinct citizens is faster
       p.birth_year
FROM cases c
LEFT JOIN citizens p ON p.package = c.package AND p.id = c.citizen_id;

-- Every registration (assessment) with its place in the case: 1 = first.
CREATE OR REPLACE TEMP TABLE registration AS
SELECT a.*,
       b.municipality_code,
       b.citizen,
       b.birth_year,
       row_number() OVER (PARTITION BY a.package, a.case_id ORDER BY a.assessment_date, a.id) AS registration_number
FROM assessments a
JOIN case_base b ON b.package = a.package AND b.case_id = a.case_id
WHERE a.assessment_date IS NOT NULL;

CREATE OR REPLACE TEMP TABLE first_registration AS
SELECT * FROM registration WHERE registration_number = 1;

-- Consecutive registrations of one case: k and k + 1.
CREATE OR REPLACE TEMP TABLE registration_pair AS
SELECT cur.package, cur.case_id, cur.municipality_code, cur.citizen,
       prev.registration_number AS from_number,
       prev.assessment_date AS from_date, cur.assessment_date AS to_date,
       prev.function_level AS from_level, cur.function_level AS to_level,
       fp.ordinal AS from_ordinal, fc.ordinal AS to_ordinal
FROM registration cur
JOIN registration prev
  ON prev.package = cur.package AND prev.case_id = cur.case_id
 AND prev.registration_number = cur.registration_number - 1
LEFT JOIN function_level_scale fp ON fp.code = prev.function_level
LEFT JOIN function_level_scale fc ON fc.code = cur.function_level;

-- The primary target group of each case (lowest rank), rolled up to the groups the figures show.
CREATE OR REPLACE TEMP TABLE case_target_group AS
SELECT t.package, t.case_id, r.target_group_group AS target_group
FROM (
    SELECT package, case_id, arg_min(target_group, coalesce(rank, 1000000)) AS target_group
    FROM case_target_groups GROUP BY package, case_id
) t
LEFT JOIN target_group_rollup r ON r.code = t.target_group;

-- Interventions with the case's facts at their start: the registration in effect then (the
-- latest on or before the start, else the case's first), the citizen's age, the target group,
-- the provider's ownership, and amounts in the report's price year.
CREATE OR REPLACE TEMP TABLE intervention_fact AS
WITH at_start AS (
    SELECT i.*, r.function_level AS level_at_start
    FROM interventions i
    ASOF LEFT JOIN registration r
      ON r.package = i.package AND r.case_id = i.case_id AND r.assessment_date <= i.start_date
)
SELECT i.package, i.id, i.case_id, i.legal_basis, i.provider_id, i.start_date, i.end_date,
       b.municipality_code, b.citizen,
       coalesce(i.level_at_start, f.function_level) AS function_level,
       CASE WHEN b.birth_year IS NULL OR i.start_date IS NULL THEN NULL
            WHEN year(i.start_date) - b.birth_year < 40 THEN 'under_40' ELSE '40_plus' END AS age_group,
       tg.target_group,
       -- Ownership seen from the buyer (the paying municipality, else the acting one), derived
       -- as ffb.contract.ownership does it.
       CASE pr.operator_kind
           WHEN 'kommune' THEN CASE WHEN pr.operator_municipality_code
                                         = coalesce(i.paying_municipality_code, b.municipality_code)
                                    THEN 'egen_kommune' ELSE 'anden_kommune' END
           ELSE pr.operator_kind END AS ownership,
       i.daily_price_dkk * target.price_index / source.price_index AS daily_price_fixed,
       CASE WHEN i.hours_per_month_individual IS NULL AND i.hours_per_month_group IS NULL THEN NULL
            ELSE coalesce(i.hours_per_month_individual, 0) + coalesce(i.hours_per_month_group, 0) END
           AS hours_per_month
FROM at_start i
JOIN case_base b ON b.package = i.package AND b.case_id = i.case_id
LEFT JOIN first_registration f ON f.package = i.package AND f.case_id = i.case_id
LEFT JOIN case_target_group tg ON tg.package = i.package AND tg.case_id = i.case_id
LEFT JOIN providers pr ON pr.package = i.package AND pr.id = i.provider_id
LEFT JOIN price_index source ON source.year = i.price_year
CROSS JOIN (SELECT price_index FROM price_index WHERE year = getvariable('price_year')) target;
