package io.slotflow.persistence;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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

    /**
     * Settings H2 needs for Slotflow (no lost commits on a hard kill, readable by a second process,
     * no trace files), appended to every H2 URL that does not set them. {@code PAGE_SIZE=4096}: each
     * commit rewrites the B-tree pages it changed, for an append the last leaf of each index; with
     * H2's default 16 KB leaves that is most of what a commit writes and serializes (10,000-node
     * bench: 3.5 KB of file per event, 2.1 KB with 4 KB leaves). It changes no durability setting.
     */
    static final String H2_OPTIONS =
            ";DATABASE_TO_UPPER=false;WRITE_DELAY=0;AUTO_SERVER=TRUE;TRACE_LEVEL_FILE=0;PAGE_SIZE=4096";

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
        boolean readOnly = read.toUpperCase(java.util.Locale.ROOT).contains(";ACCESS_MODE_DATA=R")
                || h2File().filter(Files::exists)
                        .map(file -> !(Files.isWritable(file) && Files.isWritable(file.getParent()))).orElse(false);
        if (readOnly) {
            read = read.replaceAll("(?i);AUTO_SERVER=TRUE", ";AUTO_SERVER=FALSE");
            if (!read.toUpperCase(java.util.Locale.ROOT).contains(";ACCESS_MODE_DATA=")) {
                read += ";ACCESS_MODE_DATA=r";
            }
        }
        return new JournalSettings(read, user, password, poolSize);
    }

    /**
     * The file of an H2 journal on disk ({@code <path>.mv.db}), for its permissions; empty for
     * PostgreSQL and for H2 databases in memory or behind a server.
     */
    public Optional<Path> h2File() {
        if (dialect() != Dialect.H2) {
            return Optional.empty();
        }
        String location = url.substring("jdbc:h2:".length());
        int options = location.indexOf(';');
        location = options < 0 ? location : location.substring(0, options);
        if (location.startsWith("file:")) {
            location = location.substring("file:".length());
        } else if (location.matches("^[a-z]{2,}:.*")) {
            return Optional.empty(); // mem:, tcp:, ssl:, zip:, nio:...
        }
        if (location.startsWith("~")) {
            location = System.getProperty("user.home") + location.substring(1);
        }
        return Optional.of(Path.of(location + ".mv.db").toAbsolutePath().normalize());
    }

    /** The user and password as JDBC connection properties (either left out when empty). */
    public java.util.Properties credentials() {
        java.util.Properties credentials = new java.util.Properties();
        if (!user.isEmpty()) {
            credentials.setProperty("user", user);
        }
        if (!password.isEmpty()) {
            credentials.setProperty("password", password);
        }
        return credentials;
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

    /**
     * A URL with any password in it masked: a {@code password=} parameter up to the next parameter
     * ({@code ;} in H2 URLs, {@code &} in others, where {@code ;} may be part of the password), and
     * the password of a {@code //user:password@host} authority, up to its last {@code @}.
     */
    public static String redact(String url) {
        Pattern parameter = url.regionMatches(true, 0, "jdbc:h2:", 0, 8) ? H2_PASSWORD : QUERY_PASSWORD;
        return USER_INFO.matcher(parameter.matcher(url).replaceAll("$1***")).replaceAll("$1:***@");
    }

    /**
     * A message — from the driver, the pool or the database — with every secret of these settings
     * masked: the password, wherever it appears, and the URL's as {@link #redact} finds them.
     * Drivers quote the URL they were given, so their messages must pass through here.
     */
    public String scrub(String message) {
        String scrubbed = message;
        for (String secret : secrets()) {
            scrubbed = scrubbed.replace(secret, "***");
        }
        return redact(scrubbed);
    }

    /** The password and any password in the URL, longest first (one may contain another). */
    private List<String> secrets() {
        List<String> secrets = new ArrayList<>();
        secrets.add(password);
        for (Pattern pattern : List.of(H2_PASSWORD, QUERY_PASSWORD, USER_INFO)) {
            Matcher m = pattern.matcher(url);
            while (m.find()) {
                secrets.add(m.group(2));
            }
        }
        secrets.removeIf(String::isEmpty);
        secrets.sort(Comparator.comparingInt(String::length).reversed());
        return secrets;
    }

    private static final Pattern H2_PASSWORD = Pattern.compile("(?i)(password=)([^;]*)");
    private static final Pattern QUERY_PASSWORD = Pattern.compile("(?i)(password=)([^&]*)");
    /** {@code //user:password@}: greedy to the last {@code @}, so an unencoded {@code @} or {@code /} in the password is masked too. */
    private static final Pattern USER_INFO = Pattern.compile("(//[^:/@?#;]*):(.*)@");

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
