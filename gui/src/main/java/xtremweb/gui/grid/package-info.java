/** The grid's side: the workers the user may see (switched on or off) and the tasks, attempts of works on workers. */
package xtremweb.gui.grid;
