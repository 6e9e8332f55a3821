package xtremweb.server.data;

import java.time.Duration;
import java.util.UUID;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import xtremweb.common.config.ConfigException;

/** The S3 client of the object store, and the check at start that says which key to fix when it cannot work. */
final class S3Clients {
    /**
     * Every download holds a connection for as long as it streams: as many as the HTTP threads
     * that could serve downloads at once, so downloads wait for a client, not for a connection.
     */
    private static final int MAX_CONNECTIONS = 400;
    private static final String READ = "read the bucket";

    private S3Clients() {
    }

    static S3Client create(S3Settings settings) {
        S3ClientBuilder builder = S3Client.builder()
                .region(Region.of(settings.region()))
                .credentialsProvider(credentials(settings))
                .httpClientBuilder(Apache5HttpClient.builder().maxConnections(MAX_CONNECTIONS)
                        .connectionAcquisitionTimeout(Duration.ofMinutes(1)))
                // Checksums only where S3 requires them: the content's SHA-256 is computed and checked
                // here anyway, and self-hosted stores do not all take the SDK's trailing checksums.
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED);
        // A self-hosted store (Ceph RGW, MinIO, Garage, S3Proxy) is addressed by path: no DNS name per bucket.
        settings.endpoint().ifPresent(endpoint -> builder.endpointOverride(endpoint).forcePathStyle(true));
        return builder.build();
    }

    private static AwsCredentialsProvider credentials(S3Settings settings) {
        if (settings.accessKey().isPresent() && settings.secretKey().isPresent()) {
            return StaticCredentialsProvider.create(AwsBasicCredentials.create(settings.accessKey().get(), settings.secretKey().get()));
        }
        return DefaultCredentialsProvider.builder().build();
    }

    /**
     * Reads the bucket and writes then removes a probe object under the prefix: a server that
     * starts can store data. Throws a {@link ConfigException} naming the key to fix otherwise.
     */
    static void check(S3Client s3, S3Settings settings) {
        String bucket = settings.bucket();
        try {
            s3.headBucket(b -> b.bucket(bucket));
        } catch (NoSuchBucketException e) {
            throw new ConfigException("data.store=s3: there is no bucket '" + bucket + "' in " + settings.where()
                    + "; create it (aws s3 mb, mc mb, radosgw-admin...) or fix s3.bucket");
        } catch (AwsServiceException e) {
            throw refused(settings, READ, e);
        } catch (SdkException e) {
            throw unreachable(settings, e);
        }
        String probe = settings.prefix() + "probe/" + UUID.randomUUID();
        try {
            s3.putObject(b -> b.bucket(bucket).key(probe), RequestBody.empty());
            s3.deleteObject(b -> b.bucket(bucket).key(probe));
        } catch (AwsServiceException e) {
            throw refused(settings, "write into the bucket", e);
        } catch (SdkException e) {
            throw unreachable(settings, e);
        }
    }

    private static ConfigException refused(S3Settings settings, String what, AwsServiceException e) {
        String code = e.awsErrorDetails() == null || e.awsErrorDetails().errorCode() == null ? "" : e.awsErrorDetails().errorCode();
        String fix = switch (e.statusCode()) {
            case 301, 307 -> "the bucket lives in another region: fix s3.region";
            case 400 -> code.contains("Region") || code.contains("Authorization")
                    ? "fix s3.region (the store signs for another region)" : "check s3.endpoint and s3.region";
            // Wrong keys answer 403 to the first call; keys that may read but not write, to the probe.
            case 403 -> what.equals(READ) || code.contains("Signature") || code.contains("AccessKey")
                    ? "the store refuses the credentials: fix s3.accessKey and s3.secretKey (or s3.secretKeyFile)"
                    : "the credentials may not " + what + ": grant them s3:GetObject, s3:PutObject, s3:DeleteObject,"
                            + " s3:ListBucket and the multipart permissions on the bucket, or fix s3.accessKey";
            default -> "see the store's logs; check s3.endpoint";
        };
        return new ConfigException("data.store=s3: the object store " + settings.where() + " answered HTTP " + e.statusCode()
                + (code.isEmpty() ? "" : " " + code) + " when asked to " + what + "; " + fix, e);
    }

    private static ConfigException unreachable(S3Settings settings, SdkException e) {
        String message = String.valueOf(e.getMessage());
        if (message.contains("credentials")) {
            return new ConfigException("data.store=s3: no credentials for " + settings.where() + " (" + message
                    + "); set s3.accessKey and s3.secretKey (or s3.secretKeyFile)", e);
        }
        return new ConfigException("data.store=s3: cannot reach the object store " + settings.where() + " (" + message
                + "); fix s3.endpoint, or start the store", e);
    }
}
