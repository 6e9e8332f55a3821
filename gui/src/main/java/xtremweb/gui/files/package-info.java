/** Files on the user's side: choosing folders and files (remembered per purpose) and opening what was downloaded. */
package xtremweb.gui.files;
