/** The apps tab: apps and their binaries per OS and CPU; inserting, downloading a binary, deleting. */
package xtremweb.gui.apps;
