/** Macro files ({@code --xwmacro}): one client command per line, run in order. */
package xtremweb.client.macro;
