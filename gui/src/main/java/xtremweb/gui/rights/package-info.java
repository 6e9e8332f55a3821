/** Which actions the logged-in user is offered (the server decides; this only hides what it would refuse) and the chmod dialog. */
package xtremweb.gui.rights;
