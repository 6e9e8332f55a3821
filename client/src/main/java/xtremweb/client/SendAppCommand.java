package xtremweb.client;

import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import xtremweb.client.api.Inputs;
import xtremweb.client.api.Uids;
import xtremweb.common.platform.Platform;
import xtremweb.common.rights.AccessRights;
import xtremweb.common.wire.AppView;
import xtremweb.common.wire.Replication;

/**
 * {@code xwsendapp NAME CPU OS FILE|URI [--xwrights RIGHTS]}: uploads a binary (or takes a data already
 * on the server, by UID or {@code xw://} URI, the manual's "URI to binary") and inserts it as the
 * app's binary for that platform. {@code --xwrights} narrows the rights the inserter's level gives
 * (the manual has no option for it): {@code 0x750} makes an ADVANCED_USER's app a group app.
 * {@code --xwquorum} and its companions set the app's replication policy (result certification).
 */
@Command(footer = {"", "Examples:", "  xwsendapp apptest amd64 linux ./apptest  # prints the app UID", "  xwsendapp apptest aarch64 linux ./apptest-arm  # one more binary", "  xwsendapp apptest amd64 linux DATA_UID  # a binary sent with xwsenddata", "  xwsendapp --xwrights 0x750 sim x86_64 Linux ./sim  # a group app"},
        name = "xwsendapp", aliases = {"--xwsendapp", "sendapp"},
        description = {"Inserts an app, or adds (replaces) its binary for one CPU/OS, and prints the app UID.",
                "Insert one binary per platform under the same name. An app inserted by an ADVANCED_USER or above is"
                        + " public (0x755), by anybody else private (0x700); --xwrights may only narrow that, and its rights"
                        + " never change."})
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

    @Parameters(index = "3", paramLabel = "FILE|URI", description = "The executable: a file, or the UID or xw:// URI of a data"
            + " already on the server (sent with xwsenddata, or another app's binary).")
    String file;

    @Option(names = "--xwrights", paramLabel = "RIGHTS",
            description = "The app's access rights, at most what your level gives: 0x750 (or 750, o-rx) for a group app,"
                    + " 0x700 for a private one. The binary's data gets them too. Default: 0x755 for ADVANCED_USER and above,"
                    + " else 0x700.")
    String rights;

    @Mixin
    ReplicationOptions replication;

    @Override
    public Integer call() {
        Replication policy = replication.replication(); // a wrong number is a usage error before any upload
        Platform.requireCpu(cpu); // so is a platform no worker reports (z80), before logging in
        Platform.requireOs(os);
        if (rights != null) {
            AccessRights.PUBLIC.apply(rights); // a malformed mode is a usage error before any upload
        }
        Optional<Path> local = Inputs.localFile(file);
        if (local.isEmpty()) {
            // The manual's "URI to binary": a data already on the server (xwsenddata, a shared binary) by UID or xw:// URI.
            String dataUid = Uids.parse(file).orElseThrow(() -> new IllegalArgumentException("no such file: " + file
                    + "; give the binary's file, or the UID or xw:// URI of a data already on the server (xwdatas lists them)"));
            print(main.connect(globals).apps().insertExisting(name, cpu, os, dataUid, rights, policy));
            return ExitCodes.OK;
        }
        Path binary = local.get();
        if (isEmptyFile(binary)) {
            // every work of the app would end in ERROR on every worker ("exec format error")
            throw new IllegalArgumentException("the binary " + file + " is empty (0 bytes): no worker could run it;"
                    + " give the built executable");
        }
        print(main.connect(globals).apps().insert(name, cpu, os, binary, rights, policy));
        return ExitCodes.OK;
    }

    private void print(AppView app) {
        spec.commandLine().getOut().println(app.uid());
        spec.commandLine().getOut().flush();
    }

    private static boolean isEmptyFile(Path binary) {
        try {
            return java.nio.file.Files.isRegularFile(binary) && java.nio.file.Files.size(binary) == 0;
        } catch (java.io.IOException e) {
            return false; // the upload says why it cannot read it
        }
    }
}
