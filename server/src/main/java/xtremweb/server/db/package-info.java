/** Connection pool, schema migrations and small JDBC helpers shared by the repositories. */
package xtremweb.server.db;
