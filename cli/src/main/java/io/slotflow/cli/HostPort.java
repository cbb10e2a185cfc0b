package io.slotflow.cli;

/** Checks the cluster addresses given on the command line: {@code HOST:PORT}, a port from 1 to 65535. */
final class HostPort {

    private HostPort() {
    }

    static void check(String option, String value) {
        if (!value.matches("[^:\\s]+:\\d{1,5}")) {
            throw new Main.UserError(option + ": expected HOST:PORT, got '" + value + "'", ExitCode.INVALID);
        }
        port(option, Integer.parseInt(value.substring(value.lastIndexOf(':') + 1)));
    }

    static void port(String option, int port) {
        if (port < 1 || port > 65_535) {
            throw new Main.UserError(option + ": " + port + " is not a port number (1 to 65535)", ExitCode.INVALID);
        }
    }
}
