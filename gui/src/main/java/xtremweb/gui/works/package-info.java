/** The works tab: the user's works live, their details, submitting (one work or a sweep), results, rights, deletion. */
package xtremweb.gui.works;
