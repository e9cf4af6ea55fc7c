-- What the dispatching node sees, for every node sharing the store (one row, ID 1): which node
-- dispatches and when it last said so, its view as JSON (holds, circuit, limits, backlog), and when an
-- operator last asked, on any node, for calls to resume. A node that takes over dispatching takes
-- the holds from here.
CREATE TABLE MKTSYNC_DISPATCHER (
    ID INT NOT NULL PRIMARY KEY,
    NODE VARCHAR(200),
    SEEN_AT TIMESTAMP,
    STATE TEXT,
    RESUME_AT TIMESTAMP
);
INSERT INTO MKTSYNC_DISPATCHER (ID) VALUES (1);
