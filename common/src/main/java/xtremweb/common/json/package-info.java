/** The one JSON mapper every process uses for wire messages. */
package xtremweb.common.json;
