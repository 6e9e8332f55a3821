package xtremweb.client.api;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import xtremweb.common.config.ConfigException;

/**
 * The client configuration that {@code bin/xwdemo} writes ({@code var/client/xwrc}, with the
 * administrator's password file). After the demo, a command run without {@code --xwconfig} reads
 * the shipped {@code conf/xtremweb.client.conf}, which has no password: its refusal then names the
 * demo's file. The file is only named, never read in its place: it holds the administrator's login.
 */
final class DemoConfiguration {
    static final Path RELATIVE = Path.of("var", "client", ClientSettings.HOME_NAME);

    private DemoConfiguration() {
    }

    /** {@code refused}, with a pointer to the demo's configuration when that one was not the file read and exists. */
    static ConfigException pointedTo(ConfigException refused, Optional<Path> explicit, Path installDir, String source) {
        Path demo = installDir.toAbsolutePath().normalize().resolve(RELATIVE);
        if (explicit.isPresent() || !Files.isReadable(demo) || Path.of(source).toAbsolutePath().normalize().equals(demo)) {
            return refused;
        }
        return new ConfigException(refused.getMessage() + "; for the grid of bin/xwdemo, use --xwconfig " + shown(demo)
                + ", which it wrote", refused);
    }

    /** Relative to the current directory when it is the installation's (as after {@code cd xtremweb; bin/xwdemo}). */
    private static String shown(Path demo) {
        Path here = Path.of("").toAbsolutePath().normalize();
        return demo.startsWith(here) ? here.relativize(demo).toString() : demo.toString();
    }
}
