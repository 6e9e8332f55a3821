/** How listings are printed: a readable table for people, or complete XML, HTML, CSV or JSON for programs ({@code --xwformat}). */
package xtremweb.client.format;
