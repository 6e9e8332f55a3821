/** What probes call: {@code GET /health} (the process serves) and {@code GET /ready} (it can do its job). */
package xtremweb.server.health;
