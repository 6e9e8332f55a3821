package xtremweb.client;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import xtremweb.client.api.ExternalData;
import xtremweb.client.api.Inputs;
import xtremweb.common.wire.DataView;

/**
 * {@code xwsenddata NAME [CPU [OS]] FILE|URI}: uploads a file as a data object, or registers data
 * living at an http(s) URI (the server then keeps only its description, size and SHA-256).
 */
@Command(name = "xwsenddata", aliases = {"--xwsenddata", "senddata"},
        description = "Uploads a file as a data object and prints its UID.")
final class SendDataCommand implements Callable<Integer> {
    @ParentCommand
    ClientMain main;

    @Mixin
    GlobalOptions globals;

    @Spec
    CommandSpec spec;

    @Parameters(arity = "2..4", paramLabel = "NAME [CPU [OS]] FILE",
            description = "Name of the data, optionally the CPU and OS it is meant for, and the file or http(s) URI.")
    List<String> values;

    @Override
    public Integer call() {
        String name = values.get(0);
        String file = values.get(values.size() - 1);
        String cpu = values.size() >= 3 ? values.get(1) : null;
        String os = values.size() == 4 ? values.get(2) : null;
        DataView data;
        if (ExternalData.isUri(file)) {
            data = main.connect(globals).data().registerExternal(name, Inputs.dataType(Path.of(name)), os, cpu, file);
        } else {
            Path path = Inputs.localFile(file).orElseThrow(() -> new IllegalArgumentException("no such file: " + file));
            data = main.connect(globals).data().upload(name, Inputs.dataType(path), os, cpu, path);
        }
        spec.commandLine().getOut().println(data.uid());
        spec.commandLine().getOut().flush();
        return ExitCodes.OK;
    }
}
