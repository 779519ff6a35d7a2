-- The requester's display name (the token's name claim) beside their username, for reviewers.
-- Rows filed before it have none; readers fall back to the username.
ALTER TABLE access_requests ADD COLUMN requester_display VARCHAR(200);
