package xtremweb.server.certificate;

import java.time.Instant;

/**
 * A chain that passed validation: whom it identifies (the end-entity certificate's subject, in the
 * canonical slash form), until when every certificate of it is valid, and how many proxies sit
 * below the end-entity certificate.
 */
record ValidatedChain(String identity, Instant notAfter, int proxies) {
}
