/** Worker hosts: registration and host credentials. */
package xtremweb.server.host;
