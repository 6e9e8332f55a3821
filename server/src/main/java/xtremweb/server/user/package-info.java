/** Users, passwords, login tokens, first-start accounts and request authentication. */
package xtremweb.server.user;
