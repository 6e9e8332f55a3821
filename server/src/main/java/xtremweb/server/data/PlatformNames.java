package xtremweb.server.data;

import java.util.function.UnaryOperator;
import xtremweb.common.platform.Platform;
import xtremweb.server.refusal.InvalidInput;

/**
 * The OS and CPU an app binary or a data is meant for, normalised; a name no worker reports (z80) is
 * refused as 400 {@code bad-os} / {@code bad-cpu} naming the accepted ones, the same for both.
 */
public final class PlatformNames {
    private PlatformNames() {
    }

    public static String os(String name) {
        return checked("os", Platform::requireOs, name);
    }

    public static String cpu(String name) {
        return checked("cpu", Platform::requireCpu, name);
    }

    private static String checked(String field, UnaryOperator<String> require, String name) {
        try {
            return require.apply(name);
        } catch (IllegalArgumentException e) {
            throw new InvalidInput("bad-" + field, e.getMessage());
        }
    }
}
