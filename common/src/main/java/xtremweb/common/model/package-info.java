/** The manual's vocabulary as types: user rights, work and task states, data states, platforms. */
package xtremweb.common.model;
