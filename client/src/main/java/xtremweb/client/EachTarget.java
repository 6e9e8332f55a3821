package xtremweb.client;

import java.util.List;
import java.util.function.Function;
import picocli.CommandLine;
import xtremweb.client.api.Uids;
import xtremweb.common.http.XwConnectException;

/**
 * Runs one action per target of a command ({@code xwrm UID...}, {@code xwchmod R UID...}): prints
 * the action's line for each target that worked and the error of each that did not, goes on with
 * the others, and exits with the first failure's code. A lost server stops everything at once:
 * the next targets would fail the same way.
 */
final class EachTarget {
    private EachTarget() {
    }

    static int run(CommandLine command, boolean verbose, List<String> targets, Function<String, String> action) {
        int exit = ExitCodes.OK;
        for (String target : distinct(targets)) {
            try {
                command.getOut().println(action.apply(target));
            } catch (XwConnectException e) {
                throw e;
            } catch (RuntimeException e) {
                ClientMain.printError(command, e, verbose);
                exit = exit == ExitCodes.OK ? ExitCodes.of(e) : exit;
            }
        }
        command.getOut().flush();
        return exit;
    }

    /**
     * The targets in their order, each once: a UID named twice (a script's list, or in capitals
     * once) is acted on once, so the second time does not fail with "not visible" after the first
     * worked (xwrm) nor act twice.
     */
    static List<String> distinct(List<String> targets) {
        return targets.stream().map(t -> Uids.parse(t).orElse(t)).distinct().toList();
    }
}
