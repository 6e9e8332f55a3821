package xtremweb.client;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import xtremweb.client.api.Digests;
import xtremweb.client.api.Uids;
import xtremweb.client.api.XwClient;
import xtremweb.common.wire.DataView;

/**
 * {@code xwdownload UID|URI}: fetches a data's content into a file named after the data. A
 * download cut short leaves {@code NAME.part}; running the command again resumes it.
 */
@Command(footer = {"", "Examples:", "  xwdownload DATA_UID          # saved here under the data's name", "  xwdownload --xwout inputs xw://server:4325/DATA_UID"},
        name = "xwdownload", aliases = {"--xwdownload", "download"},
        description = {"Downloads a data's content (resuming an interrupted download) and checks its SHA-256.",
                "Prints the path of the file written."})
final class DownloadCommand implements Callable<Integer> {
    @ParentCommand
    ClientMain main;

    @Mixin
    GlobalOptions globals;

    @Spec
    CommandSpec spec;

    @Option(names = "--xwout", paramLabel = "DIR", defaultValue = ".", description = "Directory to write into (default: here).")
    Path out;

    @Option(names = "--xwoverride", description = "Download again even if the file is already there.")
    boolean override;

    @Parameters(index = "0", paramLabel = "UID|URI", description = "The data: its UID or its xw:// URI.")
    String data;

    @Override
    public Integer call() throws Exception {
        String uid = Uids.parse(data).orElseThrow(() -> new IllegalArgumentException(
                "'" + data + "' is neither a data UID nor an xw:// URI; list data with xwdatas"));
        XwClient client = main.connect(globals);
        DataView view = client.data().get(uid);
        Files.createDirectories(out);
        Path target = out.resolve(localName(view));
        if (Files.exists(target) && !override) {
            // The very content (same SHA-256) is already here: as the manual's --xwoverride implies,
            // it is not downloaded again, and that is no error. Another file of that name is refused.
            if (!Files.isRegularFile(target) || view.sha256() == null || !view.sha256().equalsIgnoreCase(Digests.sha256(target))) {
                throw new IllegalArgumentException(target + " already exists; remove it or add --xwoverride");
            }
        } else {
            client.data().download(view, target);
        }
        PrintWriter stdout = spec.commandLine().getOut();
        stdout.println(target);
        stdout.flush();
        return ExitCodes.OK;
    }

    /**
     * The last part of the data's name, which whoever inserted the data chose: a name with no last
     * part ({@code /}), one that would leave --xwout ({@code .}, {@code ..}), or one the client cache
     * takes for its own ({@code x.part}, {@code x.part.etag}: {@code --xwclean} would delete the
     * downloaded file) gives the data's UID.
     */
    static String localName(DataView view) {
        Path last = Path.of(view.name()).getFileName();
        String name = last == null ? "" : last.toString();
        return name.isBlank() || name.equals("..") || name.equals(".") || name.endsWith(ClientCache.PARTIAL_SUFFIX)
                || name.endsWith(ClientCache.TAG_SUFFIX) ? view.uid() : name;
    }
}
