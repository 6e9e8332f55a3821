package xtremweb.server.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import xtremweb.server.refusal.InvalidInput;

/** Input is checked against the lengths the migrations give the columns, and every text column is accounted for. */
class ColumnTest {
    /** VARCHAR columns no caller writes as given, and what guards them instead. */
    private static final Map<String, String> NOT_FROM_INPUT = Map.ofEntries(
            Map.entry("users.password_hash", "made by the server"),
            Map.entry("users.rights", "an enum"),
            Map.entry("tokens.token_hash", "made by the server"),
            Map.entry("datas.sha256", "computed by the server"),
            Map.entry("datas.declared_sha256", "64 hexadecimal digits, checked by DataCreate"),
            Map.entry("datas.status", "an enum"),
            Map.entry("works.status", "an enum"),
            Map.entry("works.args", "its JSON length is checked by WorkRepository"),
            Map.entry("works.certifies", "a work UID the server copies"),
            Map.entry("works.verdict", "an enum"),
            Map.entry("works.comparator", "a known comparator's name (1 to 100 characters, checked by Replication)"),
            Map.entry("apps.comparator", "a known comparator's name (1 to 100 characters, checked by Replication)"),
            Map.entry("tasks.status", "an enum"),
            Map.entry("hosts.credential_hash", "made by the server"),
            Map.entry("hosts.os_version", "inventory, shortened by HostRepository"),
            Map.entry("hosts.cpu_model", "inventory, shortened by HostRepository"),
            Map.entry("hosts.pilot_cluster", "copied from pilot_grants.cluster, checked when the grant is asked for"),
            Map.entry("pilot_grants.token_hash", "made by the server"),
            Map.entry("datas.holder", "the server's own address: a DNS name (253 at most), scheme and port"),
            Map.entry("works.request_key", "an Idempotency-Key of 1 to 64 characters checked by RequestKeys, and '/index'"),
            Map.entry("datas.request_key", "an Idempotency-Key of 1 to 64 characters checked by RequestKeys"),
            Map.entry("grid_identity.name", "a constant"),
            Map.entry("grid_identity.certificate_sha256", "computed by the server"),
            Map.entry("grid_identity.server_address", "the server's own address: a DNS name (253 at most), scheme and port"));

    @TempDir
    Path temp;

    @Test
    void everyLimitIsTheLengthTheMigrationsGiveItsColumn() throws Exception {
        Map<String, Integer> schema = textColumns();
        for (Column column : Column.values()) {
            assertThat(schema.get(column.table() + "." + column.column())).as(column.name()).isEqualTo(column.maxChars());
        }
    }

    @Test
    void everyTextColumnIsCheckedOrSaysWhyNot() throws Exception {
        Set<String> checked = Arrays.stream(Column.values()).map(c -> c.table() + "." + c.column()).collect(Collectors.toSet());
        Set<String> unaccounted = textColumns().keySet().stream()
                .filter(name -> !name.endsWith(".uid") && !name.endsWith("_uid"))
                .filter(name -> !checked.contains(name) && !NOT_FROM_INPUT.containsKey(name))
                .collect(Collectors.toSet());
        assertThat(unaccounted).as("text columns with no Column limit and no reason in NOT_FROM_INPUT").isEmpty();
    }

    @Test
    void aValueOverTheLimitIsRefusedNamingTheFieldAndTheLimit() {
        assertThatThrownBy(() -> Column.DATA_NAME.name("name", "a".repeat(256))).isInstanceOf(InvalidInput.class)
                .hasMessage("field 'name' is 256 characters long; at most 255 are allowed");
        assertThat(Column.DATA_NAME.name("name", "a".repeat(255))).hasSize(255);
        assertThat(Column.DATA_NAME.name("name", null)).isNull();
    }

    @Test
    void aNameRefusesControlCharactersButFreeTextKeepsItsLines() {
        assertThatThrownBy(() -> Column.HOST_NAME.name("name", "pc\u0000")).isInstanceOf(InvalidInput.class)
                .hasMessageContaining("control character (U+0000 at position 2)");
        assertThatThrownBy(() -> Column.HOST_NAME.name("name", "pc\nfake log line")).isInstanceOf(InvalidInput.class);
        assertThat(Column.WORK_ERROR.text("errorMessage", "line 1\n\tline 2")).contains("\n");
        assertThatThrownBy(() -> Column.WORK_ERROR.text("errorMessage", "bell\u0007")).isInstanceOf(InvalidInput.class);
    }

    @Test
    void halfASurrogatePairIsRefusedAndAWholeOneKept() {
        assertThatThrownBy(() -> Column.DATA_NAME.name("name", "x\ud800y")).isInstanceOf(InvalidInput.class)
                .hasMessageContaining("surrogate");
        assertThatThrownBy(() -> Column.DATA_NAME.name("name", "x\udc00")).isInstanceOf(InvalidInput.class);
        assertThat(Column.DATA_NAME.name("name", "r\u00e9sultat \ud83d\ude80")).endsWith("\ud83d\ude80");
    }

    private Map<String, Integer> textColumns() throws Exception {
        Map<String, Integer> columns = new TreeMap<>();
        try (TestDatabase db = TestDatabase.open("h2", temp); Connection c = db.dataSource().getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT table_name, column_name, character_maximum_length"
                     + " FROM information_schema.columns WHERE table_schema = 'public' AND table_name <> 'flyway_schema_history'"
                     + " AND UPPER(data_type) LIKE '%CHAR%'");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                columns.put((rs.getString(1) + "." + rs.getString(2)).toLowerCase(Locale.ROOT), rs.getInt(3));
            }
        }
        assertThat(columns).containsKey("datas.name");
        return columns;
    }
}
