/** The command-line client: one picocli command per manual script ({@code xwsendwork}, {@code xwresult}...). */
package xtremweb.client;
