/** X.509 grid credentials: certificates with their keys, proxy certificates (RFC 3820 and legacy Globus), distinguished names. */
package xtremweb.common.x509;
