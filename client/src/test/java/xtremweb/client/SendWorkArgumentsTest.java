package xtremweb.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class SendWorkArgumentsTest {
    private static SendWorkCommand parse(String... args) {
        CommandLine line = ClientMain.commandLine(new ClientMain(config -> {
            throw new AssertionError("no connection while parsing");
        }, Optional::empty));
        line.parseArgs(args);
        return line.getSubcommands().get("xwsendwork").getCommand();
    }

    @Test
    void unknownOptionsAndQuotedArgumentsArePassedToTheAppExactly() {
        SendWorkCommand command = parse("xwsendwork", "app", "a b", "-n", "5", "--xwlabel", "L", "c");

        assertThat(command.app).isEqualTo("app");
        assertThat(command.args).containsExactly("a b", "-n", "5", "c");
        assertThat(command.label).isEqualTo("L");
    }

    @Test
    void minimumMemoryAndDiskTakeSizesWithUnitsAsWellAsBytes() {
        SendWorkCommand command = parse("xwsendwork", "--xwminmemory", "2G", "--xwmindisk", "512m", "app");
        assertThat(command.minMemory).isEqualTo(2L << 30);
        assertThat(command.minDisk).isEqualTo(512L << 20);
        assertThat(parse("xwsendwork", "--xwminmemory", "1000", "app").minMemory).isEqualTo(1000L);
        assertThat(parse("xwsendwork", "--xwmindisk", "1.5K", "app").minDisk).isEqualTo(1536L);

        for (String bad : new String[] {"2X", "G", "-1G", "99999999999T"}) {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> parse("xwsendwork", "--xwminmemory", bad, "app"))
                    .as(bad).isInstanceOf(CommandLine.ParameterException.class)
                    .hasMessageContaining("'" + bad + "'").hasMessageContaining("2G").hasMessageNotContaining("long");
        }
    }

    @Test
    void doubleDashEndsOurOptions() {
        SendWorkCommand command = parse("xwsendwork", "app", "--", "--xwlabel", "x", "--help");

        assertThat(command.args).containsExactly("--xwlabel", "x", "--help");
        assertThat(command.label).isNull();
    }

    @Test
    void legacyAndShortSpellingsReachTheSameCommand() {
        assertThat(parse("--xwsendwork", "app", "-s", "1").args).containsExactly("-s", "1");
        assertThat(parse("sendwork", "app", "x").args).containsExactly("x");
    }

    @Test
    void argumentsThatLookLikeArgumentFilesOrShellCharactersAreNotInterpreted() {
        SendWorkCommand command = parse("xwsendwork", "app", "@args.txt", "'quoted'", "*", "$HOME", "-h", "--n=3");

        assertThat(command.args).containsExactly("@args.txt", "'quoted'", "*", "$HOME", "-h", "--n=3");
    }

    @Test
    void configurationAndInputOptionsAreOursWhereverTheyStand() {
        SendWorkCommand command = parse("xwsendwork", "--xwconfig", "my.conf", "app", "x", "--xwstdin", "in.txt",
                "--xwenv", "env.zip", "y");

        assertThat(command.globals.config).hasToString("my.conf");
        assertThat(command.stdin).isEqualTo("in.txt");
        assertThat(command.env).isEqualTo("env.zip");
        assertThat(command.args).containsExactly("x", "y");
    }

    @Test
    void replicationOptionsAreOursAndNoneMeansTheAppsPolicy() {
        SendWorkCommand command = parse("xwsendwork", "app", "x", "--xwquorum", "3", "--xwmaxresults", "6",
                "--xwcomparator", "numeric", "y");

        assertThat(command.args).containsExactly("x", "y");
        assertThat(command.replication.replication())
                .isEqualTo(new xtremweb.common.wire.Replication(3, null, 6, null, "numeric"));
        assertThat(parse("xwsendwork", "app").replication.replication()).isNull();
    }
}
