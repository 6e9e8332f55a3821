package xtremweb.common.wire;

import java.util.List;

/**
 * {@code POST /api/v1/works}: one job. {@code app} is an app name or UID. {@code args} is the argument
 * vector passed to the binary exactly as given: no whitespace splitting, no shell.
 */
public record WorkSubmit(String app, List<String> args, String label, String stdinDataUid, String envDataUid) {
    public WorkSubmit {
        if (app == null || app.isBlank()) {
            throw new IllegalArgumentException("a work needs an app name or UID");
        }
        args = args == null ? List.of() : List.copyOf(args);
    }
}
