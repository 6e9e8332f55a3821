package xtremweb.server.data;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import xtremweb.common.config.ConfigException;
import xtremweb.common.config.XwConfig;

/**
 * Where an S3-compatible object store keeps data content ({@code data.store=s3} and the
 * {@code s3.*} keys of the server's configuration). Every server of a grid names the same bucket
 * and prefix.
 *
 * @param endpoint  the store's URL; empty for Amazon S3 itself (then the region picks the endpoint)
 * @param region    the signing region (self-hosted stores mostly accept any; Garage wants its own)
 * @param prefix    prepended to every key, so several grids may share one bucket ("" for none)
 * @param accessKey with {@code secretKey}; empty to use the AWS SDK's default chain (AWS_* variables,
 *                  ~/.aws/credentials, an instance role)
 * @param partSize  bytes per multipart part: an upload holds one (two while a part is sent) in memory
 */
public record S3Settings(Optional<URI> endpoint, String region, String bucket, String prefix, Optional<String> accessKey,
                         Optional<String> secretKey, int partSize) {
    public static final int DEFAULT_PART_MIB = 8;
    /** S3 refuses parts below 5 MiB (but the last) and above 5 GiB; the upper bound here is a heap's worth. */
    static final int MIN_PART_MIB = 5;
    static final int MAX_PART_MIB = 512;

    /** The object store chosen by {@code data.store=s3}, or empty for the local directory (the default). */
    public static Optional<S3Settings> from(XwConfig config) {
        String store = config.string("data.store", "local");
        if (store.equals("local")) {
            return Optional.empty();
        }
        if (!store.equals("s3")) {
            throw new ConfigException("key 'data.store' in " + config.source() + " must be local or s3, not '" + store + "'");
        }
        Optional<URI> endpoint = config.optional("s3.endpoint").map(value -> endpoint(config, value));
        String bucket = config.optional("s3.bucket").orElseThrow(() -> new ConfigException("data.store=s3 needs the key"
                + " 's3.bucket' in " + config.source() + ": the bucket every server of the grid keeps data in"));
        String prefix = config.string("s3.prefix", "");
        if (!prefix.isEmpty() && !prefix.matches("[A-Za-z0-9._/-]+/")) {
            throw new ConfigException("key 's3.prefix' in " + config.source() + " is '" + prefix
                    + "'; write letters, digits, '.', '_', '-' and '/', ending with '/' (like xtremweb/)");
        }
        Optional<String> accessKey = config.optional("s3.accessKey");
        Optional<String> secretKey = secret(config);
        if (accessKey.isPresent() != secretKey.isPresent()) {
            throw new ConfigException("key '" + (accessKey.isPresent() ? "s3.secretKey" : "s3.accessKey") + "' is missing in "
                    + config.source() + ": set both s3.accessKey and s3.secretKey (or s3.secretKeyFile), or neither to take"
                    + " the credentials from the environment (AWS_ACCESS_KEY_ID, ~/.aws/credentials, an instance role)");
        }
        int partMib = config.integer("s3.partSize", DEFAULT_PART_MIB, MIN_PART_MIB, MAX_PART_MIB);
        return Optional.of(new S3Settings(endpoint, config.string("s3.region", "us-east-1"), bucket, prefix, accessKey, secretKey,
                partMib * 1024 * 1024));
    }

    /** Where the store is, for messages: the endpoint, or Amazon S3 in the region. */
    public String where() {
        return "s3://" + bucket + "/" + prefix + " at " + endpoint.map(URI::toString).orElse("Amazon S3 (" + region + ")");
    }

    private static URI endpoint(XwConfig config, String value) {
        try {
            URI uri = new URI(value);
            if ((!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme())) || uri.getHost() == null) {
                throw new URISyntaxException(value, "not an http:// or https:// URL with a host");
            }
            return uri;
        } catch (URISyntaxException e) {
            throw new ConfigException("key 's3.endpoint' in " + config.source() + " is '" + value
                    + "'; write the store's URL, like http://127.0.0.1:7480 (Ceph RGW) or https://s3.example.org");
        }
    }

    /** s3.secretKey, or the first line of s3.secretKeyFile (a file only the server's user reads). */
    private static Optional<String> secret(XwConfig config) {
        Optional<String> inline = config.optional("s3.secretKey");
        Optional<Path> file = config.optionalPath("s3.secretKeyFile");
        if (inline.isPresent() && file.isPresent()) {
            throw new ConfigException("keys 's3.secretKey' and 's3.secretKeyFile' are both set in " + config.source()
                    + "; keep one");
        }
        if (file.isEmpty()) {
            return inline;
        }
        try {
            String secret = Files.readString(file.get()).lines().findFirst().orElse("").strip();
            if (secret.isEmpty()) {
                throw new ConfigException("key 's3.secretKeyFile' in " + config.source() + " names " + file.get()
                        + ", which is empty; write the secret key on its first line");
            }
            return Optional.of(secret);
        } catch (IOException e) {
            throw new ConfigException("key 's3.secretKeyFile' in " + config.source() + " names " + file.get()
                    + ", which cannot be read: " + e.getMessage());
        }
    }

    @Override
    public String toString() {
        return "S3Settings[" + where() + ", accessKey=" + accessKey.orElse("(environment)") + ", partSize=" + partSize + "]";
    }
}
