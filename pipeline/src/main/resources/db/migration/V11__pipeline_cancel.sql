-- A cancel request for a job an engine holds (submitted or running): the holding engine sees it on its
-- next pass and cancels the attempt through its executor. Queued jobs are cancelled directly.
ALTER TABLE pipeline_jobs ADD COLUMN cancel_requested BOOLEAN DEFAULT FALSE NOT NULL;

-- The claim query reads queued jobs of the engine's executors in id order; this keeps it from sorting
-- the whole queue on every claim (10,000 queued jobs made each claim O(queue)).
CREATE INDEX pipeline_jobs_queue ON pipeline_jobs (state, executor, id);
