-- Placeholder so this branch's 0015 runs in sequence: 0014 belongs to the "likes" branch
-- (its subscription kind). Delete this file when merging that branch's real 0014.
SELECT 1;
