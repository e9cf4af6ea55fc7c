package io.mktsync.simulator;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/** The simulator's control API under {@code /simulator/control}. */
@ApplicationPath("/control")
public class ControlApplication extends Application {
}
