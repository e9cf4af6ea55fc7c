package io.mktsync.store;

import javax.sql.DataSource;

/** The store's beans as unit tests outside this package wire them: over a plain DataSource, schema migrated. */
public final class TestStores {

    private TestStores() {
    }

    public static CallLog callLog(DataSource db) {
        CallLog log = new CallLog();
        log.dataSource = db;
        log.schema = schema(db);
        return log;
    }

    public static RequestStore requestStore(DataSource db) {
        RequestStore store = new RequestStore();
        store.dataSource = db;
        store.schema = schema(db);
        return store;
    }

    public static StoreSchema schema(DataSource db) {
        StoreSchema schema = new StoreSchema();
        schema.dataSource = db;
        schema.migrate();
        return schema;
    }
}
