/** Operating system and CPU names as the platform writes them (linux / amd64), whatever Java calls them. */
package xtremweb.common.platform;
