-- The tables that earlier versions created on first use, as they were: IF NOT EXISTS lets a database
-- that already holds them (baselined at version 0 by StoreSchema) pass through this version unchanged.
-- Portable SQL only: H2 2.x (the default MktsyncDS) and PostgreSQL run the same scripts.
-- TEXT, not CLOB: PostgreSQL has no CLOB, and H2 takes TEXT as its CLOB.

CREATE TABLE IF NOT EXISTS MKTSYNC_OBJECT_ATTEMPT (
    REQUEST_ID VARCHAR(200) NOT NULL,
    OBJECT_INDEX INT NOT NULL,
    STATE VARCHAR(8) NOT NULL,
    STATUS TEXT,
    UPDATED_AT TIMESTAMP NOT NULL,
    PRIMARY KEY (REQUEST_ID, OBJECT_INDEX)
);

CREATE TABLE IF NOT EXISTS MKTSYNC_SEAL_KEY (
    ID INT NOT NULL PRIMARY KEY,
    SECRET VARCHAR(64) NOT NULL
);
