-- title_da: Bevægelser på indsatstrappen fra år t til år t + 2
-- title_en: Movements on the indsatstrappe from year t to year t + 2
-- kind: share
-- counted: citizen
-- partition: year=year
-- dims: from_step=step, movement=movement
-- share_of: movement
-- reads: interventions.legal_basis, interventions.start_date, interventions.end_date, interventions.case_id, cases.citizen_id, cases.municipality_code
-- formula_da: for borgere med trin s (det højeste trin blandt ydelser aktive i året) i år t: andel uden ydelse på trappen, på et lavere, samme eller højere trin i år t + 2 × 100; kun år hvor t + 2 ligger inden for udtrækket (til og med dets seneste registrering, ydelsesstart eller opfølgning; planlagte slutdatoer tæller ikke)
-- formula_en: for citizens with step s (the highest step among services active in the year) in year t: share with no service on the ladder, a lower, the same or a higher step in year t + 2 × 100; only years where t + 2 lies within the extract (up to its latest registration, service start or follow-up; planned end dates do not count)
WITH extract_end AS (
    SELECT package, max(d) AS last_date FROM (
        SELECT package, assessment_date AS d FROM assessments
        UNION ALL SELECT package, start_date FROM interventions
        UNION ALL SELECT package, follow_up_date FROM follow_ups
    ) GROUP BY package
),
active AS (
    SELECT i.package, b.citizen, b.municipality_code, s.rank,
           year(i.start_date) AS first_year,
           year(least(coalesce(i.end_date, e.last_date), e.last_date)) AS last_year
    FROM interventions i
    JOIN step_order s ON s.legal_basis = i.legal_basis
    JOIN case_base b ON b.package = i.package AND b.case_id = i.case_id
    JOIN extract_end e ON e.package = i.package
    WHERE i.start_date IS NOT NULL
),
citizen_year AS (
    SELECT package, citizen, y AS year, max(rank) AS rank, arg_max(municipality_code, rank) AS municipality_code
    FROM active, LATERAL unnest(range(first_year, last_year + 1)) AS t(y)
    GROUP BY package, citizen, y
)
SELECT t.municipality_code, t.citizen, t.year::VARCHAR AS year,
       t.rank::VARCHAR AS from_step,
       CASE WHEN later.rank IS NULL THEN 'none'
            WHEN later.rank < t.rank THEN 'lower'
            WHEN later.rank = t.rank THEN 'same'
            ELSE 'higher' END AS movement
FROM citizen_year t
JOIN extract_end e ON e.package = t.package
LEFT JOIN citizen_year later
  ON later.package = t.package AND later.citizen = t.citizen AND later.year = t.year + 2
WHERE t.year + 2 <= year(e.last_date)
