package xtremweb.common.config;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The keys one process's configuration may hold, so that a misspelt key is not silently ignored
 * (which leaves the default in force). An unknown key is a warning naming the key, the file and the
 * closest known key; an unknown key that is a near miss of a <em>guarded</em> key refuses the start,
 * because there the default is less safe than what the operator meant (the server listening on
 * every interface, jobs without a memory limit, a worker computing while its owner works...).
 *
 * <p>Keys the process actually read are known too, so a key added to a configuration parser is
 * never reported even before it is added to a list here. Keys of the manual that this rebuild does
 * not use are accepted quietly: an XtremWeb-HEP configuration file still starts.
 *
 * <p>The manual makes the client's file the worker's file ("the client configuration file is the
 * same as for the worker"), so both lists live here: the client accepts every key of the worker.
 */
public final class KnownKeys {
    /** The worker's keys ({@code conf/xtremweb.worker.conf}). */
    public static final KnownKeys WORKER = new KnownKeys("worker",
            List.of("dispatcher.servers", "port.https", "path.certfile", "login", "password", "password.file", "x509.cert", "x509.key",
                    "host.name", "worker.protocol",
                    "path.home", "path.tmpdir", "workpool.size", "job.timeout", "job.memory.max", "job.file.max",
                    "sandbox.enable", "sandbox.network", "sandbox.reuse", "data.privateaddresses", "activator.class", "activator.date", "cpuload",
                    "cpuload.hysteresis", "cpuload.resume.delay", "activator.idle.delay", "activator.period",
                    "activator.suspend.limit"),
            List.of("activator.class", "activator.date", "cpuload", "cpuload.hysteresis", "cpuload.resume.delay",
                    "activator.idle.delay", "sandbox.enable", "sandbox.network", "sandbox.reuse", "job.timeout", "job.memory.max",
                    "job.file.max", "data.privateaddresses"),
            List.of("port.tcp", "port.udp", "port.worker.http", "port.http", "port.xlmrpc", "port.sunrpc", "java.nio",
                    "alive.period", "update.restartCommand", "tomcat.port", "tracer.enable", "notify.enable",
                    "sandbox.name", "sandbox.args", "sandbox.embedded"));

    /** The client's keys: its own, and the worker's, which it does not use. */
    public static final KnownKeys CLIENT = new KnownKeys("client",
            List.of("dispatcher.servers", "port.https", "path.certfile", "login", "password", "password.file", "x509.cert",
                    "x509.key", "x509.proxy"),
            List.of(), WORKER.everyKey());

    private static final int NEAR = 2;

    private final String process;
    private final Set<String> keys;
    private final Set<String> guarded;
    private final Set<String> notUsed;

    /**
     * @param process what reads the file ({@code server}), for messages
     * @param keys    every key it honours
     * @param guarded the keys whose misspelling refuses the start
     * @param notUsed keys of the manual (or of the other process sharing the file) it accepts and ignores
     */
    public KnownKeys(String process, Collection<String> keys, Collection<String> guarded, Collection<String> notUsed) {
        this.process = process;
        this.keys = Set.copyOf(keys);
        this.guarded = Set.copyOf(guarded);
        this.notUsed = Set.copyOf(notUsed);
        if (!this.keys.containsAll(this.guarded)) {
            throw new IllegalArgumentException("guarded keys must be keys: " + guarded);
        }
    }

    /** Every key honoured or quietly accepted. */
    public Set<String> everyKey() {
        Set<String> all = new TreeSet<>(keys);
        all.addAll(notUsed);
        return all;
    }

    /**
     * Checks every key of {@code conf} (call it after the process has read its values). Returns one
     * warning per unknown key; throws a {@link ConfigException} naming the first unknown key that
     * is a near miss of a guarded key.
     */
    public List<String> check(XwConfig conf) {
        Set<String> known = new LinkedHashSet<>(everyKey());
        known.addAll(conf.askedKeys());
        List<String> warnings = new ArrayList<>();
        for (String key : new TreeSet<>(conf.keys())) {
            if (known.contains(key)) {
                continue;
            }
            Optional<String> meant = closest(key, guarded.stream().filter(g -> near(key, g)).toList());
            if (meant.isPresent()) {
                throw new ConfigException("key '" + key + "' in " + conf.source() + " is not a key of the " + process
                        + "; did you mean '" + meant.get() + "'? The " + process + " does not start: a misspelt '"
                        + meant.get() + "' would silently leave its default in force. Correct the key's name or remove"
                        + " the line.");
            }
            // A suggestion only when it may be what was meant: 'garbage' is not a typo of 'cpuload'.
            Optional<String> closest = closest(key, known).filter(k -> resembles(key, k));
            if (conf.written(key).isEmpty() && !key.contains(".") && closest.isEmpty()) {
                // A lone word that is no key: most likely a password put on the line after "password:".
                // Echoing it would print the secret on the terminal and into the service's log.
                warnings.add("a line of " + conf.source() + " is not 'key: value' and is ignored; its text is not shown,"
                        + " as it may be a password (a password goes on the line of 'password:', or in password.file)");
                continue;
            }
            warnings.add("key '" + key + "' in " + conf.source() + " is not a key of the " + process + " and is ignored"
                    + closest.map(c -> "; the closest known key is '" + c + "'").orElse(""));
        }
        return warnings;
    }

    /** The known key closest to {@code key} (edit distance, ignoring case), if any key is known. */
    static Optional<String> closest(String key, Collection<String> known) {
        String lower = key.toLowerCase(Locale.ROOT);
        return known.stream().min(Comparator.<String>comparingInt(k -> distance(lower, k.toLowerCase(Locale.ROOT)))
                .thenComparing(Comparator.naturalOrder()));
    }

    /** Close enough to suggest: a near miss, or at most a third of the key's characters edited. */
    static boolean resembles(String key, String known) {
        return near(key, known) || distance(key.toLowerCase(Locale.ROOT), known.toLowerCase(Locale.ROOT)) <= key.length() / 3;
    }

        /** A typo rather than another key: same letters up to case and separators, or at most two edits. */
    static boolean near(String key, String known) {
        return squeezed(key).equals(squeezed(known))
                || distance(key.toLowerCase(Locale.ROOT), known.toLowerCase(Locale.ROOT)) <= NEAR;
    }

    private static String squeezed(String key) {
        return key.toLowerCase(Locale.ROOT).replaceAll("[._-]", "");
    }

    /**
     * Edit distance counting an exchange of two neighbouring characters as one edit (optimal string
     * alignment): how far a typed name is from a known one, for configuration keys here and for the
     * client's command-line options.
     */
    public static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }
}
