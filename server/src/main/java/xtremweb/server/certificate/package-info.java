/**
 * Logging in with a certificate: the CAs and CRLs the server trusts, the validation of a client's
 * chain (PKIX for the end-entity certificate, RFC 3820 rules for the proxies below it), and the
 * login that maps the certificate's DN to its user.
 */
package xtremweb.server.certificate;
