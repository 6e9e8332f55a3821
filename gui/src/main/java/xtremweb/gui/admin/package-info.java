/** The administration tab (SUPER_USER only): users and user groups, created, listed, deleted. */
package xtremweb.gui.admin;
