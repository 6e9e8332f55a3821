package xtremweb.client;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import xtremweb.client.api.Inputs;
import xtremweb.common.wire.AppView;

/** {@code xwsendapp NAME CPU OS FILE}: uploads a binary and inserts it as the app's binary for that platform. */
@Command(name = "xwsendapp", aliases = {"--xwsendapp", "sendapp"},
        description = {"Inserts an app, or adds (replaces) its binary for one CPU/OS, and prints the app UID.",
                "Insert one binary per platform under the same name."})
final class SendAppCommand implements Callable<Integer> {
    @ParentCommand
    ClientMain main;

    @Mixin
    GlobalOptions globals;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "NAME", description = "Name of the app.")
    String name;

    @Parameters(index = "1", paramLabel = "CPU", description = "CPU of the binary (amd64, ix86, aarch64...).")
    String cpu;

    @Parameters(index = "2", paramLabel = "OS", description = "OS of the binary (linux, win32, macosx...).")
    String os;

    @Parameters(index = "3", paramLabel = "FILE", description = "The executable.")
    String file;

    @Override
    public Integer call() {
        Path binary = Inputs.localFile(file).orElseThrow(() -> new IllegalArgumentException("no such file: " + file));
        AppView app = main.connect(globals).apps().insert(name, cpu, os, binary);
        spec.commandLine().getOut().println(app.uid());
        spec.commandLine().getOut().flush();
        return ExitCodes.OK;
    }
}
