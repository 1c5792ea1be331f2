-- The latency gate's minimum of sampled rows per arm (under sampling each row stands for ItemCount
-- requests, and a p95 of three rows is their slowest). Only the two templates Stagegate seeded,
-- still as seeded, get it: 20 rows for the standard plan; 1 for the demo's, whose 20-second bakes
-- see a few rows per arm (its gates say how many). Templates an Admin saved and plans already made
-- keep judging p95 on any number of rows (the schema reads a missing value as 1) until an Admin
-- sets it.
UPDATE "rollout_templates"
SET "content" = jsonb_set("content", '{thresholds,minLatencySamplesPerArm}', CASE "name" WHEN 'demo' THEN '1'::jsonb ELSE '20'::jsonb END)
WHERE "name" IN ('standard', 'demo') AND "version" = 1 AND "updated_by_id" = 'stagegate'
  AND ("content" #> '{thresholds,minLatencySamplesPerArm}') IS NULL;
