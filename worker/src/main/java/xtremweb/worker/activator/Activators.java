package xtremweb.worker.activator;

import java.util.Optional;

/** Maps the manual's {@code activator.class} names to the policies this worker has. */
public final class Activators {
    private Activators() {
    }

    /** The policy for a configured name ({@code AlwaysActive} or {@code xtremweb.worker.AlwaysActive}), if available. */
    public static Optional<Activator> byName(String name) {
        String simple = name.startsWith("xtremweb.worker.") ? name.substring("xtremweb.worker.".length()) : name;
        return switch (simple) {
            case "AlwaysActive" -> Optional.of(new AlwaysActive());
            default -> Optional.empty();
        };
    }
}
