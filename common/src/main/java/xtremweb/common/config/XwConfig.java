package xtremweb.common.config;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One process's configuration, read once at start-up then immutable.
 *
 * <p>Files use Java properties syntax, which accepts both the server's {@code key=value} and the
 * worker's {@code key:value} as the manual writes them. Every getter validates its value and
 * names the key and the file in its error, so an operator knows what to fix.
 */
public final class XwConfig {
    private final Map<String, String> values;
    private final String source;
    private final Path installDir;
    // The keys the process asked for: a key read by the code is known even if no list names it
    // (see KnownKeys). Only ever grows; the values themselves never change.
    private final Set<String> asked = ConcurrentHashMap.newKeySet();

    private XwConfig(Map<String, String> values, String source, Path installDir) {
        this.values = Map.copyOf(values);
        this.source = source;
        this.installDir = installDir;
    }

    /** A configuration from values in memory (tests, generated files). */
    public static XwConfig of(Map<String, String> values, String source, Path installDir) {
        return new XwConfig(values, source, installDir);
    }

    /** Reads one file; keys given in {@code overrides} (e.g. from system properties) win. */
    public static XwConfig read(Path file, Path installDir) {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
        } catch (CharacterCodingException e) {
            // Java says only "Input length = 1": a file saved as Latin-1 (an accent in a password), or not text at all.
            throw new ConfigException("cannot read configuration file " + file + ": it is not UTF-8 text; save it as UTF-8"
                    + " ('key: value' lines)", e);
        } catch (IOException e) {
            throw new ConfigException("cannot read configuration file " + file + ": " + e.getMessage(), e);
        }
        Map<String, String> values = new TreeMap<>();
        properties.stringPropertyNames().forEach(k -> values.put(k.trim(), properties.getProperty(k).trim()));
        return new XwConfig(values, file.toString(), installDir);
    }

    /**
     * Finds the configuration file in the manual's order: the explicit {@code --xwconfig} file,
     * then {@code <install>/conf/<confName>}, then {@code ~/.xtremweb/<homeName>}.
     */
    public static XwConfig locate(Optional<Path> explicit, Path installDir, String confName, String... homeNames) {
        if (explicit.isPresent()) {
            Path file = explicit.get();
            if (!Files.isReadable(file)) {
                throw new ConfigException("configuration file " + file + " (given with --xwconfig) does not exist or is not readable");
            }
            return read(file, installDir);
        }
        List<Path> candidates = new ArrayList<>();
        candidates.add(installDir.resolve("conf").resolve(confName));
        Path home = Path.of(System.getProperty("user.home"), ".xtremweb");
        for (String name : homeNames) {
            candidates.add(home.resolve(name));
        }
        for (Path candidate : candidates) {
            if (Files.isReadable(candidate)) {
                return read(candidate, installDir);
            }
        }
        throw new ConfigException("no configuration file found; looked at " + candidates + "; give one with --xwconfig");
    }

    /** The installation directory, against which relative paths are resolved. */
    public Path installDir() {
        return installDir;
    }

    /** Where these values came from, for messages. */
    public String source() {
        return source;
    }

    /** Every key the file holds, set or empty. */
    public Set<String> keys() {
        return values.keySet();
    }

    /** The keys the process asked for so far, whether the file holds them or not. */
    public Set<String> askedKeys() {
        return Set.copyOf(asked);
    }

    /** The value as written ("" for a line without one), without counting the key as asked for. */
    String written(String key) {
        return values.getOrDefault(key, "");
    }

    public Optional<String> optional(String key) {
        asked.add(key);
        String value = values.get(key);
        return value == null || value.isEmpty() ? Optional.empty() : Optional.of(value);
    }

    public String string(String key, String defaultValue) {
        return optional(key).orElse(defaultValue);
    }

    public String required(String key) {
        return optional(key).orElseThrow(() -> missing(key, ""));
    }

    /**
     * The error for a key the process needs and the file lacks, {@code advice} after it; when a key
     * of the file is a near miss of it ({@code logn:} for {@code login:}), that line is named: the
     * unknown-key report comes only after the whole file is read, which a missing key stops first.
     */
    public ConfigException missing(String key, String advice) {
        String misspelt = values.keySet().stream().filter(k -> !k.equals(key) && KnownKeys.near(k, key)).findFirst()
                .map(k -> " (it has the key '" + k + "': correct its name to '" + key + "')").orElse("");
        return new ConfigException("missing key '" + key + "' in " + source + misspelt + advice);
    }

    public int integer(String key, int defaultValue, int min, int max) {
        Optional<String> raw = optional(key);
        if (raw.isEmpty()) {
            return defaultValue;
        }
        try {
            int value = Integer.parseInt(raw.get());
            if (value < min || value > max) {
                throw new ConfigException("key '" + key + "' in " + source + " is " + value
                        + "; it must be between " + min + " and " + max);
            }
            return value;
        } catch (NumberFormatException e) {
            throw new ConfigException("key '" + key + "' in " + source + " must be a whole number, not '" + raw.get() + "'");
        }
    }

    public boolean bool(String key, boolean defaultValue) {
        Optional<String> raw = optional(key);
        if (raw.isEmpty()) {
            return defaultValue;
        }
        return switch (raw.get().toLowerCase()) {
            case "true", "yes", "on", "1" -> true;
            case "false", "no", "off", "0" -> false;
            default -> throw new ConfigException("key '" + key + "' in " + source + " must be true or false, not '" + raw.get() + "'");
        };
    }

    /** A path value; a relative one is resolved against the installation directory. */
    public Path path(String key, String defaultValue) {
        Path path = Path.of(string(key, defaultValue));
        return path.isAbsolute() ? path : installDir.resolve(path).normalize();
    }

    public Optional<Path> optionalPath(String key) {
        return optional(key).map(v -> {
            Path path = Path.of(v);
            return path.isAbsolute() ? path : installDir.resolve(path).normalize();
        });
    }

    /** A copy with some keys replaced (command-line overrides). */
    public XwConfig with(Map<String, String> overrides) {
        Map<String, String> merged = new TreeMap<>(values);
        merged.putAll(overrides);
        return new XwConfig(merged, source, installDir);
    }
}
