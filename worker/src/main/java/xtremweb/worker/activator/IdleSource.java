package xtremweb.worker.activator;

import java.time.Duration;
import java.util.Optional;

/** How long the machine's user has not touched the keyboard or mouse; empty when nobody can tell. */
interface IdleSource {
    Optional<Duration> idleTime();

    /** Why {@link #idleTime()} is empty, for the log. */
    String unavailableReason();
}
