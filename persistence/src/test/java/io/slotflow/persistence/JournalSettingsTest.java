package io.slotflow.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Passwords never shown, whatever form the URL takes; the journal's files owner-only. */
class JournalSettingsTest {

    static Stream<Arguments> urls() {
        return Stream.of(
                Arguments.of("a query parameter", "jdbc:postgresql://db/slotflow?password=hunter2",
                        "jdbc:postgresql://db/slotflow?password=***"),
                Arguments.of("a query parameter between others", "jdbc:postgresql://db/s?user=a&password=hunter2&ssl=true",
                        "jdbc:postgresql://db/s?user=a&password=***&ssl=true"),
                Arguments.of("a ';' inside a PostgreSQL password", "jdbc:postgresql://db/s?user=a&password=abc;tail",
                        "jdbc:postgresql://db/s?user=a&password=***"),
                Arguments.of("any case", "jdbc:postgresql://db/s?PassWord=hunter2", "jdbc:postgresql://db/s?PassWord=***"),
                Arguments.of("user and password before the host", "jdbc:postgresql://user:secret@host/db",
                        "jdbc:postgresql://user:***@host/db"),
                Arguments.of("an unencoded '@' or '/' in that password", "jdbc:postgresql://user:se@c/ret@host/db",
                        "jdbc:postgresql://user:***@host/db"),
                Arguments.of("an H2 setting, up to the next one", "jdbc:h2:file:/x/j;PASSWORD=hunter2;WRITE_DELAY=0",
                        "jdbc:h2:file:/x/j;PASSWORD=***;WRITE_DELAY=0"),
                Arguments.of("nothing to hide", "jdbc:postgresql://db:5432/slotflow?user=flow",
                        "jdbc:postgresql://db:5432/slotflow?user=flow"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("urls")
    void redactMasksThePassword(String name, String url, String shown) {
        assertThat(JournalSettings.redact(url)).isEqualTo(shown);
    }

    static Stream<Arguments> messages() {
        return Stream.of(
                Arguments.of("the pool quotes the URL it refused", "jdbc:postgresql://user:secret@host/db", "",
                        "Driver org.postgresql.Driver claims to not accept jdbcUrl, jdbc:postgresql://user:secret@host/db",
                        "secret"),
                Arguments.of("the driver repeats part of the authority", "jdbc:postgresql://user:secret@host/db", "",
                        "JDBC URL invalid port number: secret@host", "secret"),
                Arguments.of("the password from the environment, quoted anywhere", "jdbc:postgresql://db/s", "s3cret",
                        "authentication with 's3cret' failed", "s3cret"),
                Arguments.of("a password with ';' quoted whole", "jdbc:postgresql://db/s?password=abc;tail", "",
                        "bad option abc;tail", "tail"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("messages")
    void scrubMasksEverySecretInADriversMessage(String name, String url, String password, String message,
            String secret) {
        JournalSettings settings = JournalSettings.fromUrl(url, Map.of("SLOTFLOW_JOURNAL_PASSWORD", password), 1);
        assertThat(settings.scrub(message)).doesNotContain(secret).contains("***");
    }

    @Test
    void theFileOfAnH2Journal(@TempDir Path dir) {
        assertThat(JournalSettings.embedded(dir).h2File()).contains(dir.toAbsolutePath().resolve("journal.mv.db"));
        assertThat(JournalSettings.fromUrl("jdbc:h2:" + dir + "/j", Map.of(), 1).h2File())
                .contains(dir.toAbsolutePath().resolve("j.mv.db"));
        assertThat(JournalSettings.fromUrl("jdbc:h2:mem:x", Map.of(), 1).h2File()).isEmpty();
        assertThat(JournalSettings.fromUrl("jdbc:h2:tcp://h/x", Map.of(), 1).h2File()).isEmpty();
        assertThat(JournalSettings.fromUrl("jdbc:postgresql://h/x", Map.of(), 1).h2File()).isEmpty();
    }

    @Test
    void anH2JournalAndTheDirectoryCreatedForItAreOwnerOnly(@TempDir Path dir) throws Exception {
        Path state = dir.resolve("state");
        JournalSettings settings = JournalSettings.embedded(state);
        try (JournalReader reader = JournalReader.open(settings)) {
            assertThat(reader.runIds()).isEmpty();
            assertThat(permissions(state.resolve("journal.lock.db"))).isEqualTo("rw-------");
        }
        assertThat(permissions(state)).isEqualTo("rwx------");
        assertThat(permissions(state.resolve("journal.mv.db"))).isEqualTo("rw-------");
        assertThat(Files.size(state.resolve("journal.mv.db"))).isPositive();
    }

    @Test
    void aJournalMadeByAnOlderVersionIsMadeOwnerOnlyWhenOpened(@TempDir Path dir) throws Exception {
        JournalSettings settings = JournalSettings.embedded(dir);
        try (JournalReader reader = JournalReader.open(settings)) {
            assertThat(reader.runIds()).isEmpty();
        }
        Files.setPosixFilePermissions(dir.resolve("journal.mv.db"), PosixFilePermissions.fromString("rw-r--r--"));
        try (JournalReader reader = JournalReader.open(settings)) {
            assertThat(reader.runIds()).isEmpty();
        }
        assertThat(permissions(dir.resolve("journal.mv.db"))).isEqualTo("rw-------");
    }

    private static String permissions(Path path) throws Exception {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
    }
}
