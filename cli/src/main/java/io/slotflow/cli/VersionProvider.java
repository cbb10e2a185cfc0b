package io.slotflow.cli;

import io.slotflow.engine.runner.ProcessRunner;
import picocli.CommandLine.IVersionProvider;

/**
 * The version from the jar's manifest (or "development" when run from classes), and how sessions
 * are contained on this machine.
 */
final class VersionProvider implements IVersionProvider {

    @Override
    public String[] getVersion() {
        String version = Main.class.getPackage().getImplementationVersion();
        return new String[] {"slotflow " + (version == null ? "0.1.0-SNAPSHOT" : version),
                "Java " + System.getProperty("java.version") + ", Apache Pekko 1.7.0",
                "sessions are contained by " + ProcessRunner.containment()};
    }
}
