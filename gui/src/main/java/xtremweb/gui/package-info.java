/** The graphical client ({@code bin/xwgui}): start-up and the wiring of its windows. */
package xtremweb.gui;
