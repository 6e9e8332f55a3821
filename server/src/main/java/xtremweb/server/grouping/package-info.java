/** Sessions and groups of works: what a job is inserted into besides its owner's list (xwsendwork --xwsession, --xwgroup). */
package xtremweb.server.grouping;
