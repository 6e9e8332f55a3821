/** The sessions and groups tabs: groupings of works, created, their works shown or downloaded, rights, deletion. */
package xtremweb.gui.groupings;
