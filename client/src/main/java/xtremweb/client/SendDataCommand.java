package xtremweb.client;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import xtremweb.client.api.ExternalData;
import xtremweb.client.api.Inputs;
import xtremweb.common.platform.Platform;
import xtremweb.common.rights.AccessRights;
import xtremweb.common.wire.DataView;

/**
 * {@code xwsenddata NAME [CPU [OS]] FILE|URI}: uploads a file as a data object, or registers data
 * living at an http(s) URI (the server then keeps only its description, size and SHA-256).
 * {@code --xwrights} sets its access rights from the start (data is public otherwise, as the manual says).
 */
@Command(footer = {"", "Examples:", "  xwsenddata input.txt ./input.txt  # prints the UID: --xwstdin UID", "  xwsenddata --xwrights 0x700 secret.dat ./secret.dat", "  xwsenddata table.csv https://example.org/table.csv"},
        name = "xwsenddata", aliases = {"--xwsenddata", "senddata"},
        description = {"Uploads a file as a data object and prints its UID.",
                "Data is public (0x755) unless --xwrights says otherwise; xwchmod changes it later."})
final class SendDataCommand implements Callable<Integer> {
    @ParentCommand
    ClientMain main;

    @Mixin
    GlobalOptions globals;

    @Spec
    CommandSpec spec;

    // The synopsis is the label as written: picocli repeats a label as often as the least arity ("NAME... NAME...").
    // Any count is taken here and checked in call(): picocli's own check of "2..4" reads five words as a
    // second group of one and reports "only 1 were specified".
    @Parameters(arity = "0..*", paramLabel = "NAME [CPU [OS]] FILE|URI", hideParamSyntax = true,
            description = "Name of the data, optionally the CPU and OS it is meant for, and the file or http(s) URI.")
    List<String> values;

    @Option(names = "--xwrights", paramLabel = "RIGHTS",
            description = "The data's access rights: 0x700 (or 700, go-rwx) private, 0x750 your user group, 0x755 public (the default).")
    String rights;

    @Override
    public Integer call() {
        requireTwoToFourValues();
        if (rights != null) {
            AccessRights.PUBLIC.apply(rights); // a malformed mode is a usage error before any upload
        }
        String name = values.get(0);
        String file = values.get(values.size() - 1);
        String cpu = values.size() >= 3 ? values.get(1) : null;
        String os = values.size() == 4 ? values.get(2) : null;
        // A platform no worker reports (z80) is a usage error before logging in, as for xwsendapp.
        if (cpu != null) {
            Platform.requireCpu(cpu);
        }
        if (os != null) {
            Platform.requireOs(os);
        }
        DataView data;
        if (ExternalData.isUri(file)) {
            data = main.connect(globals).data().registerExternal(name, Inputs.dataType(Path.of(name)), os, cpu, file, rights);
        } else {
            Path path = Inputs.localFile(file).orElseThrow(() -> new IllegalArgumentException("no such file: " + file));
            data = main.connect(globals).data().upload(name, Inputs.dataType(path), os, cpu, path, rights);
        }
        spec.commandLine().getOut().println(data.uid());
        spec.commandLine().getOut().flush();
        return ExitCodes.OK;
    }

    /** NAME [CPU [OS]] FILE|URI: a usage error naming what was given otherwise, before anything is read or sent. */
    private void requireTwoToFourValues() {
        List<String> given = values == null ? List.of() : values;
        if (given.isEmpty()) {
            throw new ParameterException(spec.commandLine(), "missing the data's NAME and its FILE or URI (NAME [CPU [OS]] FILE|URI)");
        }
        if (given.size() == 1) {
            throw new ParameterException(spec.commandLine(), "got only '" + given.get(0) + "': give the data a NAME, then"
                    + " the FILE or URI (NAME [CPU [OS]] FILE|URI), e.g. xwsenddata input.txt ./input.txt");
        }
        if (given.size() > 4) {
            throw new ParameterException(spec.commandLine(), given.size() + " arguments where NAME [CPU [OS]] FILE|URI takes"
                    + " 2 to 4 (one data per command; quote a name or path that has spaces)");
        }
    }
}
