package xtremweb.client;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code xwversion}: this client's version, and the Java it runs on (for bug reports). */
@Command(name = "xwversion", aliases = {"--xwversion", "version"}, description = "Prints the client's version.")
final class VersionCommand implements Callable<Integer> {
    @Mixin
    GlobalOptions globals;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        String version = ClientMain.class.getPackage().getImplementationVersion();
        spec.commandLine().getOut().println("XtremWeb client " + (version != null ? version : "(development build)")
                + " on Java " + Runtime.version() + " (" + System.getProperty("os.name") + "/" + System.getProperty("os.arch") + ")");
        spec.commandLine().getOut().flush();
        return ExitCodes.OK;
    }
}
