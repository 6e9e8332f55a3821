/** Pilot jobs: grants a bridge asks for, pilots registering with them, and the demand a bridge sizes its pilots by. */
package xtremweb.server.pilot;
