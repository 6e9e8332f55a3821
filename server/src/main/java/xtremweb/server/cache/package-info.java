/**
 * Short-lived copies in memory of rows every call would otherwise read again (resolved tokens, host
 * rows, the grid's platforms): what lets a work request or a heartbeat cost no database round trip.
 */
package xtremweb.server.cache;
