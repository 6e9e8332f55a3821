package xtremweb.worker.volunteer;

import java.nio.file.Path;
import java.util.function.Function;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import xtremweb.common.config.ConfigException;
import xtremweb.common.volunteer.OwnerControl;
import xtremweb.worker.activator.Activator;
import xtremweb.worker.activator.ActivatorSettings;
import xtremweb.worker.loop.Activation;

/**
 * What the machine's owner asked in the volunteer's window, as the worker follows it: paused (no new
 * work; running tasks may finish) and the activation policy in force. Each revision of the control
 * file is taken once; a policy the worker cannot use is refused with a sentence (shown in the
 * window) and the one in force stays.
 */
public final class OwnerWishes {
    private static final Logger LOG = LoggerFactory.getLogger(OwnerWishes.class);
    private final ActivatorSettings configured;
    private final Function<ActivatorSettings, Activator> build;
    private final Activation activation;
    private final Path controlFile;
    private volatile boolean paused;
    private volatile long revision = -1;
    private volatile String problem;
    private volatile String unreadable;
    private volatile ActivatorSettings policy;
    private volatile boolean ownPolicy;

    /**
     * @param configured the policy of the configuration file
     * @param build      makes the activator of a policy
     */
    public OwnerWishes(ActivatorSettings configured, Function<ActivatorSettings, Activator> build, Activation activation,
                       Path controlFile) {
        this.configured = configured;
        this.build = build;
        this.activation = activation;
        this.controlFile = controlFile;
        this.policy = configured;
    }

    /** Takes what the owner asks, once per revision; the first call is the worker's start. */
    public synchronized void take(OwnerControl control) {
        unreadable = null;
        if (control.revision() == revision) {
            return;
        }
        boolean first = revision < 0;
        String refused = null;
        ActivatorSettings wanted = configured;
        if (control.ownPolicy()) {
            try {
                wanted = configured.withPolicy(control.activatorClass(), control.activatorDate(),
                        "chosen in the volunteer's window");
            } catch (ConfigException e) {
                refused = "The worker keeps the activation policy " + activation.policy() + ": " + e.getMessage() + ".";
                wanted = policy;
                LOG.warn("the activation policy chosen in the volunteer's window ({}) is refused: {}", controlFile, e.getMessage());
            }
        }
        if (refused == null) {
            ownPolicy = control.ownPolicy();
        }
        if (!wanted.equals(policy)) {
            policy = wanted;
            activation.use(build.apply(wanted), control.ownPolicy() ? "chosen by the owner in the volunteer's window, "
                    + controlFile : "the owner went back to the configuration file's in the volunteer's window");
        }
        if (control.paused() != paused || first && control.paused()) {
            paused = control.paused();
            if (first) {
                LOG.info("the worker starts paused: its owner paused it in the volunteer's window ({}); no work until it is"
                        + " resumed there (bin/xwgui --xwworker)", controlFile);
            } else if (paused) {
                LOG.info("the owner paused computing in the volunteer's window: no new work from now on; the running task(s)"
                        + " may finish");
            } else {
                LOG.info("the owner resumed computing in the volunteer's window: asking for work again");
            }
        }
        problem = refused;
        revision = control.revision();
    }

    /** The control file could not be read: said in the status, what was taken before stays. */
    public void unreadable(String why) {
        unreadable = why;
    }

    /** The owner paused computing: no new work. */
    public boolean paused() {
        return paused;
    }

    /** The control revision last taken; 0 when the owner never used the window. */
    public long revision() {
        return Math.max(0, revision);
    }

    /** Why the last revision (or the control file) was refused, as a sentence; null when all went well. */
    public String problem() {
        String now = unreadable;
        return now != null ? now : problem;
    }

    public ActivatorSettings policy() {
        return policy;
    }

    /** Whether the policy in force is the owner's choice rather than the configuration file's. */
    public boolean ownPolicy() {
        return ownPolicy;
    }
}
