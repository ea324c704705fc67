package dev.lethe.cli;

import picocli.CommandLine.IVersionProvider;

/** The version the jar's manifest carries (Maven's project version), or "development build" outside a jar. */
final class LetheVersion implements IVersionProvider {

    static String current() {
        String version = LetheVersion.class.getPackage().getImplementationVersion();
        return version == null ? "development build" : version;
    }

    @Override
    public String[] getVersion() {
        return new String[] {"lethe " + current(), "Java " + System.getProperty("java.version")};
    }
}
