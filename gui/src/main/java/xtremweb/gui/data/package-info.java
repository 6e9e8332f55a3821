/** The data tab: the user's data, inserted by dropping files on it, downloaded, its rights changed, deleted. */
package xtremweb.gui.data;
