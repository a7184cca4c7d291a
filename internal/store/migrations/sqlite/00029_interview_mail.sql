-- Interview invitations through the outbox (issue 11): the text/calendar
-- part of an outgoing message (METHOD:REQUEST or CANCEL), sent beside its
-- text and HTML as a multipart/alternative part. The message row itself is
-- an ordinary outbox row (written in the interview change's transaction).
-- interviews.candidate_response is the candidate's iTIP PARTSTAT, as
-- interview_interviewers.response is each interviewer's.

-- +goose Up
CREATE TABLE message_calendar (
    message_id   TEXT PRIMARY KEY REFERENCES messages(id) ON DELETE CASCADE,
    interview_id TEXT REFERENCES interviews(id) ON DELETE SET NULL,
    method       TEXT NOT NULL,
    ics          TEXT NOT NULL
);
CREATE INDEX message_calendar_interview ON message_calendar (interview_id) WHERE interview_id IS NOT NULL;
ALTER TABLE interviews ADD COLUMN candidate_response TEXT NOT NULL DEFAULT 'needs-action';

-- +goose Down
ALTER TABLE interviews DROP COLUMN candidate_response;
DROP TABLE message_calendar;
