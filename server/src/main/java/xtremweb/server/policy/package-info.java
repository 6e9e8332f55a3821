/** Who may read, write or execute what: the one access-policy component. */
package xtremweb.server.policy;
