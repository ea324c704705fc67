package dev.lethe.testsupport;

import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/** Runs {@link TestInfrastructure#shutdown()} when the test run ends, before the JVM's shutdown hooks. */
public class TestInfrastructureShutdown implements LauncherSessionListener {

    @Override
    public void launcherSessionClosed(LauncherSession session) {
        TestInfrastructure.shutdown();
    }
}
