-- Identity and profile never together (docs/surveys.md): answers saved before that rule that name a citizen or
-- a case lose their profile, under one new row version so every replica pulls the change (and rewrites the
-- answer's `@profile`, `@area`, `@department` value rows). The counter moves only when there is such an answer.
WITH "taken" AS (
  UPDATE "sync_counter" SET "version" = "version" + 1
  WHERE "id" = 1 AND EXISTS (
    SELECT 1 FROM "survey_responses"
    WHERE "profile" IS NOT NULL AND ("citizen_id" IS NOT NULL OR "case_id" IS NOT NULL)
  )
  RETURNING "version"
)
UPDATE "survey_responses" SET "profile" = NULL, "row_version" = (SELECT "version" FROM "taken")
WHERE "profile" IS NOT NULL AND ("citizen_id" IS NOT NULL OR "case_id" IS NOT NULL);
