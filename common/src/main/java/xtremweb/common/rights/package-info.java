/** Unix-style access rights (owner / group / others x read / write / execute). */
package xtremweb.common.rights;
