package xtremweb.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every command of the manual's client chapter, run through the real bin/ scripts against one real
 * server and one real worker ({@link ClientGrid}): exit codes, output, and every listing in every
 * format parsed back. Macros and the mistakes people make are in {@link ClientMacrosAndMistakesEndToEndTest}.
 */
class EveryCommandEndToEndTest extends OnTheClientGrid {
    private static String ok(Path config, String script, String... args) throws Exception {
        return grid.ok(config, script, args);
    }

    /**
     * A listing command and what it must show of the objects made in setUp: for each object's
     * identifying field ({@code key}), the fields to compare. Adding a listing is one line here.
     */
    record Listing(String script, String kind, String key, Supplier<Map<String, Map<String, String>>> expected) {
        @Override
        public String toString() {
            return script;
        }
    }

    static Stream<Listing> listings() {
        return Stream.of(
                new Listing("xwusers", "user", "uid", () -> Map.of(grid.bobUid, Map.of("login", "bob", "usergroupUid", grid.group,
                        "usergroupLabel", "e2e-team", "rights", "STANDARD_USER"))),
                new Listing("xwusergroups", "usergroup", "uid", () -> Map.of(grid.group, Map.of("label", "e2e-team",
                        "ownerLogin", grid.deployment.credential("admin.login")))),
                new Listing("xwapps", "app", "uid", () -> Map.of(grid.app, Map.of("name", "apptest"))),
                new Listing("xwdatas", "data", "uid", () -> Map.of(grid.data, Map.of("name", "input.txt", "status", "AVAILABLE"))),
                new Listing("xwworks", "work", "uid", () -> Map.of(
                        grid.withArgs, Map.of("label", "e2e args", "status", "COMPLETED", "appUid", grid.app,
                                "ownerLogin", grid.deployment.credential("admin.login")),
                        grid.withStdinAndEnv, Map.of("label", "e2e-stdin", "status", "COMPLETED"),
                        grid.withRedirect, Map.of("label", "e2e-redirect", "status", "COMPLETED"),
                        grid.withDataAsStdin, Map.of("label", "e2e-data", "status", "COMPLETED", "stdinDataUid", grid.data))),
                new Listing("xwtasks", "task", "workUid", () -> Map.of(grid.withArgs, Map.of("hostUid", grid.hostUid, "status", "DONE",
                        "ownerLogin", grid.deployment.credential("admin.login")))),
                new Listing("xwworkers", "host", "uid", () -> Map.of(grid.hostUid, Map.of("enabled", "true",
                        "ownerLogin", grid.deployment.credential("worker.login")))),
                new Listing("xwsessions", "session", "uid", () -> Map.of(grid.session, Map.of("name", "e2e-session"))),
                new Listing("xwgroups", "group", "uid", () -> Map.of(grid.workGroup, Map.of("name", "e2e-group"))));
    }

    static Stream<Arguments> everyListingInEveryFormat() {
        return listings().flatMap(listing -> Arrays.stream(ListingParser.values()).map(format -> Arguments.of(listing, format)));
    }

    @ParameterizedTest(name = "{0} --xwformat {1}")
    @MethodSource("everyListingInEveryFormat")
    void everyListingParsesBackIntoTheObjectsCreated(Listing listing, ListingParser format) throws Exception {
        String output = ok(grid.admin, listing.script(), "--xwformat", format.option());
        List<Map<String, String>> objects = format.parse(listing.kind(), output);
        listing.expected().get().forEach((key, fields) -> {
            assertThat(objects).as("%s has %s %s", listing.script(), listing.key(), key)
                    .filteredOn(object -> key.equals(object.get(listing.key()))).isNotEmpty()
                    .allSatisfy(object -> assertThat(object).containsAllEntriesOf(fields));
        });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("listings")
    void everyListingAsTextIsATableNamingTheObjects(Listing listing) throws Exception {
        String output = ok(grid.admin, listing.script());
        assertThat(output.lines().findFirst()).hasValueSatisfying(header -> assertThat(header).contains("UID"));
        listing.expected().get().keySet().forEach(key -> assertThat(output).contains(key));
    }

    @Test
    void pingShowsTheServerTheLoginAndItsRights() throws Exception {
        assertThat(ok(grid.bob, "xwping")).contains("https://localhost:" + grid.deployment.port()).contains("login:  bob")
                .contains("rights: STANDARD_USER");
    }

    @Test
    void versionNamesTheClient() throws Exception {
        assertThat(ok(grid.admin, "xwversion")).startsWith("XtremWeb client ");
    }

    @Test
    void anAppKeepsOneBinaryPerPlatform() throws Exception {
        Map<String, String> apptest = ListingParser.JSON.parse("app", ok(grid.admin, "xwapps", "--xwformat", "json")).stream()
                .filter(a -> a.get("uid").equals(grid.app)).findFirst().orElseThrow();
        assertThat(apptest.get("binaries")).contains("win32").contains("linux");
    }

    @Test
    void argumentsAndEveryKindOfStandardInputReachTheJob() throws Exception {
        assertThat(grid.results.resolve(grid.withArgs).resolve("stdout.txt"))
                .hasContent("apptest args: [two words] [it's \"quoted\" $HOME]");
        assertThat(grid.results.resolve(grid.withStdinAndEnv).resolve("stdout.txt")).hasContent("apptest args: [stdin]\nfrom --xwstdin");
        assertThat(grid.results.resolve(grid.withRedirect).resolve("stdout.txt")).hasContent("apptest args: [redirected]\nfrom < file");
        assertThat(grid.results.resolve(grid.withDataAsStdin).resolve("stdout.txt")).hasContent("apptest args: [data]\ndata on the server");
        Map<String, String> work = ListingParser.JSON.parse("work", ok(grid.admin, "xwworks", "--xwformat", "json", grid.withStdinAndEnv)).get(0);
        assertThat(work.get("envDataUid")).as("--xwenv gave the job an environment").isNotBlank();
    }

    @Test
    void worksListsTheGivenUidsAndFiltersByStatus() throws Exception {
        List<Map<String, String>> two = ListingParser.JSON.parse("work",
                ok(grid.admin, "xwworks", "--xwformat", "json", grid.withArgs, grid.withRedirect));
        assertThat(two).extracting(w -> w.get("uid")).containsExactly(grid.withArgs, grid.withRedirect);
        List<Map<String, String>> completed = ListingParser.JSON.parse("work",
                ok(grid.admin, "xwworks", "--xwformat", "json", "--xwstatus", "COMPLETED"));
        assertThat(completed).extracting(w -> w.get("uid")).contains(grid.withArgs, grid.withStdinAndEnv, grid.withRedirect, grid.withDataAsStdin);
        List<Map<String, String>> pending = ListingParser.JSON.parse("work",
                ok(grid.admin, "xwworks", "--xwformat", "json", "--xwstatus", "PENDING"));
        assertThat(pending).extracting(w -> w.get("uid")).doesNotContain(grid.withArgs, grid.withStdinAndEnv);
    }

    @Test
    void worksAreListedBySessionAndByGroup() throws Exception {
        for (String[] filter : new String[][] {{"--xwsession", grid.session}, {"--xwgroup", grid.workGroup}}) {
            List<Map<String, String>> inside = ListingParser.CSV.parse("work",
                    ok(grid.admin, "xwworks", "--xwformat", "csv", filter[0], filter[1]));
            assertThat(inside).as("xwworks %s", filter[0]).extracting(w -> w.get("uid")).containsExactly(grid.withArgs);
        }
        Map<String, String> work = ListingParser.JSON.parse("work", ok(grid.admin, "xwworks", "--xwformat", "json", grid.withArgs)).get(0);
        assertThat(work).containsEntry("sessionUid", grid.session).containsEntry("groupUid", grid.workGroup);
    }

    @Test
    void downloadFetchesADataByteForByte() throws Exception {
        Path into = tmp.resolve("downloads");
        String written = ok(grid.admin, "xwdownload", "--xwout", into.toString(), grid.data);
        assertThat(Path.of(written)).hasSameBinaryContentAs(grid.dataFile);
    }

    @Test
    void chmodChangesRightsAndRmDeletesAndTheDeletedIsNotFound() throws Exception {
        Path file = Files.writeString(tmp.resolve("scratch.txt"), "scratch\n");
        String scratch = ok(grid.admin, "xwsenddata", "scratch.txt", file.toString());
        assertThat(ok(grid.admin, "xwchmod", "0x700", scratch)).isEqualTo(scratch + " data 0x700");
        assertThat(ok(grid.admin, "xwrm", scratch)).isEqualTo(scratch + " data deleted");
        // A work never has more rights than its app (apptest: 0x755): what was not granted is said.
        String work = ok(grid.bob, "xwsendwork", "--xwlabel", "chmod-me", "apptest", "chmod");
        Command.Result narrowed = grid.run(grid.bob, "xwchmod", "0x777", work);
        assertThat(narrowed.exitCode()).as(narrowed.describe()).isEqualTo(0);
        assertThat(narrowed.stdout().strip()).isEqualTo(work + " work 0x755");
        assertThat(narrowed.stderr().strip()).isEqualTo("xtremweb.client: work " + work + " has rights 0x755, not the 0x777 asked:"
                + " a work never has more access rights than its app");
        Command.Result exact = grid.run(grid.bob, "xwchmod", "0x750", work);
        assertThat(exact.stdout().strip()).isEqualTo(work + " work 0x750");
        assertThat(exact.stderr()).as("nothing to say when the rights asked are given").isBlank();
        Command.Result gone = grid.run(grid.admin, "xwdownload", "--xwout", tmp.resolve("gone").toString(), scratch);
        assertThat(gone.exitCode()).as(gone.describe()).isEqualTo(3);
        assertThat(gone.stderr().strip().lines()).hasSize(1);
    }

    @Test
    void activateSwitchesTheWorkerOffAndOnAgain() throws Exception {
        try {
            assertThat(ok(grid.admin, "xwactivate", "off", grid.hostUid)).startsWith(grid.hostUid).endsWith(" off");
            assertThat(ListingParser.JSON.parse("host", ok(grid.admin, "xwworkers", "--xwformat", "json")))
                    .filteredOn(h -> h.get("uid").equals(grid.hostUid)).singleElement()
                    .satisfies(h -> assertThat(h).containsEntry("enabled", "false"));
        } finally {
            assertThat(ok(grid.admin, "xwactivate", "on", grid.hostUid)).startsWith(grid.hostUid).endsWith(" on");
        }
    }

    @Test
    void theLegacySpellingOfEveryActionWorksThroughXtremwebClient() throws Exception {
        String work = ok(grid.bob, "xtremweb.client", "--xwsendwork", "apptest", "a", "b");
        assertThat(ListingParser.JSON.parse("work", ok(grid.bob, "xtremweb.client", "--xwgetworks", "--xwformat", "json", work)))
                .singleElement().satisfies(w -> assertThat(w).containsEntry("args", "[\"a\",\"b\"]"));
        String out = tmp.resolve("legacy-results").toString();
        assertThat(ok(grid.bob, "xtremweb.client", "--xwresult", "--xwwait", "120", "--xwout", out, work))
                .startsWith(work + " COMPLETED exit=0");
        Map<String, String> kinds = Map.of("--xwgetapps", "app", "--xwgetdatas", "data", "--xwgetusers", "user",
                "--xwgetusergroups", "usergroup", "--xwgettasks", "task", "--xwgetworkers", "host", "--xwgetworks", "work",
                "--xwgetsessions", "session", "--xwgetgroups", "group");
        for (Map.Entry<String, String> listing : kinds.entrySet()) {
            assertThat(ListingParser.XML.parse(listing.getValue(), ok(grid.admin, "xtremweb.client", listing.getKey(),
                    "--xwformat", "xml"))).as(listing.getKey()).isNotEmpty();
        }
        assertThat(ok(grid.bob, "xtremweb.client", "--xwping")).contains("login:  bob");
        assertThat(ok(grid.bob, "xtremweb.client", "--xwversion")).startsWith("XtremWeb client ");
        String scratch = ok(grid.admin, "xtremweb.client", "--xwsenddata", "legacy.txt", grid.dataFile.toString());
        assertThat(ok(grid.admin, "xtremweb.client", "--xwchmod", "0x750", scratch)).isEqualTo(scratch + " data 0x750");
        assertThat(ok(grid.admin, "xtremweb.client", "--xwremove", scratch)).isEqualTo(scratch + " data deleted");
    }

    @Test
    void cleanEmptiesTheClientCacheAloneOrBeforeACommand() throws Exception {
        Path partial = Files.writeString(grid.deployment.dir().resolve("big.dat.part"), "half a download");
        assertThat(ok(grid.admin, "xtremweb.client", "--xwclean")).isEqualTo("removed ./big.dat.part");
        assertThat(partial).doesNotExist();

        Files.writeString(partial, "half a download");
        Command.Result listed = grid.run(grid.admin, "xwworks", "--xwclean", "--xwformat", "json");
        assertThat(listed.exitCode()).as(listed.describe()).isZero();
        assertThat(listed.stderr()).isEqualTo("removed ./big.dat.part\n");
        ListingParser.JSON.parse("work", listed.stdout());
        assertThat(partial).doesNotExist();
    }

    @Test
    void aClientLoopDelayThatIsNotANumberIsAUsageError() throws Exception {
        Command.Result result = grid.run(grid.admin, "xwresult", "--xwwait", "5", "--xwclientloopdelay", "soon", grid.withArgs);
        assertThat(result.exitCode()).as(result.describe()).isEqualTo(2);
        assertThat(result.stderr().strip().lines()).singleElement().asString().contains("--xwclientloopdelay").contains("soon");
    }

}
