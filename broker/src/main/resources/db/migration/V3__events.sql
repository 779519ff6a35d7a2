-- The event journal behind GET /v1/events. Portable SQL as in V1: instants are epoch
-- milliseconds, the event's data is JSON text.

-- The journal's head: one row, locked while an event is appended. Ids are handed out and
-- committed in order under that lock, so a reader that has seen id N never later finds an
-- id below N appear (a sequence shared by concurrent writers would allow exactly that, and a
-- client resuming after N would miss the late one). It holds across broker replicas too.
CREATE TABLE event_head (
    id      INTEGER PRIMARY KEY,
    last_id BIGINT  NOT NULL
);
INSERT INTO event_head (id, last_id) VALUES (1, 0);

-- One row per event. An event is for one user (subject set) or for the members of some
-- groups (rows in event_groups), except one user (except_subject, usually the requester).
CREATE TABLE events (
    id             BIGINT        PRIMARY KEY,
    at_ms          BIGINT        NOT NULL,
    event_type     VARCHAR(50)   NOT NULL,
    subject        VARCHAR(200),
    except_subject VARCHAR(200),
    data_json      VARCHAR(8000) NOT NULL
);
CREATE INDEX events_subject ON events (subject, id);
CREATE INDEX events_at ON events (at_ms);

CREATE TABLE event_groups (
    event_id   BIGINT       NOT NULL,
    group_name VARCHAR(200) NOT NULL,
    PRIMARY KEY (event_id, group_name)
);
CREATE INDEX event_groups_group ON event_groups (group_name, event_id);
