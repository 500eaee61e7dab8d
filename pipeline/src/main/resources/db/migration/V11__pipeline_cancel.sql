-- A cancel request for a job an engine holds (submitted or running): the holding engine sees it on its
-- next pass and cancels the attempt through its executor. Queued jobs are cancelled directly.
ALTER TABLE pipeline_jobs ADD COLUMN cancel_requested BOOLEAN DEFAULT FALSE NOT NULL;
