package xtremweb.server.certification;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Decides whether two results of one work agree. The built-in ones are {@code byte-equal} and
 * {@code numeric}; a deployment adds its own by implementing this interface in a jar on the
 * server's classpath that lists the class in
 * {@code META-INF/services/xtremweb.server.certification.ResultComparator}, and names it in an
 * app's replication policy ({@code xwsendapp --xwcomparator NAME}).
 *
 * <p>Implementations must be thread-safe, must stream the files rather than load them whole, and
 * must be symmetric: {@code agree(a, b) == agree(b, a)}.
 */
public interface ResultComparator {
    /** The name an app's policy uses: letters, digits, '.', '_' or '-'. */
    String name();

    /** Whether the two results (the zips the workers uploaded) are the same result. */
    boolean agree(Path first, Path second) throws IOException;
}
