/**
 * The command-line client: one picocli command per manual script ({@code xwsendwork}, {@code xwresult}...).
 * The commands only parse, call the client library ({@code api}, {@code result}, {@code sweep}, shared
 * with the GUI) and print.
 */
package xtremweb.client;
