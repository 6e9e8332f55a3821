/**
 * Tables as every tab shows them: columns declared once, models holding ready-made values (renderers
 * only draw), sorting, filtering, selection kept across refreshes, columns remembered, and a line
 * saying what to do when a table is empty.
 */
package xtremweb.gui.table;
