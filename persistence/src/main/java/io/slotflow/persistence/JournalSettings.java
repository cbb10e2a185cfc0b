package io.slotflow.persistence;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Where the journal lives. By default an embedded H2 file under the state directory; any H2 or
 * PostgreSQL JDBC URL can be given instead. Credentials come from the environment
 * ({@code SLOTFLOW_JOURNAL_USER}, {@code SLOTFLOW_JOURNAL_PASSWORD}) or the URL, and are never
 * printed: {@link #toString()} and {@link #describe()} leave the password out.
 *
 * @param url the JDBC URL
 * @param user database user, may be empty
 * @param password database password, may be empty
 * @param poolSize connections (and the threads that use them)
 */
public record JournalSettings(String url, String user, String password, int poolSize) {

    /** Settings H2 needs for Slotflow (no lost commits on a hard kill, readable by a second process, no trace files), appended to every H2 URL that does not set them. */
    static final String H2_OPTIONS = ";DATABASE_TO_UPPER=false;WRITE_DELAY=0;AUTO_SERVER=TRUE;TRACE_LEVEL_FILE=0";

    public JournalSettings {
        Objects.requireNonNull(url, "url");
        user = user == null ? "" : user;
        password = password == null ? "" : password;
        if (poolSize < 1) {
            throw new IllegalArgumentException("journal pool size must be at least 1, got " + poolSize);
        }
    }

    /** The default journal: {@code <stateDir>/journal.mv.db}, an embedded H2 file. */
    public static JournalSettings embedded(Path stateDir) {
        Path base = stateDir.toAbsolutePath().normalize().resolve("journal");
        return new JournalSettings("jdbc:h2:file:" + base + H2_OPTIONS, "sa", "", 4);
    }

    /**
     * Settings for a JDBC URL given by the user. H2 URLs get the options Slotflow needs
     * ({@code DATABASE_TO_UPPER=false}, {@code WRITE_DELAY=0}, {@code AUTO_SERVER=TRUE}) unless they
     * set them; credentials not in the URL are read from the environment.
     */
    public static JournalSettings fromUrl(String url, java.util.Map<String, String> env, int poolSize) {
        String user = env.getOrDefault("SLOTFLOW_JOURNAL_USER", "");
        String password = env.getOrDefault("SLOTFLOW_JOURNAL_PASSWORD", "");
        if (url.startsWith("jdbc:h2:")) {
            String withOptions = url;
            for (String option : H2_OPTIONS.substring(1).split(";")) {
                String key = option.substring(0, option.indexOf('=') + 1);
                if (!url.toUpperCase().contains(";" + key.toUpperCase())) {
                    withOptions += ";" + option;
                }
            }
            return new JournalSettings(withOptions, user.isEmpty() ? "sa" : user, password, poolSize);
        }
        if (!url.startsWith("jdbc:postgresql:")) {
            throw new IllegalArgumentException(
                    "unsupported journal URL (expected jdbc:h2:... or jdbc:postgresql:...): " + redact(url));
        }
        return new JournalSettings(url, user, password, poolSize);
    }

    /**
     * The same journal for a reader that must never create or change anything: an H2 database is
     * opened only if it exists ({@code IFEXISTS=TRUE}), and an H2 file this process may not write
     * (read-only file, directory or file system) is opened read-only, without {@code AUTO_SERVER}
     * (which needs to write).
     */
    public JournalSettings forReading() {
        if (dialect() != Dialect.H2 || url.startsWith("jdbc:h2:mem:")) {
            return this;
        }
        String read = url;
        if (!url.toUpperCase(java.util.Locale.ROOT).contains(";IFEXISTS=")) {
            read += ";IFEXISTS=TRUE";
        }
        Path file = h2File();
        boolean readOnly = read.toUpperCase(java.util.Locale.ROOT).contains(";ACCESS_MODE_DATA=R")
                || file != null && Files.exists(file) && !(Files.isWritable(file) && Files.isWritable(file.getParent()));
        if (readOnly) {
            read = read.replaceAll("(?i);AUTO_SERVER=TRUE", ";AUTO_SERVER=FALSE");
            if (!read.toUpperCase(java.util.Locale.ROOT).contains(";ACCESS_MODE_DATA=")) {
                read += ";ACCESS_MODE_DATA=r";
            }
        }
        return new JournalSettings(read, user, password, poolSize);
    }

    /** The file of an embedded H2 database ({@code jdbc:h2:file:/x/journal} → {@code /x/journal.mv.db}), else null. */
    public Path h2File() {
        if (dialect() != Dialect.H2) {
            return null;
        }
        String rest = url.substring("jdbc:h2:".length());
        int semicolon = rest.indexOf(';');
        String name = semicolon < 0 ? rest : rest.substring(0, semicolon);
        if (name.startsWith("file:")) {
            name = name.substring("file:".length());
        } else if (name.matches("(?i)(mem|tcp|ssl|zip|split|nio\\w*|async|memFS|memLZF|retry):.*")) {
            return null;
        }
        if (name.startsWith("~")) {
            name = System.getProperty("user.home") + name.substring(1);
        }
        try {
            return Path.of(name + ".mv.db").toAbsolutePath().normalize();
        } catch (java.nio.file.InvalidPathException e) {
            return null;
        }
    }

    public Dialect dialect() {
        return url.startsWith("jdbc:postgresql:") ? Dialect.POSTGRES : Dialect.H2;
    }

    /** The URL with any password in it masked, for messages and logs. */
    public String describe() {
        return redact(url) + (user.isEmpty() ? "" : " as " + user);
    }

    @Override
    public String toString() {
        return "JournalSettings[" + describe() + ", poolSize=" + poolSize + "]";
    }

    /** A URL with any password in it masked. */
    public static String redact(String url) {
        return url.replaceAll("(?i)(password=)[^;&]*", "$1***").replaceAll("//([^:/@]+):[^@/]*@", "//$1:***@");
    }

    /** The databases Slotflow supports. */
    public enum Dialect {
        H2("slick.jdbc.H2Profile$", "org.h2.Driver"),
        POSTGRES("slick.jdbc.PostgresProfile$", "org.postgresql.Driver");

        private final String slickProfile;
        private final String driver;

        Dialect(String slickProfile, String driver) {
            this.slickProfile = slickProfile;
            this.driver = driver;
        }

        public String slickProfile() {
            return slickProfile;
        }

        public String driver() {
            return driver;
        }
    }
}
