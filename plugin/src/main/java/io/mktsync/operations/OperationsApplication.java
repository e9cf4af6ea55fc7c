package io.mktsync.operations;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/** Operator endpoints under {@code /mktsync/api}; web.xml limits them to the mktsync-operator role. */
@ApplicationPath("/api")
public class OperationsApplication extends Application {
}
